// Copyright 2026 the npy authors. MIT license.
// deno bench codec/decode_bench.ts — decode() of 1 MiB per dtype, against copying the same bytes.

import { decode, encode } from "../mod.ts";

const N = 1 << 17; // 1 MiB of f8
const f8 = new Float64Array(N).map((_, i) => i * 0.5);
const le = encode(f8);
const be = encode({ dtype: ">f8", data: f8 });
const f2 = encode({ dtype: "<f2", data: new Float32Array(N * 4).map((_, i) => (i % 2048) / 4) });
const u16 = encode({ dtype: "<U16", data: Array.from({ length: N / 8 }, (_, i) => `string ${i}`) });
const struct = encode({
  dtype: [["x", "<f8"], ["y", "<f4"], ["id", "<i2"], ["ok", "|b1"]],
  shape: [N / 2],
  data: {
    x: f8.subarray(0, N / 2),
    y: new Float32Array(N / 2),
    id: new Int16Array(N / 2),
    ok: new Uint8Array(N / 2),
  },
});
const data = le.subarray(128);
const dst = new Uint8Array(data.length);

Deno.bench("alloc+copy 1 MiB", { group: "decode", baseline: true }, () => {
  new Uint8Array(data.length).set(data);
});
Deno.bench("memcpy 1 MiB (warm)", { group: "decode" }, () => {
  dst.set(data);
});
Deno.bench("f8 LE (view)", { group: "decode" }, () => {
  decode(le);
});
Deno.bench("f8 BE (copy + swap)", { group: "decode" }, () => {
  decode(be);
});
Deno.bench("f8 BE (swap in place)", { group: "decode" }, () => {
  decode(be, { inPlace: true });
});
Deno.bench("f2 to Float32Array", { group: "decode" }, () => {
  decode(f2);
});
Deno.bench("U16 to strings", { group: "decode" }, () => {
  decode(u16);
});
Deno.bench("struct (f8,f4,i2,b1) columns", { group: "decode" }, () => {
  decode(struct);
});
