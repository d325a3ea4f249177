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
