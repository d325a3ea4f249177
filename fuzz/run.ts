// Copyright 2026 the npy authors. MIT license.
// Runs one property with fast-check and saves a failure's counterexample.

import fc from "fast-check";
import type { Ctx, PropertyDef } from "./properties.ts";

/** How to run a property. */
export interface RunOptions {
  numRuns: number;
  seed: number;
  /** A failure's path, to replay it. */
  path?: string;
  /** Where to write a failure's counterexample (.npy), if anywhere. */
  saveDir?: string;
}

/** The result of one property. */
export interface RunResult {
  id: string;
  runs: number;
  failed: boolean;
  skipped: string | undefined;
  ms: number;
  report?: string;
  replay?: string;
  saved?: string;
}

function params<T>(p: PropertyDef<T>, o: RunOptions) {
  const out: fc.Parameters<[T]> = { numRuns: o.numRuns, seed: o.seed };
  if (o.path) out.path = o.path;
  if (p.examples?.length) out.examples = p.examples.map((x) => [x]);
  return out;
}

/** Runs a property; never throws for a property failure. */
export async function runProperty<T>(
  p: PropertyDef<T>,
  ctx: Ctx,
  o: RunOptions,
): Promise<RunResult> {
  if (p.oracle && !ctx.oracle) {
    return { id: p.id, runs: 0, failed: false, skipped: "skipped: no numpy", ms: 0 };
  }
  const t0 = performance.now();
  const arb = p.arb();
  const details = p.oracle
    ? await fc.check(fc.asyncProperty(arb, async (x) => void await p.check(x, ctx)), params(p, o))
    : fc.check(fc.property(arb, (x) => void p.check(x, ctx)), params(p, o));
  const ms = performance.now() - t0;
  const out: RunResult = {
    id: p.id,
    runs: details.numRuns,
    failed: details.failed,
    skipped: undefined,
    ms,
  };
  if (details.failed) {
    const err = details.errorInstance as Error | undefined;
    out.report = (fc.defaultReportMessage(details) ?? "failed") +
      (err ? `\nerror: ${err.message ?? err}` : "");
    out.replay = `NPY_FUZZ_SEED=${details.seed} NPY_FUZZ_PATH=${details.counterexamplePath} ` +
      `deno task fuzz ${p.id}`;
    const ce = details.counterexample?.[0] as T | undefined;
    if (o.saveDir && ce !== undefined && p.npy) {
      try {
        const bytes = p.npy(ce);
        if (bytes) {
          await Deno.mkdir(o.saveDir, { recursive: true });
          const file = `${o.saveDir}/${p.id}-seed${details.seed}.npy`;
          await Deno.writeFile(file, bytes);
          out.saved = file;
        }
      } catch (e) {
        out.saved = `(could not save: ${(e as Error).message})`;
      }
    }
  }
  return out;
}

/** fc.stringify, for messages. */
export const show = (x: unknown): string => fc.stringify(x);
