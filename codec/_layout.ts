// Copyright 2026 the npy authors. MIT license.
// Element bytes <-> JS values for every dtype.

import { NpyError } from "./errors.ts";
import { floatToHalfBits, halfToFloatBits } from "./_float16.ts";
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

/** Reverses each `unit`-byte group of `b` in place. */
export function swapBytes(b: Uint8Array, unit: number): void {
  const n = b.length - (b.length % unit);
  if (unit === 2) {
    for (let i = 0; i < n; i += 2) {
      const t = b[i];
      b[i] = b[i + 1];
      b[i + 1] = t;
    }
  } else if (unit === 4) {
    if (b.byteOffset % 4 === 0) {
      const u = new Uint32Array(b.buffer, b.byteOffset, n / 4);
      for (let i = 0; i < u.length; i++) {
        const x = u[i];
        u[i] = ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
      }
    } else {
      for (let i = 0; i < n; i += 4) {
        let t = b[i];
        b[i] = b[i + 3];
        b[i + 3] = t;
        t = b[i + 1];
        b[i + 1] = b[i + 2];
        b[i + 2] = t;
      }
    }
  } else if (unit === 8) {
    if (b.byteOffset % 4 === 0) {
      const u = new Uint32Array(b.buffer, b.byteOffset, n / 4);
      for (let i = 0; i < u.length; i += 2) {
        const x = u[i], y = u[i + 1];
        u[i] = ((y & 0xff) << 24) | ((y & 0xff00) << 8) | ((y >>> 8) & 0xff00) | (y >>> 24);
        u[i + 1] = ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) |
          (x >>> 24);
      }
    } else {
      for (let i = 0; i < n; i += 8) {
        for (let j = 0; j < 4; j++) {
          const t = b[i + j];
          b[i + j] = b[i + 7 - j];
          b[i + 7 - j] = t;
        }
      }
    }
  } else if (unit > 1) {
    for (let i = 0; i < n; i += unit) b.subarray(i, i + unit).reverse();
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
  for (let r = 0, o = 0, s = start; r < count; r++, o += size, s += stride) {
    out.set(src.subarray(s, s + size), o);
  }
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
    case "typed": {
      const el = rep.ctor.BYTES_PER_ELEMENT;
      const len = count * rep.per;
      const native = isNative(dt);
      const aligned = bytes.byteOffset % el === 0;
      if (!opts.copy && aligned && (native || opts.inPlace)) {
        if (!native) swapBytes(bytes, rep.swap);
        return new rep.ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, len);
      }
      const out = new rep.ctor(len);
      const ob = new Uint8Array(out.buffer);
      ob.set(bytes);
      if (!native) swapBytes(ob, rep.swap);
      return out;
    }
    case "f2": {
      const out = new Float32Array(count);
      const bits = new Uint32Array(out.buffer);
      const le = dt.byteOrder === "<";
      for (let i = 0, j = 0; i < count; i++, j += 2) {
        const h = le ? bytes[j] | (bytes[j + 1] << 8) : (bytes[j] << 8) | bytes[j + 1];
        bits[i] = halfToFloatBits(h);
      }
      return out;
    }
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
    case "U": {
      const out: string[] = new Array(count);
      const chars = size / 4;
      const le = dt.byteOrder === "<";
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const cps: number[] = [];
      for (let i = 0, o = 0; i < count; i++, o += size) {
        let n = chars;
        while (n > 0 && dv.getUint32(o + (n - 1) * 4, le) === 0) n--;
        cps.length = 0;
        let s = "";
        for (let k = 0; k < n; k++) {
          let cp = dv.getUint32(o + k * 4, le);
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
  }
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
    const tmp = new Uint8Array(count * dtype.itemsize);
    writeColumn(tmp, 0, dtype.base.itemsize, count * n, dtype.base, data, path);
    for (let r = 0; r < count; r++) {
      out.set(tmp.subarray(r * dtype.itemsize, (r + 1) * dtype.itemsize), start + r * stride);
    }
    return;
  }
  if (stride === dtype.itemsize) {
    writeScalars(out.subarray(start, start + count * stride), count, dtype, data, path);
    return;
  }
  const tmp = new Uint8Array(count * dtype.itemsize);
  writeScalars(tmp, count, dtype, data, path);
  const size = dtype.itemsize;
  for (let r = 0; r < count; r++) {
    out.set(tmp.subarray(r * size, (r + 1) * size), start + r * stride);
  }
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
      out.set(new Uint8Array(typed.buffer, typed.byteOffset, want * rep.ctor.BYTES_PER_ELEMENT));
      if (!isNative(dt)) swapBytes(out, rep.swap);
      return;
    }
    case "f2": {
      if (len !== count) {
        bad(path, `expected ${count} values for float16, found ${arrayDesc(data)}`);
      }
      const f32 = data instanceof Float32Array
        ? data
        : convertTo(Float32Array, data as ArrayLike<unknown>, path, dt);
      const bits = new Uint32Array(f32.buffer, f32.byteOffset, count);
      const le = dt.byteOrder === "<";
      for (let i = 0, j = 0; i < count; i++, j += 2) {
        const h = floatToHalfBits(bits[i]);
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
      }
      return;
    }
    case "U": {
      if (len !== count || !Array.isArray(data)) {
        bad(path, `expected ${count} strings, found ${arrayDesc(data)}`);
      }
      const chars = size / 4;
      const le = dt.byteOrder === "<";
      const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
      for (let i = 0, o = 0; i < count; i++, o += size) {
        const s = data[i];
        if (typeof s !== "string") bad(`${path}[${i}]`, `expected a string, found ${typeof s}`);
        let k = 0;
        for (let j = 0; j < s.length; j++) {
          let cp = s.charCodeAt(j);
          if (cp >= 0xd800 && cp < 0xdc00 && j + 1 < s.length) {
            const lo = s.charCodeAt(j + 1);
            if (lo >= 0xdc00 && lo < 0xe000) {
              cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
              j++;
            }
          }
          if (k >= chars) {
            bad(
              `${path}[${i}]`,
              `a string of more than ${chars} characters does not fit U${chars}`,
            );
          }
          dv.setUint32(o + k * 4, cp, le);
          k++;
        }
      }
      return;
    }
  }
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
