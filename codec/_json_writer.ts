// Copyright 2026 the npy authors. MIT license.
// An array's values as JSON text, written in pieces: the same text as
// stringifyJson(toJsonValues(array)), without building a JS value per
// element or the whole text at once. Numbers, bools, integers and datetimes
// are formatted straight from the typed array; other kinds element by
// element through elementJson.

import { elementJson, stringifyJson } from "./json.ts";
import type { DType, NpyArray, NpyData } from "./types.ts";

/** Characters gathered before each call of `write`. */
export const JSON_CHUNK_CHARS: number = 1 << 16;

const NAT = -(1n << 63n);
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function floatText(x: number): string {
  if (x !== x) return '"NaN"';
  if (x === Infinity) return '"Infinity"';
  if (x === -Infinity) return '"-Infinity"';
  return x === 0 && 1 / x < 0 ? "-0.0" : "" + x;
}

function bigText(v: bigint): string {
  return v <= SAFE && v >= -SAFE ? v.toString() : `"${v}"`;
}

/** Element `i` (storage order) as JSON text. */
function formatter(dtype: DType, data: NpyData): (i: number) => string {
  switch (dtype.kind) {
    case "b": {
      const d = data as Uint8Array;
      return (i) => (d[i] !== 0 ? "true" : "false");
    }
    case "i":
    case "u": {
      if (dtype.itemsize === 8) {
        const d = data as BigInt64Array;
        return (i) => bigText(d[i]);
      }
      const d = data as Int32Array;
      return (i) => "" + d[i];
    }
    case "M":
    case "m": {
      const d = data as BigInt64Array;
      return (i) => (d[i] === NAT ? '"NaT"' : bigText(d[i]));
    }
    case "f":
      if (dtype.itemsize <= 8) {
        const d = data as Float64Array;
        return (i) => floatText(d[i]);
      }
      break;
    case "c":
      if (dtype.itemsize <= 16) {
        const d = data as Float64Array;
        return (i) => `[${floatText(d[2 * i])},${floatText(d[2 * i + 1])}]`;
      }
      break;
  }
  return (i) => stringifyJson(elementJson(data, dtype, i));
}

/**
 * Writes the values of `array` as JSON (nested lists in logical C order, the
 * bare element for a 0-d array), calling `write` with pieces of about
 * {@linkcode JSON_CHUNK_CHARS} characters. The pieces joined are
 * `stringifyJson(toJsonValues(array))`.
 */
export function writeValuesJson(array: NpyArray, write: (text: string) => void): void {
  const { shape, fortranOrder, dtype, data } = array;
  const fmt = formatter(dtype, data);
  if (shape.length === 0) {
    write(fmt(0));
    return;
  }
  const strides: number[] = new Array(shape.length);
  let s = 1;
  for (let j = 0; j < shape.length; j++) {
    const k = fortranOrder ? j : shape.length - 1 - j;
    strides[k] = s;
    s *= shape[k];
  }
  const last = shape.length - 1;
  let buf = "";
  const walk = (axis: number, base: number): void => {
    const n = shape[axis], st = strides[axis];
    buf += "[";
    if (axis === last) {
      for (let k = 0, i = base; k < n; k++, i += st) {
        if (k !== 0) buf += ",";
        buf += fmt(i);
        if (buf.length >= JSON_CHUNK_CHARS) {
          write(buf);
          buf = "";
        }
      }
    } else {
      for (let k = 0; k < n; k++) {
        if (k !== 0) buf += ",";
        walk(axis + 1, base + k * st);
      }
    }
    buf += "]";
  };
  walk(0, 0);
  write(buf);
}
