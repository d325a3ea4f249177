// Copyright 2026 the npy authors. MIT license.
// Builds the page into a folder any static host can serve: index.html,
// style.css, and app.js + worker.js (the core bundled by esbuild).
//
//   deno task build:web [outdir]     (default dist/web)

import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { npmResolver } from "../build/_esbuild_npm.ts";

/** Builds the page into `outdir` and returns the files written with their sizes. */
export async function buildWeb(outdir = "dist/web"): Promise<Record<string, number>> {
  mkdirSync(outdir, { recursive: true });
  const here = new URL(".", import.meta.url).pathname;
  const result = await esbuild.build({
    plugins: [await npmResolver(["web/app.ts", "web/worker.ts"])],
    entryPoints: { app: `${here}app.ts`, worker: `${here}worker.ts` },
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    sourcemap: "linked",
    outdir,
    metafile: true,
    logLevel: "warning",
  });
  await esbuild.stop();
  copyFileSync(`${here}index.html`, `${outdir}/index.html`);
  copyFileSync(`${here}style.css`, `${outdir}/style.css`);
  const sizes: Record<string, number> = {};
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith(".map")) sizes[file] = info.bytes;
  }
  return sizes;
}

if (import.meta.main) {
  const outdir = Deno.args[0] ?? "dist/web";
  const sizes = await buildWeb(outdir);
  for (const [file, n] of Object.entries(sizes)) console.log(`${file}  ${n} bytes`);
  console.log(`built ${outdir}/ (index.html, style.css, app.js, worker.js)`);
}
