// Copyright 2026 the npy authors. MIT license.
// The encode-pickle fuzz properties (see pickle_encode.ts), a few runs each.

import { registerGroup } from "./_register.ts";
import { closeNumpy1Oracle, numpy1Oracle, PICKLE_ENCODE_PROPERTIES } from "./pickle_encode.ts";
import { runProperty } from "./run.ts";
import type { Oracle } from "./oracle.ts";

await registerGroup("encode-pickle-numpy2");

// numpy 1.x lives at /usr/bin/python3 (Debian's python3-numpy), if at all.
const numpy1 = await numpy1Oracle();
if (typeof numpy1 === "string") {
  console.error(
    `\n!!! fuzz: no numpy 1.x oracle (${numpy1}).\n!!! encode-pickle-numpy1 is IGNORED, not passed.\n`,
  );
}
const p = PICKLE_ENCODE_PROPERTIES.find((x) => x.id === "encode-pickle-numpy1")!;
Deno.test({
  name: `fuzz ${p.id}: ${p.title}${typeof numpy1 === "string" ? " (skipped: no numpy 1.x)" : ""}`,
  ignore: typeof numpy1 === "string",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const r = await runProperty(p, { oracle: numpy1 as Oracle }, {
      numRuns: p.testRuns,
      seed: 20260101,
      saveDir: "/tmp/npy-fuzz",
    });
    if (r.failed) throw new Error(`${r.report}\nreplay: ${r.replay}`);
  },
});

Deno.test({
  name: "fuzz: stop the numpy 1.x oracle",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: closeNumpy1Oracle,
});
