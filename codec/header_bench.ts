// Copyright 2026 the npy authors. MIT license.
// deno bench codec/header_bench.ts — header parsing: the full reader and the fast path.

import { encode, parseDescr, readHeader, writeHeader } from "../mod.ts";
import { readHeaderFast } from "./_fast_header.ts";

const simple = encode({ dtype: "<f8", shape: [100, 3], data: new Float64Array(300) }).subarray(
  0,
  128,
);
const dt = parseDescr([["x", "<f8"], ["y", "<f4"], ["id", "<i2"], ["ok", "|b1"]]);
const struct = writeHeader({ dtype: dt, shape: [1000], fortranOrder: false });

Deno.bench("readHeader <f8 (100, 3)", { group: "header", baseline: true }, () => {
  readHeader(simple);
});
Deno.bench("readHeaderFast <f8 (100, 3)", { group: "header" }, () => {
  readHeaderFast(simple);
});
Deno.bench("readHeader structured", { group: "header" }, () => {
  readHeader(struct);
});
Deno.bench("readHeaderFast structured", { group: "header" }, () => {
  readHeaderFast(struct);
});
Deno.bench("writeHeader structured", { group: "header" }, () => {
  writeHeader({ dtype: dt, shape: [1000], fortranOrder: false });
});
