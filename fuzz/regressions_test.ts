// Copyright 2026 the npy authors. MIT license.
// The fuzzers' counterexamples as regression tests (see regressions.ts).

import assert from "node:assert/strict";
import { EXCLUSIONS, isActive } from "./exclusions.ts";
import { REGRESSIONS } from "./regressions.ts";

for (const r of REGRESSIONS) {
  const known = isActive(r.id);
  Deno.test({
    name: `fuzz regression ${r.id}${known ? " (KNOWN BUG, excluded: ignored until fixed)" : ""}`,
    ignore: known,
    fn: r.check,
  });
}

const known = REGRESSIONS.filter((r) => isActive(r.id));
if (known.length > 0) {
  console.error(
    `fuzz: ${known.length} known codec bug(s) excluded from the properties: ${
      known.map((r) => r.id).join(", ")
    }`,
  );
}

Deno.test("fuzz regressions: every excluded known bug still reproduces", async () => {
  const fixed: string[] = [];
  for (const r of known) {
    try {
      await r.check();
      fixed.push(r.id);
    } catch {
      // still failing, as its exclusion says
    }
  }
  assert.deepEqual(
    fixed,
    [],
    `fixed, so remove from EXCLUSIONS in fuzz/exclusions.ts: ${fixed.join(", ")}`,
  );
});

Deno.test("fuzz regressions: every bug exclusion has a regression case", () => {
  const ids = new Set(REGRESSIONS.map((r) => r.id));
  const missing = Object.entries(EXCLUSIONS)
    .filter(([name, e]) => e.kind === "bug" && !ids.has(name))
    .map(([name]) => name);
  assert.deepEqual(missing, []);
});
