// Copyright 2026 the npy authors. MIT license.
/**
 * `deno task fuzz [id...]`: runs every fuzz property (or those whose id
 * starts with one of the arguments) for NPY_FUZZ_RUNS runs each (default
 * 1000) from NPY_FUZZ_SEED (default: random, printed). NPY_FUZZ_PATH replays
 * one failure (give the property's id too). A failure prints its seed and
 * path and writes the shrunk counterexample to fuzz/counterexamples/ as a
 * .npy file. Ends with a table and the line
 * `fuzz: P properties, R runs, F failures`.
 *
 * @module
 */

import { type Ctx, PROPERTIES } from "./properties.ts";
import { runProperty, type RunResult } from "./run.ts";
import { closeSharedOracle, sharedOracle } from "./oracle.ts";
import { exclusionHits, EXCLUSIONS } from "./exclusions.ts";

function env(name: string): string | undefined {
  const v = Deno.env.get(name);
  return v === undefined || v === "" ? undefined : v;
}

const runs = Number(env("NPY_FUZZ_RUNS") ?? 1000);
const seed = env("NPY_FUZZ_SEED") !== undefined
  ? Number(env("NPY_FUZZ_SEED"))
  : (Date.now() ^ Math.floor(Math.random() * 2 ** 31)) | 0;
const path = env("NPY_FUZZ_PATH");
const only = Deno.args;

if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`bad NPY_FUZZ_RUNS: ${runs}`);
if (!Number.isSafeInteger(seed)) throw new Error(`bad NPY_FUZZ_SEED: ${env("NPY_FUZZ_SEED")}`);

const selected = PROPERTIES.filter((p) =>
  only.length === 0 || only.some((o) => p.id === o || p.id.startsWith(o))
);
if (selected.length === 0) {
  console.error(
    `no property matches ${only.join(" ")}; ids: ${PROPERTIES.map((p) => p.id).join(" ")}`,
  );
  Deno.exit(2);
}
if (path !== undefined && selected.length !== 1) {
  console.error(
    "NPY_FUZZ_PATH replays one property: give its id, e.g. deno task fuzz roundtrip-bytes",
  );
  Deno.exit(2);
}

const ctx: Ctx = {};
if (selected.some((p) => p.oracle)) {
  const o = await sharedOracle();
  if (typeof o === "string") {
    console.error(
      `\n!!! fuzz: skipped: no numpy (${o})\n!!! the differential properties do NOT run\n`,
    );
  } else {
    ctx.oracle = o;
    console.log(`numpy oracle: numpy ${o.numpy}`);
  }
}
console.log(`seed ${seed}, ${path ? `path ${path}` : `${runs} runs per property`}`);

const results: RunResult[] = [];
for (const p of selected) {
  await Deno.stdout.write(new TextEncoder().encode(`${p.id}: running...\r`));
  const r = await runProperty(p, ctx, {
    numRuns: runs,
    seed,
    path,
    saveDir: new URL("./counterexamples", import.meta.url).pathname,
  });
  results.push(r);
  const status = r.skipped ?? (r.failed ? "FAILED" : "ok");
  console.log(`${p.id}: ${status} (${r.runs} runs, ${(r.ms / 1000).toFixed(1)} s)`);
  if (r.failed) {
    console.log(r.report);
    console.log(`replay: ${r.replay}`);
    if (r.saved) console.log(`counterexample: ${r.saved}`);
  }
}
await closeSharedOracle();

const hits = exclusionHits();
if (hits.size > 0) {
  console.log("\nexcluded cases (see fuzz/exclusions.ts):");
  for (const [name, n] of [...hits].sort()) {
    console.log(`  ${name.padEnd(34)} ${String(n).padStart(7)}  ${EXCLUSIONS[name].kind}`);
  }
}

const w = Math.max(8, ...results.map((r) => r.id.length));
console.log(`\n${"property".padEnd(w)}  ${"runs".padStart(7)}  failures  ${"time".padStart(8)}`);
for (const r of results) {
  const fail = r.skipped ? "skipped" : String(r.failed ? 1 : 0);
  console.log(
    `${r.id.padEnd(w)}  ${String(r.runs).padStart(7)}  ${fail.padStart(8)}  ${
      (r.ms / 1000).toFixed(1).padStart(7)
    }s`,
  );
}
const ran = results.filter((r) => !r.skipped);
const total = ran.reduce((a, r) => a + r.runs, 0);
const failures = ran.filter((r) => r.failed).length;
const skipped = results.length - ran.length;
if (skipped > 0) console.log(`skipped: no numpy (${skipped} differential properties did not run)`);
console.log(`fuzz: ${ran.length} properties, ${total} runs, ${failures} failures`);
Deno.exit(failures > 0 ? 1 : 0);
