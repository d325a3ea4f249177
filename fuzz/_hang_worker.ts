// Copyright 2026 the npy authors. MIT license.
// Runs decode() on a file in a worker, so a caller can time it out.

import { decode, NpyError } from "../mod.ts";

self.onmessage = (e: MessageEvent<Uint8Array>) => {
  try {
    decode(e.data);
    self.postMessage({ ok: true });
  } catch (err) {
    self.postMessage({
      ok: false,
      code: err instanceof NpyError ? err.code : `${(err as Error)?.constructor?.name}`,
    });
  }
};
