// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { bytesEqualAt } from "./_bytes_equal.ts";

function naive(a: Uint8Array, b: Uint8Array, at: number): boolean {
  if (at < 0 || at + b.length > a.length) return false;
  for (let i = 0; i < b.length; i++) if (a[at + i] !== b[i]) return false;
  return true;
}

Deno.test("bytesEqualAt() agrees with a byte-by-byte compare at every alignment, NaN and -0 bits included", () => {
  const base = new Uint8Array(700).map((_, i) => (i * 131) & 0xff);
  // Float64 patterns that === gets wrong: two NaNs, +0 and -0.
  const dv = new DataView(base.buffer);
  dv.setFloat64(80, NaN);
  dv.setUint32(88, 0x7ff80000);
  dv.setUint32(92, 1);
  dv.setFloat64(96, 0);
  for (const aOff of [0, 1, 3, 4, 8]) {
    for (const bOff of [0, 1, 4, 5, 8]) {
      for (const at of [0, 1, 7, 8, 16]) {
        for (const len of [0, 5, 63, 64, 200, 500]) {
          const a = new Uint8Array(aOff + 700).subarray(aOff);
          a.set(base);
          const b = new Uint8Array(bOff + len).subarray(bOff);
          b.set(base.subarray(at, at + len));
          assert.equal(bytesEqualAt(a, b, at), naive(a, b, at));
          assert.equal(bytesEqualAt(a, b, at), at + len <= 700);
          for (const flip of [0, len >> 1, len - 1]) {
            if (len === 0 || at + len > 700) continue;
            const c = b.slice();
            c[flip] ^= 0x80; // e.g. +0 → -0, one NaN → another
            assert.equal(bytesEqualAt(a, c, at), false, `${aOff} ${bOff} ${at} ${len} ${flip}`);
          }
        }
      }
    }
  }
  // The same memory is equal at once.
  assert.ok(bytesEqualAt(base, base.subarray(8), 8));
  assert.equal(bytesEqualAt(base, base, -1), false);
});
