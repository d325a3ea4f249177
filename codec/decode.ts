// Copyright 2026 the npy authors. MIT license.

import type { ReadHeaderOptions } from "./header.ts";
import { readHeaderFast } from "./_fast_header.ts";
import { readColumn, type ReadOptions } from "./_layout.ts";
import type { NpyArray } from "./types.ts";
import { dataBytes } from "./_data.ts";
import { hasObject } from "./_descr.ts";
import type { PickleEncoding, UnpickleLimits } from "../pickle/unpickle.ts";
import { decodePickled } from "./_pickled.ts";
import { reuseBuffer } from "./_into.ts";

/** Options for {@linkcode decode}. */
export interface DecodeOptions extends ReadHeaderOptions {
  /**
   * Always copy the data. By default, numeric data in the machine's byte
   * order whose offset suits its element type is returned as a view of the
   * input, with no copy: changing one changes the other. So are a
   * structured array's raw records (`bytes`).
   */
  copy?: boolean;
  /**
   * Byte-swap data stored in the other byte order inside the input buffer
   * and return a view of it, instead of a swapped copy. The input is
   * changed: use this only when handing the buffer over.
   */
  inPlace?: boolean;
  /**
   * Read object arrays (`'|O'` and structured dtypes with object fields),
   * whose data is a pickle, with the safe unpickler (numpy's
   * `allow_pickle`). Default false: refused with code `OBJECT_ARRAY`, as
   * numpy does. The result's `data` then holds JS values (see the pickle
   * values table) in storage order.
   */
  allowPickle?: boolean;
  /** How Python 2 strings in the pickle are read (numpy's `encoding`, default `"ASCII"`). */
  encoding?: PickleEncoding;
  /** Map Python 2 module names to Python 3 ones (numpy's `fix_imports`, default true). */
  fixImports?: boolean;
  /** Bounds of the unpickler. */
  pickleLimits?: UnpickleLimits;
  /**
   * Copy the data into this buffer (from its start) and return arrays that
   * view it, instead of viewing the input or allocating: for decoding many
   * arrays of one shape without touching fresh memory each time. The
   * result is valid until the buffer is reused. Numbers in the other byte
   * order are swapped inside it; strings and structured fields are still
   * new JS values. A buffer smaller than the data is refused
   * (`INVALID_OPTION`).
   */
  into?: ArrayBuffer | Uint8Array;
}

/**
 * Reads a .npy file: every array numpy can save without pickle, in format
 * versions 1.0, 2.0 and 3.0. Refuses exactly what `np.load` refuses, with an
 * {@linkcode NpyError} whose `code` names the cause. Bytes after the data are
 * ignored, as numpy does.
 *
 * @example Round trip
 * ```ts
 * import { decode, encode } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const file = encode({
 *   dtype: ">i4",
 *   shape: [2, 2],
 *   data: new Int32Array([1, 2, 3, 4]),
 * });
 * const a = decode(file);
 * assert.deepEqual(a.shape, [2, 2]);
 * assert.deepEqual(a.data, new Int32Array([1, 2, 3, 4]));
 * assert.deepEqual(encode(a), file);
 * ```
 *
 * @example Decode many files of one shape into one buffer
 * ```ts
 * import { decode, encode } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const files = [1, 2, 3].map((k) =>
 *   encode({ dtype: ">f8", data: new Float64Array([k, k + 0.5]) })
 * );
 * const into = new ArrayBuffer(16);
 * let sum = 0;
 * for (const file of files) {
 *   const a = decode(file, { into }); // a.data views `into`: no new memory per file
 *   assert.equal((a.data as Float64Array).buffer, into);
 *   for (const x of a.data as Float64Array) sum += x;
 * }
 * assert.equal(sum, 13.5);
 * ```
 *
 * @param bytes The whole file.
 * @example An object array (needs `allowPickle`)
 * ```ts ignore
 * const a = decode(bytes, { allowPickle: true });
 * // a.dtype.kind === "O"; a.data is an array of JS values
 * ```
 *
 * @param options Limits, copy behaviour and object-array options.
 * @returns The array.
 * @throws {NpyError} When numpy would refuse the file.
 */
export function decode(bytes: Uint8Array, options: DecodeOptions = {}): NpyArray {
  const h = readHeaderFast(bytes, options);
  if (hasObject(h.dtype)) return decodePickled(bytes.subarray(h.dataOffset), h.dataOffset, options);
  const nbytes = dataBytes(h, bytes.length);
  let src = bytes, start = h.dataOffset;
  const opts: ReadOptions = { copy: options.copy ?? false, inPlace: options.inPlace ?? false };
  if (options.into !== undefined) {
    src = reuseBuffer(options.into, nbytes);
    src.set(bytes.subarray(start, start + nbytes));
    start = 0;
    opts.copy = false;
    opts.inPlace = true;
  }
  const data = readColumn(src, start, h.dtype.itemsize, h.count, h.dtype, opts);
  const out: NpyArray = {
    dtype: h.dtype,
    shape: h.shape,
    fortranOrder: h.fortranOrder,
    data,
  };
  if (h.dtype.kind === "struct") {
    // The records as they stand in the input (no copy unless asked for).
    const records = src.subarray(start, start + nbytes);
    out.bytes = opts.copy ? records.slice() : records;
  } else if (opts.lossy) {
    // UCS-4 code units no JS string carries: the stored bytes, as the file has them.
    out.bytes = bytes.slice(h.dataOffset, h.dataOffset + nbytes);
  }
  return out;
}
