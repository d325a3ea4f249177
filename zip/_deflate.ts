// Copyright 2026 the npy authors. MIT license.

// Raw deflate that reproduces CPython's zlib byte for byte.
//
// numpy's savez_compressed members are `zlib.compressobj(6, zlib.DEFLATED,
// -15)` of the whole member (level 6, raw deflate, a 32 KiB window, memLevel
// 8, the default strategy); zlib's output does not depend on how the input is
// cut into chunks. pako is a line-by-line port of zlib; with `legacyHash` it
// uses zlib's own hash function and so chooses the same matches (without it,
// pako 2.2+ hashes like Chromium's zlib fork, which Node and Deno ship, and
// the bytes differ). Checked against CPython 3.11 with zlib 1.2.13 in
// zip/deflate_test.ts.

import { Deflate } from "pako";

/** zlib's default level, what numpy's savez_compressed uses. */
export const DEFLATE_LEVEL = 6;

const OUT_CHUNK = 1 << 16;

/**
 * An incremental raw deflater: {@linkcode RawDeflater.push} input in any
 * chunks, then {@linkcode RawDeflater.finish}; each returns the compressed
 * chunks produced so far (fresh buffers, safe to keep).
 */
export class RawDeflater {
  #d: Deflate;
  #out: Uint8Array[] = [];

  constructor(level: number = DEFLATE_LEVEL) {
    this.#d = new Deflate({
      level,
      raw: true,
      windowBits: 15,
      memLevel: 8,
      legacyHash: true,
      chunkSize: OUT_CHUNK,
    });
    this.#d.onData = (chunk: Uint8Array) => {
      this.#out.push(chunk);
    };
    this.#d.onEnd = () => {};
  }

  #take(ok: boolean): Uint8Array[] {
    if (!ok && this.#d.err !== 0) throw new Error(`deflate failed: ${this.#d.msg}`);
    const out = this.#out;
    this.#out = [];
    return out;
  }

  /** Compresses more input; returns the output chunks that are complete. */
  push(bytes: Uint8Array): Uint8Array[] {
    if (bytes.length === 0) return [];
    return this.#take(this.#d.push(bytes, false));
  }

  /** Ends the stream; returns the remaining output. */
  finish(): Uint8Array[] {
    return this.#take(this.#d.push(new Uint8Array(0), true));
  }
}

/** The raw deflate of `bytes` in one buffer, as `zlib.compressobj(6, DEFLATED, -15)`. */
export function deflateRaw(bytes: Uint8Array, level: number = DEFLATE_LEVEL): Uint8Array {
  const d = new RawDeflater(level);
  return concat([...d.push(bytes), ...d.finish()]);
}

/** The chunks joined into one buffer. */
export function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
