// Copyright 2026 the npy authors. MIT license.
// Registers properties as Deno tests with a few runs each (for `deno task test`).

import { type Ctx, PROPERTIES } from "./properties.ts";
import { runProperty } from "./run.ts";
import { closeSharedOracle, sharedOracle } from "./oracle.ts";

function envNumber(name: string): number | undefined {
  try {
    const v = Deno.env.get(name);
    return v === undefined || v === "" ? undefined : Number(v);
  } catch {
    return undefined;
  }
}

/** Tests use a fixed seed (NPY_FUZZ_SEED overrides) so that CI is deterministic. */
const SEED = envNumber("NPY_FUZZ_SEED") ?? 20260101;

/** Registers the properties whose id starts with `prefix`. */
export async function registerGroup(prefix: string): Promise<void> {
  const props = PROPERTIES.filter((p) => p.id.startsWith(prefix));
  const ctx: Ctx = {};
  const needsOracle = props.some((p) => p.oracle);
  let noNumpy: string | undefined;
  if (needsOracle) {
    const o = await sharedOracle();
    if (typeof o === "string") {
      noNumpy = o;
      console.error(
        `\n!!! fuzz: skipped: no numpy 2.x oracle (${o}).\n!!! The differential properties ${
          props.filter((p) => p.oracle).map((p) => p.id).join(", ")
        } are IGNORED, not passed.\n`,
      );
    } else ctx.oracle = o;
  }
  for (const p of props) {
    const skipped = p.oracle && noNumpy !== undefined;
    Deno.test({
      name: `fuzz ${p.id}: ${p.title}${skipped ? ` (skipped: ${noNumpy})` : ""}`,
      ignore: skipped,
      // The oracle process outlives single tests and restarts after a numpy crash.
      sanitizeResources: !p.oracle,
      sanitizeOps: !p.oracle,
      async fn() {
        const r = await runProperty(p, ctx, {
          numRuns: p.testRuns,
          seed: SEED,
          saveDir: "/tmp/npy-fuzz",
        });
        if (r.failed) {
          throw new Error(
            `${r.report}\nreplay: ${r.replay}${r.saved ? `\ncounterexample: ${r.saved}` : ""}`,
          );
        }
      },
    });
  }
  if (needsOracle && !noNumpy) {
    Deno.test({
      name: "fuzz: stop the numpy oracle",
      sanitizeResources: false,
      sanitizeOps: false,
      fn: closeSharedOracle,
    });
  }
}
