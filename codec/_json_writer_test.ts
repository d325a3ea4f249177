// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { decode, type NpyArray, stringifyJson, toJsonValues } from "../mod.ts";
import { writeValuesJson } from "./_json_writer.ts";

function written(a: NpyArray): { text: string; pieces: number } {
  const pieces: string[] = [];
  writeValuesJson(a, (s) => pieces.push(s));
  return { text: pieces.join(""), pieces: pieces.length };
}

Deno.test("writeValuesJson() writes stringifyJson(toJsonValues()) for every conformance vector", () => {
  const dir = new URL("../vectors/files/", import.meta.url);
  let n = 0;
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(".npy")) continue;
    let a: NpyArray;
    try {
      a = decode(readFileSync(new URL(name, dir)));
    } catch {
      continue; // refused files have no values
    }
    assert.equal(written(a).text, stringifyJson(toJsonValues(a)), name);
    n++;
  }
  assert.ok(n > 50, `${n} vectors`);
});

Deno.test("writeValuesJson() formats the edge values and orders, in pieces", () => {
  const cases: NpyArray[] = [
    {
      dtype: { kind: "f", byteOrder: "<", itemsize: 8 },
      shape: [2, 3],
      fortranOrder: true,
      data: new Float64Array([NaN, -0, Infinity, -Infinity, 1e300, 5e-324]),
    },
    {
      dtype: { kind: "i", byteOrder: "<", itemsize: 8 },
      shape: [3],
      fortranOrder: false,
      data: new BigInt64Array([-(2n ** 63n), 2n ** 53n - 1n, 2n ** 53n]),
    },
    {
      dtype: { kind: "M", byteOrder: "<", itemsize: 8, unit: "ns", multiple: 1 },
      shape: [2],
      fortranOrder: false,
      data: new BigInt64Array([-(2n ** 63n), 5n]),
    },
    {
      dtype: { kind: "c", byteOrder: "<", itemsize: 16 },
      shape: [1],
      fortranOrder: false,
      data: new Float64Array([-0, NaN]),
    },
    {
      dtype: { kind: "b", byteOrder: "|", itemsize: 1 },
      shape: [2, 0],
      fortranOrder: false,
      data: new Uint8Array(0),
    },
    {
      dtype: { kind: "u", byteOrder: "<", itemsize: 4 },
      shape: [],
      fortranOrder: false,
      data: new Uint32Array([4294967295]),
    },
  ];
  for (const a of cases) assert.equal(written(a).text, stringifyJson(toJsonValues(a)));
  const big: NpyArray = {
    dtype: { kind: "f", byteOrder: "<", itemsize: 8 },
    shape: [100, 1000],
    fortranOrder: false,
    data: new Float64Array(1e5).map((_, i) => i / 7),
  };
  const w = written(big);
  assert.equal(w.text, stringifyJson(toJsonValues(big)));
  assert.ok(w.pieces > 10, `${w.pieces} pieces`);
});
