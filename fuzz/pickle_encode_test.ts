// Copyright 2026 the npy authors. MIT license.
// The encode-pickle fuzz properties (see pickle_encode.ts), a few runs each.

import { registerGroup } from "./_register.ts";
import { closeNumpy1Oracle } from "./pickle_encode.ts";

await registerGroup("encode-pickle");

Deno.test({
  name: "fuzz: stop the numpy 1.x oracle",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: closeNumpy1Oracle,
});
