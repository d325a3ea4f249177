// Copyright 2026 the npy authors. MIT license.

import { NpyError } from "./errors.ts";
import { parseLiteral, pyRepr, type PyValue } from "./_literal.ts";
import type { DescrJson } from "./descr.ts";
import { descrToDType, descrValue, hasObject } from "./_descr.ts";
import type { DType, NpyVersion } from "./types.ts";
import { latin1Decode } from "./_layout.ts";
import { readHeaderWith } from "./_fast_header.ts";

/** The 6 bytes every .npy file starts with: `\x93NUMPY`. */
export const MAGIC: Uint8Array = new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);

/** numpy pads the header so that the data starts at a multiple of this. */
export const ARRAY_ALIGN = 64;

/** numpy leaves room for the growing axis's length to reach this many digits. */
export const GROWTH_AXIS_MAX_DIGITS = 21;

/** numpy's default limit on the header's length in characters. */
export const MAX_HEADER_SIZE = 10000;

/** Options for reading a header. */
export interface ReadHeaderOptions {
  /**
   * Longest header, in characters, that is parsed (numpy's
   * `max_header_size`, default 10000). Larger headers are refused with code
   * `HEADER_TOO_LARGE`.
   */
  maxHeaderSize?: number;
  /**
   * Accept a dtype that holds Python objects (numpy's `allow_pickle`);
   * by default such headers are refused with code `OBJECT_ARRAY`.
   */
  allowPickle?: boolean;
}

/** What a .npy header says. */
export interface NpyHeader {
  /** The format version. */
  version: NpyVersion;
  /** The header's `descr` literal in JSON form (tuples as arrays). */
  descr: DescrJson;
  /**
   * The dtype of the elements. A top-level subarray descr is folded away
   * as numpy does, so this is never a subarray.
   */
  dtype: DType;
  /** The header's `fortran_order`. */
  fortranOrder: boolean;
  /** The header's `shape`. */
  shape: number[];
  /** Number of elements (the product of `shape`). */
  count: number;
  /** Byte offset of the data: magic, length field and header text. */
  dataOffset: number;
  /**
   * Only for a top-level subarray descr holding more than one value per
   * element (`'(2,)i4'`) and a non-empty shape: the bytes of one such
   * element. numpy reads the data as whole elements of this size (as many as
   * the file holds, up to `count`) and loads the file only when they hold
   * exactly `count` values: the data must be `count * dtype.itemsize` bytes,
   * give or take less than one such element. Readers of the data check it
   * (`TRUNCATED_DATA`, with numpy's "Failed to read all data").
   */
  subarrayItemsize?: number;
}

const EXPECTED_KEYS = ["descr", "fortran_order", "shape"];
const MAX_DIMS = 64;
const INTP_MAX = (1n << 63n) - 1n;
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const UTF8_ENCODER = new TextEncoder();

/**
 * Reads the magic, version and header of a .npy file and checks them the
 * way numpy's `np.load` does, without touching the data.
 *
 * @example
 * ```ts
 * import { encode, readHeader } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const file = encode(new Float64Array([1, 2, 3]));
 * const h = readHeader(file);
 * assert.deepEqual(h.version, [1, 0]);
 * assert.equal(h.descr, "<f8");
 * assert.deepEqual(h.shape, [3]);
 * assert.equal(h.dataOffset, 128);
 * ```
 *
 * @param bytes The start of the file; at least the whole header.
 * @param options Limits.
 * @returns The header.
 * @throws {NpyError} When numpy would refuse the header.
 */
export function readHeader(bytes: Uint8Array, options: ReadHeaderOptions = {}): NpyHeader {
  // The headers np.save writes take a cached fast path with the same result.
  return readHeaderWith(bytes, options, parseHeader);
}

/** {@linkcode readHeader} by the full literal parser: every header numpy accepts. */
function parseHeader(bytes: Uint8Array, options: ReadHeaderOptions): NpyHeader {
  const maxHeaderSize = options.maxHeaderSize ?? MAX_HEADER_SIZE;
  if (!(maxHeaderSize >= 0)) {
    throw new NpyError("INVALID_OPTION", `maxHeaderSize must be >= 0, got ${maxHeaderSize}`);
  }
  for (let i = 0; i < MAGIC.length && i < bytes.length; i++) {
    if (bytes[i] !== MAGIC[i]) {
      throw new NpyError(
        "BAD_MAGIC",
        `the magic string is not correct; expected b'\\x93NUMPY', got ${
          pyBytes(bytes.subarray(0, 6))
        }`,
        i,
      );
    }
  }
  if (bytes.length < 8) {
    throw new NpyError(
      "TRUNCATED_HEADER",
      `EOF: reading magic string, expected 8 bytes got ${bytes.length}`,
      bytes.length,
    );
  }
  const major = bytes[6], minor = bytes[7];
  if (!((major === 1 || major === 2 || major === 3) && minor === 0)) {
    throw new NpyError(
      "UNSUPPORTED_VERSION",
      `we only support format version (1,0), (2,0), and (3,0), not (${major}, ${minor})`,
      6,
    );
  }
  const version = [major, 0] as unknown as NpyVersion;
  const lenSize = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenSize) {
    throw new NpyError(
      "TRUNCATED_HEADER",
      `EOF: reading array header length, expected ${lenSize} bytes got ${bytes.length - 8}`,
      bytes.length,
    );
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = lenSize === 2 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  const start = 8 + lenSize;
  const dataOffset = start + headerLen;
  if (bytes.length < dataOffset) {
    throw new NpyError(
      "TRUNCATED_HEADER",
      `EOF: reading array header, expected ${headerLen} bytes got ${bytes.length - start}`,
      bytes.length,
    );
  }
  const raw = bytes.subarray(start, dataOffset);
  let text: string;
  if (major === 3) {
    try {
      text = UTF8.decode(raw);
    } catch {
      throw new NpyError(
        "HEADER_ENCODING",
        `a version 3.0 header must be UTF-8, found invalid bytes at byte ${
          start + firstBadUtf8(raw)
        }`,
        start + firstBadUtf8(raw),
      );
    }
  } else {
    text = latin1Decode(raw);
  }
  const chars = major === 3 ? codePointCount(text) : text.length;
  if (chars > maxHeaderSize) {
    throw new NpyError(
      "HEADER_TOO_LARGE",
      `Header info length (${chars}) is large and may not be safe to load securely; ` +
        `the limit is ${maxHeaderSize} characters. To load it anyway, pass a larger ` +
        `maxHeaderSize (numpy: max_header_size)`,
      start,
    );
  }
  const byteOffset = major === 3 ? utf8OffsetMapper(text) : undefined;
  const d = parseLiteral(text, {
    allowLongSuffix: major < 3,
    baseOffset: start,
    byteOffset,
  });
  return checkHeader(d, version, dataOffset, start, options.allowPickle ?? false);
}

function checkHeader(
  d: PyValue,
  version: NpyVersion,
  dataOffset: number,
  at: number,
  allowPickle: boolean,
): NpyHeader {
  if (d.t !== "dict") {
    throw new NpyError("HEADER_NOT_DICT", `Header is not a dictionary: ${safeRepr(d)}`, at);
  }
  const map = new Map<string, PyValue>();
  const otherKeys: string[] = [];
  for (const [k, v] of d.entries) {
    if (k.t === "str") map.set(k.v, v);
    else otherKeys.push(safeRepr(k));
  }
  const keys = [...map.keys()];
  if (
    otherKeys.length > 0 || keys.length !== 3 || !EXPECTED_KEYS.every((k) => map.has(k))
  ) {
    const shown = [...keys.sort().map((k) => pyRepr({ t: "str", v: k })), ...otherKeys];
    throw new NpyError(
      "HEADER_KEYS",
      `Header does not contain the correct keys: expected ['descr', 'fortran_order', 'shape'], found [${
        shown.join(", ")
      }]`,
      at,
    );
  }
  const shapeV = map.get("shape")!;
  if (shapeV.t !== "tuple" || !shapeV.items.every((x) => x.t === "int" || x.t === "bool")) {
    throw new NpyError(
      "INVALID_SHAPE",
      `shape is not valid: expected a tuple of ints, found ${safeRepr(shapeV)}`,
      at,
    );
  }
  const fo = map.get("fortran_order")!;
  if (fo.t !== "bool") {
    throw new NpyError(
      "INVALID_FORTRAN_ORDER",
      `fortran_order is not a valid bool: expected True or False, found ${safeRepr(fo)}`,
      at,
    );
  }
  const descrV = map.get("descr")!;
  let dtype: DType;
  try {
    dtype = descrToDType(descrV, 0);
  } catch (e) {
    if (e instanceof NpyError) throw new NpyError(e.code, e.message, at);
    throw e;
  }
  if (hasObject(dtype) && !allowPickle) {
    throw new NpyError(
      "OBJECT_ARRAY",
      "Object arrays cannot be loaded when allow_pickle=False",
      at,
    );
  }
  // Dimensions: numpy checks these when it makes and reshapes the array.
  const dims: bigint[] = [];
  for (const x of shapeV.items) {
    if (x.t === "bool") {
      throw new NpyError(
        "INVALID_SHAPE",
        `shape is not valid: expected ints, found ${
          safeRepr(shapeV)
        } (numpy refuses bools: an integer is required)`,
        at,
      );
    }
    dims.push((x as { v: bigint }).v);
  }
  if (dims.some((x) => x < 0n)) {
    throw new NpyError(
      "INVALID_SHAPE",
      `shape is not valid: negative dimensions are not allowed, found ${safeRepr(shapeV)}`,
      at,
    );
  }
  if (dims.length > MAX_DIMS) {
    throw new NpyError(
      "INVALID_SHAPE",
      `maximum supported dimension for an ndarray is currently ${MAX_DIMS}, found ${dims.length}`,
      at,
    );
  }
  let elementSize = dtype;
  let count = 1n;
  let product = 1n;
  // numpy checks the size with the dtype's itemsize, and again, for a
  // top-level subarray descr, with its base's when it reshapes.
  let base: DType = dtype;
  while (base.kind === "subarray") base = base.base;
  let nbytes = BigInt(Math.max(dtype.itemsize, base.itemsize));
  for (const x of dims) {
    count *= x;
    if (x !== 0n) nbytes *= x;
    if (x > INTP_MAX || nbytes > INTP_MAX) {
      throw new NpyError(
        "TOO_LARGE",
        `array is too big: shape ${safeRepr(shapeV)} of ${dtype.itemsize}-byte elements ` +
          `overflows a 64-bit size`,
        at,
      );
    }
  }
  // With zero-size elements numpy's size checks pass, but it reshapes an
  // array of the int64-wrapped count: the running product of the dims in
  // storage order must reach 0 (or the end) before it overflows.
  for (const x of fo.v ? [...dims].reverse() : dims) {
    product *= x;
    if (product === 0n) break;
    if (product > INTP_MAX) {
      throw new NpyError(
        "TOO_LARGE",
        `array is too big: the element count of shape ${safeRepr(shapeV)} overflows int64`,
        at,
      );
    }
  }
  if (dims.some((x) => x > BigInt(Number.MAX_SAFE_INTEGER))) {
    throw new NpyError(
      "TOO_LARGE",
      `shape ${
        safeRepr(shapeV)
      } has a dimension above 2**53-1, which JavaScript numbers cannot hold`,
      at,
    );
  }
  let subarrayItemsize: number | undefined;
  if (dtype.kind === "subarray") {
    // numpy's fromfile reads up to `count` elements of the subarray dtype,
    // as many as the file holds, then wants `count` values in all: the
    // element count must divide by the values per element, and the data
    // must hold exactly count / sub elements (checked where it is read).
    let sub = 1;
    for (let d: DType = dtype; d.kind === "subarray"; d = d.base) {
      sub *= d.shape.reduce((a, b) => a * b, 1);
    }
    if (1 + dtype.shape.length > MAX_DIMS) {
      throw new NpyError(
        "INVALID_DESCR",
        `number of dimensions must be within [0, ${MAX_DIMS}]: a top-level subarray descr ${
          safeRepr(descrV)
        } adds ${dtype.shape.length} dimensions to the array's one`,
        at,
      );
    }
    if (sub !== 1 && count !== 0n) {
      if (sub === 0 || count % BigInt(sub) !== 0n || dtype.itemsize === 0) {
        throw new NpyError(
          "INVALID_DESCR",
          `Failed to read all data for array: a top-level subarray descr ${
            safeRepr(descrV)
          } holds ${sub} values per element, and no number of them makes the ${count} ` +
            `values of shape ${safeRepr(shapeV)}`,
          at,
        );
      }
      subarrayItemsize = dtype.itemsize;
    }
    elementSize = dtype.base;
    while (elementSize.kind === "subarray") elementSize = elementSize.base;
  }
  return {
    version,
    descr: pyToDescrJson(descrV),
    dtype: elementSize,
    fortranOrder: fo.v,
    shape: dims.map(Number),
    count: Number(count),
    dataOffset,
    ...(subarrayItemsize === undefined ? {} : { subarrayItemsize }),
  };
}

function pyToDescrJson(v: PyValue): DescrJson {
  switch (v.t) {
    case "str":
      return v.v;
    case "int":
      return Number(v.v);
    case "tuple":
    case "list":
      return v.items.map(pyToDescrJson);
    default:
      return safeRepr(v);
  }
}

function safeRepr(v: PyValue): string {
  switch (v.t) {
    case "str":
    case "int":
    case "bool":
    case "none":
      return pyRepr(v);
    case "float":
      return Number.isInteger(v.v) ? `${v.v}.0` : `${v.v}`;
    case "complex":
      return `(${v.re}+${v.im}j)`;
    case "ellipsis":
      return "Ellipsis";
    case "bytes":
      return pyBytes(v.v);
    case "tuple":
      return v.items.length === 1
        ? `(${safeRepr(v.items[0])},)`
        : `(${v.items.map(safeRepr).join(", ")})`;
    case "list":
      return `[${v.items.map(safeRepr).join(", ")}]`;
    case "set":
      return v.items.length === 0 ? "set()" : `{${v.items.map(safeRepr).join(", ")}}`;
    case "dict":
      return `{${v.entries.map(([k, x]) => `${safeRepr(k)}: ${safeRepr(x)}`).join(", ")}}`;
  }
}

function pyBytes(b: Uint8Array): string {
  let s = "b'";
  for (const x of b) {
    if (x === 0x27 || x === 0x5c) s += "\\" + String.fromCharCode(x);
    else if (x >= 0x20 && x < 0x7f) s += String.fromCharCode(x);
    else s += "\\x" + x.toString(16).padStart(2, "0");
  }
  return s + "'";
}

function codePointCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) n--;
  }
  return n;
}

function utf8OffsetMapper(text: string): (index: number) => number {
  return (index: number) => UTF8_ENCODER.encode(text.slice(0, index)).length;
}

function firstBadUtf8(raw: Uint8Array): number {
  let lo = 0, hi = raw.length;
  // Largest prefix that decodes (a valid prefix may end inside a character).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(raw.subarray(0, mid), {
        stream: true,
      });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/** What a header says, for {@linkcode writeHeader}. */
export interface HeaderFields {
  /** The element dtype. */
  dtype: DType;
  /** The shape. */
  shape: readonly number[];
  /** Whether the data is in Fortran order. */
  fortranOrder: boolean;
}

/** Options for writing a header. */
export interface WriteHeaderOptions {
  /**
   * The format version. By default numpy's rule: 1.0; 2.0 when the header
   * is too long for 1.0; 3.0 only when it cannot be encoded as latin1.
   */
  version?: NpyVersion;
  /** Allow the object dtype `|O` (the data is then a pickle); default false. */
  allowPickle?: boolean;
}

const SCALAR_REPRS = new Map<string, string>();
const STRUCT_REPRS = new WeakMap<object, string>();

/** `repr(dtype.descr)`, remembered per scalar type and per (shared, frozen) field list. */
function descrRepr(dtype: DType): string {
  if (dtype.kind === "struct" || dtype.kind === "subarray") {
    const key = dtype.kind === "struct" ? dtype.fields : undefined;
    const frozen = key !== undefined && Object.isFrozen(key) &&
      key.every((f) => Object.isFrozen(f) && Object.isFrozen(f.dtype));
    if (!frozen) return pyRepr(descrValue(dtype));
    let r = STRUCT_REPRS.get(key);
    if (r === undefined) STRUCT_REPRS.set(key, r = pyRepr(descrValue(dtype)));
    return r;
  }
  const key = `${dtype.kind}${dtype.byteOrder}${dtype.itemsize}${dtype.unit ?? ""}${
    dtype.multiple ?? ""
  }`;
  let r = SCALAR_REPRS.get(key);
  if (r === undefined) {
    r = pyRepr(descrValue(dtype));
    if (SCALAR_REPRS.size < 1024) SCALAR_REPRS.set(key, r);
  }
  return r;
}

/**
 * The header text numpy writes before padding: the dict literal with sorted
 * keys and `repr` of each value, then the spaces that let the growing axis
 * reach 21 digits.
 *
 * @example
 * ```ts
 * import { formatHeaderText, parseDescr } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const text = formatHeaderText({ dtype: parseDescr("<i4"), shape: [2, 3], fortranOrder: false });
 * assert.equal(text.trimEnd(), "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }");
 * ```
 *
 * @param fields The header's values.
 * @returns The text.
 */
export function formatHeaderText(fields: HeaderFields): string {
  const { shape, fortranOrder } = fields;
  const shapeRepr = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let text = `{'descr': ${descrRepr(fields.dtype)}, 'fortran_order': ${
    fortranOrder ? "True" : "False"
  }, 'shape': ${shapeRepr}, }`;
  if (shape.length > 0) {
    const axis = fortranOrder ? shape[shape.length - 1] : shape[0];
    text += " ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(axis).length));
  }
  return text;
}

/**
 * Writes the magic, version and header exactly as numpy's `np.save` does:
 * padded with spaces and a newline so that the data starts at a multiple of
 * 64 bytes.
 *
 * @example
 * ```ts
 * import { parseDescr, writeHeader } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const h = writeHeader({ dtype: parseDescr("<f8"), shape: [3], fortranOrder: false });
 * assert.equal(h.length, 128);
 * assert.equal(h[h.length - 1], 0x0a);
 * ```
 *
 * @param fields The header's values.
 * @param options The version, if not numpy's choice.
 * @returns The bytes up to where the data starts.
 * @throws {NpyError} `INVALID_ARRAY` when the header does not fit the version asked for.
 */
export function writeHeader(fields: HeaderFields, options: WriteHeaderOptions = {}): Uint8Array {
  if (hasObject(fields.dtype) && !options.allowPickle) {
    throw new NpyError("OBJECT_ARRAY", "Object arrays cannot be saved when allow_pickle=False");
  }
  const text = formatHeaderText(fields);
  const latin1 = isLatin1(text);
  const wanted = options.version;
  if (wanted === undefined) {
    if (latin1) return wrap(text, 1) ?? wrap(text, 2)!;
    return wrap(text, 3)!;
  }
  const major = wanted[0];
  if (!((major === 1 || major === 2 || major === 3) && wanted[1] === 0)) {
    throw new NpyError(
      "INVALID_OPTION",
      `we only support format version (1,0), (2,0), and (3,0), not (${wanted.join(", ")})`,
    );
  }
  if (major !== 3 && !latin1) {
    throw new NpyError(
      "INVALID_ARRAY",
      `the header cannot be encoded as latin1 for version ${major}.0; use version 3.0`,
    );
  }
  const out = wrap(text, major);
  if (!out) {
    throw new NpyError("INVALID_ARRAY", `Header length too big for version=(${major}, 0)`);
  }
  return out;
}

function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

function wrap(text: string, major: 1 | 2 | 3): Uint8Array | undefined {
  let body: Uint8Array;
  if (major === 3) body = UTF8_ENCODER.encode(text);
  else {
    body = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) body[i] = text.charCodeAt(i);
  }
  const lenSize = major === 1 ? 2 : 4;
  const hlen = body.length + 1;
  const padlen = ARRAY_ALIGN - ((MAGIC.length + 2 + lenSize + hlen) % ARRAY_ALIGN);
  const total = hlen + padlen;
  if (major === 1 ? total > 0xffff : total > 0xffffffff) return undefined;
  const out = new Uint8Array(8 + lenSize + total);
  out.set(MAGIC);
  out[6] = major;
  out[7] = 0;
  const dv = new DataView(out.buffer);
  if (lenSize === 2) dv.setUint16(8, total, true);
  else dv.setUint32(8, total, true);
  out.set(body, 8 + lenSize);
  out.fill(0x20, 8 + lenSize + body.length, out.length - 1);
  out[out.length - 1] = 0x0a;
  return out;
}
