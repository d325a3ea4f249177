// Copyright 2026 the npy authors. MIT license.

/**
 * Streaming .npy files larger than memory. {@linkcode NpyEncoderStream} writes a file of known shape to any byte
 * stream; {@linkcode NpyDecoderStream} turns a byte stream into blocks of
 * rows. Reading the rows of a file on disk is {@linkcode NpyFile.blocks}.
 *
 * @module
 */

import { NpyError } from "./errors.ts";
import {
  MAX_HEADER_SIZE,
  type NpyHeader,
  type ReadHeaderOptions,
  writeHeader,
  type WriteHeaderOptions,
} from "./header.ts";
import { readColumn, type ReadOptions } from "./_layout.ts";
import type { DecodeOptions } from "./decode.ts";
import { decodePickled } from "./_pickled.ts";
import { hasObject } from "./_descr.ts";
import { headerLengthField, readHeaderFast, refuseLongHeader } from "./_fast_header.ts";
import { checkDataSize, DEFAULT_BLOCK_BYTES } from "./_data.ts";
import { Layout } from "./_row_layout.ts";
import type { DescrJson } from "./descr.ts";
import type { DType, NpyArray, NpyData } from "./types.ts";

/** The array a stream writes: its dtype, shape and order, but no data. */
export interface StreamLayout {
  /** The element type, as a dtype or a descr such as `"<f8"`. */
  dtype: DType | DescrJson;
  /**
   * The shape. For {@linkcode createNpyWriter} the length of the row axis
   * (the first, or the last for Fortran order) is ignored: it becomes the
   * number of rows appended.
   */
  shape: readonly number[];
  /** Whether the data is in Fortran order; default false. */
  fortranOrder?: boolean;
}

/**
 * Rows to append: an array of the stream's dtype whose shape differs only
 * in the row axis (what {@linkcode NpyDecoderStream} yields), or just the
 * values of whole rows in storage order, as {@linkcode NpyData} or an array
 * of numbers, bigints, booleans or strings.
 */
export type RowBlock = NpyArray | NpyData | ArrayLike<number | bigint | boolean | string>;

/**
 * Encodes an array of known shape as a byte stream: the header, then each
 * block of rows written to it, with no copy when a block's data already has
 * the file's layout. Fails if the rows written are not exactly the rows
 * the shape declares (a byte stream cannot be rewound to fix the header;
 * to write a file whose row count is not known up front, use
 * {@linkcode createNpyWriter}).
 *
 * @example
 * ```ts
 * import { decode, NpyEncoderStream } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const body = ReadableStream.from([new Float64Array([1, 2]), new Float64Array([3, 4])])
 *   .pipeThrough(new NpyEncoderStream({ dtype: "<f8", shape: [2, 2] }));
 * const bytes = new Uint8Array(await new Response(body).arrayBuffer());
 * assert.deepEqual(decode(bytes).data, new Float64Array([1, 2, 3, 4]));
 * ```
 */
export class NpyEncoderStream extends TransformStream<RowBlock, Uint8Array> {
  /**
   * Makes an encoder for an array of the given layout.
   *
   * @param layout The dtype, the full shape and the order.
   * @param options The format version.
   * @throws {NpyError} For a dtype or shape that cannot be written.
   */
  constructor(layout: StreamLayout, options: WriteHeaderOptions = {}) {
    const l = new Layout(layout, "NpyEncoderStream");
    const header = writeHeader(
      { dtype: l.dtype, shape: l.shape, fortranOrder: l.fortranOrder },
      options,
    );
    const want = l.shape[l.axis];
    let rows = 0;
    super({
      start(controller) {
        controller.enqueue(header);
      },
      transform(block, controller) {
        const b = l.encodeBlock(block);
        if (rows + b.rows > want) {
          throw new NpyError(
            "INVALID_ARRAY",
            `the shape declares ${want} rows, but ${rows + b.rows} were written`,
          );
        }
        rows += b.rows;
        if (b.bytes.length > 0) controller.enqueue(b.bytes);
      },
      flush() {
        if (rows !== want) {
          throw new NpyError(
            "INVALID_ARRAY",
            `the shape declares ${want} rows, but the stream ended after ${rows}`,
          );
        }
      },
    });
  }
}

/** Options for {@linkcode NpyDecoderStream}. */
export interface NpyDecoderOptions extends ReadHeaderOptions {
  /** Rows per block; by default about 4 MiB of data per block. */
  rowsPerBlock?: number;
  /**
   * Decode every block into the same buffer, so that reading allocates
   * nothing per block: a block's numeric data is then valid only until the
   * next block is read. For consumers that finish with each block before
   * reading the next (a `for await` loop, `pipeTo` a writer); not with
   * `tee()` or a readable side that queues blocks. Default false.
   */
  reuse?: boolean;
  /** How Python 2 strings in an object array's pickle are read (see {@linkcode DecodeOptions}). */
  encoding?: DecodeOptions["encoding"];
  /** Map Python 2 names to Python 3 ones in an object array's pickle (default true). */
  fixImports?: boolean;
  /** Bounds of the unpickler. */
  pickleLimits?: DecodeOptions["pickleLimits"];
}

/**
 * Decodes a .npy byte stream into blocks of rows, each an
 * {@linkcode NpyArray} of the file's dtype whose row axis (the first, or
 * the last for Fortran order) is cut to the block. Only one block and the
 * chunk being read are held at a time. A 0-d array is one block of shape
 * `[]`; an array with no rows yields no blocks. Chunks are copied, never
 * kept: a producer may reuse a chunk's memory once its write has resolved.
 * The stream fails with
 * `TRUNCATED_DATA` if it ends before all the rows; bytes after the data
 * are ignored, as numpy does. With `allowPickle`, an object array (whose
 * data is a pickle running to the end of the stream) is held whole and
 * unpickled when the stream ends, then emitted as one block.
 *
 * @example
 * ```ts
 * import { encode, NpyDecoderStream, type NpyArray } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const file = encode({ dtype: ">i2", shape: [5, 2], data: new Int16Array(10).map((_, i) => i) });
 * const decoder = new NpyDecoderStream({ rowsPerBlock: 2 });
 * const blocks: NpyArray[] = [];
 * for await (const b of ReadableStream.from([file]).pipeThrough(decoder)) blocks.push(b);
 * assert.deepEqual(blocks.map((b) => b.shape), [[2, 2], [2, 2], [1, 2]]);
 * assert.deepEqual(blocks[2].data, new Int16Array([8, 9]));
 * assert.deepEqual((await decoder.header).shape, [5, 2]);
 * ```
 */
export class NpyDecoderStream extends TransformStream<Uint8Array, NpyArray> {
  /** The header, once it has been read. */
  readonly header: Promise<NpyHeader>;

  /**
   * Makes a decoder.
   *
   * @param options Rows per block and header limits.
   * @throws {NpyError} `INVALID_OPTION` for a rowsPerBlock that is not a positive integer.
   */
  constructor(options: NpyDecoderOptions = {}) {
    const asked = options.rowsPerBlock;
    const reuse = options.reuse ?? false;
    if (asked !== undefined && (!Number.isSafeInteger(asked) || asked < 1)) {
      throw new NpyError("INVALID_OPTION", `rowsPerBlock must be a positive integer, got ${asked}`);
    }
    const max = options.maxHeaderSize ?? MAX_HEADER_SIZE;
    let resolveHeader!: (h: NpyHeader) => void, rejectHeader!: (e: unknown) => void;
    const header = new Promise<NpyHeader>((res, rej) => {
      resolveHeader = res;
      rejectHeader = rej;
    });
    header.catch(() => {});
    const chunks: Uint8Array[] = [];
    let pending = 0; // bytes held in chunks
    let received = 0; // bytes of the whole stream
    let h: NpyHeader | undefined;
    let axis = 0, rows = 0, rowBytes = 0, per = 1, done = 0, shape: number[] = [];
    let objects = false;
    const held: Uint8Array[] = [];

    const take = (n: number): Uint8Array => {
      // The next n held bytes of the header, in a buffer of their own.
      const out = new Uint8Array(n);
      let o = 0;
      while (o < n) {
        const c = chunks[0];
        const k = Math.min(c.length, n - o);
        out.set(c.subarray(0, k), o);
        o += k;
        if (k === c.length) chunks.shift();
        else chunks[0] = c.subarray(k);
      }
      pending -= n;
      return out;
    };

    const block = (n: number, buf: Uint8Array): NpyArray => {
      const hh = h!;
      const s = [...shape];
      if (s.length > 0) s[axis] = n;
      let count = 1;
      for (const d of s) count *= d;
      const struct = hh.dtype.kind === "struct";
      const opts: ReadOptions = { copy: false, inPlace: !struct };
      const data = readColumn(buf, 0, hh.dtype.itemsize, count, hh.dtype, opts);
      const out: NpyArray = { dtype: hh.dtype, shape: s, fortranOrder: hh.fortranOrder, data };
      if (struct || opts.lossy) out.bytes = buf;
      return out;
    };

    const tryHeader = (): boolean => {
      const pre = peek(chunks, Math.min(pending, 12));
      try {
        // Refuses a bad magic or version as soon as its bytes are there.
        readHeaderFast(pre, options);
      } catch (e) {
        if (!(e instanceof NpyError && e.code === "TRUNCATED_HEADER")) throw e;
      }
      if (pre.length < (pre[6] === 1 ? 10 : 12)) return false;
      const { start, headerLen } = headerLengthField(pre);
      refuseLongHeader(pre[6], headerLen, max, start);
      if (pending < start + headerLen) return false;
      h = readHeaderFast(take(start + headerLen), options);
      shape = h.shape;
      axis = h.fortranOrder ? Math.max(0, shape.length - 1) : 0;
      rows = shape.length === 0 ? 1 : shape[axis];
      rowBytes = h.dtype.itemsize;
      for (let i = 0; i < shape.length; i++) if (i !== axis) rowBytes *= shape[i];
      per = asked ?? Math.max(1, Math.floor(DEFAULT_BLOCK_BYTES / (rowBytes || 1)));
      resolveHeader(h);
      return true;
    };

    // The block being filled; with reuse, two buffers taken in turn, since a
    // block emitted in this call stays in use until the next call.
    let cur: Uint8Array | undefined, curRows = 0, filled = 0;
    const spares: Uint8Array[] = [];
    let emitted: ArrayBufferLike[] = [];
    const feed = (chunk: Uint8Array, controller: TransformStreamDefaultController<NpyArray>) => {
      let off = 0;
      while (off < chunk.length && done < rows) {
        if (cur === undefined) {
          curRows = Math.min(per, rows - done);
          const n = curRows * rowBytes;
          let free = reuse ? spares.find((b) => !emitted.includes(b.buffer)) : undefined;
          if (reuse && free === undefined && spares.length < 2) {
            free = new Uint8Array(per * rowBytes);
            spares.push(free);
          }
          cur = free === undefined ? new Uint8Array(n) : free.subarray(0, n);
          filled = 0;
        }
        const k = Math.min(chunk.length - off, cur.length - filled);
        cur.set(chunk.subarray(off, off + k), filled);
        filled += k;
        off += k;
        if (filled === cur.length) {
          emitted.push(cur.buffer);
          controller.enqueue(block(curRows, cur));
          done += curRows;
          cur = undefined;
        }
      }
    };

    super({
      transform(chunk, controller) {
        try {
          // Blocks enqueued by earlier calls have been read: backpressure holds
          // this call back until the readable side has drained.
          emitted = [];
          if (objects) {
            held.push(chunk.slice());
            return;
          }
          received += chunk.length;
          if (chunk.length === 0 || (h !== undefined && done >= rows)) return;
          if (h !== undefined) return feed(chunk, controller);
          chunks.push(chunk.slice()); // header bytes are held across calls: copy them
          pending += chunk.length;
          if (!tryHeader()) return;
          if (hasObject(h!.dtype)) {
            objects = true;
            held.push(...chunks.splice(0));
            pending = 0;
            return;
          }
          if (rowBytes === 0) {
            if (rows > 0) controller.enqueue(block(rows, new Uint8Array(0)));
            done = rows;
          }
          const rest = chunks.splice(0);
          pending = 0;
          for (const c of rest) feed(c, controller);
        } catch (e) {
          rejectHeader(e);
          throw e;
        }
      },
      flush(controller) {
        try {
          if (objects) {
            const all = new Uint8Array(held.reduce((n, c) => n + c.length, 0));
            let o = 0;
            for (const c of held.splice(0)) {
              all.set(c, o);
              o += c.length;
            }
            controller.enqueue(decodePickled(all, h!.dataOffset, options));
            return;
          }
          if (h === undefined) {
            // Let readHeader say what is missing.
            readHeaderFast(peek(chunks, pending), options);
            throw new NpyError("TRUNCATED_HEADER", "the stream ended inside the header", received);
          }
          checkDataSize(h, received - h.dataOffset, received);
        } catch (e) {
          rejectHeader(e);
          throw e;
        }
      },
    });
    this.header = header;
  }
}

/** The first n held bytes, copied. */
function peek(chunks: Uint8Array[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    if (o >= n) break;
    const k = Math.min(c.length, n - o);
    out.set(c.subarray(0, k), o);
    o += k;
  }
  return out;
}
