// Copyright 2026 the npy authors. MIT license.
// numpy's `np.dtype(str)` (descriptor.c `_convert_from_str` and
// `_internal._commastring`) for the strings a .npy header can hold.
// Platform aliases (`l`, `int`, `g`, ...) resolve as on 64-bit Linux
// (LP64, x86-64 longdouble), where nearly all .npy files are written.

import type { DatetimeUnit, DType, ScalarKind } from "./types.ts";

type Base = { kind: ScalarKind; size: number };

/** One-letter type codes (`PyArray_DescrFromType`). */
const CHARS: Record<string, Base> = {
  "?": { kind: "b", size: 1 },
  b: { kind: "i", size: 1 },
  B: { kind: "u", size: 1 },
  h: { kind: "i", size: 2 },
  H: { kind: "u", size: 2 },
  i: { kind: "i", size: 4 },
  I: { kind: "u", size: 4 },
  l: { kind: "i", size: 8 },
  L: { kind: "u", size: 8 },
  q: { kind: "i", size: 8 },
  Q: { kind: "u", size: 8 },
  p: { kind: "i", size: 8 },
  P: { kind: "u", size: 8 },
  n: { kind: "i", size: 8 },
  N: { kind: "u", size: 8 },
  e: { kind: "f", size: 2 },
  f: { kind: "f", size: 4 },
  d: { kind: "f", size: 8 },
  g: { kind: "f", size: 16 },
  F: { kind: "c", size: 8 },
  D: { kind: "c", size: 16 },
  G: { kind: "c", size: 32 },
  c: { kind: "S", size: 1 },
  S: { kind: "S", size: 0 },
  U: { kind: "U", size: 0 },
  V: { kind: "V", size: 0 },
  O: { kind: "O", size: 8 },
  // StringDType holds Python objects as far as .npy files are concerned.
  T: { kind: "O", size: 8 },
  M: { kind: "M", size: 8 },
  m: { kind: "m", size: 8 },
};

// numpy reads a one-character string below 0x18 as a type number (NPY_TYPES).
const TYPE_NUMBERS = "?bBhHiIlLqQfdgFDGOSUVMme";
for (let n = 0; n < TYPE_NUMBERS.length; n++) {
  CHARS[String.fromCharCode(n)] = CHARS[TYPE_NUMBERS[n]];
}

/** numpy's `sctypeDict` names, looked up only without a byte-order prefix. */
const NAMES: Record<string, Base> = {
  a: { kind: "S", size: 0 },
  bool: { kind: "b", size: 1 },
  bool_: { kind: "b", size: 1 },
  byte: { kind: "i", size: 1 },
  ubyte: { kind: "u", size: 1 },
  short: { kind: "i", size: 2 },
  ushort: { kind: "u", size: 2 },
  intc: { kind: "i", size: 4 },
  uintc: { kind: "u", size: 4 },
  int: { kind: "i", size: 8 },
  int_: { kind: "i", size: 8 },
  uint: { kind: "u", size: 8 },
  long: { kind: "i", size: 8 },
  ulong: { kind: "u", size: 8 },
  longlong: { kind: "i", size: 8 },
  ulonglong: { kind: "u", size: 8 },
  intp: { kind: "i", size: 8 },
  uintp: { kind: "u", size: 8 },
  int8: { kind: "i", size: 1 },
  int16: { kind: "i", size: 2 },
  int32: { kind: "i", size: 4 },
  int64: { kind: "i", size: 8 },
  uint8: { kind: "u", size: 1 },
  uint16: { kind: "u", size: 2 },
  uint32: { kind: "u", size: 4 },
  uint64: { kind: "u", size: 8 },
  half: { kind: "f", size: 2 },
  single: { kind: "f", size: 4 },
  double: { kind: "f", size: 8 },
  float: { kind: "f", size: 8 },
  longdouble: { kind: "f", size: 16 },
  float16: { kind: "f", size: 2 },
  float32: { kind: "f", size: 4 },
  float64: { kind: "f", size: 8 },
  float128: { kind: "f", size: 16 },
  csingle: { kind: "c", size: 8 },
  cdouble: { kind: "c", size: 16 },
  clongdouble: { kind: "c", size: 32 },
  complex: { kind: "c", size: 16 },
  complex64: { kind: "c", size: 8 },
  complex128: { kind: "c", size: 16 },
  complex256: { kind: "c", size: 32 },
  bytes: { kind: "S", size: 0 },
  bytes_: { kind: "S", size: 0 },
  str: { kind: "U", size: 0 },
  str_: { kind: "U", size: 0 },
  unicode: { kind: "U", size: 0 },
  void: { kind: "V", size: 0 },
  object: { kind: "O", size: 8 },
  object_: { kind: "O", size: 8 },
};

/** Sizes `PyArray_TypestrConvert` accepts after a kind letter on x86-64. */
const SIZED: Record<string, readonly number[]> = {
  b: [1],
  i: [1, 2, 4, 8],
  u: [1, 2, 4, 8],
  f: [2, 4, 8, 16],
  c: [8, 16, 32],
  O: [4, 8],
  M: [8],
  m: [8],
};

/** numpy's datetime units, coarsest first (`generic` apart). */
export const UNITS: readonly DatetimeUnit[] = [
  "Y",
  "M",
  "W",
  "D",
  "h",
  "m",
  "s",
  "ms",
  "us",
  "ns",
  "ps",
  "fs",
  "as",
];

const INT_MAX = 0x7fffffff;

/**
 * C's `strtol(s, &end, 10)`: leading white space, an optional sign, digits.
 * Returns the value and where it stopped, or undefined with no digits.
 */
function strtol(s: string, i: number): { v: number; end: number } | undefined {
  let j = i;
  while (j < s.length && " \t\n\v\f\r".includes(s[j])) j++;
  let sign = 1;
  if (s[j] === "+" || s[j] === "-") {
    if (s[j] === "-") sign = -1;
    j++;
  }
  const start = j;
  while (j < s.length && s[j] >= "0" && s[j] <= "9") j++;
  if (j === start) return undefined;
  return { v: sign * Number(s.slice(start, j)), end: j };
}

/**
 * Parses a type string the way `np.dtype(str)` does; returns undefined when
 * numpy would not understand it. An `O` kind means Python objects.
 */
export function parseTypeString(s: string): DType | undefined {
  if (isCommaString(s)) return parseCommaString(s);
  let order = "=";
  let type = s;
  if ("<>=|".includes(s[0] ?? "x")) {
    order = s[0] === "|" ? "=" : s[0];
    type = s.slice(1);
  }
  if (type.length === 0) return undefined;
  if (isDatetimeTypeString(type)) return parseDatetime(type, order);
  let base: Base | undefined;
  if (type.length === 1) {
    base = CHARS[type];
  } else {
    const n = strtol(type, 1);
    if (n && n.end === type.length) {
      if (n.v < 0) return undefined;
      const kind = type[0];
      if (kind === "S" || kind === "a") base = { kind: "S", size: n.v };
      else if (kind === "U") base = { kind: "U", size: n.v * 4 };
      else if (kind === "V") base = { kind: "V", size: n.v };
      else if (n.v !== 0 && SIZED[kind]?.includes(n.v)) {
        base = { kind: kind as ScalarKind, size: n.v };
      }
    }
  }
  // Names are looked up with the whole string, prefix included.
  if (base === undefined) base = NAMES[s];
  if (base === undefined || base.size > INT_MAX) return undefined;
  return scalar(base, order);
}

function scalar(base: Base, order: string): DType {
  const kind = base.kind;
  const noOrder = kind === "S" || kind === "V" || kind === "O" ||
    (base.size === 1 && kind !== "U");
  const byteOrder = noOrder ? "|" : order === ">" ? ">" : "<";
  if (kind === "M" || kind === "m") {
    return { kind, byteOrder, itemsize: 8, unit: "generic", multiple: 1 };
  }
  return { kind, byteOrder, itemsize: base.size };
}

function isDatetimeTypeString(t: string): boolean {
  return (t.length >= 2 && t[1] === "8" && (t[0] === "M" || t[0] === "m")) ||
    t.startsWith("datetime64") || t.startsWith("timedelta64");
}

function parseDatetime(t: string, order: string): DType | undefined {
  let kind: "M" | "m";
  let rest: string;
  if (t.startsWith("datetime64")) {
    kind = "M";
    rest = t.slice(10);
  } else if (t.startsWith("timedelta64")) {
    kind = "m";
    rest = t.slice(11);
  } else {
    kind = t[0] as "M" | "m";
    rest = t.slice(2);
  }
  const byteOrder = order === ">" ? ">" : "<";
  if (rest === "") return { kind, byteOrder, itemsize: 8, unit: "generic", multiple: 1 };
  if (rest[0] !== "[" || rest[rest.length - 1] !== "]") return undefined;
  const meta = parseUnit(rest.slice(1, -1));
  if (!meta) return undefined;
  return { kind, byteOrder, itemsize: 8, ...meta };
}

/** numpy's `parse_datetime_extended_unit_from_string`. */
function parseUnit(s: string): { unit: DatetimeUnit; multiple: number } | undefined {
  let i = 0;
  let num = 1;
  const n = strtol(s, 0);
  if (n) {
    if (n.v < 0 || n.v > INT_MAX) return undefined;
    num = n.v;
    i = n.end;
  }
  let j = s.indexOf("/", i);
  if (j < 0) j = s.length;
  let unitText = s.slice(i, j);
  if (unitText === "μs") unitText = "us";
  // numpy drops any multiple given with the generic unit.
  if (unitText === "generic" && j === s.length) return { unit: "generic", multiple: 1 };
  const unit = UNITS.find((u) => u === unitText);
  if (!unit) return undefined;
  if (j === s.length) return { unit, multiple: num };
  const d = strtol(s, j + 1);
  if (!d || d.end !== s.length) return undefined;
  // numpy divides by zero here (SIGFPE); refuse instead.
  if (d.v === 0) return undefined;
  return d.v === 1 ? { unit, multiple: num } : divide(unit, num, d.v);
}

// numpy's `_multiples_table`, for `convert_datetime_divisor_to_multiple`.
const MULTIPLES: Partial<Record<DatetimeUnit, [number[], DatetimeUnit[]]>> = {
  Y: [[12, 52, 365], ["M", "W", "D"]],
  M: [[4, 30, 720], ["W", "D", "h"]],
  W: [[7, 168, 10080, 0], ["D", "h", "m", "Y"]],
  D: [[24, 1440, 86400], ["h", "m", "s"]],
  h: [[60, 3600], ["m", "s"]],
  m: [[60, 60000], ["s", "ms"]],
};

function divide(
  unit: DatetimeUnit,
  num: number,
  den: number,
): { unit: DatetimeUnit; multiple: number } | undefined {
  let totry: number[];
  let units: DatetimeUnit[];
  const k = UNITS.indexOf(unit);
  if (k >= UNITS.indexOf("s")) {
    totry = [1000, 1000000];
    units = [UNITS[k + 1], UNITS[k + 2]];
    if (unit === "fs") totry = totry.slice(0, 1);
    if (unit === "as") totry = [];
  } else {
    [totry, units] = MULTIPLES[unit]!;
  }
  for (let i = 0; i < totry.length; i++) {
    if (totry[i] % den === 0) {
      const q = Math.trunc(totry[i] / den);
      const m = num * q;
      if (m < -INT_MAX - 1 || m > INT_MAX) return undefined;
      return { unit: units[i], multiple: m };
    }
  }
  return undefined;
}

function isCommaString(s: string): boolean {
  const isOrder = (c: string | undefined) => c !== undefined && "<>=|".includes(c);
  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  if (isDigit(s[0]) || (s.length > 1 && isOrder(s[0]) && isDigit(s[1]))) return true;
  if (
    (s.length > 1 && s[0] === "(" && s[1] === ")") ||
    (s.length > 3 && isOrder(s[0]) && s[1] === "(" && s[2] === ")")
  ) return true;
  let sq = 0;
  for (const c of s) {
    if (c === "," && sq === 0) return true;
    if (c === "[") sq++;
    else if (c === "]") sq--;
  }
  return false;
}

const FORMAT_RE =
  /(?<order1>[<>|=]?)(?<repeats> *[(]?[ ,0-9]*[)]? *)(?<order2>[<>|=]?)(?<dtype>[A-Za-z0-9.?]*(?:\[[a-zA-Z0-9,.]+\])?)/y;
const SEP_RE = /\s*,\s*/y;
const SPACE_RE = /\s+$/y;

/** numpy's `_commastring`, then the list/tuple dtype it describes. */
function parseCommaString(s: string): DType | undefined {
  const items: DType[] = [];
  let pos = 0;
  let isList = false;
  while (pos < s.length) {
    FORMAT_RE.lastIndex = pos;
    const mo = FORMAT_RE.exec(s);
    if (!mo || !mo.groups) return undefined;
    pos = FORMAT_RE.lastIndex;
    if (pos < s.length) {
      SPACE_RE.lastIndex = pos;
      if (SPACE_RE.test(s)) pos = s.length;
      else {
        SEP_RE.lastIndex = pos;
        if (!SEP_RE.exec(s)) return undefined;
        pos = SEP_RE.lastIndex;
        isList = true;
      }
    }
    const { order1, order2, repeats, dtype } = mo.groups;
    let order: string;
    if (order2 === "") order = order1;
    else if (order1 === "") order = order2;
    else {
      const a = order1 === "=" ? "<" : order1, b = order2 === "=" ? "<" : order2;
      if (a !== b) return undefined;
      order = order1;
    }
    if (order === "|" || order === "=" || order === "<") order = "";
    const base = parseTypeString(order + dtype);
    if (base === undefined) return undefined;
    if (repeats === "") {
      items.push(base);
      continue;
    }
    const dims = parseRepeats(repeats);
    if (dims === undefined) return undefined;
    const sub = typeof dims === "number" ? withCount(base, dims) : subarrayOf(base, dims);
    if (sub === undefined) return undefined;
    items.push(sub);
  }
  if (items.length === 0) return undefined;
  if (!isList) return items[0];
  const fields = [];
  let offset = 0;
  for (let i = 0; i < items.length; i++) {
    fields.push({ name: `f${i}`, offset, dtype: items[i] });
    offset += items[i].itemsize;
  }
  return { kind: "struct", fields, itemsize: offset };
}

/**
 * `ast.literal_eval(repeats)` for what the repeats pattern can match: an
 * int, or a tuple of ints.
 */
function parseRepeats(r: string): number | number[] | undefined {
  const t = r.trim();
  if (/^\d+$/.test(t)) {
    if (/^0\d/.test(t)) return undefined;
    return Number(t);
  }
  const m = /^\(([ ,0-9]*)\)$/.exec(t);
  if (!m) return undefined;
  const inner = m[1].trim();
  if (inner === "") return [];
  // "(2)" is a parenthesized int (deprecated): the same as "2".
  if (!inner.includes(",")) {
    return /^\d+$/.test(inner) && !/^0\d/.test(inner) ? Number(inner) : undefined;
  }
  const parts = inner.split(",").map((x) => x.trim());
  if (parts[parts.length - 1] === "") parts.pop();
  if (parts.some((x) => !/^\d+$/.test(x) || /^0\d/.test(x))) return undefined;
  return parts.map(Number);
}

function isUnsizedFlexible(base: DType): boolean {
  return base.itemsize === 0 && (base.kind === "S" || base.kind === "U" || base.kind === "V");
}

/**
 * `np.dtype((base, n))` for an int n: the size of an unsized `S`, `U` or `V`
 * (`('S', 2)` is `|S2`), else a subarray of shape `(n,)`.
 */
export function withCount(base: DType, n: number): DType | undefined {
  if (!isUnsizedFlexible(base)) return subarrayOf(base, [n]);
  if (n < 0 || n > INT_MAX) return undefined;
  const size = base.kind === "U" ? n * 4 : n;
  if (size > INT_MAX) return undefined;
  return { ...base, itemsize: size } as DType;
}

/**
 * `np.dtype((base, None))`: numpy reads None as an itemsize of 8, so an
 * unsized `S`/`U`/`V` becomes 8 bytes, an 8-byte type stays as it is, and
 * anything else is refused ("mismatch in size of old and new data-descriptor").
 */
export function withNone(base: DType): DType | undefined {
  if (isUnsizedFlexible(base)) return withCount(base, base.kind === "U" ? 2 : 8);
  // "dtypes of the form (old_dtype, new_dtype) containing the object dtype are not supported"
  if (base.kind === "O") return undefined;
  return base.itemsize === 8 ? base : undefined;
}

/** `np.dtype((base, shape))` for a tuple shape. */
export function subarrayOf(base: DType, dims: number[]): DType | undefined {
  // numpy: "invalid itemsize in generic type tuple".
  if (isUnsizedFlexible(base)) return undefined;
  if (dims.length === 0) return base;
  if (dims.length > 64 || dims.some((d) => d < 0 || d > INT_MAX)) return undefined;
  let n = base.itemsize;
  for (const d of dims) n *= d;
  if (n > INT_MAX) return undefined;
  return { kind: "subarray", base, shape: dims, itemsize: n };
}
