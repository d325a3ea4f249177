// Copyright 2026 the npy authors. MIT license.

import type { DType, NpyArray, NpyData, StructData } from "./types.ts";
import { setOwn } from "./_layout.ts";

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
      throw new TypeError("object arrays have no values here");
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
