// Copyright 2026 the npy authors. MIT license.

/**
 * Arrays as numpy prints them: {@linkcode formatArray} returns what
 * `print(np.load(f))` writes (numpy 2.4's `str()` of an array, default print
 * options), following `numpy/_core/arrayprint.py`: shortest unique floats
 * (`0.`, `1.5`, `nan`, `1.e+20`), the switch to scientific notation, padding
 * across elements, summarisation above 1000 elements, wrapping at 75
 * columns, datetimes as ISO text, strings quoted as Python quotes them and
 * records as tuples. Web APIs only: it runs in browsers.
 *
 * @module
 */

import { objectElementStr, pyRepr, type ReprHooks, strRepr } from "./_pyrepr.ts";
import { reprStr } from "../codec/_literal.ts";
import { NpyError } from "../codec/errors.ts";
import { doubleToHalfBits, halfToFloatBits } from "../codec/_float16.ts";
import type { DType, NpyArray, NpyData, ScalarDType, StructData } from "../codec/types.ts";
import {
  type BinaryFloat,
  type FloatFormat,
  type FloatValue,
  FORMATS,
  fromNumber,
  fromX87,
  positional,
  scientific,
} from "./_dragon4.ts";
import { datetimeIso, NAT, timedeltaStr } from "./_datetime.ts";
import { dtypeIsImplied, dtypeName, dtypeShortRepr, shapeRepr } from "./_dtype_str.ts";

/** numpy's print options that {@linkcode formatArray} honours. */
export interface PrintOptions {
  /** Characters per line (numpy's `linewidth`); default 75. */
  linewidth?: number;
  /** Arrays with more elements than this are summarised; default 1000. */
  threshold?: number;
  /** Items kept at each end of a summarised axis; default 3. */
  edgeitems?: number;
  /** Maximum digits after the point for floats; default 8. */
  precision?: number;
  /**
   * The shape of the whole array when `array` holds only the elements that
   * are printed: the ones {@linkcode printedIndices} selects for this shape,
   * in C order, with `array.shape` their count per axis. Lets a caller read
   * only those elements of a large file.
   */
  fullShape?: readonly number[];
}

const DEFAULTS = { linewidth: 75, threshold: 1000, edgeitems: 3, precision: 8 };

/**
 * Most elements formatArray prints. numpy never shortens an axis of 6 or
 * fewer items, so an array of many short axes (possible in a tiny file with
 * a zero-size dtype) would print every one of billions of elements.
 */
export const MAX_PRINTED: number = 1 << 24;

/** Refuses a print of more than {@linkcode MAX_PRINTED} elements. */
function checkPrinted(counts: number[]): void {
  let n = 1;
  for (const k of counts) n *= k;
  if (n > MAX_PRINTED) {
    throw new NpyError(
      "TOO_LARGE",
      `numpy would print all ${n} elements (it never shortens an axis of ${
        2 * DEFAULTS.edgeitems
      } or fewer); refusing to print more than ${MAX_PRINTED}`,
    );
  }
}

type Opts = typeof DEFAULTS;

function size(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * The indices along each axis that numpy prints for an array of `shape`:
 * every index, or for an array of more than `threshold` elements only the
 * first and last `edgeitems` of each axis longer than twice that.
 *
 * @example
 * ```ts
 * import { printedIndices } from "./print.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(printedIndices([2000]), [[0, 1, 2, 1997, 1998, 1999]]);
 * assert.deepEqual(printedIndices([2, 3]), [[0, 1], [0, 1, 2]]);
 * ```
 *
 * @param shape The array's shape.
 * @param options `threshold` and `edgeitems`.
 * @returns One ascending list of indices per axis.
 */
export function printedIndices(
  shape: readonly number[],
  options: PrintOptions = {},
): number[][] {
  const o = { ...DEFAULTS, ...options };
  const summarize = size(shape) > o.threshold;
  return shape.map((d) => {
    if (summarize && d > 2 * o.edgeitems) {
      const out: number[] = [];
      for (let i = 0; i < o.edgeitems; i++) out.push(i);
      for (let i = d - o.edgeitems; i < d; i++) out.push(i);
      return out;
    }
    return Array.from({ length: d }, (_, i) => i);
  });
}

/**
 * Formats an array as numpy's `print()` (`str()`) does with the default
 * print options.
 *
 * @example
 * ```ts
 * import { formatArray } from "./print.ts";
 * import assert from "node:assert/strict";
 *
 * const a = { dtype: { kind: "f", byteOrder: "<", itemsize: 8 }, shape: [2, 2],
 *   fortranOrder: false, data: new Float64Array([0, 1.5, NaN, -Infinity]) } as const;
 * assert.equal(formatArray({ ...a, shape: [2, 2] }), "[[ 0.   1.5]\n [ nan -inf]]");
 * ```
 *
 * @param array The array (or, with `fullShape`, its printed elements).
 * @param options Print options.
 * @returns The text numpy prints, without a trailing newline.
 */
export function formatArray(array: NpyArray, options: PrintOptions = {}): string {
  const p = prepare(array, options);
  if (p.full.length === 0) return scalarStr(p.dtype, array.data, 0, p.o);
  if (size(p.full) === 0) return "[]";
  const fmt = formatterFor(p.dtype, array.data, p.positions, false, p.o, false);
  return formatNd(p.shape, p.full, p.summarize, (i) => fmt(p.positions[i]), p.o);
}

/**
 * Formats an array as numpy's `repr()` does with the default print
 * options: `array([...], dtype=...)`, with `shape=` for a summarised or
 * empty array, as in an interactive Python session.
 *
 * @example
 * ```ts
 * import { formatRepr } from "./print.ts";
 * import assert from "node:assert/strict";
 *
 * const a = { dtype: { kind: "f", byteOrder: "<", itemsize: 4 }, shape: [3],
 *   fortranOrder: false, data: new Float32Array([0, 0.5, 1]) } as const;
 * assert.equal(formatRepr({ ...a, shape: [3] }), "array([0. , 0.5, 1. ], dtype=float32)");
 * ```
 *
 * @param array The array (or, with `fullShape`, its printed elements).
 * @param options Print options.
 * @returns The text numpy's repr() gives.
 */
export function formatRepr(array: NpyArray, options: PrintOptions = {}): string {
  const p = prepare(array, options);
  const prefix = "array(";
  const n = size(p.full);
  let lst: string;
  if (n === 0) lst = "[]";
  else {
    const o = { ...p.o, linewidth: p.o.linewidth - 1 };
    const fmt = formatterFor(p.dtype, array.data, p.positions, p.full.length === 0, o, false);
    lst = p.full.length === 0
      ? fmt(p.positions[0])
      : formatNd(p.shape, p.full, p.summarize, (i) => fmt(p.positions[i]), o, ", ", " ".repeat(7));
  }
  const extras: string[] = [];
  if ((n === 0 && !(p.full.length === 1 && p.full[0] === 0)) || n > p.o.threshold) {
    extras.push(`shape=${shapeRepr(p.full)}`);
  }
  if (!dtypeIsImplied(p.dtype) || n === 0) extras.push(`dtype=${dtypeShortRepr(p.dtype)}`);
  if (extras.length === 0) return `${prefix}${lst})`;
  const arrStr = `${prefix}${lst},`;
  const extraStr = `${extras.join(", ")})`;
  const lastLine = pyLen(arrStr) - (arrStr.lastIndexOf("\n") + 1);
  const spacer = lastLine + pyLen(extraStr) + 1 > p.o.linewidth
    ? "\n" + " ".repeat(prefix.length)
    : " ";
  return arrStr + spacer + extraStr;
}

interface Prepared {
  o: Opts;
  dtype: DType;
  /** Kept elements per axis. */
  shape: number[];
  full: number[];
  summarize: boolean;
  /** Storage positions of the kept elements, in C order. */
  positions: number[];
}

function prepare(array: NpyArray, options: PrintOptions): Prepared {
  const o: Opts = {
    linewidth: options.linewidth ?? DEFAULTS.linewidth,
    threshold: options.threshold ?? DEFAULTS.threshold,
    edgeitems: options.edgeitems ?? DEFAULTS.edgeitems,
    precision: options.precision ?? DEFAULTS.precision,
  };
  let dtype = array.dtype;
  let shape = [...array.shape];
  let full = [...(options.fullShape ?? array.shape)];
  if (dtype.kind === "subarray") {
    // numpy folds a top-level subarray dtype into the shape.
    shape = [...shape, ...dtype.shape];
    full = [...full, ...dtype.shape];
    dtype = dtype.base;
  }
  const summarize = size(full) > o.threshold;
  let positions: number[];
  if (size(full) === 0) positions = [];
  else if (options.fullShape !== undefined) {
    checkPrinted(shape);
    positions = storagePositions(shape, shape.map((d) => range(d)), array.fortranOrder);
  } else {
    const kept = printedIndices(full, o);
    checkPrinted(kept.map((k) => k.length));
    positions = storagePositions(shape, kept, array.fortranOrder);
    shape = kept.map((k) => k.length);
  }
  return { o, dtype, shape, full, summarize, positions };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Storage positions of the kept elements, in C order of the kept indices. */
function storagePositions(shape: number[], kept: number[][], fortran: boolean): number[] {
  const nd = shape.length;
  const strides = new Array<number>(nd);
  let s = 1;
  if (fortran) {
    for (let i = 0; i < nd; i++) {
      strides[i] = s;
      s *= shape[i];
    }
  } else {
    for (let i = nd - 1; i >= 0; i--) {
      strides[i] = s;
      s *= shape[i];
    }
  }
  let out = [0];
  for (let ax = 0; ax < nd; ax++) {
    const next: number[] = [];
    for (const base of out) for (const k of kept[ax]) next.push(base + k * strides[ax]);
    out = next;
  }
  return out;
}

/** Python's `len()`: code points. */
function pyLen(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = s.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) n--;
    }
  }
  return n;
}

function extendLine(
  s: string,
  line: string,
  word: string,
  width: number,
  prefix: string,
): [string, string] {
  let wrap = pyLen(line) + pyLen(word) > width;
  if (pyLen(line) <= pyLen(prefix)) wrap = false;
  if (wrap) {
    s += line.trimEnd() + "\n";
    line = prefix;
  }
  return [s, line + word];
}

function extendLinePretty(
  s: string,
  line: string,
  word: string,
  width: number,
  prefix: string,
): [string, string] {
  const words = word.split("\n");
  if (words.length === 1) return extendLine(s, line, word, width, prefix);
  const maxLen = Math.max(...words.map(pyLen));
  let indent: string;
  if (pyLen(line) + maxLen > width && pyLen(line) > pyLen(prefix)) {
    s += line.trimEnd() + "\n";
    line = prefix + words[0];
    indent = prefix;
  } else {
    indent = " ".repeat(pyLen(line));
    line += words[0];
  }
  for (const w of words.slice(1)) {
    s += line.trimEnd() + "\n";
    line = indent + w;
  }
  line += " ".repeat(maxLen - pyLen(words[words.length - 1]));
  return [s, line];
}

/** numpy's `_formatArray` over the kept elements (`shape`) of an array of shape `full`. */
function formatNd(
  shape: number[],
  full: number[],
  summarize: boolean,
  elem: (i: number) => string,
  o: Opts,
  sep = " ",
  prefix = " ",
): string {
  const nd = shape.length;
  const strides = new Array<number>(nd);
  for (let i = nd - 1, s = 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  const recurse = (axis: number, offset: number, hanging: string, width: number): string => {
    if (axis === nd) return elem(offset);
    const nextHanging = hanging + " ";
    const nextWidth = width - 1;
    const aLen = full[axis], cLen = shape[axis], st = strides[axis];
    const summary = summarize && 2 * o.edgeitems < aLen;
    const leading = summary ? o.edgeitems : 0;
    const trailing = summary ? o.edgeitems : aLen;
    const at = (c: number) => recurse(axis + 1, offset + c * st, nextHanging, nextWidth);
    let s = "";
    if (nd - axis === 1) {
      const elemWidth = width - Math.max(sep.trimEnd().length, 1);
      let line = hanging;
      for (let i = 0; i < leading; i++) {
        [s, line] = extendLinePretty(s, line, at(i), elemWidth, hanging);
        line += sep;
      }
      if (summary) {
        [s, line] = extendLine(s, line, "...", elemWidth, hanging);
        line += sep;
      }
      for (let i = trailing; i > 1; i--) {
        [s, line] = extendLinePretty(s, line, at(cLen - i), elemWidth, hanging);
        line += sep;
      }
      [s, line] = extendLinePretty(s, line, at(cLen - 1), elemWidth, hanging);
      s += line;
    } else {
      const lineSep = sep.trimEnd() + "\n".repeat(nd - axis - 1);
      for (let i = 0; i < leading; i++) s += hanging + at(i) + lineSep;
      if (summary) s += hanging + "..." + lineSep;
      for (let i = trailing; i > 1; i--) s += hanging + at(cLen - i) + lineSep;
      s += hanging + at(cLen - 1);
    }
    return "[" + s.slice(hanging.length) + "]";
  };
  return recurse(0, 0, prefix, o.linewidth);
}

// ---------------------------------------------------------------------------
// Element formatters: numpy's FloatingFormat, IntegerFormat, ... built from
// the printed elements, then applied to one element at a storage position.

type Fmt = (pos: number) => string;

function floatFormatOf(dt: ScalarDType): FloatFormat {
  const n = dt.kind === "c" ? dt.itemsize / 2 : dt.itemsize;
  return n === 2 ? FORMATS.f2 : n === 4 ? FORMATS.f4 : n === 8 ? FORMATS.f8 : FORMATS.f10;
}

/** Reader of the float at storage position `pos` (`part` 1 is a complex's imaginary part). */
function floatReader(dt: ScalarDType, data: NpyData, part: 0 | 1): (pos: number) => FloatValue {
  const fmt = floatFormatOf(dt);
  const per = dt.kind === "c" ? 2 : 1;
  if (data instanceof Uint8Array) {
    // longdouble: raw bytes as stored, x87 extended precision in the low
    // 10 bytes of the little-endian form.
    const n = dt.itemsize / per;
    const swap = dt.byteOrder === ">";
    return (pos) => {
      const start = pos * dt.itemsize + part * n;
      const b = data.subarray(start, start + n);
      // A copy, not b.slice(): on a Node Buffer slice() is a view.
      return fromX87(swap ? Uint8Array.from(b).reverse() : b);
    };
  }
  const arr = data as Float32Array | Float64Array;
  return (pos) => fromNumber(arr[pos * per + part], fmt);
}

function toDtype(x: number, fmt: FloatFormat): number {
  if (fmt === FORMATS.f4) return Math.fround(x);
  if (fmt === FORMATS.f2) {
    const f = new Float32Array(new Uint32Array([halfToFloatBits(doubleToHalfBits(x))]).buffer);
    return f[0];
  }
  return x;
}

/** `|a| < |b|` - `|a| > |b|`, exactly: -1, 0 or 1. */
function cmpAbs(a: BinaryFloat, b: BinaryFloat): number {
  const e = Math.min(a.e, b.e);
  const x = a.m << BigInt(a.e - e), y = b.m << BigInt(b.e - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

const ONE_E_MINUS_4 = fromNumber(1e-4, FORMATS.f8) as { kind: "finite"; v: BinaryFloat };
const ONE_E_8 = fromNumber(1e8, FORMATS.f8) as { kind: "finite"; v: BinaryFloat };
const ONE_E_16 = fromNumber(1e16, FORMATS.f8) as { kind: "finite"; v: BinaryFloat };

/**
 * FloatingFormat's switch to scientific notation for longdouble, computed
 * exactly: the JS numbers would round values and the ratio to float64.
 * numpy rounds max/min to the 64-bit mantissa before comparing with 1000:
 * that is above 1000 when the exact ratio exceeds 1000 + 2^-55.
 */
function longdoubleNeedsExp(values: BinaryFloat[]): boolean {
  let max = values[0], min = values[0];
  for (const v of values) {
    if (cmpAbs(v, max) > 0) max = v;
    if (cmpAbs(v, min) < 0) min = v;
  }
  if (cmpAbs(max, ONE_E_8.v) >= 0 || cmpAbs(min, ONE_E_MINUS_4.v) < 0) return true;
  // max * 2^55 > min * (1000 * 2^55 + 1)
  const lhs = { ...max, m: max.m, e: max.e + 55 };
  const rhs = { ...min, m: min.m * (1000n * 2n ** 55n + 1n) };
  return cmpAbs(lhs, rhs) > 0;
}

/** numpy's FloatingFormat (floatmode 'maxprec', sign '-' or '+'). */
function floatingFormat(
  values: FloatValue[],
  fmt: FloatFormat,
  plus: boolean,
  precision: number,
): (x: FloatValue) => string {
  const finite = values.filter((v) => v.kind === "finite") as {
    kind: "finite";
    v: BinaryFloat;
    approx: number;
  }[];
  let exp = false;
  const nonzero = finite.filter((f) => f.v.m !== 0n);
  if (nonzero.length > 0 && fmt === FORMATS.f10) {
    exp = longdoubleNeedsExp(nonzero.map((f) => f.v));
  } else if (nonzero.length > 0) {
    let max = 0, min = Infinity;
    for (const f of nonzero) {
      const a = Math.abs(f.approx);
      if (a > max) max = a;
      if (a < min) min = a;
    }
    const cutoff = 10 ** Math.min(8, fmt.precision);
    const ratio = fmt === FORMATS.f2
      ? toDtype(Math.fround(max / min), fmt)
      : toDtype(max / min, fmt);
    exp = max >= cutoff || min < toDtype(1e-4, fmt) || ratio > 1000;
  }
  let padLeft = 0, padRight = 0, expSize = -1, prec = precision;
  if (finite.length > 0) {
    if (exp) {
      let maxExp = 0;
      prec = 0;
      for (const f of finite) {
        const s = scientific(f.v, { precision, trim: ".", sign: plus });
        const e = s.indexOf("e");
        const dot = s.indexOf(".");
        maxExp = Math.max(maxExp, s.length - e - 1);
        prec = Math.max(prec, e - dot - 1);
        padLeft = Math.max(padLeft, dot);
      }
      expSize = maxExp - 1;
      padRight = expSize + 2 + prec;
    } else {
      for (const f of finite) {
        const s = positional(f.v, { precision, trim: ".", sign: plus });
        const dot = s.indexOf(".");
        padLeft = Math.max(padLeft, dot);
        padRight = Math.max(padRight, s.length - dot - 1);
      }
    }
  }
  if (finite.length !== values.length) {
    const neginf = plus || values.some((v) => v.kind === "inf" && v.neg);
    padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + (neginf ? 1 : 0) - (padRight + 1));
  }
  return (x) => {
    if (x.kind === "nan" || x.kind === "inf") {
      const ret = x.kind === "nan"
        ? (plus ? "+nan" : "nan")
        : (x.neg ? "-inf" : plus ? "+inf" : "inf");
      return ret.padStart(padLeft + padRight + 1, " ");
    }
    return exp
      ? scientific(x.v, {
        precision: prec,
        minDigits: prec,
        trim: "k",
        sign: plus,
        padLeft,
        expDigits: expSize,
      })
      : positional(x.v, { precision, minDigits: 0, trim: ".", sign: plus, padLeft, padRight });
  };
}

/** `str()` of a numpy float scalar: `1.0`, `1e+20`, `nan`, `-0.0`. */
function floatScalarStr(x: FloatValue, fmt: FloatFormat, trimPoint: boolean, plus = false): string {
  if (x.kind === "nan") return plus ? "+nan" : "nan";
  if (x.kind === "inf") return x.neg ? "-inf" : plus ? "+inf" : "inf";
  const a = Math.abs(x.approx);
  const inRange = fmt === FORMATS.f10
    ? cmpAbs(x.v, ONE_E_16.v) < 0 && cmpAbs(x.v, ONE_E_MINUS_4.v) >= 0
    : a < fmt.scalarCutoff && a >= toDtype(1e-4, fmt);
  if (x.v.m === 0n || inRange) {
    const s = positional(x.v, { trim: trimPoint ? "-" : ".", sign: plus });
    return s.endsWith(".") ? s + "0" : s;
  }
  return scientific(x.v, { trim: "-", sign: plus });
}

/** Python's `repr()` of bytes given as latin1 characters. */
function reprBytes(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = "b" + quote;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c >= 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}

/** `str()` of an unstructured np.void: every byte as `\\xHH`, upper case. */
function voidStr(data: NpyData, n: number, pos: number): string {
  const b = (data as Uint8Array).subarray(pos * n, pos * n + n);
  let s = "b'";
  for (const c of b) s += "\\x" + c.toString(16).toUpperCase().padStart(2, "0");
  return s + "'";
}

function intStr(data: NpyData, pos: number): string {
  return String((data as ArrayLike<number | bigint>)[pos]);
}

/**
 * The element formatter numpy's `_get_format_function` picks for `dtype`,
 * built from the elements at `positions`. `zeroD`: the data is 0-d (bools
 * lose their padding space); `floatStr`: floats print as scalars' `str()`
 * (numpy's choice inside a 0-d record).
 */
function formatterFor(
  dtype: DType,
  data: NpyData,
  positions: number[],
  zeroD: boolean,
  o: Opts,
  floatStr: boolean,
): Fmt {
  if (dtype.kind === "struct") {
    const cols = data as StructData;
    const fields = dtype.fields.map((f) =>
      fieldFormatter(f.dtype, cols[f.name], positions, zeroD, o, floatStr)
    );
    return (pos) => {
      const parts = fields.map((f) => f(pos));
      return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
    };
  }
  if (dtype.kind === "subarray") return fieldFormatter(dtype, data, positions, zeroD, o, floatStr);
  switch (dtype.kind) {
    case "b": {
      const t = zeroD ? "True" : " True";
      const b = data as Uint8Array;
      return (pos) => (b[pos] !== 0 ? t : "False");
    }
    case "i":
    case "u": {
      const arr = data as ArrayLike<number | bigint>;
      let width = 0;
      if (positions.length > 0) {
        let max = arr[positions[0]], min = max;
        for (const p of positions) {
          const v = arr[p];
          if (v > max) max = v;
          if (v < min) min = v;
        }
        width = Math.max(String(max).length, String(min).length);
      }
      return (pos) => String(arr[pos]).padStart(width, " ");
    }
    case "f": {
      const read = floatReader(dtype, data, 0);
      const fmt = floatFormatOf(dtype);
      if (floatStr) return (pos) => floatScalarStr(read(pos), fmt, false);
      const f = floatingFormat(positions.map(read), fmt, false, o.precision);
      return (pos) => f(read(pos));
    }
    case "c": {
      const re = floatReader(dtype, data, 0), im = floatReader(dtype, data, 1);
      const fmt = floatFormatOf(dtype);
      const fr = floatingFormat(positions.map(re), fmt, false, o.precision);
      const fi = floatingFormat(positions.map(im), fmt, true, o.precision);
      return (pos) => {
        const i = fi(im(pos));
        const sp = i.trimEnd().length;
        return fr(re(pos)) + i.slice(0, sp) + "j" + i.slice(sp);
      };
    }
    case "S": {
      const s = data as string[];
      return (pos) => reprBytes(s[pos]);
    }
    case "U": {
      const s = data as string[];
      return (pos) => reprStr(s[pos]);
    }
    case "V":
      return (pos) => voidStr(data, dtype.itemsize, pos);
    case "M":
    case "m": {
      const arr = data as BigInt64Array;
      const unit = dtype.unit ?? "generic", mult = dtype.multiple ?? 1;
      const one = dtype.kind === "M"
        ? (v: bigint) => `'${datetimeIso(v, unit, mult)}'`
        : (v: bigint) => String(v);
      let width = 0, nat = false, max: bigint | undefined, min: bigint | undefined;
      for (const p of positions) {
        const v = arr[p];
        if (v === NAT) nat = true;
        else {
          if (max === undefined || v > max) max = v;
          if (min === undefined || v < min) min = v;
        }
      }
      if (max !== undefined) width = Math.max(pyLen(one(max)), pyLen(one(min!)));
      if (nat) width = Math.max(width, 5);
      return (pos) => (arr[pos] === NAT ? "'NaT'" : one(arr[pos])).padStart(width, " ");
    }
    default:
      return (pos) => objectElementStr((data as unknown[])[pos], REPR_HOOKS);
  }
}

/**
 * Python's `print()` of a value that is not an array (what
 * `np.load(f, allow_pickle=True)` returns for a plain pickle): `repr()` of it,
 * except that a str prints bare.
 *
 * @example
 * ```ts
 * import { formatPyObject } from "./print.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatPyObject([1n, "a", null, 2.5]), "[1, 'a', None, 2.5]");
 * ```
 *
 * @param value A value in the JS form of the pickle module's table.
 * @returns The text Python prints.
 */
export function formatPyObject(value: unknown): string {
  return typeof value === "string" ? value : pyRepr(value, REPR_HOOKS);
}

/** How numpy's repr() prints an ndarray or a numpy scalar held as a Python object. */
const REPR_HOOKS: ReprHooks = {
  array: (a) => formatRepr(a),
  scalar(s) {
    const dt = s.dtype;
    if (dt.kind === "b") return (s.data as Uint8Array)[0] ? "np.True_" : "np.False_";
    const text = formatArray(s.toArray());
    if (dt.kind === "S" && text.startsWith("np.bytes_(")) return text;
    if (dt.kind === "m") {
      const v = (s.data as BigInt64Array)[0];
      const unit = dt.unit === undefined || dt.unit === "generic"
        ? ""
        : `,'${(dt.multiple ?? 1) === 1 ? "" : dt.multiple}${dt.unit}'`;
      return `np.timedelta64(${v === NAT ? "'NaT'" : String(v)}${unit})`;
    }
    const name = dt.kind === "U"
      ? "str_"
      : dt.kind === "S"
      ? "bytes_"
      : dt.kind === "V"
      ? "void"
      : dt.kind === "M"
      ? "datetime64"
      : dtypeName(dt as ScalarDType);
    const arg = dt.kind === "U"
      ? strRepr(text)
      : dt.kind === "M"
      ? `'${text.replace(/^'|'$/g, "")}'`
      : dt.kind === "c"
      ? text.replace(/^\((.*)\)$/, "$1")
      : text;
    return `np.${name}(${arg})`;
  },
};

/** A record field's formatter; subarray fields as numpy's SubArrayFormat. */
function fieldFormatter(
  dtype: DType,
  data: NpyData,
  positions: number[],
  zeroD: boolean,
  o: Opts,
  floatStr: boolean,
): Fmt {
  if (dtype.kind !== "subarray") return formatterFor(dtype, data, positions, zeroD, o, floatStr);
  const n = size(dtype.shape);
  checkPrinted([positions.length, n]);
  const inner: number[] = [];
  for (const p of positions) for (let j = 0; j < n; j++) inner.push(p * n + j);
  const base = formatterFor(dtype.base, data, inner, false, o, floatStr);
  const shape = dtype.shape;
  return (pos) => {
    const summary = n > o.threshold;
    const rec = (axis: number, offset: number, stride: number): string => {
      if (axis === shape.length) return base(pos * n + offset);
      const len = shape[axis];
      const st = stride / len;
      const parts: string[] = [];
      if (summary && len > 2 * o.edgeitems) {
        for (let i = 0; i < o.edgeitems; i++) parts.push(rec(axis + 1, offset + i * st, st));
        parts.push("...");
        for (let i = len - o.edgeitems; i < len; i++) {
          parts.push(rec(axis + 1, offset + i * st, st));
        }
      } else {
        for (let i = 0; i < len; i++) parts.push(rec(axis + 1, offset + i * st, st));
      }
      return "[" + parts.join(", ") + "]";
    };
    return rec(0, 0, n);
  };
}

/** `str()` of the scalar a 0-d array holds, as numpy prints a 0-d array. */
function scalarStr(dtype: DType, data: NpyData, pos: number, o: Opts): string {
  if (dtype.kind === "struct") return formatterFor(dtype, data, [pos], true, o, true)(pos);
  if (dtype.kind === "subarray") return formatterFor(dtype, data, [pos], true, o, false)(pos);
  switch (dtype.kind) {
    case "b":
      return (data as Uint8Array)[pos] !== 0 ? "True" : "False";
    case "i":
    case "u":
      return intStr(data, pos);
    case "f":
      return floatScalarStr(floatReader(dtype, data, 0)(pos), floatFormatOf(dtype), false);
    case "c": {
      const fmt = floatFormatOf(dtype);
      const re = floatReader(dtype, data, 0)(pos), im = floatReader(dtype, data, 1)(pos);
      const i = floatScalarStr(im, fmt, true, true) + "j";
      if (re.kind === "finite" && re.v.m === 0n && !re.v.neg) return i.slice(1);
      return `(${floatScalarStr(re, fmt, true)}${i})`;
    }
    case "S":
      // str() of a 0-d array of bytes is the scalar's repr.
      return `np.bytes_(${reprBytes((data as string[])[pos])})`;
    case "U":
      return (data as string[])[pos];
    case "V":
      return voidStr(data, dtype.itemsize, pos);
    case "M":
      return datetimeIso((data as BigInt64Array)[pos], dtype.unit ?? "generic", dtype.multiple);
    case "m":
      return timedeltaStr((data as BigInt64Array)[pos], dtype.unit ?? "generic", dtype.multiple);
    default:
      return objectElementStr((data as unknown[])[pos], REPR_HOOKS);
  }
}
