// Copyright 2026 the npy authors. MIT license.

/**
 * The pickler of object arrays: what `np.save(f, arr, allow_pickle=True)`
 * writes after the header, byte for byte, by the rules of CPython's C
 * pickler (`_pickle.c`) and numpy's `__reduce__` methods.
 *
 * - `"numpy2"` (default): numpy ≥ 2.0, `pickle.dump(arr, f, protocol=4)`:
 *   frames, `MEMOIZE`, `STACK_GLOBAL`, `numpy._core.multiarray`.
 * - `"numpy1"`: numpy 1.x (checked against 1.24.2), protocol 3: no frames,
 *   `BINPUT`, `GLOBAL`, `numpy.core.multiarray`, sets as `builtins.set([...])`.
 *
 * Python objects have identity and JS strings do not, so the memo (which
 * makes CPython write `BINGET` for an object met before) follows this rule:
 *
 * - strings: `''` and every one-character string up to U+00FF are shared (as
 *   CPython's singletons are: a `'|'` element reuses the dtype's `'|'`); any
 *   other string is written anew at each occurrence;
 * - bytes (`Uint8Array`): `b''` and one-byte bytes are shared by value (also
 *   CPython singletons, such as the `b'b'` of `_reconstruct`'s arguments);
 *   longer ones by JS identity;
 * - globals ({@linkcode PyGlobal}) are shared by `module.name`;
 * - dtypes of nested arrays, fields and scalars are shared when numpy's are
 *   singletons (native-order bool, int, uint, float, complex and object);
 *   others are written anew for each array or scalar;
 * - numpy bools (`NpyScalar` of dtype `|b1`) by value: `numpy.True_` and
 *   `numpy.False_` are singletons;
 * - everything else (Array, Map, plain object, Set, PyTuple, PyComplex,
 *   NpyArray, NpyScalar, ...) is shared by JS identity.
 *
 * @module
 */

import { FRESH_DTYPES } from "./_fresh_dtypes.ts";
import { NpyError } from "../codec/errors.ts";
import { encodeParts } from "../codec/encode.ts";
import type { DType, NpyArray, ScalarDType } from "../codec/types.ts";
import { PickleOutput } from "./_output.ts";
import { pyKey } from "./_pyhash.ts";
import { isNpyArrayValue } from "./_npyarray.ts";
import { utf8SurrogatePass } from "./_utf8.ts";
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
} from "./values.ts";

/**
 * Which numpy's `np.save` the pickle matches: `"numpy2"` (numpy ≥ 2.0,
 * protocol 4) or `"numpy1"` (numpy 1.x, protocol 3; numpy 1.x cannot load
 * the protocol 4 pickles numpy 2 writes).
 */
export type PickleFormat = "numpy2" | "numpy1";

/** Options for {@linkcode pickleObjectArray}. */
export interface PickleOptions {
  /** Which numpy to match; default `"numpy2"`. */
  pickleFormat?: PickleFormat;
}

/** An object array to pickle: its shape, order and elements in storage order. */
export interface ObjectArray {
  /** The shape; `[]` for a 0-d array. */
  shape: readonly number[];
  /** Whether `data` is in Fortran order. */
  fortranOrder?: boolean;
  /** The elements in storage order, as JS values (see `pickle/values.ts`). */
  data: readonly unknown[];
  /**
   * The array's dtype: `|O` by default; a structured dtype with object
   * fields takes its records as `PyTuple`s of field values.
   */
  dtype?: DType;
}

const MARK = 0x28, STOP = 0x2e, POP = 0x30, POP_MARK = 0x31, NONE = 0x4e;
const BININT = 0x4a, BININT1 = 0x4b, BININT2 = 0x4d, LONG1 = 0x8a, LONG4 = 0x8b;
const BINFLOAT = 0x47, NEWTRUE = 0x88, NEWFALSE = 0x89;
const BINUNICODE = 0x58, SHORT_BINUNICODE = 0x8c, BINUNICODE8 = 0x8d;
const BINBYTES = 0x42, SHORT_BINBYTES = 0x43, BINBYTES8 = 0x8e;
const EMPTY_LIST = 0x5d, APPEND = 0x61, APPENDS = 0x65;
const EMPTY_DICT = 0x7d, SETITEM = 0x73, SETITEMS = 0x75;
const EMPTY_TUPLE = 0x29, TUPLE = 0x74, TUPLE1 = 0x85, TUPLE2 = 0x86, TUPLE3 = 0x87;
const EMPTY_SET = 0x8f, ADDITEMS = 0x90, FROZENSET = 0x91;
const GLOBAL = 0x63, STACK_GLOBAL = 0x93, REDUCE = 0x52, BUILD = 0x62;
const MEMOIZE = 0x94, BINPUT = 0x71, LONG_BINPUT = 0x72, BINGET = 0x68, LONG_BINGET = 0x6a;
const PROTO = 0x80;
const BATCHSIZE = 1000;

/**
 * How deep values may nest, in CPython's recursion units (one per object,
 * two per list, dict or set). numpy's pickler stops with a RecursionError a
 * little under 1000 (Python's default limit, less the frames of `np.save`);
 * deeper values are refused here so that every file written is one numpy
 * could write.
 *
 * @example
 * ```ts
 * import { encode, MAX_PICKLE_DEPTH } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * let deep: unknown = null;
 * for (let i = 0; i < MAX_PICKLE_DEPTH; i++) deep = [deep];
 * assert.throws(() => encode({ dtype: "|O", data: [deep] }, { allowPickle: true }), /nest too deeply/);
 * ```
 */
export const MAX_PICKLE_DEPTH = 800;

function refuse(message: string): never {
  throw new NpyError("PICKLE_UNSUPPORTED", message);
}

/** A string that CPython interns (module and global names): shared by value. */
class Interned {
  /**
   * @param s The string.
   * @param space Module names are interned and shared among themselves; a C
   * type's qualified name (`datetime.datetime`) is a string of its own, not
   * the module's even when the text is the same.
   */
  constructor(readonly s: string, readonly space: "module" | "name") {}
}

/** One str object met in several places (a field name in `names` and as a `fields` key). */
class SharedStr {
  constructor(readonly s: string) {}
}

/** A dtype object inside a pickle; `key` is shared for numpy's singleton dtypes. */
class DTypeRef {
  constructor(readonly dtype: DType, readonly key: unknown) {}
}

/** numpy's `dtype.flags` of the dtypes this writer pickles. */
function dtypeFlags(dt: DType): number {
  switch (dt.kind) {
    case "O":
      return 63;
    case "U":
      return 8;
    case "struct": // NPY_FROM_FIELDS of the fields, and NPY_NEEDS_PYAPI
      return 16 | dt.fields.reduce((f, x) => f | (dtypeFlags(x.dtype) & 27), 0);
    case "subarray":
      return dtypeFlags(dt.base);
    default:
      return 0;
  }
}

/** numpy's `dtype.alignment` (structs unaligned, as np.load makes them). */
function dtypeAlignment(dt: DType): number {
  switch (dt.kind) {
    case "struct":
    case "S":
    case "V":
    case "b":
      return 1;
    case "subarray":
      return dtypeAlignment(dt.base);
    case "U":
      return 4;
    case "O":
    case "M":
    case "m":
      return 8;
    case "c":
      return Math.min(dt.itemsize / 2, 16);
    default:
      return Math.min(dt.itemsize, 16);
  }
}

/** Bytes that CPython makes anew even when one byte long. */
const FRESH = new WeakSet<Uint8Array>();

const SINGLETON_KINDS = new Set(["b", "i", "u", "f", "c", "O"]);

function isPlainObject(v: object): v is Record<string, unknown> {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

function shapeCount(shape: readonly number[], where: string): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new NpyError(
        "INVALID_ARRAY",
        `${where}: shape must hold non-negative integers, found [${shape.join(", ")}]`,
      );
    }
    n *= d;
  }
  if (!Number.isSafeInteger(n)) {
    throw new NpyError("TOO_LARGE", `${where}: shape [${shape.join(", ")}] is too large`);
  }
  return n;
}

/** numpy's `PyArray_ISFORTRAN`: Fortran order and not also C order. */
function isFortran(shape: readonly number[], fortranOrder: boolean | undefined): boolean {
  if (!fortranOrder) return false;
  let big = 0, count = 1;
  for (const d of shape) {
    count *= d;
    if (d > 1) big++;
  }
  return count !== 0 && big > 1;
}

/** The elements of a Fortran-order list, in C order. */
function toCOrder(data: readonly unknown[], shape: readonly number[]): unknown[] {
  const n = data.length;
  const nd = shape.length;
  const fStride: number[] = [];
  let s = 1;
  for (let k = 0; k < nd; k++) {
    fStride.push(s);
    s *= shape[k];
  }
  const out = new Array<unknown>(n);
  const idx = new Array<number>(nd).fill(0);
  let off = 0;
  for (let i = 0; i < n; i++) {
    out[i] = data[off];
    for (let k = nd - 1; k >= 0; k--) {
      idx[k]++;
      off += fStride[k];
      if (idx[k] < shape[k]) break;
      off -= fStride[k] * idx[k];
      idx[k] = 0;
    }
  }
  return out;
}

function u32le(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

function u64le(n: number): number[] {
  return [...u32le(n >>> 0), ...u32le(Math.floor(n / 2 ** 32))];
}

const OBJECT_DTYPE: ScalarDType = { kind: "O", byteOrder: "|", itemsize: 8 };

class Pickler {
  readonly out: PickleOutput = new PickleOutput();
  readonly proto: 3 | 4;
  readonly numpyCore: string;
  readonly #memo = new Map<unknown, number>();
  #depth = 0;
  #topLevel = false;
  #path: string[] = [];

  constructor(format: PickleFormat) {
    this.proto = format === "numpy1" ? 3 : 4;
    this.numpyCore = format === "numpy1" ? "numpy.core.multiarray" : "numpy._core.multiarray";
  }

  #where(): string {
    return this.#path.length === 0 ? "the array" : `element ${this.#path.join("")}`;
  }

  #refuse(what: string): never {
    refuse(`${this.#where()}: ${what}`);
  }

  #memoPut(key: unknown): void {
    const idx = this.#memo.size;
    // Keys no one can meet again still take a memo slot, as in CPython.
    this.#memo.set(key ?? Symbol(), idx);
    if (this.proto >= 4) this.out.byte(MEMOIZE);
    else if (idx < 256) this.out.write([BINPUT, idx]);
    else this.out.write([LONG_BINPUT, ...u32le(idx)]);
  }

  #memoGet(idx: number): void {
    if (idx < 256) this.out.write([BINGET, idx]);
    else this.out.write([LONG_BINGET, ...u32le(idx)]);
  }

  dump(array: ObjectArray): Uint8Array {
    this.out.write([PROTO, this.proto]);
    if (this.proto >= 4) this.out.framing = true;
    this.#topLevel = true;
    this.save(array, array.dtype ?? OBJECT_DTYPE);
    this.out.byte(STOP);
    this.out.commitFrame();
    this.out.framing = false;
    return this.out.bytes();
  }

  /** Saves a value; `asArrayOf` marks the top-level array (its dtype). */
  save(v: unknown, asArrayOf?: DType): void {
    this.out.opcodeBoundary();
    if (v === null) return this.out.byte(NONE);
    if (typeof v === "boolean") return this.out.byte(v ? NEWTRUE : NEWFALSE);
    if (v instanceof PyTuple && v.items.length === 0) return this.out.byte(EMPTY_TUPLE);
    if (typeof v === "bigint") return this.#saveInt(v);
    if (typeof v === "number") return this.#saveFloat(v);
    if (typeof v === "string") return this.#saveStr(v, singletonKey(v));
    if (v instanceof Interned) {
      return this.#saveStr(v.s, singletonKey(v.s) ?? `${v.space === "module" ? "i" : "n"}:${v.s}`);
    }
    if (v instanceof SharedStr) return this.#saveStr(v.s, singletonKey(v.s) ?? v);
    if (typeof v !== "object" || v === undefined) {
      return this.#refuse(`cannot pickle a JS ${typeof v} (${String(v)})`);
    }
    const key = this.#keyOf(v);
    const hit = this.#memo.get(key);
    if (hit !== undefined) return this.#memoGet(hit);
    const cost = Array.isArray(v) || v instanceof Set || v instanceof Map || isPlainObject(v)
      ? 2
      : 1;
    this.#depth += cost;
    if (this.#depth > MAX_PICKLE_DEPTH) {
      this.#refuse(
        `values nest too deeply (numpy's pickler stops at Python's recursion limit; this writer at ${MAX_PICKLE_DEPTH} levels)`,
      );
    }
    try {
      this.#saveObject(v, key, asArrayOf);
    } finally {
      this.#depth -= cost;
    }
  }

  #keyOf(v: object): unknown {
    if (
      v instanceof Uint8Array && !(v instanceof PyByteArray) && v.length <= 1 && !FRESH.has(v)
    ) {
      return v.length === 0 ? "b:" : `b:${v[0]}`;
    }
    if (v instanceof PyGlobal) return `g:${v.module}\n${v.name}`;
    // numpy.True_ and numpy.False_ are singletons.
    if (v instanceof NpyScalar && v.dtype.kind === "b") {
      return `B:${(v.data as ArrayLike<number>)[0] ? 1 : 0}`;
    }
    if (v instanceof DTypeRef) return v.key;
    return v;
  }

  #saveObject(v: object, key: unknown, asArrayOf?: DType): void {
    if (asArrayOf) return this.#saveNdarray(v as ObjectArray, asArrayOf, key);
    if (Array.isArray(v)) return this.#saveList(v, key);
    if (v instanceof PyTuple) return this.#saveTuple(v, key);
    if (v instanceof PyByteArray) {
      // bytearray.__reduce_ex__ makes its bytes anew: never the b'b' singleton.
      const copy = Uint8Array.from(v);
      FRESH.add(copy);
      const args = v.length === 0 ? new PyTuple([]) : new PyTuple([copy]);
      return this.#saveReduce(new PyGlobal("builtins", "bytearray"), args, key);
    }
    if (v instanceof Uint8Array) return this.#saveBytes(v, key);
    if (v instanceof PyFrozenSet) return this.#saveFrozenSet(v, key);
    if (v instanceof Set) return this.#saveSet(v, key);
    if (v instanceof Map) return this.#saveDict([...v.entries()], key);
    if (v instanceof PyComplex) {
      return this.#saveReduce(new PyGlobal("builtins", "complex"), new PyTuple([v.re, v.im]), key);
    }
    if (v instanceof PyTimedelta) {
      const args = new PyTuple([BigInt(v.days), BigInt(v.seconds), BigInt(v.microseconds)]);
      return this.#saveReduce(new PyGlobal("datetime", "timedelta"), args, key);
    }
    if (v instanceof PyTimezone) {
      const args = new PyTuple(v.name === undefined ? [v.offset] : [v.offset, v.name]);
      return this.#saveReduce(new PyGlobal("datetime", "timezone"), args, key);
    }
    if (v instanceof PyDate) {
      // date.__reduce__ and datetime.__reduce_ex__: the packed state bytes
      // (fold in the month's top bit from protocol 4), then the tzinfo.
      const dt = v instanceof PyDateTime ? v : undefined;
      const state = new Uint8Array(dt ? 10 : 4);
      state.set([
        v.year >> 8,
        v.year & 0xff,
        v.month | (dt?.fold && this.proto > 3 ? 128 : 0),
        v.day,
      ]);
      if (dt) {
        state.set([
          dt.hour,
          dt.minute,
          dt.second,
          dt.microsecond >> 16,
          (dt.microsecond >> 8) & 0xff,
          dt.microsecond & 0xff,
        ], 4);
      }
      FRESH.add(state);
      const args = new PyTuple(dt?.tzinfo ? [state, dt.tzinfo] : [state]);
      return this.#saveReduce(new PyGlobal("datetime", dt ? "datetime" : "date"), args, key);
    }
    if (v instanceof PyGlobal) return this.#saveGlobal(v, key);
    if (v instanceof DTypeRef) return this.#saveDType(v.dtype, key);
    if (v instanceof NpyScalar) return this.#saveScalar(v, key);
    if (isNpyArrayValue(v)) {
      const dt = v.dtype;
      if (dt.kind === "subarray") {
        return this.#refuse(
          "an array's dtype cannot be a subarray dtype (numpy adds it to the shape)",
        );
      }
      return this.#saveNdarray(v, dt, key);
    }
    if (isPlainObject(v)) return this.#saveDict(Object.entries(v), key);
    this.#refuse(`cannot pickle a ${v.constructor?.name ?? "object"}`);
  }

  #saveInt(v: bigint): void {
    if (v >= -(2n ** 31n) && v < 2n ** 31n) {
      const n = Number(v);
      if (n >= 0 && n < 256) this.out.write([BININT1, n]);
      else if (n >= 0 && n < 65536) this.out.write([BININT2, n & 0xff, n >> 8]);
      else this.out.write([BININT, ...u32le(n)]);
      return;
    }
    // Minimal little-endian two's complement, as _PyLong_AsByteArray with
    // CPython's trimming of a redundant 0xff byte.
    const bytes: number[] = [];
    let x = v;
    while (true) {
      bytes.push(Number(x & 0xffn));
      x >>= 8n;
      const top = bytes[bytes.length - 1];
      if ((x === 0n && (top & 0x80) === 0) || (x === -1n && (top & 0x80) !== 0)) break;
    }
    if (bytes.length < 256) this.out.write([LONG1, bytes.length, ...bytes]);
    else {
      this.out.write([LONG4, ...u32le(bytes.length)]);
      this.out.write(bytes);
    }
  }

  #saveFloat(v: number): void {
    const b = new Uint8Array(9);
    b[0] = BINFLOAT;
    new DataView(b.buffer).setFloat64(1, v, false);
    this.out.write(b);
  }

  #saveStr(s: string, key: unknown): void {
    if (key !== undefined) {
      const hit = this.#memo.get(key);
      if (hit !== undefined) return this.#memoGet(hit);
    }
    const data = utf8SurrogatePass(s);
    const n = data.length;
    let header: number[];
    if (n <= 0xff && this.proto >= 4) header = [SHORT_BINUNICODE, n];
    else if (n <= 0xffffffff) header = [BINUNICODE, ...u32le(n)];
    else if (this.proto >= 4) header = [BINUNICODE8, ...u64le(n)];
    else return this.#refuse("a str over 4 GiB needs protocol 4");
    this.out.writePayload(header, data);
    this.#memoPut(key);
  }

  #saveBytes(b: Uint8Array, key: unknown): void {
    const n = b.length;
    let header: number[];
    if (n <= 0xff) header = [SHORT_BINBYTES, n];
    else if (n <= 0xffffffff) header = [BINBYTES, ...u32le(n)];
    else if (this.proto >= 4) header = [BINBYTES8, ...u64le(n)];
    else return this.#refuse("bytes over 4 GiB need protocol 4");
    this.out.writePayload(header, b);
    this.#memoPut(key);
  }

  #item(label: string, v: unknown): void {
    this.#path.push(label);
    try {
      this.save(v);
    } finally {
      this.#path.pop();
    }
  }

  #saveList(items: readonly unknown[], key: unknown): void {
    this.out.byte(EMPTY_LIST);
    this.#memoPut(key);
    const n = items.length;
    if (n === 0) return;
    if (n === 1) {
      this.#item("[0]", items[0]);
      this.out.byte(APPEND);
      return;
    }
    let i = 0;
    do {
      this.out.byte(MARK);
      let batch = 0;
      while (i < n) {
        this.#item(`[${i}]`, items[i]);
        i++;
        if (++batch === BATCHSIZE) break;
      }
      this.out.byte(APPENDS);
    } while (i < n);
  }

  #checkKeys(keys: Iterable<unknown>, what: string): void {
    const seen = new Set<string>();
    for (const k of keys) {
      const h = pyKey(k instanceof SharedStr ? k.s : k);
      if (h === undefined) {
        this.#refuse(`${what} ${describe(k)} is not hashable in Python`);
      }
      if (seen.has(h)) {
        this.#refuse(
          `${what}s ${
            describe(k)
          } and an earlier one are equal in Python (1 == 1.0 == True): a Python ${
            what === "dict key" ? "dict" : "set"
          } holds only one`,
        );
      }
      seen.add(h);
    }
  }

  #saveDict(entries: [unknown, unknown][], key: unknown): void {
    this.#checkKeys(entries.map((e) => e[0]), "dict key");
    this.out.byte(EMPTY_DICT);
    this.#memoPut(key);
    const n = entries.length;
    if (n === 0) return;
    if (n === 1) {
      this.#item("{key}", entries[0][0]);
      this.#item(`[${describe(entries[0][0])}]`, entries[0][1]);
      this.out.byte(SETITEM);
      return;
    }
    let i = 0, batch: number;
    do {
      batch = 0;
      this.out.byte(MARK);
      while (i < n) {
        const [k, v] = entries[i++];
        this.#item("{key}", k);
        this.#item(`[${describe(k)}]`, v);
        if (++batch === BATCHSIZE) break;
      }
      this.out.byte(SETITEMS);
    } while (batch === BATCHSIZE);
  }

  #saveSet(set: Set<unknown>, key: unknown): void {
    this.#checkKeys(set, "set element");
    const items = [...set];
    if (this.proto < 4) {
      return this.#saveReduce(new PyGlobal("builtins", "set"), new PyTuple([items]), key);
    }
    this.out.byte(EMPTY_SET);
    this.#memoPut(key);
    const n = items.length;
    if (n === 0) return;
    let i = 0, batch: number;
    do {
      batch = 0;
      this.out.byte(MARK);
      while (i < n) {
        this.#item(`{${i}}`, items[i++]);
        if (++batch === BATCHSIZE) break;
      }
      this.out.byte(ADDITEMS);
    } while (batch === BATCHSIZE);
  }

  #saveFrozenSet(set: PyFrozenSet, key: unknown): void {
    this.#checkKeys(set, "set element");
    const items = [...set];
    if (this.proto < 4) {
      return this.#saveReduce(new PyGlobal("builtins", "frozenset"), new PyTuple([items]), key);
    }
    this.out.byte(MARK);
    items.forEach((x, i) => this.#item(`{${i}}`, x));
    const hit = this.#memo.get(key);
    if (hit !== undefined) {
      this.out.byte(POP_MARK);
      return this.#memoGet(hit);
    }
    this.out.byte(FROZENSET);
    this.#memoPut(key);
  }

  #saveTuple(t: PyTuple, key: unknown): void {
    const n = t.items.length;
    if (n <= 3) {
      t.items.forEach((x, i) => this.#item(`(${i})`, x));
      const hit = this.#memo.get(key);
      if (hit !== undefined) {
        for (let i = 0; i < n; i++) this.out.byte(POP);
        return this.#memoGet(hit);
      }
      this.out.byte([0, TUPLE1, TUPLE2, TUPLE3][n]);
    } else {
      this.out.byte(MARK);
      t.items.forEach((x, i) => this.#item(`(${i})`, x));
      const hit = this.#memo.get(key);
      if (hit !== undefined) {
        this.out.byte(POP_MARK);
        return this.#memoGet(hit);
      }
      this.out.byte(TUPLE);
    }
    this.#memoPut(key);
  }

  #saveGlobal(g: PyGlobal, key: unknown): void {
    if (this.proto >= 4) {
      this.save(new Interned(g.module, "module"));
      this.save(new Interned(g.name, "name"));
      this.out.byte(STACK_GLOBAL);
    } else {
      const ok = (s: string) => /^[\x21-\x7e]+$/.test(s);
      if (!ok(g.module) || !ok(g.name) || g.name.includes(".")) {
        this.#refuse(
          `the global ${g} cannot be written as protocol 3 GLOBAL (numpy 1.x pickles such names differently)`,
        );
      }
      this.out.byte(GLOBAL);
      this.out.write(new TextEncoder().encode(`${g.module}\n${g.name}\n`));
    }
    this.#memoPut(key);
  }

  #saveReduce(callable: PyGlobal, args: PyTuple, key: unknown, state?: unknown): void {
    this.save(callable);
    this.save(args);
    this.out.byte(REDUCE);
    const hit = this.#memo.get(key);
    if (hit !== undefined) {
      this.out.byte(POP);
      return this.#memoGet(hit);
    }
    this.#memoPut(key);
    if (state !== undefined) {
      this.save(state);
      this.out.byte(BUILD);
    }
  }

  #dtypeRef(dt: DType): DTypeRef {
    if (dt.kind === "struct" || dt.kind === "subarray") {
      if ((dtypeFlags(dt) & 1) && !this.#topLevel) {
        return this.#refuse(
          "structured dtypes with object fields are not written inside object arrays",
        );
      }
      if (dt.kind === "struct" && dt.fields.some((f) => f.name === "")) {
        return this.#refuse("structured dtypes with an unnamed field are not written");
      }
      return new DTypeRef(dt, {});
    }
    if (dt.kind === "O" && dt.itemsize !== 8) {
      return this.#refuse(`object dtype of itemsize ${dt.itemsize} (numpy on 64-bit writes O8)`);
    }
    if ((dt.kind === "S" || dt.kind === "U" || dt.kind === "V") && dt.itemsize === 0) {
      return this.#refuse(`a zero-size ${dt.kind} dtype is not written inside object arrays`);
    }
    if (dt.byteOrder === "|" && !["b", "i", "u", "S", "V", "O"].includes(dt.kind)) {
      return this.#refuse(`dtype kind ${dt.kind} with byte order '|'`);
    }
    const shared = SINGLETON_KINDS.has(dt.kind) && dt.byteOrder !== ">" &&
      !FRESH_DTYPES.has(dt);
    return new DTypeRef(dt, shared ? `d:${dt.kind}${dt.itemsize}` : {});
  }

  #saveDType(dt: DType, key: unknown): void {
    const dtypeGlobal = new PyGlobal("numpy", "dtype");
    if (dt.kind === "struct" || dt.kind === "subarray") {
      const args = new PyTuple([`V${dt.itemsize}`, false, true]);
      let state: PyTuple;
      if (dt.kind === "subarray") {
        state = new PyTuple([
          3n,
          "|",
          new PyTuple([this.#dtypeRef(dt.base), new PyTuple(dt.shape.map((d) => BigInt(d)))]),
          null,
          null,
          BigInt(dt.itemsize),
          BigInt(dtypeAlignment(dt.base)),
          BigInt(dtypeFlags(dt.base)),
        ]);
      } else {
        // names and fields share their str objects; a titled field's tuple is
        // both fields[name] and fields[title].
        const names = dt.fields.map((f) => new SharedStr(f.name));
        const fields = new Map<unknown, unknown>();
        dt.fields.forEach((f, i) => {
          const ref = this.#dtypeRef(f.dtype);
          if (f.title === undefined) {
            fields.set(names[i], new PyTuple([ref, BigInt(f.offset)]));
          } else {
            const title = new SharedStr(f.title);
            const entry = new PyTuple([ref, BigInt(f.offset), title]);
            fields.set(names[i], entry);
            fields.set(title, entry);
          }
        });
        state = new PyTuple([
          3n,
          "|",
          null,
          new PyTuple(names),
          fields,
          BigInt(dt.itemsize),
          1n,
          BigInt(dtypeFlags(dt)),
        ]);
      }
      return this.#saveReduce(dtypeGlobal, args, key, state);
    }
    const size = dt.kind === "U" ? dt.itemsize / 4 : dt.itemsize;
    const args = new PyTuple([`${dt.kind}${size}`, false, true]);
    const extended = dt.kind === "S" || dt.kind === "U" || dt.kind === "V";
    const items: unknown[] = [
      dt.kind === "M" || dt.kind === "m" ? 4n : 3n,
      dt.byteOrder,
      null,
      null,
      null,
      extended ? BigInt(dt.itemsize) : -1n,
      extended ? (dt.kind === "U" ? 4n : 1n) : -1n,
      dt.kind === "O" ? 63n : dt.kind === "U" ? 8n : 0n,
    ];
    if (dt.kind === "M" || dt.kind === "m") {
      const unit = new TextEncoder().encode(dt.unit ?? "generic");
      items.push(
        new PyTuple([
          this.proto >= 4 ? null : new Map(),
          new PyTuple([unit, BigInt(dt.multiple ?? 1), 1n, 1n]),
        ]),
      );
    }
    this.#saveReduce(dtypeGlobal, args, key, new PyTuple(items));
  }

  #rawBytes(a: NpyArray | NpyScalar, shape: readonly number[], fortranOrder: boolean): Uint8Array {
    try {
      const bytes = (a as NpyArray).bytes;
      const { data } = encodeParts({ dtype: a.dtype, shape, fortranOrder, data: a.data, bytes });
      return data.slice();
    } catch (e) {
      if (e instanceof NpyError) this.#refuse(e.message);
      throw e;
    }
  }

  #saveScalar(s: NpyScalar, key: unknown): void {
    const dt = s.dtype;
    if (dt.kind === "O" || dt.kind === "struct" || dt.kind === "subarray" || dt.kind === "V") {
      return this.#refuse(`numpy scalars of dtype kind ${dt.kind} are not written`);
    }
    if (dt.byteOrder === ">") {
      return this.#refuse(
        "numpy scalars are always in native byte order: a '>' scalar cannot exist",
      );
    }
    const dtype = this.#dtypeRef(dt);
    const raw = this.#rawBytes(s, [], false);
    this.#saveReduce(
      new PyGlobal(this.numpyCore, "scalar"),
      new PyTuple([dtype, raw]),
      key,
    );
  }

  #saveNdarray(a: ObjectArray | NpyArray, dt: DType, key: unknown): void {
    const shape = a.shape;
    const count = shapeCount(shape, this.#where());
    const fortran = isFortran(shape, a.fortranOrder);
    const dtype = dt.kind === "O" && dt.byteOrder === "|" && dt.itemsize === 8
      ? new DTypeRef(OBJECT_DTYPE, "d:O8")
      : this.#dtypeRef(dt);
    const listed = dt.kind === "O" || (this.#topLevel && (dtypeFlags(dt) & 1) !== 0);
    this.#topLevel = false;
    let data: unknown;
    if (listed) {
      const d = a.data;
      if (!Array.isArray(d)) {
        return this.#refuse("an object array's data must be a JS Array of its elements");
      }
      if (shape.length > 32) {
        return this.#refuse(
          `an object array of ${shape.length} dimensions: numpy pickles object arrays of up to 32 (its iterator's limit)`,
        );
      }
      if (d.length !== count) {
        return this.#refuse(
          `an object array of shape [${
            shape.join(", ")
          }] needs ${count} elements, found ${d.length}`,
        );
      }
      data = fortran ? toCOrder(d, shape) : [...d];
    } else {
      data = this.#rawBytes(a as NpyArray, shape, fortran);
    }
    const state = new PyTuple([
      1n,
      new PyTuple(shape.map((d) => BigInt(d))),
      dtype,
      fortran,
      data,
    ]);
    this.#saveReduce(
      new PyGlobal(this.numpyCore, "_reconstruct"),
      new PyTuple([new PyGlobal("numpy", "ndarray"), new PyTuple([0n]), new Uint8Array([0x62])]),
      key,
      state,
    );
  }
}

/** The memo key of CPython's one-character (and empty) str singletons. */
function singletonKey(s: string): string | undefined {
  return s.length <= 1 && !(s.charCodeAt(0) > 0xff) ? `s:${s}` : undefined;
}

function describe(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v);
  if (typeof v === "bigint") return `${v}`;
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  if (typeof v === "object") return v.constructor?.name ?? "object";
  return typeof v;
}

/**
 * Pickles an object array as `np.save(f, arr, allow_pickle=True)` writes it
 * after the header: `numpy._core.multiarray._reconstruct(numpy.ndarray,
 * (0,), b'b')` and the state `(1, shape, dtype('O8'), is_fortran,
 * [elements in C order])`, by the C pickler's rules for every byte.
 *
 * @example
 * ```ts
 * import { pickleObjectArray } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const p = pickleObjectArray({ shape: [2], data: [new Map([["a", 1n]]), "string"] });
 * assert.deepEqual([...p.subarray(0, 2)], [0x80, 4]); // PROTO 4
 * assert.equal(p[p.length - 1], 0x2e); // STOP
 * ```
 *
 * @param array The shape, order and elements (in storage order).
 * @param options Which numpy's bytes to match.
 * @returns The pickle bytes.
 * @throws {NpyError} `PICKLE_UNSUPPORTED` for values that cannot be written as numpy writes them, `INVALID_ARRAY` for a shape and element count that disagree.
 */
export function pickleObjectArray(array: ObjectArray, options: PickleOptions = {}): Uint8Array {
  const format = options.pickleFormat ?? "numpy2";
  if (format !== "numpy2" && format !== "numpy1") {
    throw new NpyError(
      "INVALID_OPTION",
      `pickleFormat must be "numpy2" or "numpy1", not ${JSON.stringify(format)}`,
    );
  }
  const count = shapeCount(array.shape, "the array");
  if (!Array.isArray(array.data) || array.data.length !== count) {
    throw new NpyError(
      "INVALID_ARRAY",
      `an object array of shape [${
        array.shape.join(", ")
      }] needs ${count} elements in data, found ${
        Array.isArray(array.data) ? array.data.length : describe(array.data)
      }`,
    );
  }
  return new Pickler(format).dump(array);
}
