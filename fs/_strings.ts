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

/** The chunks of a read: where each is read into, and what to do with it once read. */
function chunked(h: NpyHeader) {
  const dt = h.dtype as ScalarDType;
  const per = Math.max(1, Math.floor(TEXT_CHUNK / dt.itemsize));
  const buf = new Uint8Array(Math.min(per, h.count) * dt.itemsize);
  const out: string[] = new Array(h.count);
  const opts: ReadOptions = { copy: false, inPlace: false };
  return {
    per,
    /** The buffer for the chunk from element `i`, and where in the file it starts. */
    at: (i: number) => ({
      b: buf.subarray(0, Math.min(per, h.count - i) * dt.itemsize),
      position: h.dataOffset + i * dt.itemsize,
    }),
    /** Decodes chunk `b` (read in full, or short) from element `i`; false when lossy. */
    take(i: number, b: Uint8Array, got: number): boolean {
      if (got < b.length) short();
      readTextInto(b, b.length / dt.itemsize, dt, opts, out, i);
      return !opts.lossy;
    },
    done: (): NpyArray => ({
      dtype: h.dtype,
      shape: h.shape,
      fortranOrder: h.fortranOrder,
      data: out,
    }),
  };
}

/** The header's strings, read with `read(buf, position)` (bytes read); undefined when lossy. */
export function textFromFileSync(
  h: NpyHeader,
  read: (buf: Uint8Array, position: number) => number,
): NpyArray | undefined {
  const c = chunked(h);
  for (let i = 0; i < h.count; i += c.per) {
    const { b, position } = c.at(i);
    if (!c.take(i, b, read(b, position))) return undefined;
  }
  return c.done();
}

/** {@linkcode textFromFileSync} with an asynchronous `read`. */
export async function textFromFile(
  h: NpyHeader,
  read: (buf: Uint8Array, position: number) => Promise<number>,
): Promise<NpyArray | undefined> {
  const c = chunked(h);
  for (let i = 0; i < h.count; i += c.per) {
    const { b, position } = c.at(i);
    if (!c.take(i, b, await read(b, position))) return undefined;
  }
  return c.done();
}
