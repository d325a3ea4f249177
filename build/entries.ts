// Copyright 2026 the npy authors. MIT license.

/**
 * The one place that names the command line's entry: the npm package's `npy`
 * bin (`build/npm.ts`) and the single binary of `deno task compile`
 * (`build/compile.ts`) both take it from here.
 *
 * @module
 */

/** The `npy` command's entry module, relative to the repository root. */
export const CLI_ENTRY = "cli/main.ts";
