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
 * - `EMPTY_FILE`: `np.load`'s "No data left in file": the file has no bytes.
 * - `PICKLED_DATA`: neither .npy nor zip, so numpy would unpickle it; refused without `allowPickle`.
 * - `NOT_ZIP`: no end-of-central-directory record: "File is not a zip file".
 * - `ZIP_UNSUPPORTED`: a zip feature numpy's zipfile refuses too (several disks, version > 6.3, patched data).
 * - `ZIP_BAD_DIRECTORY`: a central directory entry without its signature, or a directory before the file start.
 * - `ZIP_BAD_EXTRA`: an extra field that runs past its entry, or a zip64 extra without the size it must hold.
 * - `ZIP_BAD_NAME`: a member name flagged UTF-8 that is not UTF-8.
 * - `ZIP_BAD_LOCAL_HEADER`: a local header without its signature, or whose name differs from the directory's.
 * - `ZIP_TRUNCATED`: the archive ends inside the directory, a local header or a member's data.
 * - `ZIP_OUT_OF_RANGE`: an entry's local header lies outside the archive's member area.
 * - `ZIP_OVERLAP`: two entries' bytes overlap (one way to build a zip bomb).
 * - `ZIP_DUPLICATE_NAME`: two entries with the same name.
 * - `ZIP_SIZE_OVERFLOW`: a size or offset beyond 2^53 - 1, which JavaScript numbers cannot hold exactly.
 * - `ZIP_UNSUPPORTED_METHOD`: a compression method other than stored (0) and deflated (8).
 * - `ZIP_ENCRYPTED`: an encrypted member.
 * - `ZIP_BAD_DEFLATE`: a deflated member whose data is not a valid deflate stream.
 * - `ZIP_BAD_CRC`: a member whose CRC-32 differs from the directory's: "Bad CRC-32 for file 'x.npy'".
 * - `ZIP_BOMB`: a deflated member that claims more bytes, or a higher ratio, than the limits allow.
 * - `NO_SUCH_MEMBER`: a key that names no member: "x is not a file in the archive".
 * - `INVALID_NAME`: an .npz member name cannot be written (used twice, a positional name taken by a keyword, over 65,535 bytes, or a lone surrogate).
 * - `PICKLE_TRUNCATED`: a pickle ends inside an opcode's argument or before `STOP`.
 * - `PICKLE_INVALID`: a pickle is malformed (unknown opcode, stack underflow, missing memo
 *   entry, wrong argument types for an allowed global, ...), where Python would raise.
 * - `PICKLE_UNSAFE_GLOBAL`: a pickle calls or builds a global outside the whitelist.
 * - `PICKLE_LIMIT`: a pickle exceeds a bound of the safe unpickler (memo, stack, integer
 *   size, element count, nesting).
 * - `PICKLE_ENCODING`: a Python 2 string cannot be decoded with the chosen `encoding`.
 * - `PICKLE_ELEMENT_COUNT`: a pickled array's element list is shorter or longer than its size
 *   (numpy reads garbage or crashes).
 * - `PICKLE_LAYOUT`: a pickled dtype's layout cannot hold its fields (e.g. a structured
 *   dtype with an object field written by 32-bit numpy, which crashes 64-bit numpy).
 * - `PICKLE_NOT_ARRAY`: the pickle in a .npy file is not a numpy array.
 * - `PICKLE_UNSUPPORTED`: a pickle holds a value this reader does not represent, or an object
 *   array holds a value that the pickler cannot write byte for byte as numpy does.
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
  | "EMPTY_FILE"
  | "PICKLED_DATA"
  | "NOT_ZIP"
  | "ZIP_UNSUPPORTED"
  | "ZIP_BAD_DIRECTORY"
  | "ZIP_BAD_EXTRA"
  | "ZIP_BAD_NAME"
  | "ZIP_BAD_LOCAL_HEADER"
  | "ZIP_TRUNCATED"
  | "ZIP_OUT_OF_RANGE"
  | "ZIP_OVERLAP"
  | "ZIP_DUPLICATE_NAME"
  | "ZIP_SIZE_OVERFLOW"
  | "ZIP_UNSUPPORTED_METHOD"
  | "ZIP_ENCRYPTED"
  | "ZIP_BAD_DEFLATE"
  | "ZIP_BAD_CRC"
  | "ZIP_BOMB"
  | "NO_SUCH_MEMBER"
  | "INVALID_NAME"
  | "PICKLE_TRUNCATED"
  | "PICKLE_INVALID"
  | "PICKLE_UNSAFE_GLOBAL"
  | "PICKLE_LIMIT"
  | "PICKLE_ENCODING"
  | "PICKLE_ELEMENT_COUNT"
  | "PICKLE_LAYOUT"
  | "PICKLE_NOT_ARRAY"
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
