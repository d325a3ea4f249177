// Copyright 2026 the npy authors. MIT license.

/**
 * Writing .npz archives byte for byte as numpy's `np.savez` and
 * `np.savez_compressed` write them: {@linkcode encodeNpz} in memory, and
 * {@linkcode NpzWriter} to a stream, member by member and block by block.
 *
 * @module
 */

import { type EncodeInput, type EncodeOptions, encodeParts } from "../codec/encode.ts";
import { NpyError } from "../codec/errors.ts";
import { writeHeader } from "../codec/header.ts";
import { Layout } from "../codec/_row_layout.ts";
import type { RowBlock, StreamLayout } from "../codec/stream.ts";
import { crc32 as jsCrc32 } from "./crc32.ts";
import { concat, RawDeflater } from "./_deflate.ts";
import {
  centralDirectory,
  dataDescriptor,
  DEFLATED,
  encodeName,
  localHeader,
  STORED,
  withDataDescriptor,
  type ZipEntry,
} from "./_zip_write.ts";

/**
 * The arrays of an archive, as `np.savez` takes them: a record or a `Map`
 * of named arrays (numpy's keyword arguments, in their order), or a list of
 * arrays (numpy's positional arguments, named `arr_0`, `arr_1`, …). A
 * record orders integer-like keys (`"0"`, `"1"`) before the others, as
 * JavaScript does; use a `Map` for any other order.
 */
export type NpzArrays =
  | Readonly<Record<string, EncodeInput>>
  | ReadonlyMap<string, EncodeInput>
  | readonly EncodeInput[];

/** Options for {@linkcode encodeNpz}. */
export interface EncodeNpzOptions extends EncodeOptions {
  /** Deflate every member, as `np.savez_compressed`; default false (`np.savez`). */
  compress?: boolean;
  /** A faster CRC-32, as {@linkcode NpzWriterOptions.crc32}. */
  crc32?: (bytes: Uint8Array, crc: number) => number;
  /**
   * Arrays named `arr_0`, `arr_1`, … after the named ones, as numpy's
   * positional arguments when `arrays` holds the keyword arguments.
   */
  positional?: readonly EncodeInput[];
}

/** Options for {@linkcode NpzWriter}. */
export interface NpzWriterOptions extends EncodeOptions {
  /** Deflate every member, as `np.savez_compressed`; default false (`np.savez`). */
  compress?: boolean;
  /**
   * A CRC-32 to use instead of the built-in one ({@linkcode crc32}'s
   * contract: continue `crc` over `bytes`), e.g. `node:zlib`'s native
   * `crc32`, several times faster; `@npy/npy/fs` passes it when the runtime
   * has it.
   */
  crc32?: (bytes: Uint8Array, crc: number) => number;
}

/**
 * Where an {@linkcode NpzWriter} writes. `write` appends bytes; the writer
 * awaits each call before the next, and never reuses a chunk it passed.
 * With `writeAt`, the output is seekable: each member's local header is
 * rewritten in place once its CRC and sizes are known, as numpy does on a
 * file; without it, they follow the data in a data descriptor, as numpy
 * does on an unseekable stream.
 */
export interface ZipSink {
  /** Appends bytes at the end of what was written. */
  write(bytes: Uint8Array): Promise<void> | void;
  /** Overwrites bytes already written, from `position` on. */
  writeAt?(bytes: Uint8Array, position: number): Promise<void> | void;
  /** Called once after the last byte of a complete archive. */
  close?(): Promise<void> | void;
  /** Called once when the archive will not be completed. */
  abort?(reason: unknown): Promise<void> | void;
}

/**
 * The names and arrays of an archive in numpy's order: the named arrays,
 * then the positional ones as `arr_0`, `arr_1`, … Names are given without
 * the `.npy` every member gets.
 *
 * @example
 * ```ts
 * import { npzMembers } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const m = npzMembers({ x: [1] }, [[2], [3]]);
 * assert.deepEqual(m.map(([name]) => name), ["x", "arr_0", "arr_1"]);
 * assert.throws(() => npzMembers({ arr_0: [1] }, [[2]]), /Cannot use un-named variables and keyword arr_0/);
 * ```
 *
 * @param arrays The named arrays, or a list of positional ones.
 * @param positional More positional arrays, after the named ones.
 * @returns Each name with its array.
 * @throws {NpyError} `INVALID_NAME` when a positional name is taken by a keyword (numpy's ValueError); `INVALID_OPTION` when `arrays` is one array rather than a collection of them.
 */
export function npzMembers(
  arrays: NpzArrays,
  positional: readonly EncodeInput[] = [],
): [string, EncodeInput][] {
  let named: [string, EncodeInput][];
  if (Array.isArray(arrays)) {
    if (positional.length > 0) {
      throw new NpyError(
        "INVALID_OPTION",
        "give positional arrays either as the list of arrays or as the positional option, not both",
      );
    }
    named = [];
    positional = arrays as readonly EncodeInput[];
  } else if (arrays instanceof Map) {
    named = [...(arrays as ReadonlyMap<string, EncodeInput>)];
  } else if (typeof arrays !== "object" || arrays === null || looksLikeOneArray(arrays)) {
    throw new NpyError(
      "INVALID_OPTION",
      "give the arrays of an archive as a record or a Map of named arrays, or a list of arrays",
    );
  } else {
    named = Object.entries(arrays as Record<string, EncodeInput>);
  }
  const names = new Set(named.map(([k]) => k));
  for (const [k] of named) {
    if (typeof k !== "string") {
      throw new NpyError("INVALID_NAME", `member names must be strings, found a ${typeof k}`);
    }
  }
  const out = named;
  positional.forEach((a, i) => {
    const key = `arr_${i}`;
    if (names.has(key)) {
      throw new NpyError("INVALID_NAME", `Cannot use un-named variables and keyword ${key}`);
    }
    out.push([key, a]);
  });
  return out;
}

/** An array given where a collection of arrays was expected. */
function looksLikeOneArray(x: object): boolean {
  if (ArrayBuffer.isView(x)) return true;
  if (!("dtype" in x && "data" in x)) return false;
  const d = (x as { dtype: unknown }).dtype;
  return typeof d === "string" || (typeof d === "object" && d !== null && "kind" in d);
}

interface Prepared {
  entry: ZipEntry;
  /** Local header, data, and the data descriptor if any. */
  parts: Uint8Array[];
  length: number;
}

/** A whole member whose uncompressed bytes are in memory, laid out at `offset`. */
function prepareWhole(
  name: { bytes: Uint8Array; flags: number },
  body: Uint8Array[],
  compress: boolean,
  offset: number,
  seekable: boolean,
  crc32: (bytes: Uint8Array, crc: number) => number,
): Prepared {
  let crc = 0, size = 0;
  for (const b of body) {
    crc = crc32(b, crc);
    size += b.length;
  }
  let data = body;
  if (compress) {
    const d = new RawDeflater();
    data = [];
    for (const b of body) for (const c of d.push(b)) data.push(c);
    for (const c of d.finish()) data.push(c);
  }
  let compressedSize = 0;
  for (const b of data) compressedSize += b.length;
  const entry: ZipEntry = {
    name: name.bytes,
    flags: seekable ? name.flags : withDataDescriptor(name.flags),
    method: compress ? DEFLATED : STORED,
    crc,
    compressedSize,
    size,
    offset,
  };
  const parts = [localHeader(entry), ...data];
  if (!seekable) parts.push(dataDescriptor(entry));
  let length = 0;
  for (const p of parts) length += p.length;
  return { entry, parts, length };
}

function claimName(names: Set<string>, member: string): { bytes: Uint8Array; flags: number } {
  const n = encodeName(member);
  if (names.has(n.name)) {
    throw new NpyError(
      "INVALID_NAME",
      `the archive already has a member named ${JSON.stringify(n.name)}` +
        (n.name !== member ? ` (zipfile cuts ${JSON.stringify(member)} at its NUL)` : ""),
    );
  }
  names.add(n.name);
  return n;
}

/**
 * Writes arrays as an .npz archive, byte for byte what `np.savez` (or,
 * with `compress`, `np.savez_compressed`) writes to a file: each array
 * encoded as {@linkcode encode} does, stored under its name plus `.npy`,
 * in numpy's zip64 layout with its fixed 1980-01-01 timestamps. Compressed
 * members are deflated at zlib's level 6 with a deflate that reproduces
 * zlib's bytes.
 *
 * @example Keyword and positional arrays
 * ```ts
 * import { encodeNpz } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const npz = encodeNpz({ x: new Float64Array([1, 2]), y: [[1, 2], [3, 4]] }, {
 *   positional: [new Int32Array([7])],
 * });
 * assert.deepEqual([...npz.subarray(0, 4)], [0x50, 0x4b, 3, 4]); // "PK\3\4"
 * const names = new TextDecoder().decode(npz);
 * assert.ok(names.includes("x.npy") && names.includes("y.npy") && names.includes("arr_0.npy"));
 * ```
 *
 * @example Compressed
 * ```ts
 * import { encodeNpz } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const zeros = new Float64Array(100_000);
 * const npz = encodeNpz([zeros], { compress: true });
 * assert.ok(npz.length < 2_000);
 * ```
 *
 * @param arrays The arrays: a record or Map of named arrays, or a list of positional ones.
 * @param options Compression, positional arrays after named ones, and {@linkcode encode}'s options.
 * @returns The archive's bytes.
 * @throws {NpyError} `INVALID_NAME` for names numpy refuses or zipfile would write twice; whatever {@linkcode encode} throws for an array.
 */
export function encodeNpz(arrays: NpzArrays, options: EncodeNpzOptions = {}): Uint8Array {
  const { compress = false, positional, crc32 = jsCrc32, ...encodeOptions } = options;
  const names = new Set<string>();
  const entries: ZipEntry[] = [];
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const [key, input] of npzMembers(arrays, positional)) {
    const name = claimName(names, `${key}.npy`);
    const { header, data } = encodeParts(input, encodeOptions);
    const p = prepareWhole(name, [header, data], compress, offset, true, crc32);
    entries.push(p.entry);
    for (const x of p.parts) parts.push(x);
    offset += p.length;
  }
  parts.push(centralDirectory(entries, offset));
  return concat(parts);
}

/** Chunks smaller than this are gathered into one write. */
const STAGE_BYTES = 1 << 20;
const DIRECT_BYTES = 1 << 18;
/** Large data is written in pieces of this size, each CRC'd while it is written. */
const PIECE_BYTES = 8 << 20;

/**
 * Writes an .npz archive to a stream, one member after another, holding
 * no more than the member being written (and, for a member streamed in
 * blocks, no more than one block). To a `WritableStream` it writes what
 * `np.savez` writes to an unseekable stream: each member's CRC and sizes
 * in a data descriptor after its data. To a {@linkcode ZipSink} with
 * `writeAt` (a file: see `createNpzWriter` in `@npy/npy/fs`) it writes what
 * `np.savez` writes to a file. Either way numpy reads it, and the bytes
 * are numpy's for the same arrays.
 *
 * Calls may overlap: members are written in the order of the calls. A
 * call that fails before writing anything (an array that cannot be
 * encoded, a name already used) leaves the writer as it was; a member that
 * fails half-written (blocks that do not fit its shape, an error of the
 * output) fails the writer and aborts its output, and every later call
 * rejects with that first error.
 *
 * @example Stream an archive
 * ```ts
 * import { NpzWriter } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
 * const bytes = new Response(readable).arrayBuffer();
 * const w = new NpzWriter(writable, { compress: true });
 * await w.add("x", new Float32Array([1, 2, 3]));
 * await w.addRows("big", { dtype: "<i4", shape: [4, 2] }, [new Int32Array(4), [1, 2, 3, 4]]);
 * await w.close();
 * assert.deepEqual(w.names, ["x.npy", "big.npy"]);
 * assert.ok((await bytes).byteLength > 100);
 * ```
 */
export class NpzWriter {
  #write: (b: Uint8Array) => Promise<void>;
  #writeAt?: (b: Uint8Array, position: number) => Promise<void>;
  #closeOut: () => Promise<void>;
  #abortOut: (reason: unknown) => Promise<void>;
  #compress: boolean;
  #crc32: (bytes: Uint8Array, crc: number) => number;
  #encodeOptions: EncodeOptions;
  #entries: ZipEntry[] = [];
  #names = new Set<string>();
  #position = 0;
  #stage = new Uint8Array(0);
  #staged = 0;
  #state: "open" | "closed" | "aborted" | "failed" = "open";
  #failure: unknown;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * Starts an archive.
   *
   * @param output A byte stream (numpy's unseekable layout), or a {@linkcode ZipSink}.
   * @param options Compression, and {@linkcode encode}'s options.
   */
  constructor(output: WritableStream<Uint8Array> | ZipSink, options: NpzWriterOptions = {}) {
    const { compress = false, crc32 = jsCrc32, ...encodeOptions } = options;
    this.#compress = compress;
    this.#crc32 = crc32;
    this.#encodeOptions = encodeOptions;
    if (output instanceof WritableStream) {
      const w = output.getWriter();
      this.#write = (b) => w.write(b);
      this.#closeOut = () => w.close();
      this.#abortOut = (r) => w.abort(r);
    } else {
      const sink = output;
      this.#write = async (b) => await sink.write(b);
      if (sink.writeAt) {
        const at = sink.writeAt.bind(sink);
        this.#writeAt = async (b, p) => await at(b, p);
      }
      this.#closeOut = async () => await sink.close?.();
      this.#abortOut = async (r) => await sink.abort?.(r);
    }
  }

  /** The member names written so far, in order, with their `.npy`. */
  get names(): string[] {
    return [...this.#names];
  }

  /** Bytes written so far. */
  get bytesWritten(): number {
    return this.#position;
  }

  #run<T>(step: () => Promise<T>): Promise<T> {
    const p = this.#queue.then(async () => {
      if (this.#state !== "open") {
        throw this.#state === "failed"
          ? this.#failure
          : new NpyError("INVALID_OPTION", `the npz writer is ${this.#state}`);
      }
      const position = this.#position;
      const names = this.#names.size;
      try {
        return await step();
      } catch (e) {
        if (this.#state === "open" && position === this.#position) {
          // Nothing was written: the archive is still whole.
          for (const n of [...this.#names].slice(names)) this.#names.delete(n);
          throw e;
        }
        if (this.#state === "open" || this.#state === "closed") {
          this.#state = "failed";
          this.#failure = e;
          this.#stage = new Uint8Array(0);
          this.#staged = 0;
          await this.#abortOut(e).catch(() => {});
        }
        throw e;
      }
    });
    this.#queue = p.catch(() => {});
    return p;
  }

  async #out(b: Uint8Array): Promise<void> {
    if (b.length === 0) return;
    this.#position += b.length;
    if (b.length >= DIRECT_BYTES || this.#staged + b.length > this.#stage.length) {
      await this.#flush();
    }
    if (b.length >= DIRECT_BYTES) return await this.#write(b);
    if (this.#stage.length === 0) this.#stage = new Uint8Array(STAGE_BYTES);
    this.#stage.set(b, this.#staged);
    this.#staged += b.length;
  }

  async #flush(): Promise<void> {
    if (this.#staged === 0) return;
    const chunk = this.#stage.subarray(0, this.#staged);
    // The chunk now belongs to the output; later bytes go to a new buffer.
    this.#stage = new Uint8Array(0);
    this.#staged = 0;
    await this.#write(chunk);
  }

  async #whole(member: string, body: Uint8Array[]): Promise<void> {
    let size = 0;
    for (const b of body) size += b.length;
    if (size >= STAGE_BYTES) return await this.#member(member, body);
    // Small: CRC and sizes first, then the final local header, in one staged write.
    const name = claimName(this.#names, member);
    const p = prepareWhole(
      name,
      body,
      this.#compress,
      this.#position,
      !!this.#writeAt,
      this.#crc32,
    );
    for (const x of p.parts) await this.#out(x);
    this.#entries.push(p.entry);
  }

  /**
   * Writes a member whose bytes come in chunks: a placeholder local header,
   * the data (CRC'd, and deflated if asked, as it passes), then the local
   * header patched in place (seekable) or a data descriptor.
   */
  async #member(
    member: string,
    chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  ): Promise<void> {
    const n = claimName(this.#names, member);
    const seekable = !!this.#writeAt;
    const entry: ZipEntry = {
      name: n.bytes,
      flags: seekable ? n.flags : withDataDescriptor(n.flags),
      method: this.#compress ? DEFLATED : STORED,
      crc: 0,
      compressedSize: 0,
      size: 0,
      offset: this.#position,
    };
    // Seekable: a placeholder of the final header's length, as zipfile writes.
    await this.#out(localHeader({ ...entry, flags: withDataDescriptor(entry.flags) }));
    const start = this.#position;
    const crc32 = this.#crc32;
    const deflater = this.#compress ? new RawDeflater() : undefined;
    for await (const b of chunks) {
      entry.size += b.length;
      if (deflater) {
        entry.crc = crc32(b, entry.crc);
        for (const c of deflater.push(b)) await this.#out(c);
      } else if (b.length < DIRECT_BYTES) {
        entry.crc = crc32(b, entry.crc);
        await this.#out(b);
      } else {
        // Large data: the CRC of each piece is computed while the piece is being written.
        await this.#flush();
        for (let o = 0; o < b.length; o += PIECE_BYTES) {
          const piece = b.subarray(o, o + PIECE_BYTES);
          this.#position += piece.length;
          const written = this.#write(piece);
          entry.crc = crc32(piece, entry.crc);
          await written;
        }
      }
    }
    if (deflater) { for (const c of deflater.finish()) await this.#out(c); }
    entry.compressedSize = this.#position - start;
    if (this.#writeAt) {
      await this.#flush();
      await this.#writeAt(localHeader(entry), entry.offset);
    } else {
      await this.#out(dataDescriptor(entry));
    }
    this.#entries.push(entry);
  }

  /**
   * Appends one array as the member `name + ".npy"`. Large numeric data
   * that already has the file's layout is passed to the output without a
   * copy: do not modify it until the output has consumed it.
   *
   * @param name The name, as a keyword of `np.savez`.
   * @param array The array, as {@linkcode encode} takes it.
   * @throws {NpyError} `INVALID_NAME` for a name already written; what {@linkcode encode} throws.
   */
  add(name: string, array: EncodeInput): Promise<void> {
    return this.#run(() => {
      const { header, data } = encodeParts(array, this.#encodeOptions);
      return this.#whole(`${name}.npy`, [header, data]);
    });
  }

  /**
   * Appends a member of exactly this name and these bytes (no `.npy` is
   * added): an .npy file encoded elsewhere, or any other file.
   *
   * @param fileName The member's name in the archive.
   * @param bytes Its content.
   * @throws {NpyError} `INVALID_NAME` for a name already written.
   */
  addBytes(fileName: string, bytes: Uint8Array): Promise<void> {
    return this.#run(() => this.#whole(fileName, [bytes]));
  }

  /**
   * Appends an array of known layout whose rows come in blocks (along the
   * first axis, or the last for Fortran order), so that a member larger
   * than memory can be written: only one block is held at a time. The
   * member is the .npy file {@linkcode encode} would make of the whole
   * array.
   *
   * @param name The name, as a keyword of `np.savez`.
   * @param layout The dtype, the full shape and the order.
   * @param rows The blocks of rows: a stream, an async iterable or an iterable of {@linkcode RowBlock}s.
   * @throws {NpyError} `INVALID_ARRAY` when the blocks do not hold exactly the rows the shape declares (the writer then fails).
   */
  addRows(
    name: string,
    layout: StreamLayout,
    rows: ReadableStream<RowBlock> | AsyncIterable<RowBlock> | Iterable<RowBlock>,
  ): Promise<void> {
    return this.#run(async () => {
      const l = new Layout(layout, "NpzWriter.addRows");
      const header = writeHeader(
        { dtype: l.dtype, shape: l.shape, fortranOrder: l.fortranOrder },
        this.#encodeOptions,
      );
      const want = l.shape[l.axis];
      async function* chunks(): AsyncGenerator<Uint8Array> {
        yield header;
        let got = 0;
        for await (const block of iterate(rows)) {
          const b = l.encodeBlock(block);
          if (got + b.rows > want) {
            throw new NpyError(
              "INVALID_ARRAY",
              `the shape of ${name} declares ${want} rows, but ${got + b.rows} were written`,
            );
          }
          got += b.rows;
          yield b.bytes;
        }
        if (got !== want) {
          throw new NpyError(
            "INVALID_ARRAY",
            `the shape of ${name} declares ${want} rows, but the blocks ended after ${got}`,
          );
        }
      }
      await this.#member(`${name}.npy`, chunks());
    });
  }

  /**
   * Writes the central directory and closes the output.
   *
   * @throws What the output throws; the first error of a failed writer.
   */
  close(): Promise<void> {
    return this.#run(async () => {
      await this.#out(centralDirectory(this.#entries, this.#position));
      await this.#flush();
      this.#state = "closed";
      await this.#closeOut();
    });
  }

  /**
   * Stops writing and aborts the output (a `WritableStream` is aborted;
   * a file writer removes its temporary file).
   *
   * @param reason Why, passed to the stream's abort.
   */
  abort(reason?: unknown): Promise<void> {
    const p = this.#queue.then(async () => {
      if (this.#state === "closed" || this.#state === "aborted") return;
      this.#state = "aborted";
      this.#stage = new Uint8Array(0);
      this.#staged = 0;
      await this.#abortOut(reason).catch(() => {});
    });
    this.#queue = p.catch(() => {});
    return p;
  }

  /** Aborts unless {@linkcode NpzWriter.close} was called, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.abort();
  }
}

async function* iterate<T>(
  src: ReadableStream<T> | AsyncIterable<T> | Iterable<T>,
): AsyncGenerator<T> {
  if (src instanceof ReadableStream) {
    const r = src.getReader();
    try {
      for (;;) {
        const { done, value } = await r.read();
        if (done) return;
        yield value;
      }
    } finally {
      r.releaseLock();
    }
  }
  yield* src as AsyncIterable<T> | Iterable<T>;
}

/**
 * Re-saves the members of an archive as `np.savez(out, **np.load(f))`
 * would (with `compress` as `np.savez_compressed`): each key (a member's
 * name less one `.npy`, as `NpzFile.files` lists it) gets `.npy` appended,
 * an array is re-encoded, and a member that is not an .npy file (which
 * `np.load` returns as bytes) becomes what numpy makes of bytes, a 0-d
 * `|S<n>` array. For `npy roundtrip` of an .npz: pass the members in the
 * archive's order, and `compress` when the input's members are deflated.
 *
 * @example
 * ```ts
 * import { encodeNpz, resaveNpz } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const members: [string, Float64Array | Uint8Array][] = [
 *   ["x", new Float64Array([1, 2])],
 *   ["notes.txt", new TextEncoder().encode("hi")], // a member that is not an .npy file
 * ];
 * assert.deepEqual(
 *   resaveNpz(members, { compress: true }),
 *   encodeNpz({
 *     x: new Float64Array([1, 2]),
 *     "notes.txt": { dtype: "|S2", shape: [], data: ["hi"] },
 *   }, { compress: true }),
 * );
 * ```
 *
 * @param members Each key with its array, or with its bytes (a `Uint8Array`, never taken as a `|u1` array) for a member that is not an .npy file.
 * @param options Compression, and {@linkcode encode}'s options.
 * @returns The archive numpy would write.
 */
export function resaveNpz(
  members: Iterable<readonly [string, EncodeInput | Uint8Array]>,
  options: NpzWriterOptions = {},
): Uint8Array {
  const m = new Map<string, EncodeInput>();
  for (const [key, value] of members) {
    if (m.has(key)) {
      throw new NpyError("INVALID_NAME", `the key ${JSON.stringify(key)} is given twice`);
    }
    m.set(key, value instanceof Uint8Array ? bytesArray(value) : value);
  }
  return encodeNpz(m, options);
}

/** `np.asanyarray(b)` of Python bytes: a 0-d `|S<n>` array (`|S1` for no bytes). */
function bytesArray(b: Uint8Array): EncodeInput {
  let s = "";
  for (let i = 0; i < b.length; i += 0x8000) {
    s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  }
  return { dtype: `|S${Math.max(1, b.length)}`, shape: [], data: [s.replace(/\0+$/, "")] };
}
