// Copyright 2026 the npy authors. MIT license.
// deno bench codec/encode_bench.ts — encode() of 1 MiB per dtype, against copying the same bytes.

import { decode, encode, encodeParts } from "../mod.ts";

const N = 1 << 17; // 1 MiB of f8
const f8 = new Float64Array(N).map((_, i) => i * 0.5);
const f32 = new Float32Array(N * 2).map((_, i) => (i % 2048) / 4);
const strings = Array.from({ length: N / 8 }, (_, i) => `string ${i}`);
const struct = decode(encode({
  dtype: [["x", "<f8"], ["y", "<f4"], ["id", "<i2"], ["ok", "|b1"]],
  shape: [N / 2],
  data: {
    x: f8.subarray(0, N / 2),
    y: new Float32Array(N / 2),
    id: new Int16Array(N / 2),
    ok: new Uint8Array(N / 2),
  },
}));
const bytes = new Uint8Array(f8.buffer);

Deno.bench("alloc+copy 1 MiB", { group: "encode", baseline: true }, () => {
  new Uint8Array(bytes.length + 128).set(bytes);
});
Deno.bench("f8 LE", { group: "encode" }, () => {
  encode(f8);
});
Deno.bench("f8 LE, encodeParts (no copy)", { group: "encode" }, () => {
  encodeParts(f8);
});
Deno.bench("f8 BE", { group: "encode" }, () => {
  encode({ dtype: ">f8", data: f8 });
});
Deno.bench("f2 from Float32Array", { group: "encode" }, () => {
  encode({ dtype: "<f2", data: f32 });
});
Deno.bench("U16 from strings", { group: "encode" }, () => {
  encode({ dtype: "<U16", data: strings });
});
Deno.bench("struct (f8,f4,i2,b1) from columns", { group: "encode" }, () => {
  encode(struct);
});
