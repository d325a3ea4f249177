// Copyright 2026 the npy authors. MIT license.
// numpy's float formatting (`dragon4_positional`, `dragon4_scientific`) over
// exact binary values: shortest unique digits with margins inclusive for an
// even mantissa as numpy's Dragon4 makes them, exact digits past them when more are asked for,
// rounding half to even on the exact value at a cutoff. Web APIs only.

/** A finite binary float: `m * 2^e`, with the format's mantissa bits and smallest exponent. */
export interface BinaryFloat {
  /** True for a negative value, -0 included. */
  neg: boolean;
  /** The integer mantissa. */
  m: bigint;
  /** The binary exponent. */
  e: number;
  /** Bits of mantissa precision, the hidden bit included. */
  p: number;
  /** The exponent of the format's subnormals (the smallest `e`). */
  emin: number;
}

/** A float as formatting sees it: finite, NaN or an infinity. */
export type FloatValue =
  | { kind: "finite"; v: BinaryFloat; approx: number }
  | { kind: "nan" }
  | { kind: "inf"; neg: boolean };

/** Decimal digits `d.ddd × 10^k`; `"0"` for zero. */
interface Decimal {
  digits: string;
  k: number;
}

/** The float format of numpy's float16, float32, float64 and x87 longdouble. */
export interface FloatFormat {
  /** Mantissa bits, the hidden one included. */
  p: number;
  /** Exponent of the subnormals. */
  emin: number;
  /** `np.finfo(t).precision`. */
  precision: number;
  /** Where a scalar's str switches to scientific notation. */
  scalarCutoff: number;
}

/** float16, float32, float64 and the x87 80-bit longdouble. */
export const FORMATS: {
  f2: FloatFormat;
  f4: FloatFormat;
  f8: FloatFormat;
  f10: FloatFormat;
} = {
  f2: { p: 11, emin: -24, precision: 3, scalarCutoff: 1e3 },
  f4: { p: 24, emin: -149, precision: 6, scalarCutoff: 1e6 },
  f8: { p: 53, emin: -1074, precision: 15, scalarCutoff: 1e16 },
  f10: { p: 64, emin: -16445, precision: 18, scalarCutoff: 1e16 },
};

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A JS number (holding a value of `fmt`) as a {@linkcode FloatValue}. */
export function fromNumber(x: number, fmt: FloatFormat): FloatValue {
  if (Number.isNaN(x)) return { kind: "nan" };
  if (!Number.isFinite(x)) return { kind: "inf", neg: x < 0 };
  F64[0] = x;
  const hi = U32[LE ? 1 : 0], lo = U32[LE ? 0 : 1];
  const neg = (hi >>> 31) === 1;
  const be = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (be === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = be - 1075;
  }
  return { kind: "finite", v: normalize(neg, m, e, fmt), approx: x };
}

function normalize(neg: boolean, m: bigint, e: number, fmt: FloatFormat): BinaryFloat {
  if (m === 0n) return { neg, m, e: fmt.emin, p: fmt.p, emin: fmt.emin };
  // Shift to the format's precision (exact: the value is representable).
  const bits = m.toString(2).length;
  if (bits > fmt.p) {
    const s = bits - fmt.p;
    m >>= BigInt(s);
    e += s;
  }
  if (e < fmt.emin) {
    m >>= BigInt(fmt.emin - e);
    e = fmt.emin;
  }
  while (e > fmt.emin && m.toString(2).length < fmt.p) {
    m <<= 1n;
    e -= 1;
  }
  return { neg, m, e, p: fmt.p, emin: fmt.emin };
}

/** An x87 80-bit extended value from 10 little-endian bytes. */
export function fromX87(b: Uint8Array): FloatValue {
  let m = 0n;
  for (let i = 7; i >= 0; i--) m = (m << 8n) | BigInt(b[i]);
  const se = b[8] | (b[9] << 8);
  const neg = (se & 0x8000) !== 0;
  const be = se & 0x7fff;
  if (be === 0x7fff) {
    return (m & ((1n << 63n) - 1n)) === 0n ? { kind: "inf", neg } : { kind: "nan" };
  }
  const e = be === 0 ? -16445 : be - 16383 - 63;
  const half = Math.trunc(e / 2);
  let approx = Number(m) * 2 ** half * 2 ** (e - half);
  if (m !== 0n && approx === 0) approx = Number.MIN_VALUE;
  if (!Number.isFinite(approx)) approx = Number.MAX_VALUE;
  return {
    kind: "finite",
    v: normalize(neg, m, Math.max(e, FORMATS.f10.emin), FORMATS.f10),
    approx: neg ? -approx : approx,
  };
}

const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1] * 10n);
  return POW10[n];
}

/** The shortest digits that identify `v` among its neighbours (numpy's Dragon4, unique mode). */
function uniqueDigits(v: BinaryFloat): Decimal {
  if (v.m === 0n) return { digits: "0", k: 0 };
  const unequal = v.e > v.emin && v.m === 1n << BigInt(v.p - 1);
  let r: bigint, s: bigint, mp: bigint, mm: bigint;
  if (v.e >= 0) {
    const be = 1n << BigInt(v.e);
    if (!unequal) [r, s, mp, mm] = [v.m * be * 2n, 2n, be, be];
    else [r, s, mp, mm] = [v.m * be * 4n, 4n, be * 2n, be];
  } else {
    if (!unequal) [r, s, mp, mm] = [v.m * 2n, 1n << BigInt(1 - v.e), 1n, 1n];
    else [r, s, mp, mm] = [v.m * 4n, 1n << BigInt(2 - v.e), 2n, 1n];
  }
  let k = Math.floor((v.m.toString(2).length - 1 + v.e) * Math.LOG10E * Math.LN2);
  if (k >= 0) s *= pow10(k);
  else {
    const f = pow10(-k);
    r *= f;
    mp *= f;
    mm *= f;
  }
  while (r >= s * 10n) {
    s *= 10n;
    k++;
  }
  while (r < s) {
    r *= 10n;
    mp *= 10n;
    mm *= 10n;
    k--;
  }
  const even = (v.m & 1n) === 0n;
  const out: number[] = [];
  let d: number, low: boolean, high: boolean;
  for (;;) {
    d = Number(r / s);
    r %= s;
    low = even ? r <= mm : r < mm;
    high = even ? r + mp >= s : r + mp > s;
    if (low || high) break;
    out.push(d);
    r *= 10n;
    mp *= 10n;
    mm *= 10n;
  }
  let roundDown = low;
  if (low === high) {
    const c = r * 2n - s;
    roundDown = c < 0n || (c === 0n && (d & 1) === 0);
  }
  if (roundDown) out.push(d);
  else if (d < 9) out.push(d + 1);
  else {
    while (out.length > 0 && out[out.length - 1] === 9) out.pop();
    if (out.length === 0) {
      out.push(1);
      k++;
    } else out[out.length - 1]++;
  }
  return { digits: out.join(""), k };
}

/** All the digits of `v`'s exact value. */
function exactDigits(v: BinaryFloat): Decimal {
  if (v.m === 0n) return { digits: "0", k: 0 };
  let n: bigint, shift: number;
  if (v.e >= 0) [n, shift] = [v.m << BigInt(v.e), 0];
  else [n, shift] = [v.m * 5n ** BigInt(-v.e), v.e];
  let digits = n.toString();
  const k = digits.length - 1 + shift;
  digits = digits.replace(/0+$/, "");
  return { digits, k };
}

/** `x` rounded half to even to `n` significant digits (n may be ≤ 0). */
function roundAt(x: Decimal, n: number): Decimal {
  if (x.digits === "0") return x;
  if (n >= x.digits.length) return x;
  if (n < 0) return { digits: "0", k: 0 };
  const kept = x.digits.slice(0, n);
  const next = x.digits.charCodeAt(n) - 48;
  const rest = x.digits.length > n + 1;
  const lastOdd = n > 0 && (kept.charCodeAt(n - 1) - 48) % 2 === 1;
  const up = next > 5 || (next === 5 && (rest || lastOdd));
  if (!up) return kept === "" ? { digits: "0", k: 0 } : { digits: kept.replace(/0+$/, ""), k: x.k };
  if (n === 0) return { digits: "1", k: x.k + 1 };
  const ds = [...kept].map((c) => c.charCodeAt(0) - 48);
  let i = ds.length - 1;
  while (i >= 0 && ds[i] === 9) ds[i--] = 0;
  if (i < 0) return { digits: "1", k: x.k + 1 };
  ds[i]++;
  return { digits: ds.join("").replace(/0+$/, ""), k: x.k };
}

/** Options of numpy's dragon4_positional / dragon4_scientific. */
export interface Dragon4Options {
  /** Maximum digits after the point; undefined for no limit. */
  precision?: number;
  /** Minimum digits after the point (exact digits past the unique ones). */
  minDigits?: number;
  /** numpy's trim: `k` keep, `.` drop trailing zeros, `0` keep one zero, `-` drop the point too. */
  trim: "k" | "." | "0" | "-";
  /** Print `+` before non-negative values. */
  sign?: boolean;
  /** Pad the integer part on the left with spaces to this width. */
  padLeft?: number;
  /** Pad the fraction on the right with spaces to this width (positional only). */
  padRight?: number;
  /** Minimum exponent digits (scientific only), default 2. */
  expDigits?: number;
}

function chooseDigits(v: BinaryFloat, fracOf: (d: Decimal) => number, o: Dragon4Options) {
  const u = uniqueDigits(v);
  const frac = fracOf(u);
  if (o.precision !== undefined && frac > o.precision) {
    const x = exactDigits(v);
    return roundAt(x, x.digits.length - (fracOf(x) - o.precision));
  }
  if (o.minDigits !== undefined && frac < o.minDigits) {
    const x = exactDigits(v);
    const xf = fracOf(x);
    return xf > o.minDigits ? roundAt(x, x.digits.length - (xf - o.minDigits)) : x;
  }
  return u;
}

function trimFrac(frac: string, o: Dragon4Options): { frac: string; point: boolean } {
  let f = frac;
  if (o.minDigits !== undefined && f.length < o.minDigits) f = f.padEnd(o.minDigits, "0");
  if (o.trim !== "k") {
    const keep = o.minDigits ?? 0;
    let end = f.length;
    while (end > keep && f[end - 1] === "0") end--;
    f = f.slice(0, end);
  }
  if (f === "" && o.trim === "0") return { frac: "0", point: true };
  return { frac: f, point: !(f === "" && o.trim === "-") };
}

function signOf(v: BinaryFloat, o: Dragon4Options): string {
  return v.neg ? "-" : o.sign ? "+" : "";
}

/** numpy's `dragon4_positional(x, fractional=True, unique=True, ...)`. */
export function positional(v: BinaryFloat, o: Dragon4Options): string {
  const fracOf = (d: Decimal) => d.digits === "0" ? 0 : Math.max(0, d.digits.length - 1 - d.k);
  const d = chooseDigits(v, fracOf, o);
  let int: string, frac: string;
  if (d.digits === "0") [int, frac] = ["0", ""];
  else if (d.k >= 0) {
    int = d.digits.slice(0, d.k + 1).padEnd(d.k + 1, "0");
    frac = d.digits.slice(d.k + 1);
  } else [int, frac] = ["0", "0".repeat(-d.k - 1) + d.digits];
  const t = trimFrac(frac, o);
  const left = (signOf(v, o) + int).padStart(o.padLeft ?? 0, " ");
  const right = t.point ? "." + t.frac.padEnd(o.padRight ?? 0, " ") : "";
  return left + right;
}

/** numpy's `dragon4_scientific(x, unique=True, ...)`. */
export function scientific(v: BinaryFloat, o: Dragon4Options): string {
  const fracOf = (d: Decimal) => d.digits.length - 1;
  const d = chooseDigits(v, fracOf, o);
  const t = trimFrac(d.digits.slice(1), o);
  const left = (signOf(v, o) + d.digits[0]).padStart(o.padLeft ?? 0, " ");
  const k = d.digits === "0" ? 0 : d.k;
  const exp = String(Math.abs(k)).padStart(o.expDigits ?? 2, "0");
  return `${left}${t.point ? "." + t.frac : ""}e${k < 0 ? "-" : "+"}${exp}`;
}
