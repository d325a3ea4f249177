// Copyright 2026 the npy authors. MIT license.

/**
 * Writing .npz files: {@linkcode saveNpz} and {@linkcode createNpzWriter}.
 *
 * @module
 */

import { open, rename, unlink } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import {
  encodeNpz,
  type EncodeNpzOptions,
  type NpzArrays,
  npzMembers,
  NpzWriter,
  type NpzWriterOptions,
  type ZipSink,
} from "../zip/npz_writer.ts";
import { type FilePath, IO_CHUNK, pathString, tempPathFor, writeFileAtomic } from "./_atomic.ts";
import { nativeCrc32 } from "./_crc32.ts";

function withNativeCrc<T extends { crc32?: (b: Uint8Array, c: number) => number }>(o: T): T {
  return o.crc32 || !nativeCrc32 ? o : { ...o, crc32: nativeCrc32 };
}

/** Options for {@linkcode saveNpz}. */
export type SaveNpzOptions = EncodeNpzOptions;

/** A seekable file under a temporary name, renamed into place when the archive is complete. */
class FileSink implements ZipSink {
  #fh: FileHandle;
  #tmp: string;
  #path: string;
  #position = 0;
  #done = false;

  constructor(fh: FileHandle, tmp: string, path: string) {
    this.#fh = fh;
    this.#tmp = tmp;
    this.#path = path;
  }

  async write(bytes: Uint8Array): Promise<void> {
    await this.writeAt(bytes, this.#position);
    this.#position += bytes.length;
  }

  async writeAt(bytes: Uint8Array, position: number): Promise<void> {
    let off = 0;
    while (off < bytes.length) {
      const { bytesWritten } = await this.#fh.write(
        bytes,
        off,
        Math.min(bytes.length - off, IO_CHUNK),
        position + off,
      );
      off += bytesWritten;
    }
  }

  async close(): Promise<void> {
    this.#done = true;
    try {
      await this.#fh.sync();
      await this.#fh.close();
      await rename(this.#tmp, this.#path);
    } catch (e) {
      await this.#fh.close().catch(() => {});
      await unlink(this.#tmp).catch(() => {});
      throw e;
    }
  }

  async abort(): Promise<void> {
    if (this.#done) return;
    this.#done = true;
    await this.#fh.close().catch(() => {});
    await unlink(this.#tmp).catch(() => {});
  }
}

/**
 * Starts an .npz file whose members are appended one by one (a member
 * itself in blocks of rows with {@linkcode NpzWriter.addRows}), holding
 * no more than one block in memory. The archive is byte for byte what
 * `np.savez` (or with `compress`, `np.savez_compressed`) writes to a file:
 * each local header is rewritten in place with its CRC and sizes. It goes to
 * a temporary file beside `path`, synced and renamed into place by
 * {@linkcode NpzWriter.close}; {@linkcode NpzWriter.abort} (or a member that
 * fails half-written) removes it, and nothing ever appears under `path`
 * half-written.
 *
 * @example Stream an archive to a file
 * ```ts
 * import { createNpzWriter } from "@npy/npy/fs";
 * import { encodeNpz } from "@npy/npy";
 * import assert from "node:assert/strict";
 * import { existsSync, mkdtempSync, readFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const path = join(mkdtempSync(join(tmpdir(), "npz-")), "run.npz");
 * const w = await createNpzWriter(path);
 * await w.add("labels", new Int32Array([1, 2, 3]));
 * await w.addRows("x", { dtype: "<f4", shape: [3, 2] }, [new Float32Array(4), new Float32Array(2)]);
 * assert.equal(existsSync(path), false); // nothing under the final name yet
 * await w.close();
 * const same = encodeNpz({
 *   labels: new Int32Array([1, 2, 3]),
 *   x: { dtype: "<f4", shape: [3, 2], data: new Float32Array(6) },
 * });
 * assert.deepEqual(new Uint8Array(readFileSync(path)), same);
 * ```
 *
 * @param path The final path (no `.npz` is appended).
 * @param options Compression, and the options of `encode`.
 * @returns The writer.
 */
export async function createNpzWriter(
  path: FilePath,
  options: NpzWriterOptions = {},
): Promise<NpzWriter> {
  const final = pathString(path);
  const tmp = tempPathFor(final);
  const fh = await open(tmp, "wx");
  return new NpzWriter(new FileSink(fh, tmp, final), withNativeCrc(options));
}

/**
 * Writes arrays as an .npz file, byte for byte what `np.savez` (or with
 * `compress`, `np.savez_compressed`) writes, atomically: to a temporary
 * file renamed into place. Arrays are encoded and written one at a time,
 * so the archive is never held in memory whole. Unlike numpy, no `.npz`
 * is appended to the path.
 *
 * @example
 * ```ts
 * import { saveNpz } from "@npy/npy/fs";
 * import assert from "node:assert/strict";
 * import { mkdtempSync, readFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const path = join(mkdtempSync(join(tmpdir(), "npz-")), "a.npz");
 * await saveNpz(path, { x: new Float64Array([1, 2]), y: [[1, 2], [3, 4]] }, { compress: true });
 * assert.deepEqual([...readFileSync(path).subarray(0, 4)], [0x50, 0x4b, 3, 4]);
 * ```
 *
 * @param path The file to write or replace.
 * @param arrays A record or Map of named arrays, or a list of positional ones (see `npzMembers`).
 * @param options Compression, positional arrays after named ones, and the options of `encode`.
 * @throws {NpyError} `INVALID_NAME` for names numpy refuses or would write twice; what `encode` throws for an array.
 */
export async function saveNpz(
  path: FilePath,
  arrays: NpzArrays,
  options: SaveNpzOptions = {},
): Promise<void> {
  const { positional, ...writerOptions } = options;
  const members = npzMembers(arrays, positional);
  const w = await createNpzWriter(path, writerOptions);
  try {
    for (const [name, array] of members) await w.add(name, array);
    await w.close();
  } catch (e) {
    await w.abort();
    throw e;
  }
}

/**
 * {@linkcode saveNpz}, blocking; the archive is made in memory first.
 *
 * @example
 * ```ts
 * import { saveNpzSync } from "@npy/npy/fs";
 * import { encodeNpz } from "@npy/npy";
 * import assert from "node:assert/strict";
 * import { mkdtempSync, readFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const path = join(mkdtempSync(join(tmpdir(), "npz-")), "b.npz");
 * saveNpzSync(path, [new Int8Array([1, 2])]);
 * assert.deepEqual(new Uint8Array(readFileSync(path)), encodeNpz([new Int8Array([1, 2])]));
 * ```
 *
 * @param path The file to write or replace.
 * @param arrays A record or Map of named arrays, or a list of positional ones.
 * @param options Compression, positional arrays, and the options of `encode`.
 * @throws {NpyError} As {@linkcode saveNpz}.
 */
export function saveNpzSync(path: FilePath, arrays: NpzArrays, options: SaveNpzOptions = {}): void {
  writeFileAtomic(pathString(path), encodeNpz(arrays, withNativeCrc(options)));
}
