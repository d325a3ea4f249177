// Copyright 2026 the npy authors. MIT license.

/**
 * The stable error codes of {@linkcode NpyError}, one per cause.
 *
 * - `BAD_MAGIC`: the file does not start with `\x93NUMPY`.
 * - `UNSUPPORTED_VERSION`: the format version is not 1.0, 2.0 or 3.0.
 * - `TRUNCATED_HEADER`: the input ends inside the magic, the header length or the header.
 * - `HEADER_TOO_LARGE`: the header is longer than `maxHeaderSize` characters.
 * - `HEADER_ENCODING`: a version 3.0 header is not valid UTF-8.
 * - `HEADER_SYNTAX`: the header is not a Python literal that numpy can parse.
 * - `HEADER_NOT_DICT`: the header literal is not a dict.
 * - `HEADER_KEYS`: the dict's keys are not exactly `descr`, `fortran_order`, `shape`.
 * - `INVALID_SHAPE`: `shape` is not a tuple of non-negative ints, or the array cannot have it.
 * - `INVALID_FORTRAN_ORDER`: `fortran_order` is not `True` or `False`.
 * - `INVALID_DESCR`: `descr` is not a dtype descriptor numpy understands.
 * - `OBJECT_ARRAY`: the dtype holds Python objects, which need pickle.
 * - `TRUNCATED_DATA`: the input ends before all the array's elements.
 * - `TOO_LARGE`: the element count or byte size overflows or cannot be held.
 * - `INVALID_ARRAY`: a value given to `encode()` does not fit its dtype or shape.
 * - `INVALID_OPTION`: an option has a value outside its range.
 * - `PICKLE_UNSUPPORTED`: an object array holds a value that the pickler cannot write byte for byte as numpy does.
 */
export type NpyErrorCode =
  | "BAD_MAGIC"
  | "UNSUPPORTED_VERSION"
  | "TRUNCATED_HEADER"
  | "HEADER_TOO_LARGE"
  | "HEADER_ENCODING"
  | "HEADER_SYNTAX"
  | "HEADER_NOT_DICT"
  | "HEADER_KEYS"
  | "INVALID_SHAPE"
  | "INVALID_FORTRAN_ORDER"
  | "INVALID_DESCR"
  | "OBJECT_ARRAY"
  | "TRUNCATED_DATA"
  | "TOO_LARGE"
  | "INVALID_ARRAY"
  | "INVALID_OPTION"
  | "PICKLE_UNSUPPORTED";

/**
 * The one error class this package throws for bad input. `code` names the
 * cause and stays stable across versions; `offset` is the byte offset in the
 * input where the problem was found, when there is one.
 *
 * @example Telling causes apart
 * ```ts
 * import { decode, NpyError } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * try {
 *   decode(new Uint8Array([1, 2, 3]));
 *   assert.fail("decode() accepted three bytes");
 * } catch (e) {
 *   assert.ok(e instanceof NpyError);
 *   assert.equal(e.code, "BAD_MAGIC");
 *   assert.equal(e.offset, 0);
 * }
 * ```
 */
export class NpyError extends Error {
  /** The stable cause of the error. */
  readonly code: NpyErrorCode;
  /** Byte offset in the input where the problem was found, if any. */
  readonly offset: number | undefined;

  /**
   * Makes an error; the message gets ` (at byte N)` appended when an offset
   * is given.
   *
   * @param code The cause.
   * @param message What was expected and what was found.
   * @param offset Byte offset in the input.
   */
  constructor(code: NpyErrorCode, message: string, offset?: number) {
    super(offset === undefined ? message : `${message} (at byte ${offset})`);
    this.name = "NpyError";
    this.code = code;
    this.offset = offset;
  }
}
