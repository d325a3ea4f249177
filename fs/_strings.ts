// Copyright 2026 the npy authors. MIT license.
// `S` and `U` data read in chunks: load() decodes the strings from one
// reused 1 MiB buffer instead of reading the whole data into fresh memory
// first (each fresh 4 KiB page is a fault). When an element holds code
// units no JS string carries, the result must keep the raw data (`bytes`):
// then these return undefined and load() reads the data whole.

import type { NpyHeader } from "../codec/header.ts";
import { type ReadOptions, readTextInto } from "../codec/_layout.ts";
import type { NpyArray, ScalarDType } from "../codec/types.ts";
import { NpyError } from "../codec/errors.ts";

/** Bytes of string data read per chunk (whole elements). */
export const TEXT_CHUNK: number = 1 << 20;

/** Whether the header's dtype is a plain `S` or `U` with data worth reading in chunks. */
export function isChunkedText(h: NpyHeader): boolean {
  return (h.dtype.kind === "S" || h.dtype.kind === "U") && h.dtype.itemsize > 0 &&
    h.count * h.dtype.itemsize > TEXT_CHUNK;
}

function short(): never {
  throw new NpyError("TRUNCATED_DATA", "the file became shorter while it was read");
}

function plan(h: NpyHeader): { dt: ScalarDType; per: number; buf: Uint8Array } {
  const dt = h.dtype as ScalarDType;
  const per = Math.max(1, Math.floor(TEXT_CHUNK / dt.itemsize));
  return { dt, per, buf: new Uint8Array(Math.min(per, h.count) * dt.itemsize) };
}

function done(h: NpyHeader, data: string[]): NpyArray {
  return { dtype: h.dtype, shape: h.shape, fortranOrder: h.fortranOrder, data };
}

/** The header's strings, read with `read(buf, position)` (bytes read); undefined when lossy. */
export function textFromFileSync(
  h: NpyHeader,
  read: (buf: Uint8Array, position: number) => number,
): NpyArray | undefined {
  const { dt, per, buf } = plan(h);
  const out: string[] = new Array(h.count);
  const opts: ReadOptions = { copy: false, inPlace: false };
  for (let i = 0; i < h.count; i += per) {
    const n = Math.min(per, h.count - i);
    const b = buf.subarray(0, n * dt.itemsize);
    if (read(b, h.dataOffset + i * dt.itemsize) < b.length) short();
    readTextInto(b, n, dt, opts, out, i);
    if (opts.lossy) return undefined;
  }
  return done(h, out);
}

/** {@linkcode textFromFileSync} with an asynchronous `read`. */
export async function textFromFile(
  h: NpyHeader,
  read: (buf: Uint8Array, position: number) => Promise<number>,
): Promise<NpyArray | undefined> {
  const { dt, per, buf } = plan(h);
  const out: string[] = new Array(h.count);
  const opts: ReadOptions = { copy: false, inPlace: false };
  for (let i = 0; i < h.count; i += per) {
    const n = Math.min(per, h.count - i);
    const b = buf.subarray(0, n * dt.itemsize);
    if (await read(b, h.dataOffset + i * dt.itemsize) < b.length) short();
    readTextInto(b, n, dt, opts, out, i);
    if (opts.lossy) return undefined;
  }
  return done(h, out);
}
