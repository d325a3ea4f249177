// Copyright 2026 the npy authors. MIT license.
// The pickle fuzz properties (see properties.ts), a few runs each.

import { registerGroup } from "./_register.ts";

await registerGroup("pickle-");
