// Copyright 2026 the npy authors. MIT license.
// IEEE half <-> single conversions on bit patterns, so NaN payloads, -0 and
// subnormals survive exactly.

/** float16 bits to float32 bits; exact for every input. */
export function halfToFloatBits(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exp = (h >> 10) & 0x1f;
  let mant = h & 0x3ff;
  if (exp === 0x1f) return sign | 0x7f800000 | (mant << 13);
  if (exp !== 0) return sign | ((exp + 112) << 23) | (mant << 13);
  if (mant === 0) return sign;
  // Subnormal half: normalize.
  let e = 113;
  while ((mant & 0x400) === 0) {
    mant <<= 1;
    e--;
  }
  return sign | (e << 23) | ((mant & 0x3ff) << 13);
}

/**
 * float32 bits to float16 bits, rounding to nearest even as numpy's
 * `npy_floatbits_to_halfbits` does; NaN keeps the top payload bits.
 */
export function floatToHalfBits(f: number): number {
  const sign = (f >>> 16) & 0x8000;
  const exp = (f >>> 23) & 0xff;
  const mant = f & 0x7fffff;
  if (exp === 0xff) {
    if (mant === 0) return sign | 0x7c00;
    let m = mant >>> 13;
    if (m === 0) m = 1;
    return sign | 0x7c00 | m;
  }
  if (exp >= 143) return sign | 0x7c00; // overflow to inf
  if (exp <= 112) {
    // Result is subnormal or zero.
    if (exp < 102) return sign;
    const m = mant | 0x800000;
    const shift = 126 - exp; // 14..24
    let half = m >>> shift;
    const rem = m & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rem > halfway || (rem === halfway && (half & 1) === 1)) half++;
    return sign | half;
  }
  let half = ((exp - 112) << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1) === 1)) half++;
  return sign | half;
}

const F64 = new Float64Array(1);
const F64_HI = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/**
 * float64 to float16 bits, rounding once to nearest even as numpy's
 * `npy_double_to_half` does (not through float32); NaN keeps the top
 * payload bits.
 */
export function doubleToHalfBits(x: number): number {
  F64[0] = x;
  const hi = F64_HI[HI], lo = F64_HI[1 - HI];
  const sign = (hi >>> 16) & 0x8000;
  const exp = (hi >>> 20) & 0x7ff;
  if (exp === 0x7ff) {
    const sig = (hi & 0xfffff) !== 0 || lo !== 0;
    if (!sig) return sign | 0x7c00;
    const ret = 0x7c00 + ((hi & 0xfffff) >>> 10);
    return sign | (ret === 0x7c00 ? ret + 1 : ret);
  }
  const a = Math.abs(x);
  if (a >= 65520) return sign | 0x7c00;
  if (a <= 2 ** -25) return sign; // a tie at 2^-25 rounds to even, 0
  const e = exp - 1023; // a >= 2^-25 is a normal double
  const q = 2 ** (Math.max(e, -14) - 10);
  const n = a / q; // exact: a division by a power of two
  let f = Math.floor(n);
  const d = n - f;
  if (d > 0.5 || (d === 0.5 && (f & 1) === 1)) f++;
  if (e < -14) return sign | f; // subnormal (f = 1024 is the smallest normal)
  return sign | (((e + 15) << 10) + (f - 1024));
}
