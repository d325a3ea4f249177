// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { complexAt, longDoubleToNumber } from "../mod.ts";

function x87(sign: number, exp: number, mant: bigint): Uint8Array {
  const b = new Uint8Array(16);
  const dv = new DataView(b.buffer);
  dv.setBigUint64(0, mant, true);
  dv.setUint16(8, (sign << 15) | exp, true);
  return b;
}

Deno.test("longDoubleToNumber() converts x87 extended values", () => {
  assert.equal(longDoubleToNumber(x87(0, 0x3fff, 1n << 63n), 0, "<"), 1);
  assert.equal(longDoubleToNumber(x87(1, 0x4000, 3n << 62n), 0, "<"), -3);
  assert.equal(longDoubleToNumber(x87(0, 0x7fff, 1n << 63n), 0, "<"), Infinity);
  assert.ok(Number.isNaN(longDoubleToNumber(x87(0, 0x7fff, (1n << 63n) | 1n), 0, "<")));
  assert.ok(Object.is(longDoubleToNumber(x87(1, 0, 0n), 0, "<"), -0));
  // 1 + 2^-63 rounds to 1; 2^-1074 (a double subnormal) is exact.
  assert.equal(longDoubleToNumber(x87(0, 0x3fff, (1n << 63n) | 1n), 0, "<"), 1);
  assert.equal(longDoubleToNumber(x87(0, 0x3fff - 1074, 1n << 63n), 0, "<"), 5e-324);
  assert.equal(longDoubleToNumber(x87(0, 0x3fff + 2000, 1n << 63n), 0, "<"), Infinity);
  const be = x87(0, 0x3fff, 1n << 63n).reverse();
  assert.equal(longDoubleToNumber(be, 0, ">"), 1);
});

Deno.test("longDoubleToNumber() converts IEEE binary128 values", () => {
  const b = new Uint8Array(16);
  new DataView(b.buffer).setUint16(14, 0x3fff, true);
  assert.equal(longDoubleToNumber(b, 0, "<", "binary128"), 1);
  new DataView(b.buffer).setUint16(14, 0xc000, true);
  assert.equal(longDoubleToNumber(b, 0, "<", "binary128"), -2);
});

Deno.test("complexAt() reads interleaved pairs", () => {
  assert.deepEqual(complexAt(new Float32Array([1, 2, 3, 4]), 0), [1, 2]);
});
