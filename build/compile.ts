// Copyright 2026 the npy authors. MIT license.

/**
 * Builds the `npy` command as one self-contained binary, `dist/npy`, with
 * `deno compile` from {@linkcode CLI_ENTRY}. The binary may read and write
 * files (what `show`, `roundtrip` and `validate` need) and nothing else.
 *
 * ```sh
 * deno task compile            # then: dist/npy show FILE
 * deno task compile --target aarch64-apple-darwin --output dist/npy-macos
 * ```
 *
 * Extra arguments go to `deno compile` before the entry.
 *
 * @module
 */

import { CLI_ENTRY } from "./entries.ts";

const root = new URL("../", import.meta.url).pathname;
const extra = Deno.args;
const output = extra.includes("--output") || extra.includes("-o") ? [] : ["--output", "dist/npy"];
const args = ["compile", "--allow-read", "--allow-write", ...output, ...extra, CLI_ENTRY];
console.log(`deno ${args.join(" ")}`);
const { code } = await new Deno.Command(Deno.execPath(), { args, cwd: root }).spawn().status;
Deno.exit(code);
