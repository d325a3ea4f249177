// Copyright 2026 the npy authors. MIT license.
//
// `deno task bench [--quick] [--only=NAME] [--ops=a,b]`: the matrix
// (bench/compare.ts), then, unless the run is narrowed with --only or --ops,
// the npz read and write benchmarks. One entry, so that the arguments reach
// the matrix (`deno task` appends them to the task's last command only).

await import("./compare.ts");
if (!Deno.args.some((a) => a.startsWith("--only=") || a.startsWith("--ops="))) {
  await import("./npz_read.ts");
  await import("./npz_write.ts");
}
