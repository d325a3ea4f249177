// Copyright 2026 the npy authors. MIT license.

/**
 * Reading and writing .npy files with `node:fs`, in Deno, Node and Bun:
 * {@linkcode load} a whole array, {@linkcode save} one atomically, or
 * {@linkcode openNpy} a file and read only the rows you need.
 *
 * @module
 */

import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { type FileHandle, open, readFile, stat } from "node:fs/promises";
import { decode } from "../codec/decode.ts";
import "../codec/encode.ts"; // which lends codec/_chunks.ts its internals
import type { EncodeInput, EncodeOptions } from "../codec/encode.ts";
import { encodeChunks, fileChunks } from "../codec/_chunks.ts";
import { NpyError } from "../codec/errors.ts";
import { MAX_HEADER_SIZE, type NpyHeader, type ReadHeaderOptions } from "../codec/header.ts";
import { readColumn, type ReadOptions } from "../codec/_layout.ts";
import { dataBytes, DEFAULT_BLOCK_BYTES } from "../codec/_data.ts";
import { headerLengthField, readHeaderFast, refuseLongHeader } from "../codec/_fast_header.ts";
import { reuseBuffer } from "../codec/_into.ts";
import { isHalf, WIDEN_HALF, widenFromFile, widenFromFileSync } from "./_half.ts";
import { isChunkedText, textFromFile, textFromFileSync } from "./_strings.ts";
import {
  type FilePath,
  IO_CHUNK,
  pathString,
  writeChunksAtomic,
  writeChunksAtomicAsync,
} from "./_atomic.ts";
import type { NpyArray } from "../codec/types.ts";
import type { DecodeOptions } from "../codec/decode.ts";
import { decodePickled } from "../codec/_pickled.ts";
import { hasObject } from "../codec/_descr.ts";

export type { FilePath } from "./_atomic.ts";

/**
 * Options for {@linkcode load}, {@linkcode loadSync} and {@linkcode openNpy}:
 * header limits, a buffer to read into, and for object arrays `allowPickle`,
 * `encoding`, `fixImports` and `pickleLimits` as {@linkcode decode} takes
 * them (`openNpy` reads no object arrays).
 */
export interface LoadOptions
  extends ReadHeaderOptions, Pick<DecodeOptions, "encoding" | "fixImports" | "pickleLimits"> {
  /**
   * For {@linkcode load} and {@linkcode loadSync}: read the data into this
   * buffer (from its start) instead of a new one, so that loading many files
   * of one shape touches no fresh memory (each fresh 4 KiB page costs a page
   * fault). The result views it and is valid until the buffer is reused. A
   * buffer smaller than the data is refused (`INVALID_OPTION`). float16 on
   * runtimes without Float16Array is widened into a new Float32Array.
   */
  into?: ArrayBuffer | Uint8Array;
}

/** Options for {@linkcode save} and {@linkcode saveSync}. */
export interface SaveOptions extends EncodeOptions {
  /**
   * Sync the file to disk before it is renamed over `path` (default true).
   * With `false` the write is still atomic for other processes (they see
   * the old file or the new one, never a part), but a power loss soon after
   * may leave an empty or partial file: about as safe as numpy's `np.save`,
   * which does not sync either, and much faster for large files.
   */
  durable?: boolean;
}

/** Files up to this size are read by load() in one call and decoded from memory. */
const SMALL_FILE = 1 << 20;

/** Bytes read first: enough for every header numpy writes for ordinary dtypes. */
const PREFIX = 4096;

export { DEFAULT_BLOCK_BYTES } from "../codec/_data.ts";

/** What is read first: the header, or how many bytes of the file it needs. */
function headerOrNeed(
  prefix: Uint8Array,
  fileSize: number,
  options: LoadOptions,
): NpyHeader | number {
  try {
    return readHeaderFast(prefix, options);
  } catch (e) {
    if (!(e instanceof NpyError) || e.code !== "TRUNCATED_HEADER" || prefix.length >= fileSize) {
      throw e;
    }
  }
  // The prefix holds the magic, version and length field but not all the header.
  const { start, headerLen } = headerLengthField(prefix);
  if (start + headerLen > fileSize) {
    throw new NpyError(
      "TRUNCATED_HEADER",
      `EOF: reading array header, expected ${headerLen} bytes got ${fileSize - start}`,
      fileSize,
    );
  }
  refuseLongHeader(prefix[6], headerLen, options.maxHeaderSize ?? MAX_HEADER_SIZE, start);
  return start + headerLen;
}

function allocate(nbytes: number): Uint8Array {
  try {
    return new Uint8Array(nbytes);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new NpyError(
      "TOO_LARGE",
      `the data (${nbytes} bytes) does not fit in one JavaScript buffer; read it in rows with openNpy()`,
    );
  }
}

/** An array over `buf`, which the caller hands over (non-native data is swapped in it). */
function arrayOver(h: NpyHeader, shape: number[], count: number, buf: Uint8Array): NpyArray {
  const struct = h.dtype.kind === "struct";
  const opts: ReadOptions = { copy: false, inPlace: !struct };
  const data = readColumn(buf, 0, h.dtype.itemsize, count, h.dtype, opts);
  const out: NpyArray = { dtype: h.dtype, shape, fortranOrder: h.fortranOrder, data };
  if (struct || opts.lossy) out.bytes = buf;
  return out;
}

function short(h: NpyHeader, fileSize: number): never {
  dataBytes(h, fileSize);
  throw new NpyError("TRUNCATED_DATA", "the file became shorter while it was read");
}

function readFullySync(fd: number, buf: Uint8Array, position: number): number {
  let off = 0;
  while (off < buf.length) {
    const n = readSync(fd, buf, off, Math.min(buf.length - off, IO_CHUNK), position + off);
    if (n === 0) break;
    off += n;
  }
  return off;
}

async function readFully(fh: FileHandle, buf: Uint8Array, position: number): Promise<number> {
  let off = 0;
  while (off < buf.length) {
    const { bytesRead } = await fh.read(
      buf,
      off,
      Math.min(buf.length - off, IO_CHUNK),
      position + off,
    );
    if (bytesRead === 0) break;
    off += bytesRead;
  }
  return off;
}

function headerSync(fd: number, fileSize: number, options: LoadOptions): NpyHeader {
  const prefix = new Uint8Array(Math.min(PREFIX, fileSize));
  const got = readFullySync(fd, prefix, 0);
  const first = headerOrNeed(prefix.subarray(0, got), fileSize, options);
  if (typeof first !== "number") return first;
  const whole = new Uint8Array(first);
  const n = readFullySync(fd, whole, 0);
  return readHeaderFast(whole.subarray(0, n), options);
}

async function headerAsync(
  fh: FileHandle,
  fileSize: number,
  options: LoadOptions,
): Promise<NpyHeader> {
  const prefix = new Uint8Array(Math.min(PREFIX, fileSize));
  const got = await readFully(fh, prefix, 0);
  const first = headerOrNeed(prefix.subarray(0, got), fileSize, options);
  if (typeof first !== "number") return first;
  const whole = new Uint8Array(first);
  const n = await readFully(fh, whole, 0);
  return readHeaderFast(whole.subarray(0, n), options);
}

/**
 * Reads a .npy file: the header first, then the data straight into one new
 * buffer, which the returned array's data views (numbers in the other byte
 * order are swapped inside it); a file of up to 1 MiB is read in one call
 * and decoded from memory. The result equals
 * {@linkcode decode} of the whole file. The header's claimed size is checked
 * against the file's size before anything is allocated for the data.
 *
 * @example Save and load
 * ```ts
 * import { load, save } from "@npy/npy/fs";
 * import assert from "node:assert/strict";
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const path = join(mkdtempSync(join(tmpdir(), "npy-")), "a.npy");
 * await save(path, { dtype: ">i4", shape: [2, 2], data: [1, 2, 3, 4] });
 * const a = await load(path);
 * assert.deepEqual(a.shape, [2, 2]);
 * assert.deepEqual(a.data, new Int32Array([1, 2, 3, 4]));
 * ```
 *
 * @example Load many files of one shape into one buffer
 * ```ts
 * import { load, save } from "@npy/npy/fs";
 * import assert from "node:assert/strict";
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const dir = mkdtempSync(join(tmpdir(), "npy-"));
 * for (const k of [0, 1, 2]) await save(join(dir, `${k}.npy`), new Float64Array(1000).fill(k));
 * const into = new ArrayBuffer(8000);
 * let total = 0;
 * for (const k of [0, 1, 2]) {
 *   const a = await load(join(dir, `${k}.npy`), { into }); // no fresh pages per file
 *   assert.equal((a.data as Float64Array).buffer, into);
 *   total += (a.data as Float64Array)[999];
 * }
 * assert.equal(total, 3);
 * ```
 *
 * @param path The file.
 * @param options Limits, and a buffer to reuse.
 * @returns The array.
 * @throws {NpyError} When numpy would refuse the file.
 */
export async function load(path: FilePath, options: LoadOptions = {}): Promise<NpyArray> {
  // A small file in one read: each asynchronous call is a round trip to a
  // worker thread, which costs more than the reading itself.
  const info = await stat(path);
  if (info.isFile() && info.size <= SMALL_FILE) {
    const b = await readFile(path); // a Buffer: its views would be Buffers
    const bytes = new Uint8Array(b.buffer, b.byteOffset, b.length);
    return decode(bytes, { ...options, inPlace: true });
  }
  const fh = await open(path, "r");
  try {
    const fileSize = (await fh.stat()).size;
    const h = await headerAsync(fh, fileSize, options);
    if (hasObject(h.dtype)) {
      // The pickle runs to the end of the file: read it whole, then unpickle.
      const rest = allocate(Math.max(0, fileSize - h.dataOffset));
      const got = await readFully(fh, rest, h.dataOffset);
      return decodePickled(rest.subarray(0, got), h.dataOffset, options);
    }
    const nbytes = dataBytes(h, fileSize);
    if (WIDEN_HALF.on && isHalf(h)) return await widenFromFile(h, (b, p) => readFully(fh, b, p));
    if (!options.into && isChunkedText(h)) {
      const text = await textFromFile(h, (b, p) => readFully(fh, b, p));
      if (text !== undefined) return text;
    }
    const buf = options.into ? reuseBuffer(options.into, nbytes) : allocate(nbytes);
    if (await readFully(fh, buf, h.dataOffset) < buf.length) short(h, fileSize);
    return arrayOver(h, h.shape, h.count, buf);
  } finally {
    await fh.close();
  }
}

/**
 * {@linkcode load}, blocking.
 *
 * @example
 * ```ts
 * import { loadSync, saveSync } from "@npy/npy/fs";
 * import assert from "node:assert/strict";
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const path = join(mkdtempSync(join(tmpdir(), "npy-")), "a.npy");
 * saveSync(path, new Float32Array([0.5, 1.5]));
 * assert.deepEqual(loadSync(path).data, new Float32Array([0.5, 1.5]));
 * ```
 *
 * @param path The file.
 * @param options Limits.
 * @returns The array.
 * @throws {NpyError} When numpy would refuse the file.
 */
export function loadSync(path: FilePath, options: LoadOptions = {}): NpyArray {
  const fd = openSync(path, "r");
  try {
    const fileSize = fstatSync(fd).size;
    const h = headerSync(fd, fileSize, options);
    if (hasObject(h.dtype)) {
      const rest = allocate(Math.max(0, fileSize - h.dataOffset));
      const got = readFullySync(fd, rest, h.dataOffset);
      return decodePickled(rest.subarray(0, got), h.dataOffset, options);
    }
    const nbytes = dataBytes(h, fileSize);
    if (WIDEN_HALF.on && isHalf(h)) return widenFromFileSync(h, (b, p) => readFullySync(fd, b, p));
    if (!options.into && isChunkedText(h)) {
      const text = textFromFileSync(h, (b, p) => readFullySync(fd, b, p));
      if (text !== undefined) return text;
    }
    const buf = options.into ? reuseBuffer(options.into, nbytes) : allocate(nbytes);
    if (readFullySync(fd, buf, h.dataOffset) < buf.length) short(h, fileSize);
    return arrayOver(h, h.shape, h.count, buf);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes an array as a .npy file, as {@linkcode encode} would, without
 * copying data that is already in the file's layout; data that must be
 * converted (the other byte order, float16, strings, records) is converted
 * 16 MiB at a time through one reused buffer. The bytes go to a temporary
 * file beside `path`, which is synced (unless `durable: false`) and then
 * renamed over `path`: a crash never leaves a half-written file under the
 * final name.
 *
 * @example
 * ```ts
 * import { decode } from "@npy/npy";
 * import { save } from "@npy/npy/fs";
 * import assert from "node:assert/strict";
 * import { mkdtempSync, readFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const path = join(mkdtempSync(join(tmpdir(), "npy-")), "strings.npy");
 * await save(path, ["a", "bc"]);
 * assert.deepEqual(decode(readFileSync(path)).data, ["a", "bc"]);
 * ```
 *
 * @example Skip the fsync (still atomic, not durable across a power loss)
 * ```ts
 * import { load, save } from "@npy/npy/fs";
 * import assert from "node:assert/strict";
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const path = join(mkdtempSync(join(tmpdir(), "npy-")), "scratch.npy");
 * await save(path, { dtype: ">f8", data: new Float64Array(1 << 20) }, { durable: false });
 * assert.equal((await load(path)).shape[0], 1 << 20);
 * ```
 *
 * @param path The file to write or replace.
 * @param input The array, as {@linkcode encode} takes it.
 * @param options The format version.
 * @throws {NpyError} When the input is not a valid array.
 */
export async function save(
  path: FilePath,
  input: EncodeInput,
  options: SaveOptions = {},
): Promise<void> {
  const parts = fileChunks(encodeChunks(input, options));
  await writeChunksAtomicAsync(pathString(path), parts, options.durable ?? true);
}

/**
 * {@linkcode save}, blocking.
 *
 * @example
 * ```ts
 * import { loadSync, saveSync } from "@npy/npy/fs";
 * import assert from "node:assert/strict";
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const path = join(mkdtempSync(join(tmpdir(), "npy-")), "b.npy");
 * saveSync(path, [[true, false]]);
 * assert.deepEqual(loadSync(path).shape, [1, 2]);
 * ```
 *
 * @param path The file to write or replace.
 * @param input The array, as {@linkcode encode} takes it.
 * @param options The format version.
 * @throws {NpyError} When the input is not a valid array.
 */
export function saveSync(path: FilePath, input: EncodeInput, options: SaveOptions = {}): void {
  const parts = fileChunks(encodeChunks(input, options));
  writeChunksAtomic(pathString(path), parts, options.durable ?? true);
}

/** Options for {@linkcode NpyFile.blocks} and {@linkcode NpyFile.readable}. */
export interface BlockOptions {
  /** Rows per block; by default about 4 MiB of data per block. */
  rowsPerBlock?: number;
  /**
   * Read every block into the same buffer, so that reading allocates
   * nothing per block: a block's numeric data is then valid only until the
   * next block is read. Default false.
   */
  reuse?: boolean;
}

function checkRange(start: number, end: number, rows: number): void {
  if (
    !Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > rows ||
    start > end
  ) {
    throw new NpyError(
      "INVALID_OPTION",
      `rows [${start}, ${end}) are not a range within [0, ${rows})`,
    );
  }
}

/**
 * An open .npy file whose rows are read on demand. A row is one index of
 * the first axis, or of the last axis for a Fortran-order file: the
 * contiguous slices of the data. A 0-d array has one row, its element.
 */
export class NpyFile {
  /** The file's header. */
  readonly header: NpyHeader;
  /** The axis rows run along: 0, or the last for Fortran order. */
  readonly axis: number;
  /** How many rows the file holds. */
  readonly rows: number;
  /** Bytes of one row. */
  readonly rowBytes: number;
  #fh: FileHandle;
  #closed = false;

  /** Use {@linkcode openNpy}. */
  private constructor(fh: FileHandle, header: NpyHeader) {
    this.#fh = fh;
    this.header = header;
    const shape = header.shape;
    this.axis = header.fortranOrder ? Math.max(0, shape.length - 1) : 0;
    this.rows = shape.length === 0 ? 1 : shape[this.axis];
    let perRow = header.dtype.itemsize;
    for (let i = 0; i < shape.length; i++) if (i !== this.axis) perRow *= shape[i];
    this.rowBytes = perRow;
  }

  /**
   * Opens a file; the same as {@linkcode openNpy}.
   *
   * @param path The file.
   * @param options Limits.
   * @returns The open file.
   */
  static async open(path: FilePath, options: LoadOptions = {}): Promise<NpyFile> {
    const fh = await open(path, "r");
    try {
      const fileSize = (await fh.stat()).size;
      const h = await headerAsync(fh, fileSize, options);
      dataBytes(h, fileSize);
      return new NpyFile(fh, h);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /** The shape of rows [start, end). */
  #shapeOf(n: number): number[] {
    const shape = [...this.header.shape];
    if (shape.length > 0) shape[this.axis] = n;
    return shape;
  }

  /**
   * Reads rows [start, end) as an array of the same dtype, with the row
   * axis cut to `end - start`. Only those rows' bytes are read.
   *
   * @param start The first row.
   * @param end One past the last row; default all rows.
   * @returns The rows.
   * @throws {NpyError} `INVALID_OPTION` for a range outside the file's rows.
   */
  read(start = 0, end: number = this.rows): Promise<NpyArray> {
    return this.#read(start, end, undefined);
  }

  async #read(start: number, end: number, into: Uint8Array | undefined): Promise<NpyArray> {
    if (this.#closed) throw new NpyError("INVALID_OPTION", "the file is closed");
    checkRange(start, end, this.rows);
    const n = end - start;
    const buf = into?.subarray(0, n * this.rowBytes) ?? allocate(n * this.rowBytes);
    const got = await readFully(this.#fh, buf, this.header.dataOffset + start * this.rowBytes);
    if (got < buf.length) {
      throw new NpyError("TRUNCATED_DATA", "the file became shorter while it was read");
    }
    const shape = this.#shapeOf(n);
    return arrayOver(this.header, shape, countOf(shape), buf);
  }

  /**
   * Reads single elements by their index in storage order (the order of
   * the file's data: C order, or Fortran order for a Fortran-order file),
   * as a 1-D array holding them in the order asked. Only their bytes are
   * read, one read per run of consecutive indices: a few elements of a
   * huge file cost a few small reads.
   *
   * @example
   * ```ts
   * import { openNpy, save } from "@npy/npy/fs";
   * import assert from "node:assert/strict";
   * import { mkdtempSync } from "node:fs";
   * import { tmpdir } from "node:os";
   * import { join } from "node:path";
   *
   * const path = join(mkdtempSync(join(tmpdir(), "npy-")), "e.npy");
   * await save(path, new Float64Array(10000).map((_, i) => i));
   * await using file = await openNpy(path);
   * const a = await file.readElements([0, 1, 2, 9997, 9998, 9999]);
   * assert.deepEqual(a.shape, [6]);
   * assert.deepEqual(a.data, new Float64Array([0, 1, 2, 9997, 9998, 9999]));
   * ```
   *
   * @param indices Element indices in storage order, each in [0, element count).
   * @returns A 1-D array of those elements.
   * @throws {NpyError} `INVALID_OPTION` for an index outside the array.
   */
  async readElements(indices: ArrayLike<number>): Promise<NpyArray> {
    if (this.#closed) throw new NpyError("INVALID_OPTION", "the file is closed");
    const count = this.header.count, size = this.header.dtype.itemsize;
    const n = indices.length;
    for (let i = 0; i < n; i++) {
      const x = indices[i];
      if (!Number.isSafeInteger(x) || x < 0 || x >= count) {
        throw new NpyError(
          "INVALID_OPTION",
          `element ${x} is not an index within [0, ${count})`,
        );
      }
    }
    const buf = allocate(n * size);
    for (let i = 0; i < n;) {
      let j = i + 1;
      while (j < n && indices[j] === indices[j - 1] + 1) j++;
      const part = buf.subarray(i * size, j * size);
      const got = await readFully(this.#fh, part, this.header.dataOffset + indices[i] * size);
      if (got < part.length) {
        throw new NpyError("TRUNCATED_DATA", "the file became shorter while it was read");
      }
      i = j;
    }
    return arrayOver(this.header, [n], n, buf);
  }

  /**
   * Yields the rows in order, in blocks of `rowsPerBlock` rows (by default
   * about 4 MiB each), reading each block when it is asked for.
   *
   * @param options Rows per block, and whether to reuse one buffer.
   * @returns The blocks, as arrays.
   * @throws {NpyError} `INVALID_OPTION` for a rowsPerBlock that is not a positive integer.
   */
  async *blocks(options: BlockOptions = {}): AsyncGenerator<NpyArray, void, undefined> {
    const per = options.rowsPerBlock ??
      Math.max(1, Math.floor(DEFAULT_BLOCK_BYTES / (this.rowBytes || 1)));
    if (!Number.isSafeInteger(per) || per < 1) {
      throw new NpyError("INVALID_OPTION", `rowsPerBlock must be a positive integer, got ${per}`);
    }
    const into = options.reuse ? allocate(Math.min(per, this.rows) * this.rowBytes) : undefined;
    for (let i = 0; i < this.rows; i += per) {
      yield await this.#read(i, Math.min(this.rows, i + per), into);
    }
  }

  /**
   * The rows as a Web stream of blocks, as {@linkcode NpyFile.blocks} yields
   * them; a block is read when the stream is pulled, not before.
   *
   * @param options Rows per block, and whether to reuse one buffer.
   * @returns A stream of arrays.
   */
  readable(options: BlockOptions = {}): ReadableStream<NpyArray> {
    const it = this.blocks(options);
    return new ReadableStream<NpyArray>({
      async pull(controller) {
        const r = await it.next();
        if (r.done) controller.close();
        else controller.enqueue(r.value);
      },
      async cancel() {
        await it.return();
      },
    }, { highWaterMark: 0 });
  }

  /** Closes the file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#fh.close();
  }

  /** Closes the file, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function countOf(shape: number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Opens a .npy file for reading rows on demand: the header is read and
 * checked against the file's size, the data is read only when asked for.
 *
 * @example Read a few rows of a large file
 * ```ts
 * import { openNpy, save } from "@npy/npy/fs";
 * import assert from "node:assert/strict";
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const path = join(mkdtempSync(join(tmpdir(), "npy-")), "m.npy");
 * await save(path, { dtype: "<f8", shape: [1000, 3], data: new Float64Array(3000).map((_, i) => i) });
 * await using file = await openNpy(path);
 * assert.equal(file.rows, 1000);
 * const rows = await file.read(10, 12);
 * assert.deepEqual(rows.shape, [2, 3]);
 * assert.deepEqual(rows.data, new Float64Array([30, 31, 32, 33, 34, 35]));
 * let seen = 0;
 * for await (const block of file.blocks({ rowsPerBlock: 400 })) seen += block.shape[0];
 * assert.equal(seen, 1000);
 * ```
 *
 * @param path The file.
 * @param options Limits.
 * @returns The open file; close it when done.
 * @throws {NpyError} When numpy would refuse the header, or the file is shorter than the header says.
 */
export function openNpy(path: FilePath, options: LoadOptions = {}): Promise<NpyFile> {
  return NpyFile.open(path, options);
}
