// Copyright 2026 the npy authors. MIT license.

/**
 * Random-access byte sources for the zip reader: bytes in memory, a
 * `Blob`/`File` (read in slices, so a browser never reads a dropped file
 * whole), or anything else that can read a range (a file handle in `./fs`).
 *
 * @module
 */

/**
 * Bytes that can be read at any offset. `read(offset, length)` resolves to
 * exactly `length` bytes, or fewer only when the range runs past `size`.
 */
export interface ByteSource {
  /** Total bytes. */
  readonly size: number;
  /**
   * True when `read()` returns new memory that the caller may keep and
   * change (a file, a Blob); false when it returns views of memory the
   * source's owner still holds (bytes in memory).
   */
  readonly fresh: boolean;
  /**
   * Reads a range.
   *
   * @param offset First byte.
   * @param length How many bytes.
   * @returns The bytes: exactly `length`, or fewer at the end of the source.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Releases what the source holds, if anything. */
  close?(): Promise<void>;
}

/**
 * A source over bytes in memory; reads are views of `bytes`, not copies.
 *
 * @example
 * ```ts
 * import { bytesSource } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const src = bytesSource(new Uint8Array([1, 2, 3, 4]));
 * assert.equal(src.size, 4);
 * assert.deepEqual(await src.read(1, 2), new Uint8Array([2, 3]));
 * assert.deepEqual(await src.read(3, 9), new Uint8Array([4]));
 * ```
 *
 * @param bytes The bytes.
 * @returns The source.
 */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    fresh: false,
    read(offset: number, length: number): Promise<Uint8Array> {
      const start = Math.min(Math.max(0, offset), bytes.length);
      return Promise.resolve(bytes.subarray(start, Math.min(bytes.length, start + length)));
    },
  };
}

/**
 * A source over a `Blob` (or a `File`): each read is one
 * `blob.slice().arrayBuffer()`, so only the ranges asked for are read.
 *
 * @example
 * ```ts
 * import { blobSource } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const src = blobSource(new Blob([new Uint8Array([5, 6, 7])]));
 * assert.equal(src.size, 3);
 * assert.deepEqual(await src.read(1, 5), new Uint8Array([6, 7]));
 * ```
 *
 * @param blob The blob.
 * @returns The source.
 */
export function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    fresh: true,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const start = Math.min(Math.max(0, offset), blob.size);
      const end = Math.min(blob.size, start + length);
      return new Uint8Array(await blob.slice(start, end).arrayBuffer());
    },
  };
}
