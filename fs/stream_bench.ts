// Copyright 2026 the npy authors. MIT license.
// deno bench --allow-read=/tmp --allow-write=/tmp fs/stream_bench.ts — streaming 16 MiB.

import { encode } from "../mod.ts";
import { NpyDecoderStream, NpyEncoderStream } from "../codec/stream.ts";
import { createNpyWriter } from "./writer.ts";

const dir = Deno.makeTempDirSync({ prefix: "npy-bench-" });
const block = new Float64Array(64 * 1024).map((_, i) => i); // 512 KiB, 64 rows of 1024
const file = encode({ dtype: "<f8", shape: [2048, 1024], data: new Float64Array(2048 * 1024) });
const chunks: Uint8Array[] = [];
for (let o = 0; o < file.length; o += 65536) chunks.push(file.subarray(o, o + 65536));

Deno.bench("NpyDecoderStream 16 MiB in 64 KiB chunks", { group: "stream" }, async () => {
  for await (const _ of ReadableStream.from(chunks).pipeThrough(new NpyDecoderStream())) {
    // consume
  }
});
Deno.bench("NpyEncoderStream 16 MiB", { group: "stream" }, async () => {
  const enc = new NpyEncoderStream({ dtype: "<f8", shape: [2048, 1024] });
  const blocks = Array.from({ length: 32 }, () => block);
  for await (const _ of ReadableStream.from(blocks).pipeThrough(enc)) {
    // consume
  }
});
Deno.bench("createNpyWriter 16 MiB (32 appends, close)", { group: "stream" }, async () => {
  const w = await createNpyWriter(`${dir}/w.npy`, { dtype: "<f8", shape: [0, 1024] });
  for (let i = 0; i < 32; i++) await w.append(block);
  await w.close();
});

globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
