// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { decode, type NpyArray, stringifyJson, toJsonValues } from "../mod.ts";
import { JsonValuesWriter, pushArray } from "./_json_writer.ts";

/** The array's values through the writer, whole: the text and how many buffers it took. */
function written(a: NpyArray): { text: string; pieces: number } {
  const decoder = new TextDecoder();
  const pieces: string[] = [];
  const writer = new JsonValuesWriter(a.dtype, a.shape, (b) => {
    pieces.push(decoder.decode(b, { stream: true }));
  });
  pushArray(writer, a);
  writer.end();
  writer.flush();
  return { text: pieces.join("") + decoder.decode(), pieces: pieces.length };
}

Deno.test("pushArray() writes stringifyJson(toJsonValues()) for every conformance vector", () => {
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

Deno.test("pushArray() formats the edge values and orders, in pieces", () => {
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

/** The text a JsonValuesWriter with a `size`-byte buffer makes of `a`, its elements pushed in pieces of at most `piece`. */
function pushedInPieces(a: NpyArray, piece: number, size: number): string {
  const out: Uint8Array[] = [];
  const w = new JsonValuesWriter(
    a.dtype,
    a.shape,
    (b) => void out.push(b.slice()),
    new Uint8Array(size),
  );
  const count = a.shape.reduce((x, y) => x * y, 1);
  if (a.fortranOrder && a.shape.filter((d) => d > 1).length > 1) {
    pushArray(w, a);
  } else {
    for (let i = 0; i < count; i += piece) w.push(a.data, i, 1, Math.min(piece, count - i));
  }
  w.end();
  w.flush();
  const bytes = new Uint8Array(out.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of out) {
    assert.ok(b.length <= size);
    bytes.set(b, at);
    at += b.length;
  }
  return new TextDecoder().decode(bytes);
}

Deno.test("JsonValuesWriter writes the whole-array JSON from elements pushed in any pieces, through any buffer", () => {
  const f8 = { kind: "f", byteOrder: "<", itemsize: 8 } as const;
  const values = new Float64Array(5000).map((_, i) =>
    i % 97 === 0 ? NaN : i % 101 === 0 ? -0 : i % 103 === 0 ? -Infinity : (i - 2500) / 7
  );
  values.fill(NaN, 3000, 3100); // a run of nothing but specials
  // Runs without specials (a +0 among them), one with only a -0, one with only an Infinity.
  const mostly = new Float64Array(5000).map((_, i) => (i - 2500) / 7);
  mostly[4000] = -0;
  mostly[1500] = Infinity;
  const cases: NpyArray[] = [
    { dtype: f8, shape: [5000], fortranOrder: false, data: values },
    { dtype: f8, shape: [50, 4, 25], fortranOrder: false, data: values },
    { dtype: f8, shape: [5000], fortranOrder: false, data: mostly },
    { dtype: f8, shape: [50, 100], fortranOrder: false, data: mostly },
    {
      dtype: { kind: "f", byteOrder: "<", itemsize: 4 },
      shape: [5000],
      fortranOrder: false,
      data: new Float32Array(mostly),
    },
    {
      dtype: { kind: "i", byteOrder: ">", itemsize: 2 },
      shape: [5000],
      fortranOrder: false,
      data: new Int16Array(5000).map((_, i) => i * 13),
    },
    { dtype: f8, shape: [2500, 2], fortranOrder: false, data: values },
    { dtype: f8, shape: [50, 100], fortranOrder: true, data: values },
    {
      dtype: { kind: "c", byteOrder: "<", itemsize: 16 },
      shape: [100, 25],
      fortranOrder: false,
      data: values,
    },
    {
      dtype: { kind: "i", byteOrder: "<", itemsize: 4 },
      shape: [3, 1000],
      fortranOrder: false,
      data: new Int32Array(3000).map((_, i) => (i * 7919) % 65536 - 32768),
    },
    {
      dtype: { kind: "u", byteOrder: "<", itemsize: 4 },
      shape: [3000],
      fortranOrder: false,
      data: new Uint32Array(3000).map((_, i) => 4294967295 - i * 1000),
    },
    {
      dtype: { kind: "b", byteOrder: "|", itemsize: 1 },
      shape: [30, 100],
      fortranOrder: false,
      data: new Uint8Array(3000).map((_, i) => i % 3),
    },
    {
      dtype: { kind: "i", byteOrder: "<", itemsize: 8 },
      shape: [1500, 2],
      fortranOrder: false,
      data: new BigInt64Array(3000).map((_, i) => BigInt(i) ** 6n * (i % 2 ? -1n : 1n)),
    },
    {
      dtype: { kind: "U", byteOrder: "<", itemsize: 8 },
      shape: [3, 2],
      fortranOrder: false,
      data: ["é", "", "ab", "\u{1F600}", '"', "\\"],
    },
    { dtype: f8, shape: [], fortranOrder: false, data: new Float64Array([-0]) },
    { dtype: f8, shape: [2, 0, 3], fortranOrder: false, data: new Float64Array(0) },
  ];
  for (const a of cases) {
    const want = stringifyJson(toJsonValues(a));
    for (const [piece, size] of [[1 << 20, 1 << 16], [1, 16], [7, 64], [1000, 100], [1031, 4096]]) {
      assert.equal(
        pushedInPieces(a, piece, size),
        want,
        `${a.dtype.kind} ${a.shape} ${piece} ${size}`,
      );
    }
  }
});

Deno.test("JsonValuesWriter refuses more or fewer elements than the shape holds", () => {
  const w = new JsonValuesWriter({ kind: "b", byteOrder: "|", itemsize: 1 }, [2], () => {});
  assert.throws(() => w.push(new Uint8Array(3), 0, 1, 3), RangeError);
  w.push(new Uint8Array(1), 0, 1, 1);
  assert.throws(() => w.end(), RangeError);
});
