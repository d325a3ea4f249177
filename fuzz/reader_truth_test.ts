// Copyright 2026 the npy authors. MIT license.
// The reader-truth fuzz property (see reader_truth.ts), a few runs each.

import { registerGroup } from "./_register.ts";

await registerGroup("readers-");
