// Copyright 2026 the npy authors. MIT license.

/**
 * File access for `.npy` files, on Deno, Node and Bun (through `node:fs`):
 * {@linkcode load} and {@linkcode save} whole arrays (atomically),
 * {@linkcode openNpy} to read only the rows you need, and
 * {@linkcode createNpyWriter} to append rows to a file larger than memory;
 * {@linkcode openNpz}, {@linkcode loadNpz} and {@linkcode loadAny} (`np.load`) for `.npz` archives.
 * The core (`@npy/npy`) needs none of this and runs in browsers.
 *
 * @example Save and load an array
 * ```ts
 * import { loadSync, saveSync } from "@npy/npy/fs";
 * import assert from "node:assert/strict";
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const path = join(mkdtempSync(join(tmpdir(), "npy-")), "a.npy");
 * saveSync(path, { dtype: "<i2", shape: [3], data: new Int16Array([1, 2, 3]) });
 * assert.deepEqual(loadSync(path).data, new Int16Array([1, 2, 3]));
 * ```
 *
 * @module
 */

export * from "./file.ts";
export * from "./writer.ts";
export * from "./npz.ts";
export * from "./npz_writer.ts";
