// Copyright 2026 the npy authors. MIT license.

import type { DType, NpyArray, NpyData, StructData } from "./types.ts";
import { setOwn } from "./_layout.ts";
import { hasObject } from "./_descr.ts";
import { descrOf } from "./descr.ts";
import { NpyError } from "./errors.ts";
import {
  NpyScalar,
  PyComplex,
  PyDate,
  PyDateTime,
  PyDType,
  PyGlobal,
  PyTimedelta,
  PyTimezone,
  PyTuple,
} from "../pickle/values.ts";

/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | {
  [key: string]: JsonValue;
};

const NAT = -(1n << 63n);
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * An array's values as JSON, the form `npy show --json` prints and the
 * vectors' manifest records: nested lists in logical C order (the bare
 * element for a 0-d array).
 *
 * | dtype | JSON |
 * | --- | --- |
 * | bool | `true` / `false` |
 * | integers, datetime64, timedelta64 | a number when \|v\| ≤ 2^53−1, else a decimal string; `"NaT"` |
 * | f2 f4 f8 | a number; `"NaN"`, `"Infinity"`, `"-Infinity"` |
 * | complex | `[re, im]` |
 * | S | the bytes as latin1 characters, trailing NULs stripped |
 * | U | the text, trailing NULs stripped |
 * | V, longdouble | lowercase hex of each element's raw bytes, as stored |
 * | structured | an object of field name to value (padding left out) |
 * | object (`O`) | the Python value's form, see below |
 *
 * Python values in object arrays: None → `null`; bool → `true`/`false`;
 * int → the integer rule; float → the float rule; str → string; bytes and
 * bytearray → `{"bytes": hex}`; list → array; tuple → `{"tuple": [...]}`;
 * dict → `{"dict": [[key, value], ...]}` in insertion order; set and
 * frozenset → `{"set": [...]}`; complex → `[re, im]`; a nested array →
 * `{"array": {"descr", "shape", "fortran_order", "values"}}`; a numpy scalar →
 * `{"scalar": {"descr", "value"}}`; a referenced global →
 * `{"global": "module.name"}`; a dtype object → `{"dtype": descr}`; date,
 * datetime → `{"date" | "datetime": isoformat}`, timedelta → `{"timedelta":
 * "P<days>DT<seconds>[.ffffff]S"}`, timezone → `{"timezone": "+HH:MM"}`. The walks
 * are iterative and refuse (`PICKLE_LIMIT`) a value that holds itself, values
 * nested deeper than 1000 levels, and expansions of shared references beyond
 * 2^20 nodes or 16 times the distinct values.
 *
 * @example
 * ```ts
 * import { encode, decode, toJsonValues } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const a = decode(encode({ dtype: "<f8", shape: [2, 2], data: [1, NaN, -Infinity, 0.5] }));
 * assert.deepEqual(toJsonValues(a), [[1, "NaN"], ["-Infinity", 0.5]]);
 * ```
 *
 * @param array The array.
 * @returns Its values as JSON.
 */
export function toJsonValues(array: NpyArray): JsonValue {
  if (hasObject(array.dtype)) return objectValuesJson(array);
  const { shape, fortranOrder, dtype, data } = array;
  const strides: number[] = new Array(shape.length);
  let s = 1;
  if (fortranOrder) {
    for (let k = 0; k < shape.length; k++) {
      strides[k] = s;
      s *= shape[k];
    }
  } else {
    for (let k = shape.length - 1; k >= 0; k--) {
      strides[k] = s;
      s *= shape[k];
    }
  }
  const build = (axis: number, base: number): JsonValue => {
    if (axis === shape.length) return elementJson(data, dtype, base);
    const out: JsonValue[] = new Array(shape[axis]);
    for (let i = 0; i < shape[axis]; i++) out[i] = build(axis + 1, base + i * strides[axis]);
    return out;
  };
  return build(0, 0);
}

function hex(b: Uint8Array): string {
  let s = "";
  for (const x of b) s += x.toString(16).padStart(2, "0");
  return s;
}

function intJson(v: bigint | number): JsonValue {
  if (typeof v === "number") return v;
  return v <= SAFE && v >= -SAFE ? Number(v) : v.toString();
}

function floatJson(x: number): JsonValue {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  return x;
}

/** One element (index `i` in storage order) as JSON. */
export function elementJson(data: NpyData, dtype: DType, i: number): JsonValue {
  switch (dtype.kind) {
    case "struct": {
      const cols = data as StructData;
      const out: { [k: string]: JsonValue } = {};
      for (const f of dtype.fields) setOwn(out, f.name, elementJson(cols[f.name], f.dtype, i));
      return out;
    }
    case "subarray": {
      const n = dtype.shape.reduce((a, b) => a * b, 1);
      const sub = dtype.shape;
      const build = (axis: number, base: number, stride: number): JsonValue => {
        if (axis === sub.length) return elementJson(data, dtype.base, base);
        const inner = stride / sub[axis];
        const out: JsonValue[] = new Array(sub[axis]);
        for (let k = 0; k < sub[axis]; k++) out[k] = build(axis + 1, base + k * inner, inner);
        return out;
      };
      return build(0, i * n, n);
    }
    case "b":
      return (data as Uint8Array)[i] !== 0;
    case "i":
    case "u":
      return intJson((data as Int32Array | BigInt64Array)[i]);
    case "M":
    case "m": {
      const v = (data as BigInt64Array)[i];
      return v === NAT ? "NaT" : intJson(v);
    }
    case "f":
      if (dtype.itemsize > 8) {
        return hex((data as Uint8Array).subarray(i * dtype.itemsize, (i + 1) * dtype.itemsize));
      }
      return floatJson((data as Float64Array)[i]);
    case "c":
      if (dtype.itemsize > 16) {
        return hex((data as Uint8Array).subarray(i * dtype.itemsize, (i + 1) * dtype.itemsize));
      }
      return [
        floatJson((data as Float64Array)[2 * i]),
        floatJson((data as Float64Array)[2 * i + 1]),
      ];
    case "S":
    case "U":
      return (data as string[])[i];
    case "V":
      return hex((data as Uint8Array).subarray(i * dtype.itemsize, (i + 1) * dtype.itemsize));
    case "O":
      return objectValuesJson({
        dtype,
        shape: [],
        fortranOrder: false,
        data: [(data as unknown[])[i]],
      });
  }
}

/**
 * `JSON.stringify` that keeps the sign of -0 (written `-0.0`, as Python
 * does), so that a value printed as JSON reads back bit for bit.
 *
 * @example
 * ```ts
 * import { stringifyJson } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * assert.equal(stringifyJson([-0, 1.5, "a"]), '[-0.0,1.5,"a"]');
 * ```
 *
 * @param value A JSON value.
 * @returns Its JSON text.
 */
export function stringifyJson(value: JsonValue): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0.0" : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stringifyJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${
      Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${stringifyJson(v)}`).join(
        ",",
      )
    }}`;
  }
  return JSON.stringify(value);
}

const MAX_DEPTH = 1000;
const MIN_NODES = 1 << 20;
const SHARING = 16;

/** The values a value holds, for the walks below; undefined for a leaf. */
function childrenOf(v: unknown): unknown[] | undefined {
  if (typeof v !== "object" || v === null || v instanceof Uint8Array) return undefined;
  if (Array.isArray(v)) return v;
  if (v instanceof PyTuple) return v.items as unknown[];
  if (v instanceof Set) return [...v];
  if (v instanceof Map) return [...v.keys(), ...v.values()];
  if (isArray(v) && hasObject(v.dtype)) {
    if (Array.isArray(v.data)) return v.data;
    const cols = v.data as StructData;
    return Object.keys(cols).flatMap((k) => (Array.isArray(cols[k]) ? cols[k] as unknown[] : []));
  }
  return undefined;
}

/**
 * The number of nodes the JSON form expands `root` into (shared values count
 * once per use), computed over the distinct values without expanding them;
 * refuses a value that holds itself, and an expansion beyond `MIN_NODES` or
 * `SHARING` times the distinct nodes (a "billion laughs" of memo references).
 */
function checkExpansion(root: unknown): void {
  const size = new Map<object, number>();
  const onPath = new Set<object>();
  const stack: { v: object; kids: unknown[]; i: number; sum: number }[] = [];
  let distinct = 0;
  const limit = () => Math.max(MIN_NODES, SHARING * distinct);
  const tooMany = (n: number): never => {
    throw new NpyError(
      "PICKLE_LIMIT",
      `the JSON form would have more than ${n} nodes (values shared by reference expand)`,
    );
  };
  const enter = (v: unknown): number | undefined => {
    const kids = childrenOf(v);
    if (kids === undefined) return 1;
    const o = v as object;
    const known = size.get(o);
    if (known !== undefined) return known;
    if (onPath.has(o)) {
      throw new NpyError("PICKLE_LIMIT", "a value holds itself: it has no JSON form");
    }
    onPath.add(o);
    distinct += 1 + kids.length;
    stack.push({ v: o, kids, i: 0, sum: 1 });
    return undefined;
  };
  enter(root);
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.i < top.kids.length) {
      const n = enter(top.kids[top.i++]);
      if (n !== undefined) {
        top.sum += n;
        if (top.sum > limit()) tooMany(limit());
      }
      continue;
    }
    stack.pop();
    onPath.delete(top.v);
    size.set(top.v, top.sum);
    if (stack.length) {
      const parent = stack[stack.length - 1];
      parent.sum += top.sum;
      if (parent.sum > limit()) tooMany(limit());
    }
  }
}

type Task = { v: unknown; set: (j: JsonValue) => void; depth: number };

function isArray(v: unknown): v is NpyArray {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "dtype" in v &&
    "shape" in v && "data" in v && !(v instanceof NpyScalar);
}

/** An object array's values, with Python values in the JSON form, walked without recursion. */
function objectValuesJson(array: NpyArray): JsonValue {
  checkExpansion(array);
  let result: JsonValue = null;
  const todo: Task[] = [];
  const put = (v: unknown, set: (j: JsonValue) => void, depth: number) => {
    if (depth > MAX_DEPTH) {
      throw new NpyError("PICKLE_LIMIT", `a value is nested deeper than ${MAX_DEPTH} levels`);
    }
    todo.push({ v, set, depth });
  };
  const arrayValues = (a: NpyArray, set: (j: JsonValue) => void, depth: number) => {
    if (!hasObject(a.dtype)) return set(toJsonValues(a));
    const { shape, fortranOrder, dtype } = a;
    const count = shape.reduce((x, y) => x * y, 1);
    const leaf = (storage: number, setLeaf: (j: JsonValue) => void) => {
      if (dtype.kind === "O") return put((a.data as unknown[])[storage], setLeaf, depth + 1);
      if (dtype.kind !== "struct") throw new TypeError("nested objects in a subarray");
      const cols = a.data as StructData;
      const rec: { [k: string]: JsonValue } = {};
      for (const f of dtype.fields) {
        if (f.dtype.kind === "O") {
          setOwn(rec, f.name, null);
          put((cols[f.name] as unknown[])[storage], (j) => setOwn(rec, f.name, j), depth + 1);
        } else setOwn(rec, f.name, elementJson(cols[f.name], f.dtype, storage));
      }
      setLeaf(rec);
    };
    if (shape.length === 0) return leaf(0, set);
    // Nested lists in C order; leaves read from storage order.
    const root: JsonValue[] = new Array(shape[0]);
    set(root);
    let level: JsonValue[][] = [root];
    for (let k = 1; k < shape.length; k++) {
      const next: JsonValue[][] = [];
      for (const arr of level) {
        for (let i = 0; i < arr.length; i++) {
          const child: JsonValue[] = new Array(shape[k]);
          arr[i] = child;
          next.push(child);
        }
      }
      level = next;
    }
    const strides: number[] = new Array(shape.length);
    let st = 1;
    for (let k = 0; k < shape.length; k++) {
      const kk = fortranOrder ? k : shape.length - 1 - k;
      strides[kk] = st;
      st *= shape[kk];
    }
    const last = shape[shape.length - 1];
    const idx = new Array(shape.length).fill(0);
    for (let c = 0; c < count; c++) {
      let storage = 0;
      for (let k = 0; k < shape.length; k++) storage += idx[k] * strides[k];
      const parent = level[Math.floor(c / last)];
      const slot = idx[shape.length - 1];
      leaf(storage, (j) => (parent[slot] = j));
      for (let k = shape.length - 1; k >= 0; k--) {
        if (++idx[k] < shape[k]) break;
        idx[k] = 0;
      }
    }
  };
  arrayValues(array, (j) => (result = j), 0);
  while (todo.length) {
    const { v, set, depth } = todo.pop()!;
    const seq = (items: Iterable<unknown>, wrap: (a: JsonValue[]) => JsonValue) => {
      const out: JsonValue[] = [];
      set(wrap(out));
      let i = 0;
      for (const x of items) {
        const slot = i++;
        out.push(null);
        put(x, (j) => (out[slot] = j), depth + 1);
      }
    };
    if (v === null || v === undefined) set(null);
    else if (typeof v === "boolean" || typeof v === "string") set(v);
    else if (typeof v === "bigint") set(intJson(v));
    else if (typeof v === "number") set(floatJson(v));
    else if (v instanceof Uint8Array) set({ bytes: hex(v) });
    else if (Array.isArray(v)) seq(v, (a) => a);
    else if (v instanceof PyTuple) seq(v.items, (a) => ({ tuple: a }));
    else if (v instanceof Set) seq(v, (a) => ({ set: a }));
    else if (v instanceof Map) {
      const out: JsonValue[] = [];
      set({ dict: out });
      for (const [k, x] of v) {
        const pair: JsonValue[] = [null, null];
        out.push(pair);
        put(k, (j) => (pair[0] = j), depth + 1);
        put(x, (j) => (pair[1] = j), depth + 1);
      }
    } else if (v instanceof PyComplex) set([floatJson(v.re), floatJson(v.im)]);
    else if (v instanceof PyGlobal) set({ global: String(v) });
    else if (v instanceof PyDateTime) set({ datetime: String(v) });
    else if (v instanceof PyDate) set({ date: String(v) });
    else if (v instanceof PyTimedelta) set({ timedelta: String(v) });
    else if (v instanceof PyTimezone) set({ timezone: String(v) });
    else if (v instanceof PyDType) set({ dtype: descrOf(v.dtype) as JsonValue });
    else if (v instanceof NpyScalar) {
      set({
        scalar: { descr: descrOf(v.dtype) as JsonValue, value: elementJson(v.data, v.dtype, 0) },
      });
    } else if (isArray(v)) {
      const inner: { [k: string]: JsonValue } = {
        descr: descrOf(v.dtype) as JsonValue,
        shape: v.shape,
        fortran_order: v.fortranOrder,
        values: null,
      };
      set({ array: inner });
      arrayValues(v, (j) => (inner.values = j), depth + 1);
    } else {
      throw new NpyError(
        "INVALID_ARRAY",
        `an object array holds a value with no JSON form: ${typeof v}`,
      );
    }
  }
  return result;
}
