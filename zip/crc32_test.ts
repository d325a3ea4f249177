// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { crc32 } from "./crc32.ts";

function bitwise(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

Deno.test("crc32() equals the bitwise CRC-32 at every length and split", () => {
  const b = new Uint8Array(300).map((_, i) => (i * 131 + 7) & 0xff);
  for (let n = 0; n <= b.length; n += 7) {
    const whole = crc32(b.subarray(0, n));
    assert.equal(whole, bitwise(b.subarray(0, n)));
    const k = n >> 1;
    assert.equal(crc32(b.subarray(k, n), crc32(b.subarray(0, k))), whole);
  }
  assert.equal(crc32(new Uint8Array(0)), 0);
});
