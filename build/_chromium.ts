// Copyright 2026 the npy authors. MIT license.
// The headless Chromium the browser checks drive (build/browser_check.ts,
// web/browser_test.ts): Debian's, or the one NPY_CHROMIUM (or CHROMIUM)
// names, and the flags that keep it offline and quiet.

/** The Chromium binary. */
export const CHROMIUM: string = Deno.env.get("NPY_CHROMIUM") ?? Deno.env.get("CHROMIUM") ??
  "/usr/bin/chromium";

/** Headless, no sandbox or GPU, and no traffic of its own (updates, sync, QUIC probes). */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
