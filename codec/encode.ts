// Copyright 2026 the npy authors. MIT license.

import { NpyError } from "./errors.ts";
import { type DescrJson, descrOf, parseDescr } from "./descr.ts";
import { writeHeader, type WriteHeaderOptions } from "./header.ts";
import { hasObject } from "./_descr.ts";
import { F16, keepRecordBytes, keepsBytes, LITTLE_ENDIAN, writeColumn } from "./_layout.ts";
import { ENCODE_INTERNALS } from "./_chunks.ts";
import type { DType, NpyArray, NpyData, StructDType } from "./types.ts";
import { type PickleFormat, pickleObjectArray } from "../pickle/pickle.ts";
import { discoverObjectArray } from "../pickle/_discover.ts";
import { objectRecords } from "../pickle/_records.ts";

/**
 * An array to write: like {@linkcode NpyArray}, but the dtype may be given
 * as a descr (`"<f8"`, `[["x", "<i4"]]`), the shape defaults to 1-D, and
 * numeric data may be any array of numbers (or bigints for 64-bit types).
 */
export interface ArrayInput {
  /** The element type, as a dtype or a descr. */
  dtype: DType | DescrJson;
  /** The shape; by default 1-D with as many elements as `data` holds. */
  shape?: readonly number[];
  /** Whether `data` is in Fortran order; default false. */
  fortranOrder?: boolean;
  /** The values in storage order, see {@linkcode NpyData}. */
  data: InputData;
  /** Raw data of a structured or `U` array (see {@linkcode NpyArray.bytes}). */
  bytes?: Uint8Array;
}

/**
 * Values for {@linkcode ArrayInput}: what {@linkcode NpyData} holds, or plain
 * arrays of numbers, bigints, booleans or strings, and objects of such
 * columns for structured dtypes.
 */
export type InputData =
  | NpyData
  | ArrayLike<number | bigint | boolean | string>
  | { [field: string]: InputData };

/** A typed array whose element type fixes the dtype. */
export type TypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** A nested JS array of numbers, bigints, booleans or strings, like `np.array()` takes. */
export type NestedArray = ReadonlyArray<unknown>;

/** Anything {@linkcode encode} takes. */
export type EncodeInput =
  | NpyArray
  | ArrayInput
  | TypedArray
  | NestedArray
  | number
  | bigint
  | boolean
  | string;

/** Options for {@linkcode encode}. */
export interface EncodeOptions extends WriteHeaderOptions {
  /**
   * Write object arrays (dtype `|O`, or nested lists of values with no
   * fixed-width dtype) as numpy does with `allow_pickle=True`: the header,
   * then a pickle of the array. Default false: refused, as numpy refuses.
   */
  allowPickle?: boolean;
  /**
   * Which numpy's pickle to match, with `allowPickle`: `"numpy2"` (default;
   * numpy ≥ 2.0, protocol 4) or `"numpy1"` (numpy 1.x, protocol 3, which
   * numpy 1.x can load).
   */
  pickleFormat?: PickleFormat;
}

/** A .npy file as two chunks, for writers that should not copy the data. */
export interface EncodedParts {
  /** Magic, version, header and padding. */
  header: Uint8Array;
  /** The data section. */
  data: Uint8Array;
}

const OBJECT_MESSAGE = "Object arrays cannot be saved when allow_pickle=False";

/**
 * Writes an array as a .npy file, byte for byte what numpy's `np.save`
 * writes for the same array. Takes what {@linkcode decode} returns, an
 * {@linkcode ArrayInput}, a typed array (1-D), or nested JS arrays of
 * numbers (`<f8`), bigints (`<i8`), booleans (`|b1`) or strings (`<U`).
 * Values with no fixed-width dtype (objects, `null`, mixed or ragged lists)
 * are refused like numpy refuses object arrays without pickle; with
 * `allowPickle` they are written as numpy writes object arrays (`|O` and a
 * pickle, byte for byte; `pickleFormat: "numpy1"` for numpy 1.x).
 *
 * @example
 * ```ts
 * import { decode, encode } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const file = encode([[1, 2, 3], [4, 5, 6]]);
 * const a = decode(file);
 * assert.equal(a.dtype.kind, "f");
 * assert.deepEqual(a.shape, [2, 3]);
 * assert.throws(() => encode([{ a: 1 }]), /Object arrays cannot be saved/);
 * const objects = encode([{ a: 1n }, [2n, 3n], "string"], { allowPickle: true });
 * assert.equal(objects[objects.length - 1], 0x2e); // the pickle's STOP
 * ```
 *
 * @param input The array.
 * @param options The format version, if not numpy's choice.
 * @returns The file's bytes, in one allocation.
 * @throws {NpyError} `OBJECT_ARRAY` for values that need pickle, `INVALID_ARRAY` for data that does not fit the dtype and shape.
 */
export function encode(input: EncodeInput, options: EncodeOptions = {}): Uint8Array {
  const a = normalize(input, options);
  if (a.pickle) {
    const out = new Uint8Array(a.pickle.header.length + a.pickle.data.length);
    out.set(a.pickle.header);
    out.set(a.pickle.data, a.pickle.header.length);
    return out;
  }
  const header = writeHeader(a, { version: options.version });
  const out = new Uint8Array(header.length + a.nbytes);
  out.set(header);
  writeData(a, out.subarray(header.length));
  return out;
}

/**
 * Like {@linkcode encode}, but returns the header and the data as separate
 * chunks; the data chunk is a view of the input's buffer, with no copy,
 * when its bytes already are the file's bytes.
 *
 * @example
 * ```ts
 * import { encode, encodeParts } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const x = new Float64Array([1, 2]);
 * const { header, data } = encodeParts(x);
 * assert.equal(header.length, 128);
 * assert.equal(data.buffer, x.buffer);
 * assert.deepEqual(new Uint8Array([...header, ...data]), encode(x));
 * ```
 *
 * @param input The array.
 * @param options The format version.
 * @returns The header and data chunks.
 */
export function encodeParts(input: EncodeInput, options: EncodeOptions = {}): EncodedParts {
  const a = normalize(input, options);
  if (a.pickle) return a.pickle;
  const header = writeHeader(a, { version: options.version });
  const view = zeroCopyView(a);
  if (view) return { header, data: view };
  const data = new Uint8Array(a.nbytes);
  writeData(a, data);
  return { header, data };
}

interface Normalized {
  dtype: DType;
  shape: number[];
  fortranOrder: boolean;
  data: unknown;
  bytes?: Uint8Array;
  count: number;
  nbytes: number;
  /** For object arrays: the header and the pickle. */
  pickle?: EncodedParts;
}

function zeroCopyView(a: Normalized): Uint8Array | undefined {
  const dt = a.dtype;
  if (dt.kind === "struct" || dt.kind === "subarray") return undefined;
  const native = dt.byteOrder === "|" || (dt.byteOrder === "<") === LITTLE_ENDIAN;
  if (!native || dt.kind === "S" || dt.kind === "U") {
    return undefined;
  }
  const d = a.data;
  if (!ArrayBuffer.isView(d) || d.byteLength !== a.nbytes || !sameKind(d, dt)) {
    return undefined;
  }
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}

function sameKind(d: ArrayBufferView, dt: DType): boolean {
  if (dt.kind === "struct" || dt.kind === "subarray") return false;
  switch (dt.kind) {
    case "b":
    case "V":
      return d instanceof Uint8Array;
    case "i":
      return [Int8Array, Int16Array, Int32Array, BigInt64Array][Math.log2(dt.itemsize)] ===
        d.constructor;
    case "u":
      return [Uint8Array, Uint16Array, Uint32Array, BigUint64Array][Math.log2(dt.itemsize)] ===
        d.constructor;
    case "f":
      return dt.itemsize === 4
        ? d instanceof Float32Array
        : dt.itemsize === 8
        ? d instanceof Float64Array
        : dt.itemsize === 2
        ? F16 !== undefined && d instanceof F16
        : d instanceof Uint8Array;
    case "c":
      return dt.itemsize === 8
        ? d instanceof Float32Array
        : dt.itemsize === 16
        ? d instanceof Float64Array
        : d instanceof Uint8Array;
    case "M":
    case "m":
      return d instanceof BigInt64Array;
    default:
      return false;
  }
}

function writeData(a: Normalized, out: Uint8Array): void {
  const keep = a.bytes !== undefined && a.bytes.length === a.nbytes && keepsBytes(a.dtype);
  if (keep) keepRecordBytes(a.dtype, a.bytes!, out, a.count);
  writeColumn(out, 0, a.dtype.itemsize, a.count, a.dtype, a.data, "data", keep);
}

function normalize(input: EncodeInput, options: EncodeOptions = {}): Normalized {
  if (
    typeof input === "object" && input !== null && !Array.isArray(input) &&
    !ArrayBuffer.isView(input) && "dtype" in input && "data" in input
  ) {
    return fromArrayInput(input as ArrayInput, options);
  }
  let inferred: ArrayInput;
  try {
    inferred = infer(input);
  } catch (e) {
    if (!(options.allowPickle && e instanceof NpyError && e.code === "OBJECT_ARRAY")) throw e;
    if (!Array.isArray(input)) throw e;
    const maxDims = options.pickleFormat === "numpy1" ? 32 : 64;
    const { shape, data } = discoverObjectArray(input, maxDims);
    return fromArrayInput({ dtype: "|O", shape, data: data as NpyData }, options);
  }
  return fromArrayInput(inferred, options);
}

function fromArrayInput(a: ArrayInput, options: EncodeOptions = {}): Normalized {
  let dtype: DType;
  if (typeof a.dtype === "object" && a.dtype !== null && !Array.isArray(a.dtype)) {
    dtype = a.dtype as DType;
  } else {
    dtype = parseDescr(a.dtype as DescrJson);
  }
  if (hasObject(dtype)) {
    if (!options.allowPickle) throw new NpyError("OBJECT_ARRAY", OBJECT_MESSAGE);
    return fromObjectInput(a, dtype, options);
  }
  if (dtype.kind === "subarray") {
    throw new NpyError(
      "INVALID_ARRAY",
      "a subarray dtype cannot be the dtype of an array: add its shape to the array's shape",
    );
  }
  let shape: number[];
  if (a.shape === undefined) {
    shape = [inferLength(a.data, dtype)];
  } else {
    shape = [...a.shape];
  }
  let count = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new NpyError(
        "INVALID_ARRAY",
        `shape must hold non-negative integers, found [${shape.join(", ")}]`,
      );
    }
    count *= d;
  }
  const nbytes = count * dtype.itemsize;
  if (!Number.isSafeInteger(nbytes)) {
    throw new NpyError("TOO_LARGE", `shape [${shape.join(", ")}] is too large`);
  }
  let fortranOrder = a.fortranOrder ?? false;
  // numpy writes fortran_order False for arrays that are also C-contiguous.
  // (Zero-size elements have zero strides, which numpy counts as C-contiguous.)
  if (
    fortranOrder &&
    (count === 0 || dtype.itemsize === 0 || shape.filter((d) => d > 1).length <= 1)
  ) {
    fortranOrder = false;
  }
  return { dtype, shape, fortranOrder, data: a.data, bytes: a.bytes, count, nbytes };
}

function fromObjectInput(a: ArrayInput, dtype: DType, options: EncodeOptions): Normalized {
  if (dtype.kind === "struct") return fromRecordsInput(a, dtype, options);
  if (dtype.kind !== "O") {
    throw new NpyError(
      "PICKLE_UNSUPPORTED",
      `dtype ${
        JSON.stringify(descrOf(dtype))
      } holds Python objects inside a ${dtype.kind} dtype: ` +
        "only object arrays and structured arrays of scalar fields are written",
    );
  }
  if (dtype.itemsize !== 8) {
    throw new NpyError(
      "PICKLE_UNSUPPORTED",
      `object dtype of itemsize ${dtype.itemsize}: numpy on 64-bit machines writes '|O' (O8)`,
    );
  }
  const data = a.data as unknown;
  if (!Array.isArray(data)) {
    throw new NpyError("INVALID_ARRAY", "data: an object array's data must be a JS Array");
  }
  const shape = a.shape === undefined ? [data.length] : [...a.shape];
  return pickled(dtype, shape, a.fortranOrder, () => data, options, false);
}

/**
 * An object array (or records with object fields) as numpy's header and
 * pickle: the shape checked, the Fortran flag as np.save sets it.
 */
function pickled(
  dtype: DType,
  shape: number[],
  fortran: boolean | undefined,
  values: (count: number) => unknown[],
  options: EncodeOptions,
  records: boolean,
): Normalized {
  let count = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new NpyError(
        "INVALID_ARRAY",
        `shape must hold non-negative integers, found [${shape.join(", ")}]`,
      );
    }
    count *= d;
  }
  let fortranOrder = fortran ?? false;
  if (fortranOrder && (count === 0 || shape.filter((d) => d > 1).length <= 1)) {
    fortranOrder = false;
  }
  const data = values(count);
  const pickle = pickleObjectArray(
    records ? { shape, fortranOrder, data, dtype } : { shape, fortranOrder, data },
    { pickleFormat: options.pickleFormat },
  );
  const header = writeHeader({ dtype, shape, fortranOrder }, {
    version: options.version,
    allowPickle: true,
  });
  return {
    dtype,
    shape,
    fortranOrder,
    data,
    count,
    nbytes: pickle.length,
    pickle: { header, data: pickle },
  };
}

function fromRecordsInput(a: ArrayInput, dtype: StructDType, options: EncodeOptions): Normalized {
  if (dtype.fields.some((f) => f.dtype.kind === "O" && f.dtype.itemsize !== 8)) {
    throw new NpyError(
      "PICKLE_UNSUPPORTED",
      "an object field of itemsize 4: numpy on 64-bit machines writes '|O' (O8)",
    );
  }
  const first = dtype.fields[0];
  const columns = a.data as Record<string, ArrayLike<unknown>> | undefined;
  const per = first?.dtype.kind === "c" ? 2 : 1;
  const shape = a.shape === undefined
    ? [first ? (columns?.[first.name]?.length ?? 0) / per : 0]
    : [...a.shape];
  return pickled(
    dtype,
    shape,
    a.fortranOrder,
    (count) => objectRecords(dtype, a.data, count),
    options,
    true,
  );
}

function inferLength(data: unknown, dtype: DType): number {
  const len = (data as { length?: unknown })?.length;
  if (typeof len !== "number") {
    throw new NpyError(
      "INVALID_ARRAY",
      "data: give a shape, or data with a length (a typed array or an Array)",
    );
  }
  if (dtype.kind === "c" && dtype.itemsize <= 16) return len / 2;
  if (dtype.kind === "V" || (dtype.kind === "f" && dtype.itemsize > 8) || dtype.kind === "c") {
    return dtype.itemsize === 0 ? 0 : len / dtype.itemsize;
  }
  return len;
}

const TYPED_DESCR: [abstract new (...args: never[]) => unknown, string][] = [
  [Int8Array, "|i1"],
  [Uint8Array, "|u1"],
  [Uint8ClampedArray, "|u1"],
  [Int16Array, "<i2"],
  [Uint16Array, "<u2"],
  [Int32Array, "<i4"],
  [Uint32Array, "<u4"],
  [BigInt64Array, "<i8"],
  [BigUint64Array, "<u8"],
  [Float32Array, "<f4"],
  [Float64Array, "<f8"],
];

const MAX_DEPTH = 64;

function infer(input: unknown): ArrayInput {
  if (ArrayBuffer.isView(input)) {
    if (F16 !== undefined && input.constructor === F16) {
      return { dtype: "<f2", shape: [(input as Float32Array).length], data: input as NpyData };
    }
    for (const [ctor, descr] of TYPED_DESCR) {
      if (input.constructor === ctor) {
        const data = input instanceof Uint8ClampedArray
          ? new Uint8Array(input.buffer, input.byteOffset, input.length)
          : input as NpyData;
        return { dtype: descr, shape: [(input as Uint8Array).length], data };
      }
    }
    throw new NpyError("INVALID_ARRAY", `cannot write a ${input.constructor.name}`);
  }
  const shape: number[] = [];
  let probe: unknown = input;
  while (Array.isArray(probe)) {
    if (shape.length >= MAX_DEPTH) throw new NpyError("OBJECT_ARRAY", OBJECT_MESSAGE);
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  const flat: unknown[] = [];
  const walk = (x: unknown, depth: number) => {
    if (depth === shape.length) {
      if (Array.isArray(x)) {
        throw new NpyError("OBJECT_ARRAY", `${OBJECT_MESSAGE} (ragged nested lists)`);
      }
      flat.push(x);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[depth]) {
      throw new NpyError("OBJECT_ARRAY", `${OBJECT_MESSAGE} (ragged nested lists)`);
    }
    for (const y of x) walk(y, depth + 1);
  };
  walk(input, 0);
  const types = new Set(flat.map((x) => typeof x));
  if (flat.length === 0) return { dtype: "<f8", shape, data: new Float64Array(0) };
  if (types.size !== 1 || flat.some((x) => x === null)) {
    throw new NpyError(
      "OBJECT_ARRAY",
      `${OBJECT_MESSAGE} (found ${
        [...types].join(" and ")
      } values, which have no common fixed-width dtype)`,
    );
  }
  switch ([...types][0]) {
    case "number":
      return { dtype: "<f8", shape, data: Float64Array.from(flat as number[]) };
    case "boolean":
      return { dtype: "|b1", shape, data: Uint8Array.from(flat as boolean[], (b) => (b ? 1 : 0)) };
    case "bigint": {
      // As np.array() types Python ints: each is int64 if it fits, else
      // uint64 if it fits, else an object; int64 with uint64 gives float64.
      const big = flat as bigint[];
      const I64_MIN = -(1n << 63n), I64_MAX = (1n << 63n) - 1n, U64_MAX = (1n << 64n) - 1n;
      if (big.some((b) => b < I64_MIN || b > U64_MAX)) {
        throw new NpyError(
          "OBJECT_ARRAY",
          `${OBJECT_MESSAGE} (integers outside int64 and uint64 need Python objects)`,
        );
      }
      const signed = big.filter((b) => b <= I64_MAX).length;
      if (signed === big.length) return { dtype: "<i8", shape, data: BigInt64Array.from(big) };
      if (signed === 0) return { dtype: "<u8", shape, data: BigUint64Array.from(big) };
      return { dtype: "<f8", shape, data: Float64Array.from(big, Number) };
    }
    case "string": {
      let n = 1;
      for (const s of flat as string[]) n = Math.max(n, [...s].length);
      return { dtype: `<U${n}`, shape, data: flat as string[] };
    }
    default:
      throw new NpyError(
        "OBJECT_ARRAY",
        `${OBJECT_MESSAGE} (found ${[...types][0]} values)`,
      );
  }
}

// For the chunked writer (codec/_chunks.ts), without making these public.
ENCODE_INTERNALS.normalize = normalize;
ENCODE_INTERNALS.zeroCopyView = zeroCopyView;
ENCODE_INTERNALS.whole = (a) => {
  const out = new Uint8Array(a.nbytes);
  writeData(a as Normalized, out);
  return out;
};
