// Copyright 2026 the npy authors. MIT license.
// Element bytes <-> JS values for every dtype.

import { NpyError } from "./errors.ts";
import { doubleToHalfBits, floatToHalfBits, halfToFloatBits } from "./_float16.ts";
import type { DType, NpyData, ScalarDType, StructData } from "./types.ts";

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
  const S = w === 4
    ? new Uint32Array(src.buffer, sa, slen)
    : w === 2
    ? new Uint16Array(src.buffer, sa, slen)
    : new Uint8Array(src.buffer, sa, slen);
  const D = w === 4
    ? new Uint32Array(dst.buffer, da, dlen)
    : w === 2
    ? new Uint16Array(dst.buffer, da, dlen)
    : new Uint8Array(dst.buffer, da, dlen);
  if (k === 1) {
    for (let r = 0, s = 0, d = 0; r < count; r++, s += ss, d += ds) D[d] = S[s];
  } else if (k === 2) {
    for (let r = 0, s = 0, d = 0; r < count; r++, s += ss, d += ds) {
      D[d] = S[s];
      D[d + 1] = S[s + 1];
    }
  } else {
    for (let r = 0, s = 0, d = 0; r < count; r++, s += ss, d += ds) {
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
    return readScalars(gather(src, start, stride, count, dtype.itemsize), 0, count, dtype, {
      copy: false,
      inPlace: true,
    });
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
const UTF16_DECODER = new TextDecoder(LITTLE_ENDIAN ? "utf-16le" : "utf-16be", {
  ignoreBOM: true,
});

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
    case "S": {
      const out: string[] = new Array(count);
      for (let i = 0, o = 0; i < count; i++, o += size) {
        let end = o + size;
        while (end > o && bytes[end - 1] === 0) end--;
        out[i] = latin1(bytes.subarray(o, end));
      }
      return out;
    }
    case "U":
      return readUnicode(bytes, count, size / 4, (dt.byteOrder === "<") === LITTLE_ENDIAN);
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

/**
 * UCS-4 to strings. Text made only of ASCII (or only of BMP characters that
 * are not surrogates) is decoded as one string with TextDecoder and sliced;
 * anything else goes code point by code point.
 */
function readUnicode(bytes: Uint8Array, count: number, chars: number, native: boolean): string[] {
  const out: string[] = new Array(count);
  if (count === 0) return out;
  if (chars === 0) return out.fill("");
  const units = count * chars;
  let u: Uint32Array;
  if (native && bytes.byteOffset % 4 === 0) {
    u = new Uint32Array(bytes.buffer, bytes.byteOffset, units);
  } else {
    const tmp = new Uint8Array(units * 4);
    if (native) tmp.set(bytes);
    else copySwap(bytes, tmp, 4);
    u = new Uint32Array(tmp.buffer);
  }
  let or = 0;
  for (let i = 0; i < units; i++) or |= u[i];
  or >>>= 0;
  let whole: string | undefined;
  if (or < 0x80) {
    const p = new Uint8Array(units);
    for (let i = 0; i < units; i++) p[i] = u[i];
    whole = UTF8_DECODER.decode(p);
  } else if (or < 0xd800) {
    const p = new Uint16Array(units);
    for (let i = 0; i < units; i++) p[i] = u[i];
    whole = UTF16_DECODER.decode(p);
  }
  if (whole !== undefined && whole.length === units) {
    for (let i = 0, o = 0; i < count; i++, o += chars) {
      let end = o + chars;
      while (end > o && u[end - 1] === 0) end--;
      out[i] = whole.slice(o, end);
    }
    return out;
  }
  const cps: number[] = [];
  for (let i = 0, o = 0; i < count; i++, o += chars) {
    let end = o + chars;
    while (end > o && u[end - 1] === 0) end--;
    cps.length = 0;
    let s = "";
    for (let k = o; k < end; k++) {
      let cp = u[k];
      if (cp > 0x10ffff) cp = 0xfffd;
      if (cp < 0x10000) cps.push(cp);
      else {
        cp -= 0x10000;
        cps.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      }
      if (cps.length >= LATIN1_CHUNK) {
        s += String.fromCharCode.apply(null, cps);
        cps.length = 0;
      }
    }
    out[i] = s + String.fromCharCode.apply(null, cps);
  }
  return out;
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

/** Writes `count` elements of `dtype` from `data` every `stride` bytes from `start`. */
export function writeColumn(
  out: Uint8Array,
  start: number,
  stride: number,
  count: number,
  dtype: DType,
  data: unknown,
  path: string,
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
      writeColumn(out, start + f.offset, stride, count, f.dtype, cols[f.name], `${path}.${f.name}`);
    }
    return;
  }
  if (dtype.kind === "subarray") {
    const n = dtype.shape.reduce((a, b) => a * b, 1);
    if (stride === dtype.itemsize) {
      writeColumn(out, start, dtype.base.itemsize, count * n, dtype.base, data, path);
      return;
    }
    // Start from the bytes already there, so padding inside a nested struct survives.
    const tmp = new Uint8Array(count * dtype.itemsize);
    copyStrided(out, start, stride, tmp, 0, dtype.itemsize, count, dtype.itemsize);
    writeColumn(tmp, 0, dtype.base.itemsize, count * n, dtype.base, data, path);
    copyStrided(tmp, 0, dtype.itemsize, out, start, stride, count, dtype.itemsize);
    return;
  }
  if (stride === dtype.itemsize) {
    writeScalars(out.subarray(start, start + count * stride), count, dtype, data, path);
    return;
  }
  const direct = fileBytesOf(dtype, data, count);
  if (direct !== undefined) {
    // Already the stored bytes: scatter them straight from the column.
    copyStrided(direct, 0, dtype.itemsize, out, start, stride, count, dtype.itemsize);
    return;
  }
  const tmp = new Uint8Array(count * dtype.itemsize);
  writeScalars(tmp, count, dtype, data, path);
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
      for (let i = 0, o = 0; i < count; i++, o += size) {
        const s = data[i];
        if (typeof s !== "string") bad(`${path}[${i}]`, `expected a string, found ${typeof s}`);
        if (s.length > size) {
          bad(`${path}[${i}]`, `a string of ${s.length} bytes does not fit S${size}`);
        }
        for (let k = 0; k < s.length; k++) {
          const c = s.charCodeAt(k);
          if (c > 0xff) {
            bad(
              `${path}[${i}]`,
              `S holds bytes: character U+${
                c.toString(16).toUpperCase().padStart(4, "0")
              } at ${k} is not latin1`,
            );
          }
          out[o + k] = c;
        }
        out.fill(0, o + s.length, o + size);
      }
      return;
    }
    case "U": {
      if (len !== count || !Array.isArray(data)) {
        bad(path, `expected ${count} strings, found ${arrayDesc(data)}`);
      }
      writeUnicode(out, count, size / 4, data, path, (dt.byteOrder === "<") === LITTLE_ENDIAN);
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

/** Writes the code points of `s`, which fits, from `o`; returns where they end. */
function putShort(u: Uint32Array, o: number, s: string): number {
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
  return k;
}

/** Like putShort for a string that may not fit in `end - o` code points. */
function putLong(
  u: Uint32Array,
  o: number,
  end: number,
  s: string,
  path: string,
  chars: number,
): number {
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
  return k;
}

/** Strings to UCS-4, NUL-padded. */
function writeUnicode(
  out: Uint8Array,
  count: number,
  chars: number,
  data: string[],
  path: string,
  native: boolean,
): void {
  const direct = native && out.byteOffset % 4 === 0;
  const u = direct
    ? new Uint32Array(out.buffer, out.byteOffset, count * chars)
    : new Uint32Array(count * chars);
  for (let i = 0, o = 0; i < count; i++, o += chars) {
    const s = data[i];
    if (typeof s !== "string") bad(`${path}[${i}]`, `expected a string, found ${typeof s}`);
    const end = o + chars;
    const k = s.length <= chars ? putShort(u, o, s) : putLong(u, o, end, s, `${path}[${i}]`, chars);
    for (let z = k; z < end; z++) u[z] = 0;
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
