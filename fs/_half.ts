// Copyright 2026 the npy authors. MIT license.
// float16 data on runtimes without Float16Array (Node 20): load() widens it
// to float32 in chunks read straight from the file into the output, with no
// staging copy of the whole data.

import { NpyError } from "../codec/errors.ts";
import type { NpyHeader } from "../codec/header.ts";
import { F16, LITTLE_ENDIAN, widenHalf } from "../codec/_layout.ts";
import type { NpyArray } from "../codec/types.ts";

/** Bytes of float16 read per chunk. */
export const HALF_CHUNK: number = 1 << 20;

/** Whether load() widens f2 itself: on runtimes without Float16Array (a switch for tests). */
export const WIDEN_HALF: { on: boolean } = { on: F16 === undefined };

/** Whether the header's dtype is a plain float16. */
export function isHalf(h: NpyHeader): boolean {
  return h.dtype.kind === "f" && h.dtype.itemsize === 2;
}

function done(h: NpyHeader, data: Float32Array): NpyArray {
  return { dtype: h.dtype, shape: h.shape, fortranOrder: h.fortranOrder, data };
}

function short(): never {
  throw new NpyError("TRUNCATED_DATA", "the file became shorter while it was read");
}

/** The header's float16 data as float32, read with `read(buf, position)` (bytes read). */
export function widenFromFileSync(
  h: NpyHeader,
  read: (buf: Uint8Array, position: number) => number,
): NpyArray {
  const out = new Float32Array(h.count);
  const chunk = new Uint8Array(Math.min(HALF_CHUNK, h.count * 2));
  const native = (h.dtype.kind !== "struct" && h.dtype.kind !== "subarray" &&
    h.dtype.byteOrder === "<") === LITTLE_ENDIAN;
  for (let i = 0; i < h.count; i += HALF_CHUNK / 2) {
    const n = Math.min(HALF_CHUNK / 2, h.count - i);
    const b = chunk.subarray(0, n * 2);
    if (read(b, h.dataOffset + i * 2) < b.length) short();
    widenHalf(b, n, native, out.subarray(i, i + n));
  }
  return done(h, out);
}

/** {@linkcode widenFromFileSync} with an asynchronous `read`. */
export async function widenFromFile(
  h: NpyHeader,
  read: (buf: Uint8Array, position: number) => Promise<number>,
): Promise<NpyArray> {
  const out = new Float32Array(h.count);
  const chunk = new Uint8Array(Math.min(HALF_CHUNK, h.count * 2));
  const native = (h.dtype.kind !== "struct" && h.dtype.kind !== "subarray" &&
    h.dtype.byteOrder === "<") === LITTLE_ENDIAN;
  for (let i = 0; i < h.count; i += HALF_CHUNK / 2) {
    const n = Math.min(HALF_CHUNK / 2, h.count - i);
    const b = chunk.subarray(0, n * 2);
    if (await read(b, h.dataOffset + i * 2) < b.length) short();
    widenHalf(b, n, native, out.subarray(i, i + n));
  }
  return done(h, out);
}
