// Copyright 2026 the npy authors. MIT license.
// Python objects as text on the page. cli/print.ts prints an object array's
// elements with String() (`[1 two null]` where numpy prints `[1 'two' None]`),
// so the page shows the JSON form of docs/pickle.md instead (the values of
// `npy show --json --allow-pickle`), one element a line after its index.

import { type JsonValue, toJsonValues } from "../codec/json.ts";
import type { NpyArray } from "../codec/types.ts";

/** Elements shown at most; the rest are counted. */
export const OBJECT_LINES = 1000;

/** JSON text with a space after each comma and colon, as Python's json.dumps writes it. */
export function readableJson(v: JsonValue): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0.0" : JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(readableJson).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    return `{${
      Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${readableJson(x)}`).join(", ")
    }}`;
  }
  return JSON.stringify(v);
}

/**
 * An array holding Python objects as lines `[i, j] <JSON>`, in C order (the
 * index disambiguates the array's axes from lists inside an element); a 0-d
 * array is its one value. At most `limit` lines, then a count of the rest.
 */
export function formatObjectValues(
  array: NpyArray,
  limit: number = OBJECT_LINES,
): { text: string; shown: number; total: number } {
  const json = toJsonValues(array);
  const shape = array.shape;
  if (shape.length === 0) return { text: readableJson(json), shown: 1, total: 1 };
  const total = shape.reduce((a, b) => a * b, 1);
  const lines: string[] = [];
  // An explicit stack of (value, index) in C order.
  const stack: { v: JsonValue; at: number[] }[] = [{ v: json, at: [] }];
  while (stack.length > 0 && lines.length < limit) {
    const { v, at } = stack.pop()!;
    if (at.length === shape.length) {
      lines.push(`[${at.join(", ")}] ${readableJson(v)}`);
      continue;
    }
    const items = v as JsonValue[];
    for (let i = items.length - 1; i >= 0; i--) stack.push({ v: items[i], at: [...at, i] });
  }
  if (total > lines.length) lines.push(`… ${total - lines.length} more elements`);
  return { text: lines.join("\n"), shown: Math.min(total, limit), total };
}

/** A bare pickle's value (what `np.load(f, allow_pickle=True)` returns) in the JSON form. */
export function formatPickledValue(value: unknown): string {
  const holder: NpyArray = {
    dtype: { kind: "O", byteOrder: "|", itemsize: 8 },
    shape: [],
    fortranOrder: false,
    data: [value],
  } as NpyArray;
  return readableJson(toJsonValues(holder));
}
