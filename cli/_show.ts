// Copyright 2026 the npy authors. MIT license.
// `npy show`: numpy's print() of a file, reading only what is printed.

import { decode, type DecodeOptions } from "../codec/decode.ts";
import { type NpyHeader, readHeader } from "../codec/header.ts";
import { type JsonValue, stringifyJson } from "../codec/json.ts";
import { JsonValuesWriter, pushArray } from "../codec/_json_writer.ts";
import { formatDescr } from "../codec/descr.ts";
import type { NpyArray } from "../codec/types.ts";
import { NpyFile, openNpy } from "../fs/file.ts";
import { type CliIo, readInput, readStdin, resolvePath } from "./_io.ts";
import { formatArray, formatRepr, MAX_PRINTED, printedIndices } from "./print.ts";
import { NpyError } from "../codec/errors.ts";
import { sniff } from "../zip/load_any.ts";
import { showNpz } from "./_show_npz.ts";
import { closeSync, openSync, readSync } from "node:fs";

function shapeRepr(shape: number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

function headerLine(file: string, header: NpyHeader): string {
  return `${file}: version ${header.version[0]}.0, descr ${
    formatDescr(header.dtype)
  }, fortran_order ${header.fortranOrder ? "True" : "False"}, shape ${shapeRepr(header.shape)}`;
}

/** Nothing in a file bounds the count of zero-size elements: refuse billions of JSON values. */
function checkJson(header: NpyHeader): void {
  if (header.dtype.itemsize === 0 && header.count > MAX_PRINTED) {
    throw new NpyError(
      "TOO_LARGE",
      `${header.count} zero-size elements would make ${header.count} JSON values; ` +
        `refusing more than ${MAX_PRINTED}`,
    );
  }
}

/** Bytes of data read at a time when `--json` reads a file in blocks. */
const JSON_BLOCK_BYTES = 1 << 18;

/** Whether the data's order in the file is logical C order (JSON's), so it can be read in blocks. */
function inJsonOrder(header: NpyHeader): boolean {
  return !header.fortranOrder || header.shape.filter((d) => d > 1).length <= 1;
}

/**
 * One JSON line with every value, formatted into one reused buffer and
 * written as it fills: from the array, or from a file read in blocks (its
 * data must be in logical C order).
 */
async function writeJson(
  file: string,
  header: NpyHeader,
  values: NpyArray | NpyFile,
  io: CliIo,
): Promise<void> {
  const head = stringifyJson({
    file,
    version: [header.version[0], header.version[1]],
    descr: header.descr as JsonValue,
    fortran_order: header.fortranOrder,
    shape: header.shape,
  });
  const pieces: string[] = [];
  const text = io.write ? io.write.bind(io) : (t: string) => void pieces.push(t);
  const decoder = new TextDecoder();
  let started = false;
  const sink = (b: Uint8Array): void => {
    started = true;
    if (io.writeBytes) io.writeBytes(b);
    else {
      const t = decoder.decode(b, { stream: true });
      if (t.length > 0) text(t);
    }
  };
  const { dtype, shape } = values instanceof NpyFile ? header : values;
  const writer = new JsonValuesWriter(dtype, shape, sink);
  try {
    writer.text(`${head.slice(0, -1)},"values":`);
    if (values instanceof NpyFile) {
      const rowsPerBlock = Math.max(1, Math.floor(JSON_BLOCK_BYTES / (values.rowBytes || 1)));
      for await (const block of values.blocks({ reuse: true, rowsPerBlock })) {
        writer.push(block.data, 0, 1, block.shape.reduce((a, b) => a * b, 1));
      }
    } else {
      pushArray(writer, values);
    }
    writer.end();
  } catch (e) {
    // The error's own line must not continue the values written so far.
    if (started) sink(new Uint8Array([0x0a]));
    throw e;
  }
  writer.text(io.writeBytes || io.write ? "}\n" : "}");
  writer.flush();
  const rest = decoder.decode();
  if (rest.length > 0) text(rest);
  if (!io.writeBytes && !io.write) io.out(pieces.join(""));
}

/** Storage-order indices of the elements numpy prints, ascending, and their count per axis. */
function printedPositions(header: NpyHeader): { positions: number[]; shape: number[] } {
  const shape = header.shape;
  const kept = printedIndices(shape);
  const n = kept.reduce((a, k) => a * k.length, 1);
  if (n > MAX_PRINTED) {
    throw new NpyError(
      "TOO_LARGE",
      `numpy would print all ${n} elements (it never shortens an axis of 6 or fewer); ` +
        `refusing to print more than ${MAX_PRINTED}`,
    );
  }
  const nd = shape.length;
  const strides = new Array<number>(nd);
  let s = 1;
  for (let k = 0; k < nd; k++) {
    const i = header.fortranOrder ? k : nd - 1 - k;
    strides[i] = s;
    s *= shape[i];
  }
  // Storage order: the fastest axis varies fastest.
  const order = header.fortranOrder ? [...kept.keys()].reverse() : [...kept.keys()];
  let positions = [0];
  for (const ax of order) {
    const next: number[] = [];
    for (const base of positions) for (const k of kept[ax]) next.push(base + k * strides[ax]);
    positions = next;
  }
  return { positions, shape: kept.map((k) => k.length) };
}

/** One file for `show`: the header, then the array as numpy prints it, reading only what is printed. */
/** Options of {@linkcode showFile}. */
export interface ShowOptions {
  /** One JSON object with all the values instead of numpy's text. */
  json: boolean;
  /** numpy's max_header_size. */
  maxHeaderSize?: number;
  /** Print numpy's repr() (`array([...], dtype=...)`) instead of its print(). */
  repr?: boolean;
  /** Read object arrays with the safe unpickler (numpy's allow_pickle=True). */
  allowPickle?: boolean;
  /** How Python 2 strings in a pickle are read (numpy's encoding=). */
  encoding?: DecodeOptions["encoding"];
}

/**
 * `npy show` of one file: the header line, then the array as numpy prints
 * it, reading only the printed elements (or, with `json`, one JSON line with
 * every value). An .npz archive prints each member. `-` is standard input,
 * read whole.
 *
 * @returns 0, or 1 when a member of an archive was refused (a refused file throws).
 */
export async function showFile(file: string, options: ShowOptions, io: CliIo): Promise<number> {
  const { json, maxHeaderSize: maxHeader, allowPickle, encoding } = options;
  const format = options.repr ? formatRepr : formatArray;
  // Object arrays are one pickle: with allowPickle the file is read whole.
  const whole = file === "-" ? readStdin() : allowPickle ? readInput(file) : undefined;
  const head = whole ?? firstBytes(resolvePath(file), 6);
  if (sniff(head.subarray(0, 6)) === "npz") {
    return await showNpz(
      file,
      whole ?? resolvePath(file),
      { json, maxHeaderSize: maxHeader, format, allowPickle, encoding },
      io,
    );
  }
  if (whole !== undefined) {
    const bytes = whole;
    const header = readHeader(bytes, { maxHeaderSize: maxHeader, allowPickle });
    if (json) checkJson(header);
    const array = decode(bytes, { maxHeaderSize: maxHeader, allowPickle, encoding });
    if (json) await writeJson(file, header, array, io);
    else {
      io.out(headerLine(file, header));
      io.out(format(array));
    }
    return 0;
  }
  const f = await openNpy(resolvePath(file), { maxHeaderSize: maxHeader });
  try {
    const header = f.header;
    if (json) {
      checkJson(header);
      await writeJson(file, header, inJsonOrder(header) ? f : await f.read(), io);
      return 0;
    }
    let text: string;
    if (header.count <= 1000 || header.dtype.kind === "subarray") {
      text = format(await f.read());
    } else {
      const { positions, shape } = printedPositions(header);
      const some = await f.readElements(positions);
      text = format({ ...some, shape, fortranOrder: header.fortranOrder }, {
        fullShape: header.shape,
      });
    }
    io.out(headerLine(file, header));
    io.out(text);
    return 0;
  } finally {
    await f.close();
  }
}

/** The first `n` bytes of a file (fewer if it is shorter). */
function firstBytes(path: string, n: number): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const b = new Uint8Array(n);
    return b.subarray(0, readSync(fd, b, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}
