// Copyright 2026 the npy authors. MIT license.
// The header fuzz properties (see properties.ts), a few runs each.

import { registerGroup } from "./_register.ts";

await registerGroup("header-");
