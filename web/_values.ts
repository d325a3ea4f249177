// Copyright 2026 the npy authors. MIT license.
// The values as text.

import { type JsonValue, type NpyArray, stringifyJson, toJsonValues } from "../mod.ts";

/**
 * An array's values as text, nested lists in logical order. `fullShape`
 * says the array holds only the first and last 3 items of each longer axis
 * of an array of that shape: "..." stands for the rest.
 */
export function formatValues(array: NpyArray, fullShape?: readonly number[]): string {
  const json = toJsonValues(array);
  const shape = fullShape ?? array.shape;
  const show = (v: JsonValue, axis: number, indent: string): string => {
    if (axis === shape.length || !Array.isArray(v)) return stringifyJson(v);
    let items = v.map((x) => show(x, axis + 1, indent + " "));
    if (fullShape && shape[axis] > 6) items = [...items.slice(0, 3), "...", ...items.slice(3)];
    const sep = axis === shape.length - 1 ? ", " : ",\n" + "\n".repeat(shape.length - axis - 2) +
      indent + " ";
    return `[${items.join(sep)}]`;
  };
  return show(json, 0, "");
}
