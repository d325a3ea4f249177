// Copyright 2026 the npy authors. MIT license.
// Python's equality for hashable values, as strings: two JS values get the
// same key exactly when Python's `==` holds for the objects they stand for
// (1 == 1.0 == True == complex(1, 0)), so that a Map or Set that Python
// could not hold (its keys would merge) is refused instead of written.

import { PyComplex, PyFrozenSet, PyGlobal, PyTuple } from "./values.ts";
import { PyByteArray } from "./values.ts";

let nanCount = 0;

function numberKey(x: number): string {
  if (Number.isNaN(x)) return `nan#${nanCount++}`; // NaN equals only itself
  if (Number.isInteger(x)) return `n${BigInt(x)}`;
  return `f${x}`; // ±Infinity and fractions
}

/**
 * The equality key of a hashable value, or `undefined` when Python could not
 * hash it (lists, dicts, sets, bytearrays, arrays, ...).
 */
export function pyKey(v: unknown, depth = 0): string | undefined {
  if (depth > 200) return undefined;
  if (v === null) return "None";
  switch (typeof v) {
    case "boolean":
      return v ? "n1" : "n0";
    case "bigint":
      return `n${v}`;
    case "number":
      return numberKey(v);
    case "string":
      return `s${v}`;
  }
  if (v instanceof Uint8Array && !(v instanceof PyByteArray)) {
    let hex = "b";
    for (const b of v) hex += b.toString(16).padStart(2, "0");
    return hex;
  }
  if (v instanceof PyComplex) {
    return v.im === 0 ? numberKey(v.re) : `c${numberKey(v.re)},${numberKey(v.im)}`;
  }
  if (v instanceof PyGlobal) return `g${v.module}\n${v.name}`;
  if (v instanceof PyTuple) {
    const parts: string[] = [];
    for (const x of v.items) {
      const k = pyKey(x, depth + 1);
      if (k === undefined) return undefined;
      parts.push(k);
    }
    return `t${JSON.stringify(parts)}`;
  }
  if (v instanceof PyFrozenSet) {
    const parts: string[] = [];
    for (const x of v) {
      const k = pyKey(x, depth + 1);
      if (k === undefined) return undefined;
      parts.push(k);
    }
    return `F${JSON.stringify(parts.sort())}`;
  }
  return undefined;
}
