// Copyright 2026 the npy authors. MIT license.
// An independent model of what numpy's `np.save` writes, written from
// numpy/lib/_format_impl.py (`_write_array_header`, `_wrap_header`,
// `_wrap_header_guess_version`, `dtype_to_descr`) and CPython's
// `unicode_repr`, without using any of the codec's helpers. The fuzzers
// compare the codec's output against this model, and the differential
// properties compare both against real numpy.

import type { DType, ScalarDType } from "../mod.ts";

/** `\x93NUMPY`. */
export const MODEL_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] as const;

/** A format version as numpy names it. */
export type Version = 1 | 2 | 3;

// Python's str.isprintable() is false for these categories (space excepted).
const NOT_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** CPython's `repr(str)` (Objects/unicodeobject.c, unicode_repr). */
export function pyStr(s: string): string {
  const hasSingle = s.includes("'");
  const hasDouble = s.includes('"');
  const q = hasSingle && !hasDouble ? '"' : "'";
  let out = q;
  // Iterate by code point; lone surrogates come out as single code units.
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    i += cp > 0xffff ? 2 : 1;
    if (ch === q || ch === "\\") out += "\\" + ch;
    else if (cp === 9) out += "\\t";
    else if (cp === 10) out += "\\n";
    else if (cp === 13) out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + hex(cp, 2);
    else if (cp < 0x7f) out += ch;
    else if (cp !== 0x20 && NOT_PRINTABLE.test(ch)) {
      if (cp <= 0xff) out += "\\x" + hex(cp, 2);
      else if (cp <= 0xffff) out += "\\u" + hex(cp, 4);
      else out += "\\U" + hex(cp, 8);
    } else out += ch;
  }
  return out + q;
}

/** Python's `repr(tuple_of_ints)`. */
export function pyIntTuple(xs: readonly (number | bigint)[]): string {
  if (xs.length === 1) return `(${xs[0]},)`;
  return `(${xs.join(", ")})`;
}

/** numpy's `dtype.str` for a scalar dtype. */
export function modelTypeStr(d: ScalarDType): string {
  let order = d.byteOrder;
  let n = d.itemsize;
  switch (d.kind) {
    case "b":
    case "S":
    case "V":
    case "O":
      order = "|";
      break;
    case "i":
    case "u":
      if (n === 1) order = "|";
      break;
    case "U":
      n = n / 4;
      break;
  }
  if (d.kind === "O") return "|O";
  let s = `${order}${d.kind}${n}`;
  if ((d.kind === "M" || d.kind === "m") && d.unit !== undefined && d.unit !== "generic") {
    const m = d.multiple ?? 1;
    s += "[" + (m === 1 ? "" : String(m)) + d.unit + "]";
  }
  return s;
}

/** Python's `repr(dtype.descr)` (or `repr(dtype.str)` for non-structured dtypes). */
export function modelDescrRepr(d: DType): string {
  if (d.kind === "struct") {
    const items: string[] = [];
    let at = 0;
    for (const f of d.fields) {
      if (f.offset > at) items.push(`('', '|V${f.offset - at}')`);
      at = f.offset + f.dtype.itemsize;
      const name = f.title === undefined ? pyStr(f.name) : `(${pyStr(f.title)}, ${pyStr(f.name)})`;
      if (f.dtype.kind === "subarray") {
        items.push(`(${name}, ${modelDescrRepr(f.dtype.base)}, ${pyIntTuple(f.dtype.shape)})`);
      } else {
        items.push(`(${name}, ${modelDescrRepr(f.dtype)})`);
      }
    }
    if (d.itemsize > at) items.push(`('', '|V${d.itemsize - at}')`);
    return `[${items.join(", ")}]`;
  }
  if (d.kind === "subarray") {
    return `(${modelDescrRepr(d.base)}, ${pyIntTuple(d.shape)})`;
  }
  return pyStr(modelTypeStr(d));
}

/**
 * numpy writes `fortran_order: True` only for arrays that are Fortran- but
 * not C-contiguous: at least one element and at least two axes longer than 1.
 * An array of zero-size elements that np.load made has all strides 0, so it
 * is C-contiguous too and np.save(np.load(f)) writes False.
 */
export function modelFortranFlag(
  shape: readonly number[],
  fortran: boolean,
  itemsize = 1,
): boolean {
  if (!fortran || itemsize === 0) return false;
  if (shape.some((d) => d === 0)) return false;
  return shape.filter((d) => d > 1).length >= 2;
}

/** The header dict text `_write_array_header` builds, growth padding included. */
export function modelHeaderText(d: DType, shape: readonly number[], fortran: boolean): string {
  const fo = modelFortranFlag(shape, fortran, d.itemsize);
  let text = `{'descr': ${modelDescrRepr(d)}, 'fortran_order': ${fo ? "True" : "False"}, ` +
    `'shape': ${pyIntTuple(shape)}, }`;
  if (shape.length > 0) {
    const axis = fo ? shape[shape.length - 1] : shape[0];
    const n = 21 - String(axis).length;
    if (n > 0) text += " ".repeat(n);
  }
  return text;
}

function encodeText(text: string, version: Version): Uint8Array | undefined {
  if (version === 3) {
    // Python's str.encode('utf8') refuses lone surrogates.
    if (/\p{Cs}/u.test(text)) return undefined;
    return new TextEncoder().encode(text);
  }
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return undefined; // UnicodeEncodeError
    out[i] = c;
  }
  return out;
}

/** `_wrap_header(header, version)`: undefined where numpy raises. */
export function modelWrap(text: string, version: Version): Uint8Array | undefined {
  const body = encodeText(text, version);
  if (!body) return undefined;
  const lenBytes = version === 1 ? 2 : 4;
  const hlen = body.length + 1;
  const padlen = 64 - ((8 + lenBytes + hlen) % 64);
  const total = hlen + padlen;
  if (total > (version === 1 ? 0xffff : 0xffffffff)) return undefined;
  const out = new Uint8Array(8 + lenBytes + total);
  out.set(MODEL_MAGIC, 0);
  out[6] = version;
  out[7] = 0;
  for (let k = 0; k < lenBytes; k++) out[8 + k] = Math.floor(total / 2 ** (8 * k)) & 0xff;
  out.set(body, 8 + lenBytes);
  for (let k = 8 + lenBytes + body.length; k < out.length - 1; k++) out[k] = 0x20;
  out[out.length - 1] = 0x0a;
  return out;
}

/** `_wrap_header_guess_version`: 1.0, else 2.0 if latin1, else 3.0. */
export function modelWrapGuess(text: string): { version: Version; bytes: Uint8Array } {
  const v1 = modelWrap(text, 1);
  if (v1) return { version: 1, bytes: v1 };
  const v2 = modelWrap(text, 2);
  if (v2) return { version: 2, bytes: v2 };
  const v3 = modelWrap(text, 3);
  if (!v3) throw new Error("model: header cannot be written in any version");
  return { version: 3, bytes: v3 };
}

/** The whole header np.save writes (version guessed unless given; undefined where numpy raises). */
export function modelHeader(
  d: DType,
  shape: readonly number[],
  fortran: boolean,
  version?: Version,
): Uint8Array | undefined {
  const text = modelHeaderText(d, shape, fortran);
  if (version === undefined) return modelWrapGuess(text).bytes;
  return modelWrap(text, version);
}

/** float16 bits to the float32 bits of the same value (exact; NaN payload shifted up). */
export function modelHalfToFloatBits(h: number): number {
  const s = (h >>> 15) & 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  let bits: number;
  if (e === 0x1f) bits = 0x7f800000 | (m << 13);
  else if (e > 0) bits = ((e - 15 + 127) << 23) | (m << 13);
  else if (m === 0) bits = 0;
  else {
    // value = m * 2^-24; find the leading bit.
    const lead = 31 - Math.clz32(m); // 0..9
    const exp = lead - 24 + 127;
    const frac = (m << (23 - lead)) & 0x7fffff;
    bits = (exp << 23) | frac;
  }
  return ((s << 31) | bits) >>> 0;
}

/** Number of elements of a shape. */
export function countOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Whether every UTF-16 code unit of `s` is at most 0xff. */
export function isLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}
