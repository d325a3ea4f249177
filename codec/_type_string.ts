// Copyright 2026 the npy authors. MIT license.
// numpy's `np.dtype(str)` for the strings a .npy header can hold. Platform
// aliases (`l`, `int`, `g`, ...) resolve as on 64-bit Linux and macOS
// (LP64, x86-64 longdouble), the platforms that write nearly all .npy files.

import type { DatetimeUnit, DType, ScalarDType, ScalarKind } from "./types.ts";

type Base = { kind: ScalarKind; size: number };

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
  a: { kind: "S", size: 0 },
  U: { kind: "U", size: 0 },
  V: { kind: "V", size: 0 },
  O: { kind: "O", size: 8 },
  M: { kind: "M", size: 8 },
  m: { kind: "m", size: 8 },
};

const NAMES: Record<string, Base> = {
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
  datetime64: { kind: "M", size: 8 },
  timedelta64: { kind: "m", size: 8 },
};

/** Sizes numpy accepts after a kind letter (`f8`, `i4`, ...) on x86-64. */
const SIZED: Record<string, readonly number[]> = {
  b: [1],
  i: [1, 2, 4, 8],
  u: [1, 2, 4, 8],
  f: [2, 4, 8, 16],
  c: [8, 16, 32],
  O: [8],
  M: [8],
  m: [8],
};

const UNITS: ReadonlySet<string> = new Set([
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
]);

const MAX_ITEMSIZE = 0x7fffffff;

/**
 * Parses a type string the way `np.dtype(str)` does; returns undefined when
 * numpy would not understand it.
 */
export function parseTypeString(s: string): DType | undefined {
  if (s.includes(",")) return parseComma(s);
  const m = /^(\(\s*(?:\d+\s*,\s*)*(?:\d+\s*,?\s*)?\)|\d+)(.+)$/.exec(s);
  if (m) {
    // A shape prefix: "(2,3)f8" or "3i4".
    const dims = shapePrefix(m[1]);
    const base = parseSingle(m[2]);
    if (!dims || !base) return undefined;
    return subarray(base, dims);
  }
  return parseSingle(s);
}

function shapePrefix(p: string): number[] | undefined {
  if (p.startsWith("(")) {
    const inner = p.slice(1, -1).trim();
    if (inner === "") return [];
    if (!inner.includes(",")) return undefined; // "(2)i4" is refused
    return inner.split(",").map((x) => x.trim()).filter((x) => x !== "").map(Number);
  }
  return [Number(p)];
}

function subarray(base: DType, dims: number[]): DType {
  if (dims.length === 0) return base;
  let n = base.itemsize;
  for (const d of dims) n *= d;
  return { kind: "subarray", base, shape: dims, itemsize: n };
}

function parseComma(s: string): DType | undefined {
  const parts = s.split(",");
  // A trailing comma is allowed ("f8," is one field).
  if (parts.length > 1 && parts[parts.length - 1].trim() === "") parts.pop();
  const fields = [];
  let offset = 0;
  // Shapes like "(2,3)i4" contain commas: rejoin parenthesized parts.
  const items: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    let p = parts[i];
    while (p.includes("(") && !p.includes(")") && i + 1 < parts.length) {
      p += "," + parts[++i];
    }
    items.push(p.trim());
  }
  for (let i = 0; i < items.length; i++) {
    if (items[i] === "") return undefined;
    const dt = items[i].includes(",") || /^[(\d]/.test(items[i])
      ? parseShaped(items[i])
      : parseSingle(items[i]);
    if (!dt) return undefined;
    fields.push({ name: `f${i}`, offset, dtype: dt });
    offset += dt.itemsize;
  }
  return { kind: "struct", fields, itemsize: offset };
}

function parseShaped(s: string): DType | undefined {
  const m = /^(\(\s*(?:\d+\s*,\s*)*(?:\d+\s*,?\s*)?\)|\d+)\s*(.+)$/.exec(s);
  if (!m) return undefined;
  const dims = shapePrefix(m[1]);
  const base = parseSingle(m[2]);
  if (!dims || !base) return undefined;
  return subarray(base, dims);
}

function parseSingle(s: string): DType | undefined {
  let order = "";
  let rest = s;
  if (/^[<>=|]/.test(s)) {
    order = s[0];
    rest = s.slice(1);
  }
  let base: Base | undefined;
  let unitText: string | undefined;
  const dt = /^(M8|m8|M|m|datetime64|timedelta64)(\[[^\]]*\])?$/.exec(rest);
  if (dt) {
    base = { kind: dt[1][0] === "M" || dt[1][0] === "d" ? "M" : "m", size: 8 };
    unitText = dt[2];
  } else if (NAMES[rest] && order === "") {
    base = NAMES[rest];
  } else if (CHARS[rest]) {
    base = CHARS[rest];
  } else {
    const m = /^([biufcOSaUV])(\d+)$/.exec(rest);
    if (!m) return undefined;
    const n = Number(m[2]);
    const letter = m[1];
    if (letter === "S" || letter === "a" || letter === "V") {
      base = { kind: letter === "V" ? "V" : "S", size: n };
    } else if (letter === "U") {
      base = { kind: "U", size: n * 4 };
    } else {
      if (!SIZED[letter].includes(n)) return undefined;
      base = { kind: letter as ScalarKind, size: n };
    }
  }
  if (base.size > MAX_ITEMSIZE) return undefined;
  return scalar(base, order, unitText);
}

function scalar(base: Base, order: string, unitText?: string): DType | undefined {
  const kind = base.kind;
  const noOrder = kind === "S" || kind === "V" || kind === "O" ||
    base.size === 1 && kind !== "U";
  const byteOrder = noOrder ? "|" : order === ">" ? ">" : "<";
  const out: ScalarDType = { kind, byteOrder, itemsize: base.size };
  if (kind !== "M" && kind !== "m") return out;
  if (unitText === undefined) return { ...out, unit: "generic", multiple: 1 };
  const um = /^\[\s*(\d*)\s*([A-Za-zμ]+)\s*\]$/.exec(unitText);
  if (!um) return undefined;
  let unit = um[2] === "μs" ? "us" : um[2];
  if (unit === "generic") {
    if (um[1] !== "") return undefined;
    return { ...out, unit: "generic", multiple: 1 };
  }
  if (!UNITS.has(unit)) return undefined;
  const multiple = um[1] === "" ? 1 : Number(um[1]);
  if (!Number.isSafeInteger(multiple) || multiple > 0x7fffffff) return undefined;
  unit = unit as DatetimeUnit;
  return { ...out, unit: unit as DatetimeUnit, multiple };
}
