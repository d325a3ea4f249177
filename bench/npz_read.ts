// Copyright 2026 the npy authors. MIT license.
//
// Reading .npz members, against numpy in the same run: one stored 200 MB
// member (np.savez) and one deflated 40 MB member (np.savez_compressed),
// read with fs openNpz(path).get(key) and with numpy's np.load(path)[key]
// (timed inside python3). Medians of interleaved rounds; prints a Markdown
// table and the ratios that issue 10 sets targets for (≤ 1.0× numpy).
//
//   deno run --v8-flags=--expose-gc --allow-read=/tmp --allow-write=/tmp \
//     --allow-run=python3 bench/npz_read.ts [--rounds=N]

import { openNpz } from "../fs/npz.ts";
import type { NpyArray } from "../mod.ts";

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const ROUNDS = Number(Deno.args.find((a) => a.startsWith("--rounds="))?.slice(9) ?? 5);
const DIR = "/tmp/npy-npz-bench";

const MAKE_AND_TIME = `
import json, sys, time, numpy as np
d, rounds = sys.argv[1], int(sys.argv[2])
stored, deflated = d + "/stored.npz", d + "/deflated.npz"
rng = np.random.default_rng(1)
np.savez(stored, x=rng.standard_normal(25_000_000))           # 200 MB of float64
# 40 MB of int32 with few distinct values: deflate does real work (about 3 to 1).
np.savez_compressed(deflated, y=rng.integers(0, 1000, 10_000_000, dtype="<i4"))
out = {}
for name, path, key in (("stored", stored, "x"), ("deflated", deflated, "y")):
    ts = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        with np.load(path) as z:
            a = z[key]
        ts.append(time.perf_counter() - t0)
        del a
    ts.sort()
    out[name] = ts[len(ts) // 2]
print(json.dumps(out))
`;

async function numpy(): Promise<Record<string, number>> {
  await Deno.mkdir(DIR, { recursive: true });
  const r = await new Deno.Command("python3", {
    args: ["-c", MAKE_AND_TIME, DIR, String(ROUNDS)],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!r.success) throw new Error("python3 failed");
  return JSON.parse(new TextDecoder().decode(r.stdout));
}

async function ours(path: string, key: string): Promise<number> {
  const ts: number[] = [];
  for (let i = 0; i < ROUNDS + 1; i++) {
    gc();
    const t0 = performance.now();
    const npz = await openNpz(path);
    const a = await npz.get(key) as NpyArray;
    await npz.close();
    const t = (performance.now() - t0) / 1000;
    if (!(a.data as ArrayLike<number>).length) throw new Error("empty read");
    if (i > 0) ts.push(t); // the first round warms up
  }
  ts.sort((a, b) => a - b);
  return ts[ts.length >> 1];
}

function fmt(s: number): string {
  return s < 1 ? `${(s * 1e3).toFixed(1)} ms` : `${s.toFixed(2)} s`;
}

console.error("numpy (python3): writing the archives and timing np.load(f)[key] ...");
const py = await numpy();
console.error("npy: timing openNpz(path).get(key) ...");
const rows = [
  { name: "stored, 200 MB float64 (np.savez)", path: `${DIR}/stored.npz`, key: "x", np: py.stored },
  {
    name: "deflated, 40 MB int32 (np.savez_compressed)",
    path: `${DIR}/deflated.npz`,
    key: "y",
    np: py.deflated,
  },
];
console.log("| member | npy | numpy | npy ÷ numpy | target |");
console.log("|---|---:|---:|---:|---:|");
for (const r of rows) {
  const t = await ours(r.path, r.key);
  console.log(
    `| ${r.name} | ${fmt(t)} | ${fmt(r.np)} | ${(t / r.np).toFixed(2)}× | ≤ 1.0× ${
      t / r.np <= 1 ? "met" : "NOT met"
    } |`,
  );
}
await Deno.remove(DIR, { recursive: true });
