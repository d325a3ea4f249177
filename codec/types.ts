// Copyright 2026 the npy authors. MIT license.

/**
 * Byte order of a dtype as numpy writes it in `dtype.str`: `<` little-endian,
 * `>` big-endian, `|` not applicable (one-byte types, `S`, `V`).
 */
export type ByteOrder = "<" | ">" | "|";

/** The units of numpy's datetime64 and timedelta64; `generic` is `M8` without a unit. */
export type DatetimeUnit =
  | "Y"
  | "M"
  | "W"
  | "D"
  | "h"
  | "m"
  | "s"
  | "ms"
  | "us"
  | "ns"
  | "ps"
  | "fs"
  | "as"
  | "generic";

/**
 * The kind letter of a scalar dtype, as in numpy's `dtype.kind`:
 * `b` bool, `i` signed int, `u` unsigned int, `f` float, `c` complex,
 * `S` bytes, `U` UCS-4 text, `V` raw void, `M` datetime64, `m` timedelta64,
 * `O` Python objects. `O` needs pickle: it only appears in a dtype parsed from
 * a descr, and `decode()` and `encode()` refuse it with code `OBJECT_ARRAY`.
 */
export type ScalarKind =
  | "b"
  | "i"
  | "u"
  | "f"
  | "c"
  | "S"
  | "U"
  | "V"
  | "M"
  | "m"
  | "O";

/**
 * A dtype with no fields: one of numpy's built-in scalar types.
 *
 * `byteOrder` is normalized the way numpy's `dtype.str` is: `|` for
 * one-byte types, `S` and `V`; `<` or `>` for the rest.
 */
export interface ScalarDType {
  /** The kind letter. */
  readonly kind: ScalarKind;
  /** Normalized byte order. */
  readonly byteOrder: ByteOrder;
  /** Bytes per element. */
  readonly itemsize: number;
  /** The time unit, for kinds `M` and `m` only. */
  readonly unit?: DatetimeUnit;
  /** The unit's multiple (`[10ms]` has 10), for kinds `M` and `m` only. */
  readonly multiple?: number;
}

/** One named field of a structured dtype. */
export interface StructField {
  /** The field's name. */
  readonly name: string;
  /** The field's title, written as `(('title', 'name'), ...)` in a descr. */
  readonly title?: string;
  /** Byte offset of the field inside a record. */
  readonly offset: number;
  /** The field's dtype (a scalar, a nested struct or a subarray). */
  readonly dtype: DType;
}

/**
 * A structured (record) dtype. Bytes of a record that no field covers are
 * padding; numpy writes them as `('', '|V<n>')` entries in the descr.
 */
export interface StructDType {
  /** Always `"struct"`. */
  readonly kind: "struct";
  /** The fields in the order numpy lists them. */
  readonly fields: readonly StructField[];
  /** Bytes per record, padding included. */
  readonly itemsize: number;
}

/** A fixed-shape subarray of a base dtype, as in the descr `('name', '<f8', (2, 3))`. */
export interface SubarrayDType {
  /** Always `"subarray"`. */
  readonly kind: "subarray";
  /** The element dtype. */
  readonly base: DType;
  /** The subarray's shape. */
  readonly shape: readonly number[];
  /** `base.itemsize` times the product of `shape`. */
  readonly itemsize: number;
}

/** Any dtype this package can read and write. */
export type DType = ScalarDType | StructDType | SubarrayDType;

/**
 * Columns of a structured array: field name to that field's values for all
 * records, in storage order. A subarray field holds `prod(subshape)` values
 * per record, one record after another.
 */
export interface StructData {
  /** The column of one field. */
  [field: string]: NpyData;
}

/**
 * A `Float16Array`, the `f2` data on runtimes that have one (typed by its
 * shape, so that the type also compiles against ES2023 libraries, which lack
 * `Float16Array`). Elements read and write as numbers.
 */
export interface Float16Data extends ArrayLike<number> {
  /** The bytes' buffer. */
  readonly buffer: ArrayBufferLike;
  /** Offset of the first element in `buffer`. */
  readonly byteOffset: number;
  /** Length in bytes. */
  readonly byteLength: number;
  /** Element `i`, or undefined. */
  [i: number]: number;
}

/**
 * The values of an array, in the JS type that fits its dtype:
 *
 * | dtype | data |
 * | --- | --- |
 * | `b1` | `Uint8Array` (the stored bytes, 0 or 1 as numpy writes them) |
 * | `i1 i2 i4` / `u1 u2 u4` | `Int8Array Int16Array Int32Array` / `Uint8Array Uint16Array Uint32Array` |
 * | `i8` / `u8`, `M8` / `m8` | `BigInt64Array` / `BigUint64Array`, `BigInt64Array` (NaT is -2^63) |
 * | `f2` | `Float16Array` where the runtime has one (Deno 2.9, Chromium, Bun; a view of the input like `f4`); else `Float32Array`, every float16 widened exactly (Node 20) |
 * | `f4` / `f8` | `Float32Array` / `Float64Array` |
 * | `c8` / `c16` | `Float32Array` / `Float64Array`, interleaved re, im |
 * | `f16 f12 c32 c24` (longdouble) | `Uint8Array`, the raw bytes (platform-defined format) |
 * | `V<n>` | `Uint8Array`, n raw bytes per element |
 * | `S<n>` | `string[]`, bytes as latin1 characters (byte b is U+00bb), trailing NULs stripped |
 * | `U<n>` | `string[]`, trailing NULs stripped; code units no JS string carries stay in {@linkcode NpyArray.bytes} |
 * | structured | {@linkcode StructData} |
 * | `O` (object, with `allowPickle`) | `unknown[]`: the Python objects as JS values (see the pickle values table) |
 *
 * Numbers are always in the machine's byte order; `dtype.byteOrder` says how
 * they are stored in the file. `encode()` takes `f2` data as a `Float16Array`
 * (bits kept), a `Float32Array` (rounded to nearest even, NaN payloads kept)
 * or any numbers (rounded once from float64), whatever the runtime.
 */
export type NpyData =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint16Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array
  | Float16Data
  | string[]
  | StructData
  | unknown[];

/**
 * An n-dimensional array as stored in a `.npy` file.
 *
 * `data` lists the elements in storage order: C order (last axis fastest)
 * when `fortranOrder` is false, Fortran order (first axis fastest) when it is
 * true — the order in which they stand in the file.
 */
export interface NpyArray {
  /** The element type. */
  dtype: DType;
  /** The shape; `[]` for a 0-d array. */
  shape: number[];
  /** Whether `data` is in Fortran order. */
  fortranOrder: boolean;
  /** The values, see {@linkcode NpyData}. */
  data: NpyData;
  /**
   * The raw data as read (from `decode()`, a view of its input unless `copy`
   * is set, for structured arrays), for structured arrays, and for `U` arrays when
   * some element holds UCS-4 code units that no JS string can carry (a
   * surrogate pair stored as two code points reads as the one character it
   * forms, a value above U+10FFFF reads as U+FFFD). `encode()` starts from
   * these bytes and writes every value over them, except a `U` element whose
   * stored units no JS string carries and whose string is still the one
   * `decode()` made of them: it keeps its stored units. So padding bytes and
   * every code unit survive a round trip exactly as numpy keeps them, and a
   * changed string is written as given. See `ucs4Units()` for the code units.
   */
  bytes?: Uint8Array;
}

/** A format version numpy writes: 1.0, 2.0 or 3.0. */
export type NpyVersion = readonly [1, 0] | readonly [2, 0] | readonly [3, 0];
