// Copyright 2026 the npy authors. MIT license.
// The roundtrip fuzz properties (see properties.ts), a few runs each.

import { registerGroup } from "./_register.ts";

await registerGroup("roundtrip-");
