// Copyright 2026 the npy authors. MIT license.
// The truth behind two reader tables: runs the real npyjs 1.2.0 and
// numpy-parser 1.2.3 (npm) on a file and says whether each returns what
// numpy's np.load returns: no exception, the same shape, and the same values
// in the same order. Used by tests, the fuzzers and the corpus generator;
// never by the validator itself (which must not run other programs' code).

import npyjs from "npm:npyjs@1.2.0";
import * as numpyParser from "npm:numpy-parser@1.2.3";
import { decode } from "../codec/decode.ts";
import { readHeader } from "../codec/header.ts";
import type { NpyArray } from "../codec/types.ts";

/** What a real reader did with a file. */
export interface Observed {
  /** It returned numpy's shape and values without an exception. */
  ok: boolean;
  /** "ok", or how it failed or where it differs. */
  detail: string;
}

/** The readers that run here. */
export type RunnableReader = "npyjs" | "numpy-parser";

/** The runnable readers, in table order. */
export const RUNNABLE_READERS: readonly RunnableReader[] = ["npyjs", "numpy-parser"];

/** The values of an array as a flat list of comparable JS values, in storage order. */
function flatValues(a: NpyArray): unknown[] | undefined {
  const d = a.data;
  const k = a.dtype.kind;
  if (k === "b") return [...(d as Uint8Array)].map((x) => x !== 0);
  if (Array.isArray(d)) return d;
  if (ArrayBuffer.isView(d)) {
    if (k === "V" || (k === "f" && a.dtype.itemsize > 8) || (k === "c" && a.dtype.itemsize > 16)) {
      return undefined; // raw bytes: no reader here returns these as values
    }
    return Array.from(d as unknown as ArrayLike<unknown>);
  }
  return undefined; // structured
}

function same(x: unknown, y: unknown): boolean {
  // A bool read as the number 0 or 1 is the same value.
  if (typeof y === "boolean" && typeof x === "number") return x === (y ? 1 : 0);
  if (typeof x === "number" && typeof y === "number") {
    return Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y));
  }
  return x === y;
}

function show(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

function compare(reference: NpyArray, data: unknown, shape: unknown, fortran: boolean): Observed {
  if (
    !Array.isArray(shape) || shape.length !== reference.shape.length ||
    shape.some((x, i) => x !== reference.shape[i])
  ) {
    return {
      ok: false,
      detail: `returns shape ${JSON.stringify(shape)} for numpy's [${reference.shape.join(", ")}]`,
    };
  }
  if (fortran !== reference.fortranOrder && reference.shape.filter((d) => d > 1).length > 1) {
    return { ok: false, detail: "returns Fortran-order data as C order" };
  }
  const want = flatValues(reference);
  if (want === undefined) return { ok: false, detail: "returns a dtype numpy gives no values of" };
  const got = Array.isArray(data)
    ? data
    : ArrayBuffer.isView(data)
    ? Array.from(data as unknown as ArrayLike<unknown>)
    : undefined;
  if (got === undefined) return { ok: false, detail: `returns ${typeof data} as data` };
  if (got.length !== want.length) {
    return { ok: false, detail: `returns ${got.length} values where numpy has ${want.length}` };
  }
  for (let i = 0; i < want.length; i++) {
    if (!same(got[i], want[i])) {
      return {
        ok: false,
        detail: `value ${i} is ${show(got[i])} (${typeof got[i]}) where numpy has ${
          show(want[i])
        } (${typeof want[i]})`,
      };
    }
  }
  return { ok: true, detail: "ok" };
}

/**
 * Runs npyjs and numpy-parser on a file.
 *
 * @param bytes The file.
 * @returns What each reader did, or undefined when numpy cannot read the
 * header (the validator does not evaluate readers then). A file whose header
 * numpy reads but whose data it refuses is read correctly by no reader.
 */
export function observeReaders(bytes: Uint8Array): Record<RunnableReader, Observed> | undefined {
  try {
    readHeader(bytes, { maxHeaderSize: Infinity });
  } catch {
    return undefined;
  }
  let reference: NpyArray | undefined;
  let refusal = "";
  try {
    reference = decode(bytes, { copy: true, maxHeaderSize: Infinity });
  } catch (e) {
    refusal = (e as Error).message;
  }
  const run = (f: () => { data: unknown; shape: unknown; fortranOrder?: boolean }): Observed => {
    const warn = console.warn;
    console.warn = () => {};
    try {
      const r = f();
      if (reference === undefined) {
        return { ok: false, detail: `returns data where numpy refuses the file (${refusal})` };
      }
      return compare(reference, r.data, r.shape, r.fortranOrder ?? false);
    } catch (e) {
      return { ok: false, detail: `throws: ${(e as Error).message}` };
    } finally {
      console.warn = warn;
    }
  };
  const buffer = () => bytes.slice().buffer;
  return {
    npyjs: run(() => new npyjs().parse(buffer())),
    "numpy-parser": run(() => numpyParser.fromArrayBuffer(buffer())),
  };
}
