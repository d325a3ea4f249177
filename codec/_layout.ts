// Copyright 2026 the npy authors. MIT license.
// Element bytes <-> JS values for every dtype.

import { NpyError } from "./errors.ts";
import { doubleToHalfBits, floatToHalfBits, halfToFloatBits } from "./_float16.ts";
import type { DType, NpyData, ScalarDType, StructData, StructDType } from "./types.ts";

/** Whether this machine stores numbers little-endian. */
export const LITTLE_ENDIAN: boolean = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type TypedCtor =
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor;

/** How a scalar dtype is held in JS. */
export type Repr =
  | { r: "typed"; ctor: TypedCtor; per: number; swap: number } // per values/element, swap unit
  | { r: "f2" }
  | { r: "raw" }
  | { r: "S" }
  | { r: "U" };

/** The JS representation of a scalar dtype. */
export function reprOf(dt: ScalarDType): Repr {
  const n = dt.itemsize;
  switch (dt.kind) {
    case "b":
      return { r: "typed", ctor: Uint8Array, per: 1, swap: 1 };
    case "i":
      return n === 1
        ? { r: "typed", ctor: Int8Array, per: 1, swap: 1 }
        : n === 2
        ? { r: "typed", ctor: Int16Array, per: 1, swap: 2 }
        : n === 4
        ? { r: "typed", ctor: Int32Array, per: 1, swap: 4 }
        : { r: "typed", ctor: BigInt64Array, per: 1, swap: 8 };
    case "u":
      return n === 1
        ? { r: "typed", ctor: Uint8Array, per: 1, swap: 1 }
        : n === 2
        ? { r: "typed", ctor: Uint16Array, per: 1, swap: 2 }
        : n === 4
        ? { r: "typed", ctor: Uint32Array, per: 1, swap: 4 }
        : { r: "typed", ctor: BigUint64Array, per: 1, swap: 8 };
    case "f":
      return n === 2
        ? { r: "f2" }
        : n === 4
        ? { r: "typed", ctor: Float32Array, per: 1, swap: 4 }
        : n === 8
        ? { r: "typed", ctor: Float64Array, per: 1, swap: 8 }
        : { r: "raw" };
    case "c":
      return n === 8
        ? { r: "typed", ctor: Float32Array, per: 2, swap: 4 }
        : n === 16
        ? { r: "typed", ctor: Float64Array, per: 2, swap: 8 }
        : { r: "raw" };
    case "M":
    case "m":
      return { r: "typed", ctor: BigInt64Array, per: 1, swap: 8 };
    case "S":
      return { r: "S" };
    case "U":
      return { r: "U" };
    case "V":
      return { r: "raw" };
    case "O":
      throw new NpyError("OBJECT_ARRAY", "Object arrays cannot be loaded when allow_pickle=False");
  }
}

function isNative(dt: ScalarDType): boolean {
  return dt.byteOrder === "|" || (dt.byteOrder === "<") === LITTLE_ENDIAN;
}

/**
 * The runtime's Float16Array constructor, where it has one (Deno 2.9, Chromium,
 * Firefox, Safari, Bun; not Node 20). Typed as Float32Array's so that the code
 * compiles against ES2023 libraries.
 */
export const F16: Float32ArrayConstructor | undefined =
  (globalThis as unknown as { Float16Array?: Float32ArrayConstructor }).Float16Array;

let halfTable: Uint32Array | undefined;

/** float32 bits of every float16 bit pattern, built on first use (256 KiB). */
function halfBitsTable(): Uint32Array {
  if (halfTable === undefined) {
    halfTable = new Uint32Array(65536);
    for (let i = 0; i < 65536; i++) halfTable[i] = halfToFloatBits(i);
  }
  return halfTable;
}

/**
 * Reverses each `unit`-byte group of `b` in place. DataView accesses with an
 * explicit byte order compile to a load, a byte swap and a store, and need no
 * alignment.
 */
export function swapBytes(b: Uint8Array, unit: number): void {
  const n = b.length - (b.length % unit);
  if (n === 0 || unit <= 1) return;
  const dv = new DataView(b.buffer, b.byteOffset, n);
  if (unit === 8) {
    for (let i = 0; i < n; i += 8) dv.setBigUint64(i, dv.getBigUint64(i, false), true);
  } else if (unit === 4) {
    for (let i = 0; i < n; i += 4) dv.setUint32(i, dv.getUint32(i, false), true);
  } else if (unit === 2) {
    let i = 0;
    if (b.byteOffset % 4 === 0) {
      const u = new Uint32Array(b.buffer, b.byteOffset, n >>> 2);
      for (let k = 0; k < u.length; k++) {
        const x = u[k];
        u[k] = ((x & 0x00ff00ff) << 8) | ((x >>> 8) & 0x00ff00ff);
      }
      i = u.length * 4;
    }
    for (; i < n; i += 2) dv.setUint16(i, dv.getUint16(i, false), true);
  } else {
    for (let i = 0; i < n; i += unit) b.subarray(i, i + unit).reverse();
  }
}

/** Copies `src` into `dst` reversing each `unit`-byte group, in one pass. */
function copySwap(src: Uint8Array, dst: Uint8Array, unit: number): void {
  const n = src.length - (src.length % unit);
  if (unit <= 1 || unit > 8 || n === 0) {
    dst.set(src.subarray(0, n));
    swapBytes(dst.subarray(0, n), unit);
    return;
  }
  const s = new DataView(src.buffer, src.byteOffset, n);
  const d = new DataView(dst.buffer, dst.byteOffset, n);
  if (unit === 8) {
    for (let i = 0; i < n; i += 8) d.setBigUint64(i, s.getBigUint64(i, false), true);
  } else if (unit === 4) {
    for (let i = 0; i < n; i += 4) d.setUint32(i, s.getUint32(i, false), true);
  } else {
    for (let i = 0; i < n; i += 2) d.setUint16(i, s.getUint16(i, false), true);
  }
}

/**
 * Copies `count` items of `size` bytes from `src` (one every `sstride` bytes
 * from `soff`) to `dst` (one every `dstride` bytes from `doff`), a machine
 * word at a time when the offsets allow it.
 */
function copyStrided(
  src: Uint8Array,
  soff: number,
  sstride: number,
  dst: Uint8Array,
  doff: number,
  dstride: number,
  count: number,
  size: number,
): void {
  if (count === 0 || size === 0) return;
  if (size > 32) {
    for (let r = 0, s = soff, d = doff; r < count; r++, s += sstride, d += dstride) {
      dst.set(src.subarray(s, s + size), d);
    }
    return;
  }
  const sa = src.byteOffset + soff, da = dst.byteOffset + doff;
  if ((size === 8 || size === 4 || size === 2) && (sa | da | sstride | dstride) % size !== 0) {
    // Unaligned words: one DataView load and store each (exact bits, no float conversion).
    const sv = new DataView(src.buffer, sa, (count - 1) * sstride + size);
    const dv = new DataView(dst.buffer, da, (count - 1) * dstride + size);
    if (size === 8) {
      for (let r = 0, s = 0, d = 0; r < count; r++, s += sstride, d += dstride) {
        dv.setBigUint64(d, sv.getBigUint64(s, true), true);
      }
    } else if (size === 4) {
      for (let r = 0, s = 0, d = 0; r < count; r++, s += sstride, d += dstride) {
        dv.setUint32(d, sv.getUint32(s, true), true);
      }
    } else {
      for (let r = 0, s = 0, d = 0; r < count; r++, s += sstride, d += dstride) {
        dv.setUint16(d, sv.getUint16(s, true), true);
      }
    }
    return;
  }
  const w = (size | sa | da | sstride | dstride) % 4 === 0
    ? 4
    : (size | sa | da | sstride | dstride) % 2 === 0
    ? 2
    : 1;
  const k = size / w, ss = sstride / w, ds = dstride / w;
  const slen = ((count - 1) * sstride + size) / w, dlen = ((count - 1) * dstride + size) / w;
  // One loop per word width, so that each sees one array type (a loop over
  // Uint32Array, Uint16Array and Uint8Array alike runs about 2× slower).
  if (w === 4) {
    strided32(
      new Uint32Array(src.buffer, sa, slen),
      new Uint32Array(dst.buffer, da, dlen),
      ss,
      ds,
      count,
      k,
    );
  } else if (w === 2) {
    strided16(
      new Uint16Array(src.buffer, sa, slen),
      new Uint16Array(dst.buffer, da, dlen),
      ss,
      ds,
      count,
      k,
    );
  } else {
    strided8(
      new Uint8Array(src.buffer, sa, slen),
      new Uint8Array(dst.buffer, da, dlen),
      ss,
      ds,
      count,
      k,
    );
  }
}

function strided32(S: Uint32Array, D: Uint32Array, ss: number, ds: number, n: number, k: number) {
  if (k === 1) {
    for (let r = 0, s = 0, d = 0; r < n; r++, s += ss, d += ds) D[d] = S[s];
  } else if (k === 2) {
    for (let r = 0, s = 0, d = 0; r < n; r++, s += ss, d += ds) {
      D[d] = S[s];
      D[d + 1] = S[s + 1];
    }
  } else {
    for (let r = 0, s = 0, d = 0; r < n; r++, s += ss, d += ds) {
      for (let j = 0; j < k; j++) D[d + j] = S[s + j];
    }
  }
}

function strided16(S: Uint16Array, D: Uint16Array, ss: number, ds: number, n: number, k: number) {
  if (k === 1) {
    for (let r = 0, s = 0, d = 0; r < n; r++, s += ss, d += ds) D[d] = S[s];
  } else {
    for (let r = 0, s = 0, d = 0; r < n; r++, s += ss, d += ds) {
      for (let j = 0; j < k; j++) D[d + j] = S[s + j];
    }
  }
}

function strided8(S: Uint8Array, D: Uint8Array, ss: number, ds: number, n: number, k: number) {
  if (k === 1) {
    for (let r = 0, s = 0, d = 0; r < n; r++, s += ss, d += ds) D[d] = S[s];
  } else {
    for (let r = 0, s = 0, d = 0; r < n; r++, s += ss, d += ds) {
      for (let j = 0; j < k; j++) D[d + j] = S[s + j];
    }
  }
}

/** Options for reading element data. */
export interface ReadOptions {
  /** Always copy, never return a view of the input. */
  copy: boolean;
  /** Byte-swap non-native data inside the input and return a view of it. */
  inPlace: boolean;
  /**
   * Set (to true) by the reader when some `U` element holds code units no JS
   * string can carry (a surrogate pair stored as two code points, a value
   * above U+10FFFF): the caller then keeps the raw data beside the strings.
   */
  lossy?: boolean;
}

/**
 * Whether `encode()` starts from an array's `bytes`: for structured dtypes
 * (padding survives) and dtypes holding `U` (code units no JS string carries
 * survive).
 */
export function keepsBytes(dt: DType): boolean {
  switch (dt.kind) {
    case "struct":
      return true;
    case "subarray":
      return keepsBytes(dt.base);
    default:
      return dt.kind === "U";
  }
}

/**
 * The stored bytes of `count` records that writing every field will not
 * overwrite, copied from `records` into `out`: for a struct of scalar
 * fields (no `U`, whose stored units a write may keep), only the bytes no
 * field covers (padding; none for a packed struct); otherwise all of them.
 */
export function keepRecordBytes(
  dt: DType,
  records: Uint8Array,
  out: Uint8Array,
  count: number,
): void {
  const gaps = dt.kind === "struct" ? recordGaps(dt) : undefined;
  if (gaps === undefined) {
    out.set(records.subarray(0, count * dt.itemsize));
    return;
  }
  for (const [start, len] of gaps) {
    copyStrided(records, start, dt.itemsize, out, start, dt.itemsize, count, len);
  }
}

const GAPS = new WeakMap<StructDType, [number, number][] | undefined>();

/** The byte ranges of a record no field covers, when every field is a scalar other than `U`. */
function recordGaps(dt: StructDType): [number, number][] | undefined {
  if (GAPS.has(dt)) return GAPS.get(dt);
  let gaps: [number, number][] | undefined;
  if (!dt.fields.some((f) => ["struct", "subarray", "U"].includes(f.dtype.kind))) {
    gaps = [];
    const spans = dt.fields.map((f) => [f.offset, f.offset + f.dtype.itemsize]);
    let at = 0;
    for (const [a, b] of spans.sort((x, y) => x[0] - y[0])) {
      if (a > at) gaps.push([at, a - at]);
      at = Math.max(at, b);
    }
    if (at < dt.itemsize) gaps.push([at, dt.itemsize - at]);
  }
  GAPS.set(dt, gaps);
  return gaps;
}

/** Sets an own enumerable property, even one named `__proto__`. */
export function setOwn<T>(obj: { [k: string]: T }, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Copies `count` items of `size` bytes found every `stride` bytes from `start`. */
function gather(
  src: Uint8Array,
  start: number,
  stride: number,
  count: number,
  size: number,
): Uint8Array {
  const out = new Uint8Array(count * size);
  copyStrided(src, start, stride, out, 0, size, count, size);
  return out;
}

/** Reads `count` elements of `dtype` found every `stride` bytes from `start`. */
export function readColumn(
  src: Uint8Array,
  start: number,
  stride: number,
  count: number,
  dtype: DType,
  opts: ReadOptions,
): NpyData {
  if (dtype.kind === "struct") {
    const out: StructData = {};
    for (const f of dtype.fields) {
      setOwn(out, f.name, readColumn(src, start + f.offset, stride, count, f.dtype, opts));
    }
    return out;
  }
  if (dtype.kind === "subarray") {
    const n = dtype.shape.reduce((a, b) => a * b, 1);
    let base = src, s = start;
    if (stride !== dtype.itemsize) {
      base = gather(src, start, stride, count, dtype.itemsize);
      s = 0;
    }
    return readColumn(base, s, dtype.base.itemsize, count * n, dtype.base, opts);
  }
  if (stride !== dtype.itemsize) {
    const o: ReadOptions = { copy: false, inPlace: true };
    const out = readScalars(gather(src, start, stride, count, dtype.itemsize), 0, count, dtype, o);
    if (o.lossy) opts.lossy = true;
    return out;
  }
  return readScalars(src, start, count, dtype, opts);
}

const LATIN1_CHUNK = 8192;

function latin1(b: Uint8Array): string {
  if (b.length <= LATIN1_CHUNK) return String.fromCharCode.apply(null, b as unknown as number[]);
  let s = "";
  for (let i = 0; i < b.length; i += LATIN1_CHUNK) {
    s += String.fromCharCode.apply(
      null,
      b.subarray(i, i + LATIN1_CHUNK) as unknown as number[],
    );
  }
  return s;
}

export { latin1 as latin1Decode };

const UTF8_DECODER = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * UTF-8 bytes as a string, when every byte is ASCII (one character per
 * byte, and no U+FFFD standing for an invalid byte); otherwise undefined.
 */
function asciiText(b: Uint8Array): string | undefined {
  const s = UTF8_DECODER.decode(b);
  return s.length === b.length && s.indexOf("\ufffd") < 0 ? s : undefined;
}

/**
 * All of `b` as one string of latin1 characters (character i is byte i),
 * decoded in bulk. TextDecoder's "latin1" is windows-1252, which maps
 * 0x80-0x9F elsewhere (0x80 to U+20AC), so bytes above 0x7F are first
 * written as the UTF-8 of the characters they stand for.
 */
function latin1Bulk(b: Uint8Array): string {
  const ascii = asciiText(b);
  if (ascii !== undefined) return ascii;
  let high = 0;
  for (let i = 0; i < b.length; i++) high += b[i] >>> 7;
  const t = new Uint8Array(b.length + high);
  for (let i = 0, p = 0; i < b.length; i++) {
    const x = b[i];
    if (x < 0x80) t[p++] = x;
    else {
      t[p++] = 0xc0 | (x >>> 6);
      t[p++] = 0x80 | (x & 0x3f);
    }
  }
  return UTF8_DECODER.decode(t);
}

/** Characters decoded at a time: big enough to amortize a call, small enough to stay in cache. */
const CHUNK_CHARS = 1 << 18;

/** `S` elements to strings: one bulk decode, then a slice per element; writes `out[at + i]`. */
function readBytesText(
  bytes: Uint8Array,
  count: number,
  size: number,
  out: string[] = new Array(count),
  at = 0,
): string[] {
  if (count === 0) return out;
  if (size === 0) {
    for (let i = 0; i < count; i++) out[at + i] = "";
    return out;
  }
  // A chunk of whole elements at a time: its text is short-lived and stays in warm memory.
  const words = wordsOf(bytes, size);
  const per = Math.max(1, Math.floor(CHUNK_CHARS / size));
  for (let i0 = 0; i0 < count; i0 += per) {
    const i1 = Math.min(count, i0 + per), b0 = i0 * size;
    const text = latin1Bulk(bytes.subarray(b0, i1 * size));
    for (let i = i0, o = b0; i < i1; i++, o += size) {
      out[at + i] = text.slice(o - b0, nulEnd(bytes, words, o, o + size) - b0);
    }
  }
  return out;
}

/**
 * `count` elements of a plain `S` or `U` dtype from `bytes` into
 * `out[at..]` (for reading a file in chunks); sets `opts.lossy` as decode
 * does.
 */
export function readTextInto(
  bytes: Uint8Array,
  count: number,
  dt: ScalarDType,
  opts: ReadOptions,
  out: string[],
  at: number,
): void {
  if (dt.kind === "S") readBytesText(bytes, count, dt.itemsize, out, at);
  else {
    const native = (dt.byteOrder === "<") === LITTLE_ENDIAN;
    readUnicode(bytes, count, dt.itemsize / 4, native, opts, out, at);
  }
}

/** `b` as 32-bit words, when elements of `size` bytes start on word boundaries. */
function wordsOf(b: Uint8Array, size: number): Uint32Array | undefined {
  return b.byteOffset % 4 === 0 && size % 4 === 0
    ? new Uint32Array(b.buffer, b.byteOffset, b.length >>> 2)
    : undefined;
}

/** Where the bytes `b[o..e)` end without their trailing NULs, a word at a time when it can. */
function nulEnd(b: Uint8Array, words: Uint32Array | undefined, o: number, e: number): number {
  if (words !== undefined) { while (e > o && words[(e >>> 2) - 1] === 0) e -= 4; }
  while (e > o && b[e - 1] === 0) e--;
  return e;
}

function readScalars(
  src: Uint8Array,
  start: number,
  count: number,
  dt: ScalarDType,
  opts: ReadOptions,
): NpyData {
  const size = dt.itemsize;
  const nbytes = count * size;
  const bytes = src.subarray(start, start + nbytes);
  const rep = reprOf(dt);
  switch (rep.r) {
    case "typed":
      return readTyped(bytes, rep.ctor, count * rep.per, rep.swap, isNative(dt), opts);
    case "f2":
      // A Float16Array view where the runtime has one; else widened to float32.
      if (F16 !== undefined) return readTyped(bytes, F16, count, 2, isNative(dt), opts);
      return widenHalf(bytes, count, (dt.byteOrder === "<") === LITTLE_ENDIAN);
    case "raw":
      return opts.copy ? bytes.slice() : bytes;
    case "S":
      return readBytesText(bytes, count, size);
    case "U":
      return readUnicode(bytes, count, size / 4, (dt.byteOrder === "<") === LITTLE_ENDIAN, opts);
  }
}

/** `len` numbers of `ctor` from `bytes`: a view when allowed, else a (swapped) copy. */
function readTyped(
  bytes: Uint8Array,
  ctor: TypedCtor,
  len: number,
  swap: number,
  native: boolean,
  opts: ReadOptions,
): NpyData {
  const aligned = bytes.byteOffset % ctor.BYTES_PER_ELEMENT === 0;
  if (!opts.copy && aligned && (native || opts.inPlace)) {
    if (!native) swapBytes(bytes, swap);
    return new ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, len);
  }
  const out = new ctor(len);
  const ob = new Uint8Array(out.buffer);
  if (native) ob.set(bytes);
  else copySwap(bytes, ob, swap);
  return out;
}

/**
 * float16 to float32, through a table of all 65536 patterns (exact, NaN
 * payloads kept), into `out` (default a new Float32Array).
 */
export function widenHalf(
  bytes: Uint8Array,
  count: number,
  native: boolean,
  out: Float32Array = new Float32Array(count),
): Float32Array {
  const T = halfBitsTable();
  const bits = new Uint32Array(out.buffer, out.byteOffset, count);
  if (bytes.byteOffset % 2 === 0) {
    const h = new Uint16Array(bytes.buffer, bytes.byteOffset, count);
    if (native) {
      for (let i = 0; i < count; i++) bits[i] = T[h[i]];
    } else {
      for (let i = 0; i < count; i++) {
        const x = h[i];
        bits[i] = T[((x & 0xff) << 8) | (x >>> 8)];
      }
    }
    return out;
  }
  const le = native === LITTLE_ENDIAN;
  for (let i = 0, j = 0; i < count; i++, j += 2) {
    bits[i] = T[le ? bytes[j] | (bytes[j + 1] << 8) : (bytes[j] << 8) | bytes[j + 1]];
  }
  return out;
}

/** UCS-4 code units of `count` elements as native-order numbers (a view when it can be). */
function unitsOf(bytes: Uint8Array, units: number, native: boolean): Uint32Array {
  if (native && bytes.byteOffset % 4 === 0) {
    return new Uint32Array(bytes.buffer, bytes.byteOffset, units);
  }
  const tmp = new Uint8Array(units * 4);
  if (native) tmp.set(bytes.subarray(0, units * 4));
  else copySwap(bytes.subarray(0, units * 4), tmp, 4);
  return new Uint32Array(tmp.buffer);
}

let scratch = new Uint8Array(0);

/** A reused buffer of at least n bytes (warm memory, not fresh pages per call). */
function scratchBytes(n: number): Uint8Array {
  if (scratch.length < n) scratch = new Uint8Array(n);
  return scratch;
}

let scratch16 = new Uint16Array(0);
let scratchIndex = new Int32Array(0);

const UTF16_DECODER = LITTLE_ENDIAN ? new TextDecoder("utf-16le", { ignoreBOM: true }) : undefined;

/**
 * UCS-4 to strings, in bulk, a chunk of whole elements (about 256 Ki
 * characters, CHUNK_CHARS) at a time through reused buffers: the units narrowed natively
 * to one UTF-8 array and decoded at once, each ASCII element a slice of that
 * string (one byte per character); the elements with other characters
 * written as UTF-16 to one array, decoded at once, and sliced. Surrogate
 * code units (which neither decoder carries) and values above U+10FFFF go
 * through readUnicodeOdd instead: a value above U+10FFFF becomes U+FFFD and
 * a surrogate pair stored as two units reads as the character it forms; for
 * those `opts.lossy` is set, so that the caller keeps the raw data. Writes
 * `out[at + i]`.
 */
function readUnicode(
  bytes: Uint8Array,
  count: number,
  chars: number,
  native: boolean,
  opts: ReadOptions,
  out: string[] = new Array(count),
  at = 0,
): string[] {
  if (count === 0) return out;
  if (chars === 0) {
    for (let i = 0; i < count; i++) out[at + i] = "";
    return out;
  }
  const u = unitsOf(bytes, count * chars, native);
  const per = Math.max(1, Math.floor(CHUNK_CHARS / chars));
  for (let i0 = 0; i0 < count; i0 += per) {
    const i1 = Math.min(count, i0 + per);
    if (!readUnicodeChunk(u, i0, i1, chars, out, at) && readUnicodeOdd(u, i0, i1, chars, out, at)) {
      opts.lossy = true;
    }
  }
  return out;
}

/**
 * Elements i0..i1 (see readUnicode); false, with nothing written, when a
 * unit is a surrogate or above U+10FFFF.
 */
function readUnicodeChunk(
  u: Uint32Array,
  i0: number,
  i1: number,
  chars: number,
  out: string[],
  at: number,
): boolean {
  const n = (i1 - i0) * chars, u0 = i0 * chars;
  if (scratchIndex.length < i1 - i0) scratchIndex = new Int32Array(i1 - i0);
  const wide = scratchIndex;
  // One pass over the units: the elements holding one above 0x7F, in order.
  let nw = 0, last = -1;
  for (let k = u0, e = u0 + n; k < e; k++) {
    const x = u[k];
    if (x < 0x80) continue;
    if (x >= 0xd800 && (x < 0xe000 || x > 0x10ffff)) return false;
    const i = Math.floor(k / chars);
    if (i !== last) wide[nw++] = last = i;
  }
  const p = scratchBytes(n);
  p.set(u.subarray(u0, u0 + n));
  // The other elements' places are zeroed, so that the text stays ASCII, one character per unit.
  for (let w = 0; w < nw; w++) p.fill(0, (wide[w] - i0) * chars, (wide[w] - i0 + 1) * chars);
  const text = UTF8_DECODER.decode(p.subarray(0, n));
  const words = wordsOf(p, chars);
  for (let i = i0, b = 0, w = 0; i < i1; i++, b += chars) {
    if (w < nw && wide[w] === i) {
      w++;
      continue;
    }
    out[at + i] = text.slice(b, nulEnd(p, words, b, b + chars));
  }
  if (nw > 0) readWide(u, wide, nw, chars, out, at);
  return true;
}

/** The listed elements, free of surrogates, through one UTF-16 array decoded at once. */
function readWide(
  u: Uint32Array,
  wide: Int32Array,
  nw: number,
  chars: number,
  out: string[],
  at: number,
): void {
  if (scratch16.length < 2 * nw * chars) scratch16 = new Uint16Array(2 * nw * chars);
  const q = scratch16;
  const ends = new Int32Array(nw);
  let p = 0;
  for (let w = 0; w < nw; w++) {
    let last = p;
    for (let k = wide[w] * chars, e = k + chars; k < e; k++) {
      const x = u[k];
      if (x < 0x10000) {
        q[p++] = x;
        if (x !== 0) last = p;
      } else {
        const c = x - 0x10000;
        q[p++] = 0xd800 + (c >> 10);
        q[p++] = 0xdc00 + (c & 0x3ff);
        last = p;
      }
    }
    ends[w] = last;
    p = last; // trailing NULs dropped: the next element starts here
  }
  const text = UTF16_DECODER !== undefined
    ? UTF16_DECODER.decode(q.subarray(0, p))
    : codeUnitsText(q.subarray(0, p));
  for (let w = 0, s = 0; w < nw; w++) {
    out[at + wide[w]] = text.slice(s, ends[w]);
    s = ends[w];
  }
}

/** UTF-16 code units as a string, lone surrogates kept (TextDecoder would replace them). */
function codeUnitsText(q: Uint16Array): string {
  let run = "";
  for (let i = 0; i < q.length; i += LATIN1_CHUNK) {
    const part = q.subarray(i, Math.min(q.length, i + LATIN1_CHUNK));
    run += String.fromCharCode.apply(null, part as unknown as number[]);
  }
  return run;
}

/**
 * Elements i0..i1 of data holding surrogate code units or values above
 * U+10FFFF, through UTF-16; returns whether some element cannot be carried
 * by its string.
 */
function readUnicodeOdd(
  u: Uint32Array,
  i0: number,
  i1: number,
  chars: number,
  out: string[],
  at: number,
): boolean {
  const u0 = i0 * chars, u1 = i1 * chars;
  let wide = 0;
  for (let i = u0; i < u1; i++) if (u[i] > 0xffff && u[i] <= 0x10ffff) wide++;
  const q = new Uint16Array(u1 - u0 + wide);
  const starts = new Uint32Array(i1 - i0), ends = new Uint32Array(i1 - i0);
  let p = 0, lossy = false;
  for (let i = i0, o = u0; i < i1; i++, o += chars) {
    starts[i - i0] = p;
    let last = p, high = false;
    for (let k = o, e = o + chars; k < e; k++) {
      const x = u[k];
      if (x < 0xd800 || (x >= 0xe000 && x < 0x10000)) {
        q[p++] = x;
        if (x !== 0) last = p;
        high = false;
      } else if (x < 0xe000) {
        if (high && x >= 0xdc00) lossy = true; // a pair stored as two code points
        high = x < 0xdc00;
        q[p++] = x;
        last = p;
      } else if (x <= 0x10ffff) {
        const c = x - 0x10000;
        q[p++] = 0xd800 + (c >> 10);
        q[p++] = 0xdc00 + (c & 0x3ff);
        last = p;
        high = false;
      } else {
        lossy = true;
        q[p++] = 0xfffd;
        last = p;
        high = false;
      }
    }
    ends[i - i0] = last;
  }
  const run = codeUnitsText(q.subarray(0, p));
  for (let i = i0; i < i1; i++) out[at + i] = run.slice(starts[i - i0], ends[i - i0]);
  return lossy;
}

/**
 * Whether a stored `U` element holds units a JS string cannot carry: a value
 * above U+10FFFF, or a high surrogate followed by a low one.
 */
function lossyElement(u: Uint32Array, o: number, chars: number): boolean {
  for (let k = o, e = o + chars; k < e; k++) {
    const x = u[k];
    if (x > 0x10ffff) return true;
    if (x >= 0xd800 && x < 0xdc00 && k + 1 < e && u[k + 1] >= 0xdc00 && u[k + 1] < 0xe000) {
      return true;
    }
  }
  return false;
}

/** The string decode() makes of one stored `U` element. */
function elementText(u: Uint32Array, o: number, chars: number): string {
  let end = o + chars;
  while (end > o && u[end - 1] === 0) end--;
  let s = "";
  for (let k = o; k < end; k++) {
    const x = u[k];
    s += x < 0x10000 ? String.fromCharCode(x) : x <= 0x10ffff ? String.fromCodePoint(x) : "\ufffd";
  }
  return s;
}

function arrayDesc(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return `an Array of length ${x.length}`;
  if (ArrayBuffer.isView(x)) {
    return `${x.constructor.name} of length ${(x as unknown as { length: number }).length}`;
  }
  return typeof x === "object" ? "an object" : typeof x;
}

function bad(path: string, message: string): never {
  throw new NpyError("INVALID_ARRAY", `${path}: ${message}`);
}

/**
 * Writes `count` elements of `dtype` from `data` every `stride` bytes from
 * `start`. With `keep`, `out` already holds the stored data: a `U` element
 * whose stored units no JS string carries keeps them while its string is
 * still the one decode() made of them.
 */
export function writeColumn(
  out: Uint8Array,
  start: number,
  stride: number,
  count: number,
  dtype: DType,
  data: unknown,
  path: string,
  keep = false,
): void {
  if (dtype.kind === "struct") {
    if (
      typeof data !== "object" || data === null || Array.isArray(data) || ArrayBuffer.isView(data)
    ) {
      bad(path, `a structured dtype needs an object of field columns, found ${arrayDesc(data)}`);
    }
    const cols = data as Record<string, unknown>;
    for (const f of dtype.fields) {
      if (!Object.hasOwn(cols, f.name)) bad(path, `missing field '${f.name}'`);
      const col = cols[f.name];
      writeColumn(out, start + f.offset, stride, count, f.dtype, col, `${path}.${f.name}`, keep);
    }
    return;
  }
  if (dtype.kind === "subarray") {
    const n = dtype.shape.reduce((a, b) => a * b, 1);
    if (stride === dtype.itemsize) {
      writeColumn(out, start, dtype.base.itemsize, count * n, dtype.base, data, path, keep);
      return;
    }
    // Start from the bytes already there, so padding inside a nested struct survives.
    const tmp = new Uint8Array(count * dtype.itemsize);
    copyStrided(out, start, stride, tmp, 0, dtype.itemsize, count, dtype.itemsize);
    writeColumn(tmp, 0, dtype.base.itemsize, count * n, dtype.base, data, path, keep);
    copyStrided(tmp, 0, dtype.itemsize, out, start, stride, count, dtype.itemsize);
    return;
  }
  if (stride === dtype.itemsize) {
    writeScalars(out.subarray(start, start + count * stride), count, dtype, data, path, keep);
    return;
  }
  const direct = fileBytesOf(dtype, data, count);
  if (direct !== undefined) {
    // Already the stored bytes: scatter them straight from the column.
    copyStrided(direct, 0, dtype.itemsize, out, start, stride, count, dtype.itemsize);
    return;
  }
  const tmp = new Uint8Array(count * dtype.itemsize);
  keep &&= dtype.kind === "U";
  if (keep) copyStrided(out, start, stride, tmp, 0, dtype.itemsize, count, dtype.itemsize);
  writeScalars(tmp, count, dtype, data, path, keep);
  copyStrided(tmp, 0, dtype.itemsize, out, start, stride, count, dtype.itemsize);
}

/**
 * The bytes of `data` when they already are `count` stored elements of
 * `dt`: a typed array of the dtype's own type in the machine's byte order
 * (or raw bytes for `V` and long doubles).
 */
function fileBytesOf(dt: ScalarDType, data: unknown, count: number): Uint8Array | undefined {
  if (!ArrayBuffer.isView(data)) return undefined;
  const rep = reprOf(dt);
  const nbytes = count * dt.itemsize;
  let ok = false;
  if (rep.r === "typed") ok = isNative(dt) && data.constructor === rep.ctor;
  else if (rep.r === "f2") ok = isNative(dt) && F16 !== undefined && data.constructor === F16;
  else if (rep.r === "raw") ok = data.constructor === Uint8Array;
  if (!ok || data.byteLength !== nbytes) return undefined;
  return new Uint8Array(data.buffer, data.byteOffset, nbytes);
}

function lengthOf(x: unknown): number | undefined {
  if (Array.isArray(x)) return x.length;
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    return (x as unknown as { length: number }).length;
  }
  return undefined;
}

function writeScalars(
  out: Uint8Array,
  count: number,
  dt: ScalarDType,
  data: unknown,
  path: string,
  keep: boolean,
): void {
  const rep = reprOf(dt);
  const size = dt.itemsize;
  const len = lengthOf(data);
  switch (rep.r) {
    case "typed": {
      const want = count * rep.per;
      if (len !== want) {
        bad(
          path,
          `expected ${want} values for ${count} elements of ${dt.kind}${size}, found ${
            arrayDesc(data)
          }`,
        );
      }
      let typed: ArrayBufferView & { length: number };
      if (data instanceof rep.ctor) {
        typed = data;
      } else {
        typed = convertTo(rep.ctor, data as ArrayLike<unknown>, path, dt);
      }
      const src = new Uint8Array(typed.buffer, typed.byteOffset, want * rep.ctor.BYTES_PER_ELEMENT);
      if (isNative(dt)) out.set(src);
      else copySwap(src, out, rep.swap);
      return;
    }
    case "f2": {
      if (len !== count) {
        bad(path, `expected ${count} values for float16, found ${arrayDesc(data)}`);
      }
      if (F16 !== undefined && data instanceof F16) {
        const src = new Uint8Array(data.buffer, data.byteOffset, count * 2);
        if (isNative(dt)) out.set(src);
        else copySwap(src, out, 2);
        return;
      }
      if (data instanceof Float32Array) {
        writeHalf(out, data, count, (dt.byteOrder === "<") === LITTLE_ENDIAN);
        return;
      }
      // Other numbers are float64: round once, as numpy's astype does.
      const f64 = data instanceof Float64Array
        ? data
        : convertTo(Float64Array, data as ArrayLike<unknown>, path, dt);
      const le = dt.byteOrder === "<";
      for (let i = 0, j = 0; i < count; i++, j += 2) {
        const h = doubleToHalfBits(f64[i]);
        out[j + (le ? 0 : 1)] = h & 0xff;
        out[j + (le ? 1 : 0)] = h >> 8;
      }
      return;
    }
    case "raw": {
      if (!(data instanceof Uint8Array) || data.length !== count * size) {
        bad(
          path,
          `expected a Uint8Array of ${
            count * size
          } bytes (${count} elements of ${size} bytes), found ${arrayDesc(data)}`,
        );
      }
      out.set(data);
      return;
    }
    case "S": {
      if (len !== count || !Array.isArray(data)) {
        bad(path, `expected ${count} strings, found ${arrayDesc(data)}`);
      }
      writeBytesText(out, count, size, data, path);
      return;
    }
    case "U": {
      if (len !== count || !Array.isArray(data)) {
        bad(path, `expected ${count} strings, found ${arrayDesc(data)}`);
      }
      const native = (dt.byteOrder === "<") === LITTLE_ENDIAN;
      writeUnicode(out, count, size / 4, data, path, native, keep);
      return;
    }
  }
}

/** float32 values to float16 bits, rounding to nearest even; NaN payloads as numpy keeps them. */
function writeHalf(out: Uint8Array, f32: Float32Array, count: number, native: boolean): void {
  const bits = new Uint32Array(f32.buffer, f32.byteOffset, count);
  if (F16 !== undefined && out.byteOffset % 2 === 0) {
    // The engine's conversion rounds like numpy's; only NaNs differ (it makes them quiet).
    new F16(out.buffer, out.byteOffset, count).set(f32);
    const h = new Uint16Array(out.buffer, out.byteOffset, count);
    for (let i = 0; i < count; i++) {
      if ((h[i] & 0x7c00) === 0x7c00 && (h[i] & 0x3ff) !== 0) h[i] = floatToHalfBits(bits[i]);
    }
    if (!native) swapBytes(out.subarray(0, count * 2), 2);
    return;
  }
  const le = native === LITTLE_ENDIAN;
  for (let i = 0, j = 0; i < count; i++, j += 2) {
    const h = floatToHalfBits(bits[i]);
    out[j + (le ? 0 : 1)] = h & 0xff;
    out[j + (le ? 1 : 0)] = h >> 8;
  }
}

/** Writes the code points of `s`, which fits, from `o`. */
function putShort(u: Uint32Array, o: number, s: string): void {
  let k = o;
  const n = s.length;
  for (let j = 0; j < n; j++) {
    let cp = s.charCodeAt(j);
    if (cp >= 0xd800 && cp < 0xdc00 && j + 1 < n) {
      const lo = s.charCodeAt(j + 1);
      if (lo >= 0xdc00 && lo < 0xe000) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        j++;
      }
    }
    u[k++] = cp;
  }
}

/** Like putShort for a string that may not fit in `end - o` code points. */
function putLong(
  u: Uint32Array,
  o: number,
  end: number,
  s: string,
  path: string,
  chars: number,
): void {
  let k = o;
  for (let j = 0; j < s.length; j++) {
    let cp = s.charCodeAt(j);
    if (cp >= 0xd800 && cp < 0xdc00 && j + 1 < s.length) {
      const lo = s.charCodeAt(j + 1);
      if (lo >= 0xdc00 && lo < 0xe000) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        j++;
      }
    }
    if (k >= end) bad(path, `a string of more than ${chars} characters does not fit U${chars}`);
    u[k++] = cp;
  }
}

/** Strings of latin1 characters to `S` elements, NUL-padded. */
function writeBytesText(
  out: Uint8Array,
  count: number,
  size: number,
  data: unknown[],
  path: string,
): void {
  out.fill(0, 0, count * size); // the NUL padding, in one pass
  for (let i = 0, o = 0; i < count; i++, o += size) {
    const s = data[i];
    if (typeof s !== "string") bad(`${path}[${i}]`, `expected a string, found ${typeof s}`);
    const n = s.length;
    if (n > size) bad(`${path}[${i}]`, `a string of ${n} bytes does not fit S${size}`);
    let or = 0;
    for (let k = 0; k < n; k++) {
      const c = s.charCodeAt(k);
      or |= c;
      out[o + k] = c;
    }
    if (or > 0xff) notLatin1(`${path}[${i}]`, s);
  }
}

function notLatin1(path: string, s: string): never {
  let k = 0;
  while (s.charCodeAt(k) <= 0xff) k++;
  const c = s.charCodeAt(k);
  bad(
    path,
    `S holds bytes: character U+${c.toString(16).toUpperCase().padStart(4, "0")} at ${k} ` +
      `is not latin1`,
  );
}

/**
 * Strings to UCS-4, NUL-padded. With `keep`, `out` holds the stored
 * elements, and those no JS string carries stay while their string is
 * unchanged.
 */
function writeUnicode(
  out: Uint8Array,
  count: number,
  chars: number,
  data: unknown[],
  path: string,
  native: boolean,
  keep: boolean,
): void {
  const nbytes = count * chars * 4;
  let stored: Uint32Array | undefined;
  if (keep && nbytes > 0) stored = unitsOf(out, count * chars, native).slice();
  const direct = native && out.byteOffset % 4 === 0;
  const u = direct
    ? new Uint32Array(out.buffer, out.byteOffset, count * chars)
    : new Uint32Array(count * chars);
  if (direct) u.fill(0); // the NUL padding, in one pass (a new array is zeroed)
  for (let i = 0, o = 0; i < count; i++, o += chars) {
    const s = data[i];
    if (typeof s !== "string") bad(`${path}[${i}]`, `expected a string, found ${typeof s}`);
    const end = o + chars;
    if (
      stored !== undefined && lossyElement(stored, o, chars) && s === elementText(stored, o, chars)
    ) {
      u.set(stored.subarray(o, end), o);
      continue;
    }
    if (s.length <= chars) putShort(u, o, s);
    else putLong(u, o, end, s, `${path}[${i}]`, chars);
  }
  if (direct) return;
  const src = new Uint8Array(u.buffer);
  if (native) out.set(src);
  else copySwap(src, out, 4);
}

function convertTo<C extends TypedCtor>(
  ctor: C,
  src: ArrayLike<unknown>,
  path: string,
  dt: ScalarDType,
): InstanceType<C> {
  const out = new ctor(src.length) as InstanceType<C>;
  const big = ctor === BigInt64Array || ctor === BigUint64Array;
  const min = big ? undefined : intMin(ctor);
  const max = big ? undefined : intMax(ctor);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    if (big) {
      let b: bigint;
      if (typeof v === "bigint") b = v;
      else if (typeof v === "number" && Number.isInteger(v)) b = BigInt(v);
      else bad(`${path}[${i}]`, `expected an integer for ${dt.kind}8, found ${String(v)}`);
      const lo = ctor === BigInt64Array ? -(1n << 63n) : 0n;
      const hi = ctor === BigInt64Array ? (1n << 63n) - 1n : (1n << 64n) - 1n;
      if (b < lo || b > hi) bad(`${path}[${i}]`, `${b} is out of range for ${dt.kind}8`);
      (out as unknown as BigInt64Array)[i] = b;
      continue;
    }
    let x: number;
    if (typeof v === "number") x = v;
    else if (typeof v === "boolean") x = v ? 1 : 0;
    else if (typeof v === "bigint") x = Number(v);
    else bad(`${path}[${i}]`, `expected a number, found ${v === null ? "null" : typeof v}`);
    if (min !== undefined && max !== undefined) {
      if (!Number.isInteger(x) || x < min || x > max) {
        bad(
          `${path}[${i}]`,
          `${x} is not an integer in [${min}, ${max}] for ${dt.kind}${dt.itemsize}`,
        );
      }
    }
    (out as unknown as Float64Array)[i] = x;
  }
  return out;
}

function intMin(ctor: TypedCtor): number | undefined {
  if (ctor === Int8Array) return -128;
  if (ctor === Int16Array) return -32768;
  if (ctor === Int32Array) return -2147483648;
  if (ctor === Uint8Array || ctor === Uint16Array || ctor === Uint32Array) return 0;
  return undefined;
}

function intMax(ctor: TypedCtor): number | undefined {
  if (ctor === Int8Array) return 127;
  if (ctor === Int16Array) return 32767;
  if (ctor === Int32Array) return 2147483647;
  if (ctor === Uint8Array) return 255;
  if (ctor === Uint16Array) return 65535;
  if (ctor === Uint32Array) return 4294967295;
  return undefined;
}
