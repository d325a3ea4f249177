// Copyright 2026 the npy authors. MIT license.

import type { ByteOrder, NpyArray } from "./types.ts";
import { NpyError } from "./errors.ts";
import { LITTLE_ENDIAN } from "./_layout.ts";
import { encodeParts } from "./encode.ts";

/**
 * The binary formats a numpy longdouble may hold: `x87` is the 80-bit
 * extended format of x86 and x86-64 (numpy's `f16` on Linux/macOS x86-64,
 * `f12` on 32-bit x86); `binary128` is IEEE quad precision (`f16` on
 * Linux aarch64, wasm32 and others).
 */
export type LongDoubleFormat = "x87" | "binary128";

/**
 * Converts one longdouble element (`f16`, `f12`, or half of a `c32`/`c24`)
 * to the nearest JS number. longdouble is platform-defined: the bytes don't
 * say which format wrote them, so the caller names it (default `x87`, what
 * numpy on x86-64 writes).
 *
 * @example
 * ```ts
 * import { decode, encode, longDoubleToNumber } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * // 1.5 as x87 extended, stored in 16 bytes: mantissa 0xC000..., exponent 0x3FFF.
 * const raw = new Uint8Array(16);
 * raw.set([0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0x3f]);
 * const a = decode(encode({ dtype: "<f16", shape: [1], data: raw }));
 * assert.equal(longDoubleToNumber(a.data as Uint8Array, 0, "<"), 1.5);
 * ```
 *
 * @param bytes The raw element bytes, as `decode()` returns them.
 * @param offset Byte offset of the element in `bytes`.
 * @param byteOrder The dtype's byte order.
 * @param format The binary format.
 * @returns The value, rounded to the nearest double.
 */
export function longDoubleToNumber(
  bytes: Uint8Array,
  offset: number,
  byteOrder: ByteOrder,
  format: LongDoubleFormat = "x87",
): number {
  const size = format === "x87" ? 10 : 16;
  // Little-endian copy of the significant bytes.
  const b = new Uint8Array(size);
  if (byteOrder === ">") {
    const width = format === "x87" ? (bytes.length - offset >= 16 ? 16 : 12) : 16;
    for (let i = 0; i < size; i++) b[i] = bytes[offset + width - 1 - i];
  } else {
    for (let i = 0; i < size; i++) b[i] = bytes[offset + i];
  }
  let mant = 0n;
  if (format === "x87") {
    for (let i = 7; i >= 0; i--) mant = (mant << 8n) | BigInt(b[i]);
    const se = b[8] | (b[9] << 8);
    const sign = se & 0x8000 ? -1 : 1;
    const exp = se & 0x7fff;
    if (exp === 0x7fff) {
      return (mant & ((1n << 63n) - 1n)) === 0n ? sign * Infinity : NaN;
    }
    return sign * scale(mant, (exp === 0 ? 1 : exp) - 16383 - 63);
  }
  for (let i = 13; i >= 0; i--) mant = (mant << 8n) | BigInt(b[i]);
  const se = b[14] | (b[15] << 8);
  const sign = se & 0x8000 ? -1 : 1;
  const exp = se & 0x7fff;
  if (exp === 0x7fff) return mant === 0n ? sign * Infinity : NaN;
  if (exp !== 0) mant |= 1n << 112n;
  return sign * scale(mant, (exp === 0 ? 1 : exp) - 16383 - 112);
}

/** mant × 2^e rounded once to the nearest double (ties to even). */
function scale(mant: bigint, e: number): number {
  if (mant === 0n) return 0;
  const bits = mant.toString(2).length;
  const top = bits + e; // the value is in [2^(top-1), 2^top)
  // 53 significant bits for normal results, fewer for subnormal ones.
  const keep = Math.max(0, Math.min(53, top + 1074));
  const drop = bits - keep;
  if (drop > 0) {
    const q = mant >> BigInt(drop);
    const r = mant & ((1n << BigInt(drop)) - 1n);
    const half = 1n << BigInt(drop - 1);
    mant = r > half || (r === half && (q & 1n) === 1n) ? q + 1n : q;
    e += drop;
  }
  // The value is now exact in a double, so stepwise scaling is exact too.
  let x = Number(mant);
  while (e > 1023) {
    x *= 2 ** 1023;
    e -= 1023;
  }
  while (e < -1022) {
    x *= 2 ** -1022;
    e += 1022;
  }
  return x * 2 ** e;
}

/**
 * The complex element at index `i` of a `c8` or `c16` array's data, as
 * `[re, im]`.
 *
 * @example
 * ```ts
 * import { complexAt } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(complexAt(new Float64Array([1, 2, 3, 4]), 1), [3, 4]);
 * ```
 *
 * @param data Interleaved real and imaginary parts.
 * @param i Element index.
 * @returns The real and imaginary parts.
 */
export function complexAt(data: Float32Array | Float64Array, i: number): [number, number] {
  return [data[2 * i], data[2 * i + 1]];
}

/**
 * The UCS-4 code units of a `U` array (or a subarray of `U`), in the
 * machine's byte order, `itemsize / 4` per element with the NUL padding:
 * exactly what numpy holds. From the raw data kept in `bytes` when
 * `decode()` kept it (some element held code units no JS string carries: a
 * surrogate pair stored as two code points, a value above U+10FFFF),
 * otherwise from the strings.
 *
 * @example
 * ```ts
 * import { decode, encode, ucs4Units } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const a = decode(encode({ dtype: "<U2", shape: [2], data: ["a", "\u{1F600}"] }));
 * assert.deepEqual(ucs4Units(a), new Uint32Array([0x61, 0, 0x1f600, 0]));
 * ```
 *
 * @param array A decoded `U` array.
 * @returns The code units, a fresh array.
 * @throws {NpyError} `INVALID_ARRAY` when the dtype is not `U`.
 */
export function ucs4Units(array: NpyArray): Uint32Array {
  let dt = array.dtype;
  while (dt.kind === "subarray") dt = dt.base;
  if (dt.kind !== "U") {
    throw new NpyError("INVALID_ARRAY", `ucs4Units() needs a U dtype, found kind ${dt.kind}`);
  }
  const bytes = array.bytes ?? encodeParts(array).data;
  const out = new Uint32Array(bytes.length >>> 2);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const le = dt.byteOrder === "<";
  if (le === LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 4));
  else for (let i = 0; i < out.length; i++) out[i] = dv.getUint32(i * 4, le);
  return out;
}
