// Copyright 2026 the npy authors. MIT license.
// Python's repr() of the JS values that stand for Python objects (the
// pickle module's value table), for printing object arrays as numpy does:
// numpy formats each element with repr(), and a list as `list([...])`
// (`_object_format` in numpy's arrayprint.py).

import type { NpyArray } from "../codec/types.ts";
import {
  NpyScalar,
  PyByteArray,
  PyComplex,
  PyDate,
  PyDateTime,
  PyFrozenSet,
  PyGlobal,
  PyTimedelta,
  PyTimezone,
  PyTuple,
} from "../pickle/values.ts";

/** repr() of a Python float: the shortest digits, fixed from 1e-4 up to 1e16, else scientific. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x < 0 ? "-inf" : "inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mant, expText] = x.toExponential().split("e");
  const exp = Number(expText);
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  let out: string;
  if (exp >= -4 && exp < 16) {
    if (exp < 0) out = "0." + "0".repeat(-exp - 1) + digits;
    else if (digits.length > exp + 1) out = digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
    else out = digits + "0".repeat(exp + 1 - digits.length) + ".0";
  } else {
    const m = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    out = `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return neg ? "-" + out : out;
}

/** Whether Python's str.isprintable() holds for one code point (close enough: controls and separators are not). */
function printable(cp: number): boolean {
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp === 0xad) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  if (cp === 0x2028 || cp === 0x2029 || (cp >= 0x200b && cp <= 0x200f)) return false;
  if (cp === 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb)) return false;
  return cp <= 0x10ffff;
}

/** repr() of a Python str. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    const ch = String.fromCodePoint(cp);
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (printable(cp)) out += ch;
    else if (cp < 0x100) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out + quote;
}

/** repr() of Python bytes. */
export function bytesRepr(b: Uint8Array): string {
  let hasSingle = false, hasDouble = false;
  for (const c of b) {
    if (c === 0x27) hasSingle = true;
    if (c === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = "b" + quote;
  for (const c of b) {
    const ch = String.fromCharCode(c);
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c >= 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}

function complexRepr(c: PyComplex): string {
  const part = (x: number) => {
    const s = floatRepr(x);
    return s.endsWith(".0") ? s.slice(0, -2) : s;
  };
  const im = part(c.im) + "j";
  if (c.re === 0 && !Object.is(c.re, -0)) return im;
  return `(${part(c.re)}${im.startsWith("-") ? "" : "+"}${im})`;
}

function isNpyArray(v: object): v is NpyArray {
  return "dtype" in v && "shape" in v && "data" in v && "fortranOrder" in v;
}

/** How nested arrays and numpy scalars are printed (numpy's repr), given by the caller. */
export interface ReprHooks {
  /** repr() of an ndarray element. */
  array(a: NpyArray): string;
  /** repr() of a numpy scalar. */
  scalar(s: NpyScalar): string;
}

/**
 * Python's repr() of a value.
 *
 * @param v The value (the pickle module's JS form).
 * @param hooks How arrays and numpy scalars print.
 * @returns The text Python prints.
 */
export function pyRepr(v: unknown, hooks: ReprHooks): string {
  const r = (x: unknown) => pyRepr(x, hooks);
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return floatRepr(v);
  if (typeof v === "string") return strRepr(v);
  if (typeof v !== "object") return String(v);
  if (v instanceof PyByteArray) return `bytearray(${bytesRepr(v)})`;
  if (v instanceof Uint8Array) return bytesRepr(v);
  if (Array.isArray(v)) return `[${v.map(r).join(", ")}]`;
  if (v instanceof PyTuple) {
    return v.items.length === 1 ? `(${r(v.items[0])},)` : `(${v.items.map(r).join(", ")})`;
  }
  if (v instanceof PyFrozenSet) {
    return v.size === 0 ? "frozenset()" : `frozenset({${[...v].map(r).join(", ")}})`;
  }
  if (v instanceof Set) return v.size === 0 ? "set()" : `{${[...v].map(r).join(", ")}}`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${r(k)}: ${r(x)}`).join(", ")}}`;
  if (v instanceof PyComplex) return complexRepr(v);
  if (v instanceof NpyScalar) return hooks.scalar(v);
  if (v instanceof PyGlobal) {
    return `<class '${v.module === "builtins" ? v.name : `${v.module}.${v.name}`}'>`;
  }
  if (v instanceof PyTimedelta) {
    const parts: string[] = [];
    if (v.days) parts.push(`days=${v.days}`);
    if (v.seconds) parts.push(`seconds=${v.seconds}`);
    if (v.microseconds) parts.push(`microseconds=${v.microseconds}`);
    return `datetime.timedelta(${parts.length ? parts.join(", ") : "0"})`;
  }
  if (v instanceof PyTimezone) {
    const off = v.offset;
    if (off.days === 0 && off.seconds === 0 && off.microseconds === 0 && v.name === undefined) {
      return "datetime.timezone.utc";
    }
    return `datetime.timezone(${r(off)}${v.name === undefined ? "" : `, ${strRepr(v.name)}`})`;
  }
  if (v instanceof PyDateTime) {
    const f = [v.year, v.month, v.day, v.hour, v.minute];
    if (v.second || v.microsecond) f.push(v.second);
    if (v.microsecond) f.push(v.microsecond);
    let s = `datetime.datetime(${f.join(", ")}`;
    if (v.fold) s += ", fold=1";
    if (v.tzinfo) s += `, tzinfo=${r(v.tzinfo)}`;
    return s + ")";
  }
  if (v instanceof PyDate) return `datetime.date(${v.year}, ${v.month}, ${v.day})`;
  if (isNpyArray(v)) return hooks.array(v);
  // A plain object: a dict with string keys.
  return `{${Object.entries(v).map(([k, x]) => `${strRepr(k)}: ${r(x)}`).join(", ")}}`;
}

/** numpy's `_object_format`: repr(), and a list as `list([...])` so it is not taken for an axis. */
export function objectElementStr(v: unknown, hooks: ReprHooks): string {
  const s = pyRepr(v, hooks);
  return Array.isArray(v) ? `list(${s})` : s;
}
