// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { decode, encode, NpyError } from "../mod.ts";

Deno.test("decode({ into }) gives the values decode() gives, in the caller's buffer, for every kind", () => {
  const inputs = [
    { dtype: "<f8", data: new Float64Array([1.5, -2, NaN]) },
    { dtype: ">f8", data: new Float64Array([1.5, -2, Infinity]) },
    { dtype: ">i2", data: new Int16Array([1, -2, 300]) },
    { dtype: "<f2", data: [0.5, 65504, -0] },
    { dtype: "|b1", data: new Uint8Array([1, 0, 1]) },
    { dtype: "<U3", data: ["a", "bc", "\u{1f600}"] },
    {
      dtype: [["x", ">f4"], ["", "|V1"], ["y", "<i8"]],
      shape: [2],
      data: { x: [1, 2], y: [3n, 4n] },
    },
  ];
  const into = new ArrayBuffer(256);
  for (const input of inputs) {
    const file = encode(input as never);
    const want = decode(file, { copy: true });
    const before = file.slice();
    const got = decode(file, { into });
    const what = JSON.stringify(input.dtype);
    assert.deepEqual([got.dtype, got.shape, got.fortranOrder], [
      want.dtype,
      want.shape,
      want.fortranOrder,
    ]);
    assert.deepEqual(got.data, want.data, what);
    assert.deepEqual(got.bytes, want.bytes, what);
    assert.deepEqual(file, before, "the input is not changed");
    if (ArrayBuffer.isView(got.data)) assert.equal(got.data.buffer, into);
    assert.deepEqual(encode(got), file);
  }
});

Deno.test("decode({ into }) reuses one buffer across calls and refuses one too small", () => {
  const into = new Uint8Array(64);
  const a = decode(encode(new Float64Array([1, 2])), { into });
  const b = decode(encode(new Float64Array([3, 4])), { into });
  assert.deepEqual(b.data, new Float64Array([3, 4]));
  assert.deepEqual(a.data, new Float64Array([3, 4]), "the first result shares the buffer");
  assert.throws(
    () => decode(encode(new Float64Array(9)), { into }),
    (e) => e instanceof NpyError && e.code === "INVALID_OPTION" && /holds 64 bytes/.test(e.message),
  );
});
