// Copyright 2026 the npy authors. MIT license.
// deno bench --allow-read=/tmp --allow-write=/tmp fs/file_bench.ts — load() and save() of 16 MiB.

import { encode } from "../mod.ts";
import { load, loadSync, openNpy, save } from "./file.ts";

const dir = Deno.makeTempDirSync({ prefix: "npy-bench-" });
const path = `${dir}/a.npy`;
const f8 = new Float64Array(2 << 20).map((_, i) => i);
Deno.writeFileSync(path, encode(f8));

Deno.bench("Deno.readFile 16 MiB", { group: "load", baseline: true }, async () => {
  await Deno.readFile(path);
});
Deno.bench("load 16 MiB", { group: "load" }, async () => {
  await load(path);
});
Deno.bench("loadSync 16 MiB", { group: "load" }, () => {
  loadSync(path);
});
Deno.bench("openNpy + read 1000 rows", { group: "load" }, async () => {
  await using f = await openNpy(path);
  await f.read(1000, 2000);
});
Deno.bench("save 16 MiB (temp file, fsync, rename)", { group: "save" }, async () => {
  await save(`${dir}/b.npy`, f8);
});

globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
