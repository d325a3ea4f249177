// Copyright 2026 the npy authors. MIT license.

/**
 * Writing a .npy file whose rows are appended as they come.
 *
 * @module
 */

import { open, rename, unlink } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { NpyError } from "../codec/errors.ts";
import { writeHeader, type WriteHeaderOptions } from "../codec/header.ts";
import { Layout } from "../codec/_row_layout.ts";
import type { RowBlock, StreamLayout } from "../codec/stream.ts";
import type { DType } from "../codec/types.ts";
import { type FilePath, IO_CHUNK, pathString, tempPathFor } from "./_atomic.ts";

/** Options for {@linkcode createNpyWriter}. */
export type NpyWriterOptions = WriteHeaderOptions;

/**
 * Writes a .npy file row block by row block, holding nothing but the block
 * being written. The data goes to a temporary file beside the final path;
 * {@linkcode NpyWriter.close} rewrites the header with the number of rows
 * written (numpy's growth padding keeps its length), syncs the file and
 * renames it into place. Until then, and after {@linkcode NpyWriter.abort},
 * nothing exists under the final name.
 */
export class NpyWriter {
  #fh: FileHandle;
  #layout: Layout;
  #path: string;
  #tmp: string;
  #header: Uint8Array;
  #version: WriteHeaderOptions;
  #position: number;
  #rows = 0;
  #state: "open" | "closed" | "aborted" = "open";
  #queue: Promise<unknown> = Promise.resolve();
  #writable?: WritableStream<RowBlock>;

  private constructor(
    fh: FileHandle,
    layout: Layout,
    path: string,
    tmp: string,
    header: Uint8Array,
    version: WriteHeaderOptions,
  ) {
    this.#fh = fh;
    this.#layout = layout;
    this.#path = path;
    this.#tmp = tmp;
    this.#header = header;
    this.#version = version;
    this.#position = header.length;
  }

  /**
   * Starts a file; the same as {@linkcode createNpyWriter}.
   *
   * @param path The final path.
   * @param layout The dtype, the shape of a row, and the order.
   * @param options The format version.
   * @returns The writer.
   */
  static async create(
    path: FilePath,
    layout: StreamLayout,
    options: NpyWriterOptions = {},
  ): Promise<NpyWriter> {
    const l = new Layout(layout, "a streaming writer");
    const header = writeHeader(
      { dtype: l.dtype, shape: l.shapeWith(0), fortranOrder: l.fortranOrder },
      options,
    );
    const final = pathString(path);
    const tmp = tempPathFor(final);
    const fh = await open(tmp, "wx");
    try {
      await writeAll(fh, header, 0);
    } catch (e) {
      await fh.close().catch(() => {});
      await removeQuietly(tmp);
      throw e;
    }
    return new NpyWriter(fh, l, final, tmp, header, options);
  }

  /** Rows appended so far. */
  get rows(): number {
    return this.#rows;
  }

  /** The shape of what has been appended so far. */
  get shape(): number[] {
    return this.#layout.shapeWith(this.#rows);
  }

  /** The dtype. */
  get dtype(): DType {
    return this.#layout.dtype;
  }

  #run<T>(step: () => Promise<T>): Promise<T> {
    const p = this.#queue.then(step);
    this.#queue = p.catch(() => {});
    return p;
  }

  #check(): void {
    if (this.#state !== "open") {
      throw new NpyError("INVALID_OPTION", `the writer is ${this.#state}`);
    }
  }

  /**
   * Appends whole rows. Calls may overlap: blocks are written in the order
   * of the calls.
   *
   * @param block The rows, see {@linkcode RowBlock}.
   * @param rows How many rows `block` holds, when it is bare values; by default its length over the values per row.
   * @throws {NpyError} `INVALID_ARRAY` when the block does not hold whole rows of the dtype.
   */
  append(block: RowBlock, rows?: number): Promise<void> {
    return this.#run(async () => {
      this.#check();
      const b = this.#layout.encodeBlock(block, rows);
      await writeAll(this.#fh, b.bytes, this.#position);
      this.#position += b.bytes.length;
      this.#rows += b.rows;
    });
  }

  /**
   * Appends rows given as their bytes in the file's layout (a multiple of
   * the row size), e.g. copied from another file.
   *
   * @param bytes The rows' bytes.
   * @throws {NpyError} `INVALID_ARRAY` when the bytes are not whole rows.
   */
  appendBytes(bytes: Uint8Array): Promise<void> {
    return this.#run(async () => {
      this.#check();
      const rb = this.#layout.rowBytes;
      if (rb === 0 ? bytes.length !== 0 : bytes.length % rb !== 0) {
        throw new NpyError(
          "INVALID_ARRAY",
          `${bytes.length} bytes are not whole rows of ${rb} bytes`,
        );
      }
      if (rb === 0) return;
      await writeAll(this.#fh, bytes, this.#position);
      this.#position += bytes.length;
      this.#rows += bytes.length / rb;
    });
  }

  /**
   * Rewrites the header with the final shape, syncs the file and renames it
   * into place.
   *
   * @returns The final shape.
   * @throws {NpyError} `TOO_LARGE` if the final header would not have the same length (cannot happen for counts up to 21 digits).
   */
  close(): Promise<number[]> {
    return this.#run(async () => {
      this.#check();
      const l = this.#layout;
      const shape = l.shapeWith(this.#rows);
      const header = writeHeader(
        { dtype: l.dtype, shape, fortranOrder: l.fortranOrder },
        this.#version,
      );
      if (header.length !== this.#header.length) {
        await this.#abort();
        throw new NpyError(
          "TOO_LARGE",
          `the header for shape [${
            shape.join(", ")
          }] is ${header.length} bytes, not the ${this.#header.length} written at the start; the file was removed`,
        );
      }
      try {
        await writeAll(this.#fh, header, 0);
        await this.#fh.sync();
        await this.#fh.close();
        this.#state = "closed";
        await rename(this.#tmp, this.#path);
      } catch (e) {
        if (this.#state === "open") await this.#fh.close().catch(() => {});
        this.#state = "aborted";
        await removeQuietly(this.#tmp);
        throw e;
      }
      return shape;
    });
  }

  async #abort(): Promise<void> {
    if (this.#state !== "open") return;
    this.#state = "aborted";
    await this.#fh.close().catch(() => {});
    await removeQuietly(this.#tmp);
  }

  /** Stops writing and removes the temporary file; nothing appears under the final name. */
  abort(): Promise<void> {
    return this.#run(() => this.#abort());
  }

  /**
   * A Web stream to pipe row blocks into: each chunk is appended, closing
   * the stream closes the writer, aborting it aborts the writer.
   */
  get writable(): WritableStream<RowBlock> {
    this.#writable ??= new WritableStream<RowBlock>({
      write: (chunk) => this.append(chunk),
      close: async () => {
        await this.close();
      },
      abort: () => this.abort(),
    });
    return this.#writable;
  }

  /** Aborts unless {@linkcode NpyWriter.close} was called, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.abort();
  }
}

async function writeAll(fh: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let off = 0;
  while (off < bytes.length) {
    const { bytesWritten } = await fh.write(
      bytes,
      off,
      Math.min(bytes.length - off, IO_CHUNK),
      position + off,
    );
    off += bytesWritten;
  }
}

async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => {});
}

/**
 * Starts writing a .npy file whose rows are appended as they come: along
 * the first axis, or the last for Fortran order.
 *
 * @example Append rows, then close
 * ```ts
 * import { createNpyWriter, loadSync } from "@npy/npy/fs";
 * import assert from "node:assert/strict";
 * import { existsSync, mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const path = join(mkdtempSync(join(tmpdir(), "npy-")), "log.npy");
 * const w = await createNpyWriter(path, { dtype: "<f4", shape: [0, 2] });
 * await w.append(new Float32Array([1, 2, 3, 4])); // two rows
 * await w.append([5, 6]);
 * assert.equal(existsSync(path), false); // nothing under the final name yet
 * assert.deepEqual(await w.close(), [3, 2]);
 * const a = loadSync(path);
 * assert.deepEqual(a.shape, [3, 2]);
 * assert.deepEqual(a.data, new Float32Array([1, 2, 3, 4, 5, 6]));
 * ```
 *
 * @example Pipe a Web stream of blocks into a file
 * ```ts
 * import { createNpyWriter, loadSync } from "@npy/npy/fs";
 * import assert from "node:assert/strict";
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const path = join(mkdtempSync(join(tmpdir(), "npy-")), "s.npy");
 * const w = await createNpyWriter(path, { dtype: "<i4", shape: [0] });
 * await ReadableStream.from([new Int32Array([1, 2]), new Int32Array([3])]).pipeTo(w.writable);
 * assert.deepEqual(loadSync(path).data, new Int32Array([1, 2, 3]));
 * ```
 *
 * @param path The final path; written only at close.
 * @param layout The dtype, the shape (the row axis's length is ignored) and the order.
 * @param options The format version.
 * @returns The writer.
 * @throws {NpyError} For a dtype or shape that cannot be written.
 */
export function createNpyWriter(
  path: FilePath,
  layout: StreamLayout,
  options: NpyWriterOptions = {},
): Promise<NpyWriter> {
  return NpyWriter.create(path, layout, options);
}
