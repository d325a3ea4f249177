// Copyright 2026 the npy authors. MIT license.

/**
 * A reference codec for NumPy's `.npy` format: reads every array numpy can
 * save without pickle, in format versions 1.0, 2.0 and 3.0, and writes it
 * byte for byte as `np.save` does. Refuses exactly what `np.load` refuses,
 * with an {@linkcode NpyError} whose `code` names the cause.
 *
 * @example Write and read an array
 * ```ts
 * import { decode, encode } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const file = encode({ dtype: "<f4", shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) });
 * const array = decode(file);
 * assert.deepEqual(array.shape, [2, 3]);
 * assert.equal(array.dtype.kind, "f");
 * assert.deepEqual([...array.data as Float32Array], [1, 2, 3, 4, 5, 6]);
 * ```
 *
 * @module
 */

export * from "./codec/types.ts";
export * from "./codec/errors.ts";
export * from "./codec/descr.ts";
export * from "./codec/header.ts";
export * from "./codec/decode.ts";
export * from "./codec/encode.ts";
export * from "./codec/json.ts";
export * from "./codec/values.ts";
export * from "./codec/stream.ts";
export * from "./pickle/values.ts";
export * from "./pickle/unpickle.ts";
export * from "./pickle/pickle.ts";
export * from "./zip/crc32.ts";
export * from "./zip/source.ts";
export * from "./zip/npz_file.ts";
export {
  COMPRESSION_METHODS,
  DEFAULT_MAX_INFLATED_SIZE,
  DEFAULT_MAX_RATIO,
  type MemberReadOptions,
  type ZipDirectory,
  type ZipEntry,
  type ZipLimits,
} from "./zip/reader.ts";
export * from "./zip/load_any.ts";
export * from "./zip/npz_writer.ts";
