// Copyright 2026 the npy authors. MIT license.
// An esbuild plugin that bundles the npm packages the sources import (pako)
// from Deno's npm cache, for the browser test and the web page.

import type * as esbuild from "esbuild";
import { localGraph } from "./_graph.ts";
import { cachedPackages, npmImports, npmSpec } from "./_npm.ts";

const ROOT = new URL("../", import.meta.url);

/**
 * Resolves the npm packages that the modules reachable from `entries`
 * (paths from the repository root) import (as `npm:` specifiers or
 * through deno.json's "imports") from Deno's npm cache, through a scratch
 * `node_modules` copied from it.
 */
export async function npmResolver(entries: readonly string[]): Promise<esbuild.Plugin> {
  const deno = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  const files = await localGraph(entries.map((p) => new URL(p, ROOT)));
  const found = npmImports(files, deno.imports ?? {});
  const scratch = await Deno.makeTempDir({ prefix: "npy-esbuild-" });
  addEventListener("unload", () => Deno.removeSync(scratch, { recursive: true }));
  const { all } = await cachedPackages([...new Set(found.values())], scratch);
  for (const p of all) {
    const copy = `${scratch}/node_modules/${p.name}`;
    await Deno.mkdir(copy.slice(0, copy.lastIndexOf("/")), { recursive: true });
    // Two versions of one package: the first wins.
    if (await Deno.lstat(copy).catch(() => null)) continue;
    const cp = await new Deno.Command("cp", { args: ["-R", p.dir, copy] }).output();
    if (!cp.success) throw new Error(`cp -R ${p.dir} ${copy} failed`);
  }
  return {
    name: "npm-from-deno-cache",
    setup(build) {
      build.initialOptions.nodePaths = [`${scratch}/node_modules`];
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const target = found.get(args.path);
        if (!target || args.pluginData === "inner") return undefined;
        return build.resolve(npmSpec(target).bare, {
          kind: args.kind,
          resolveDir: scratch,
          pluginData: "inner",
        });
      });
    },
  };
}
