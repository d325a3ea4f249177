// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { decode, encode, type EncodeInput, NpyError } from "../mod.ts";
import { encodeChunks, fileChunks } from "./_chunks.ts";

function joined(input: EncodeInput, chunkBytes: number): { bytes: Uint8Array; chunks: number } {
  const parts: Uint8Array[] = [];
  // Copy each chunk as it comes: the next one may reuse its buffer.
  for (const c of fileChunks(encodeChunks(input, {}, chunkBytes))) parts.push(c.slice());
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return { bytes: out, chunks: parts.length - 1 };
}

Deno.test("encodeChunks() makes encode()'s bytes in chunks through one buffer, for every kind of conversion", () => {
  const n = 1001;
  const inputs: [string, EncodeInput][] = [
    [">f8", { dtype: ">f8", data: new Float64Array(n).map((_, i) => i * 1.25 - 7) }],
    ["<f2 from float32", { dtype: "<f2", data: new Float32Array(n).map((_, i) => i / 3) }],
    [">f2 from numbers", { dtype: ">f2", data: Array.from({ length: n }, (_, i) => i - 500.5) }],
    [">i8 from bigints", {
      dtype: ">i8",
      data: Array.from({ length: n }, (_, i) => BigInt(i) ** 5n),
    }],
    ["<c16 BE", { dtype: ">c16", data: new Float64Array(2 * n).map((_, i) => i) }],
    ["<U5", { dtype: "<U5", data: Array.from({ length: n }, (_, i) => `\u{1f600}${i % 999}`) }],
    ["|S4", { dtype: "|S4", data: Array.from({ length: n }, (_, i) => String(i % 9999)) }],
    ["|V3", { dtype: "|V3", data: new Uint8Array(3 * n).map((_, i) => i) }],
    ["records with a subarray", {
      dtype: [["a", ">i4"], ["b", "<f2", [2]], ["c", [["d", "|u1"], ["e", ">u2"]]]],
      shape: [n],
      data: {
        a: new Int32Array(n).map((_, i) => -i),
        b: new Float32Array(2 * n).map((_, i) => i / 4),
        c: { d: new Uint8Array(n).fill(7), e: new Uint16Array(n).map((_, i) => i) },
      },
    }],
  ];
  for (const [what, input] of inputs) {
    const want = encode(input);
    for (const chunkBytes of [1, 64, 1000, 1 << 20]) {
      const got = joined(input, chunkBytes);
      assert.deepEqual(got.bytes, want, `${what}, ${chunkBytes} bytes per chunk`);
      if (chunkBytes === 64 && what !== "|V3") assert.ok(got.chunks > 1, what); // V3: a view
    }
  }
});

Deno.test("encodeChunks() keeps a structured array's padding bytes, chunk by chunk", () => {
  const file = encode({
    dtype: [["x", ">f8"], ["", "|V3"], ["y", "|u1"]],
    shape: [300],
    data: { x: new Float64Array(300).map((_, i) => i), y: new Uint8Array(300).fill(1) },
  });
  // Padding bytes numpy may hold anything in: set them, then round-trip.
  const a = decode(file, { copy: true });
  for (let i = 0; i < 300; i++) a.bytes![i * 12 + 8] = i & 0xff;
  assert.deepEqual(joined(a, 100).bytes, encode(a));
});

Deno.test("encodeChunks() views data already in the file's layout, with no copy", () => {
  const x = new Float64Array(1000);
  const { data } = encodeChunks(x, {}, 64);
  const chunks = [...data];
  assert.equal(chunks.length, 1);
  assert.equal(chunks[0].buffer, x.buffer);
});

Deno.test("encodeChunks() reports a bad element by its index in the whole array", () => {
  const data = Array.from({ length: 5000 }, (_, i) => (i === 4321 ? 1e6 : i));
  assert.throws(
    () => [...encodeChunks({ dtype: "<i2", data }, {}, 100).data],
    (e) => e instanceof NpyError && e.message.startsWith("data[4321]:"),
  );
  // A column of the wrong length goes whole to the encoder, which says so.
  assert.throws(
    () => [...encodeChunks({ dtype: ">i2", shape: [10], data: new Int16Array(9) }, {}, 4).data],
    (e) => e instanceof NpyError && /expected 10 values/.test(e.message),
  );
});
