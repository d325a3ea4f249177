// Copyright 2026 the npy authors. MIT license.
/**
 * Survey tool: samples one generator, compares every case with numpy, and
 * groups the disagreements instead of stopping at the first (as the
 * properties do). Useful after a codec change, to see every class of
 * difference at once.
 *
 *     deno run --allow-run=python3 fuzz/explore.ts descr 5000 [seed]
 *
 * Generators: descr, mutants, soup, edit, obj, dims, nest, flip, odd, tokens, fields,
 * limit.
 *
 * @module
 */

import fc from "fast-check";
import { decode } from "../mod.ts";
import { closeSharedOracle, sharedOracle } from "./oracle.ts";
import { compareWithNumpy } from "./properties.ts";
import * as M from "./mutations.ts";
import * as A from "./arbitraries.ts";
import { exclusionHits } from "./exclusions.ts";

const which = Deno.args[0] ?? "mutants";
const n = Number(Deno.args[1] ?? 2000);
const seed = Number(Deno.args[2] ?? 1);
const o = await sharedOracle();
if (typeof o === "string") throw new Error(`skipped: no numpy (${o})`);
const arbs: Record<string, () => fc.Arbitrary<{ file: Uint8Array; how: string }>> = {
  descr: M.descrStringArb,
  mutants: M.anyMutantArb,
  soup: M.tokenSoupArb,
  edit: M.headerEditArb,
  dims: M.dimsArb,
  nest: () => M.nestingArb().filter((m) => m.file.length < 9000),
  obj: M.objectDescrArb,
  flip: M.bitFlipArb,
  odd: () => A.oddFileArb().map((c) => ({ file: c.file, how: c.text })),
  tokens: M.tokenEditArb,
  fields: M.oddFieldArb,
  limit: M.headerLimitArb,
};
if (!arbs[which]) throw new Error(`generators: ${Object.keys(arbs).join(" ")}`);
const groups = new Map<string, string[]>();
const verdicts = new Map<string, number>();
for (const m of fc.sample(arbs[which](), { numRuns: n, seed })) {
  const ans = await o.load(m.file);
  let ok = true;
  try {
    decode(m.file);
  } catch {
    ok = false;
  }
  const k = `numpy ${ans.ok ? "loads" : "refuses"}, decode ${ok ? "loads" : "refuses"}`;
  verdicts.set(k, (verdicts.get(k) ?? 0) + 1);
  try {
    compareWithNumpy(m.file, ans);
  } catch (e) {
    const msg = (e as Error).message;
    const key = msg.replace(/\d+/g, "N").slice(0, 90);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(`${m.how.slice(0, 160)} || ${msg.slice(0, 300)}`);
  }
}
for (const [k, v] of groups) {
  console.log(`\n### ${v.length}x ${k}`);
  for (const x of v.slice(0, 4)) console.log("   ", x);
}
console.log("\nverdicts:", Object.fromEntries(verdicts));
console.log("excluded:", Object.fromEntries(exclusionHits()));
await closeSharedOracle();
