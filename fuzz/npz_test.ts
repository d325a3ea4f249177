// Copyright 2026 the npy authors. MIT license.
// The .npz fuzz properties (see npz_properties.ts), a few runs each.

import { registerGroup } from "./_register.ts";

await registerGroup("npz-");
