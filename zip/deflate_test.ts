// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { encode } from "../codec/encode.ts";
import { crc32 } from "./crc32.ts";
import { concat, deflateRaw, RawDeflater } from "./_deflate.ts";

interface Expected {
  size: number;
  crc32: number;
  deflated_size: number;
  deflated_crc32: number;
}

const expected: { zlib: string; cases: Record<string, Expected> } = JSON.parse(
  Deno.readTextFileSync(new URL("./testdata/deflate_cases.json", import.meta.url)),
);

/** n bytes of x = (x * 1103515245 + 12345) mod 2^31, each (x >> 16) & mask (make_deflate.py's lcg). */
function lcg(n: number, seed: number, mask = 0xff): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    out[i] = (x >>> 16) & mask;
  }
  return out;
}

const text = (s: string, times: number) => new TextEncoder().encode(s.repeat(times));

/** The inputs of make_deflate.py, rebuilt from the same rules. */
const inputs: Record<string, () => Uint8Array> = {
  empty: () => new Uint8Array(0),
  one_byte: () => text("a", 1),
  text: () => text("the quick brown fox jumps over the lazy dog\n", 3),
  random_100k: () => lcg(100_000, 1),
  random_65537: () => lcg(65_537, 2),
  low_entropy_1m: () => lcg(1 << 20, 3, 3),
  repetitive_450k: () => text("abcabcabd", 50_000),
  npy_arange_f8_300k: () => encode(Float64Array.from({ length: 300_000 }, (_, i) => i)),
  npy_square_mod_i2_1m: () =>
    encode(Int16Array.from({ length: 1_000_000 }, (_, i) => Number(BigInt(i) ** 2n % 1000n))),
  zeros_16m_then_low_entropy_1m: () => concat([new Uint8Array(1 << 24), lcg(1 << 20, 4, 15)]),
};

Deno.test("the deflate test covers every input make_deflate.py made", () => {
  assert.deepEqual(Object.keys(inputs).sort(), Object.keys(expected.cases).sort());
});

for (const [name, make] of Object.entries(inputs)) {
  Deno.test(`deflateRaw() is byte-identical to CPython's zlib ${expected.zlib} at level 6: ${name}`, () => {
    const input = make();
    const want = expected.cases[name];
    assert.equal(input.length, want.size, "the input's size");
    assert.equal(crc32(input), want.crc32, "the input's CRC");
    const out = deflateRaw(input);
    assert.equal(out.length, want.deflated_size, "the deflated size");
    assert.equal(crc32(out), want.deflated_crc32, "the deflated CRC");
  });
}

Deno.test("RawDeflater gives the same bytes whatever the input's chunks", () => {
  const input = concat([
    encode(Float64Array.from({ length: 50_000 }, (_, i) => Math.sqrt(i))),
    lcg(70_000, 9, 7),
  ]);
  const whole = deflateRaw(input);
  for (const step of [7, 4096, 65_536, 100_003]) {
    const d = new RawDeflater();
    const out: Uint8Array[] = [];
    // A few single bytes, then chunks of `step`.
    let o = 0;
    for (; o < Math.min(5, input.length); o++) out.push(...d.push(input.subarray(o, o + 1)));
    for (; o < input.length; o += step) out.push(...d.push(input.subarray(o, o + step)));
    out.push(...d.finish());
    assert.deepEqual(concat(out), whole, `chunks of ${step}`);
  }
});
