// Copyright 2026 the npy authors. MIT license.
// The .npz writing fuzz property (see npz_write.ts), a few runs.

import { registerGroup } from "./_register.ts";

await registerGroup("npz-write-");
