// Copyright 2026 the npy authors. MIT license.

/**
 * Builds the npm package into `dist/npm/`: ESM + `.d.ts` compiled by tsc
 * from the modules the entries reach (tests, benches, fuzz and vectors are
 * never reached), and a `package.json` whose `exports` follow `deno.json`'s,
 * whose `bin` is {@linkcode CLI_ENTRY}, and whose `dependencies` are the
 * `npm:` specifiers the sources import (rewritten to bare names).
 *
 * ```sh
 * deno task build:npm
 * ```
 *
 * @module
 */

import ts from "npm:typescript@5.9.3";
import { CLI_ENTRY } from "./entries.ts";
import { localGraph, usesDeno } from "./_graph.ts";
import { cachedPackages, npmImports, npmSpec } from "./_npm.ts";

/** The `@types/node` the fs module is compiled against (Node 20's). */
const NODE_TYPES = "@types/node@20.19.43";
/** The oldest Node the package supports. */
const NODE_ENGINE = ">=18";

const ROOT = new URL("../", import.meta.url);
const OUT = new URL("dist/npm/", ROOT);
const STAGE = new URL("dist/.npm-stage/", ROOT);

interface DenoJson {
  name: string;
  version: string;
  license: string;
  exports: Record<string, string>;
  imports?: Record<string, string>;
}

/** Every file under a directory. */
async function* walk(dir: URL): AsyncGenerator<string> {
  for await (const e of Deno.readDir(dir)) {
    const url = new URL(e.name + (e.isDirectory ? "/" : ""), dir);
    if (e.isDirectory) yield* walk(url);
    else yield url.pathname;
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const deno: DenoJson = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  // The CLI becomes the bin only once it runs on Node (no Deno.* anywhere it reaches).
  const cliSources = await localGraph([new URL(CLI_ENTRY, ROOT)]);
  const denoOnly = [...cliSources].filter(([, text]) => usesDeno(text)).map(([h]) => h);
  const withBin = denoOnly.length === 0;
  const entries = [...Object.values(deno.exports), ...(withBin ? [CLI_ENTRY] : [])];
  const files = await localGraph(entries.map((p) => new URL(p, ROOT)));

  // Stage the sources with npm: specifiers rewritten to bare package names.
  await Deno.remove(STAGE, { recursive: true }).catch(() => {});
  await Deno.remove(OUT, { recursive: true }).catch(() => {});
  const found = npmImports(files, deno.imports ?? {});
  const dependencies: Record<string, string> = {};
  for (const target of found.values()) {
    const { name, range } = npmSpec(target);
    if (dependencies[name] && dependencies[name] !== range) {
      throw new Error(`${name} is imported at both ${dependencies[name]} and ${range}`);
    }
    dependencies[name] = range;
  }
  const staged: string[] = [];
  for (const [href, text] of files) {
    let code = text;
    for (const [written, target] of found) {
      code = code.replaceAll(`"${written}"`, `"${npmSpec(target).bare}"`);
    }
    const rel = href.slice(ROOT.href.length);
    const dest = new URL(rel, STAGE);
    await Deno.mkdir(new URL(".", dest), { recursive: true });
    await Deno.writeTextFile(dest, code);
    staged.push(dest.pathname);
  }

  // Types of node: and of the npm dependencies come from Deno's npm cache.
  const nodeTypes = `npm:${NODE_TYPES}`;
  const cached = await cachedPackages([nodeTypes, ...found.values()], STAGE.pathname);
  const paths: Record<string, string[]> = {};
  for (const [spec, p] of cached.roots) {
    if (spec === nodeTypes) continue;
    paths[p.name] = [p.dir];
    paths[`${p.name}/*`] = [`${p.dir}/*`];
  }

  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2024.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    types: [],
    paths,
    rewriteRelativeImportExtensions: true,
    declaration: true,
    strict: true,
    noImplicitReturns: true,
    noFallthroughCasesInSwitch: true,
    skipLibCheck: true,
    removeComments: false,
    rootDir: STAGE.pathname,
    outDir: OUT.pathname,
    newLine: ts.NewLineKind.LineFeed,
  };
  const nodeIndex = `${cached.roots.get(nodeTypes)!.dir}/index.d.ts`;
  const program = ts.createProgram([...staged, nodeIndex], options);
  const emitted = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  if (diagnostics.length > 0) {
    console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => STAGE.pathname,
      getNewLine: () => "\n",
    }));
    throw new Error(`tsc reported ${diagnostics.length} problem(s)`);
  }

  // tsc keeps ".ts" in declaration files' imports: point them at the ".d.ts" beside each ".js".
  for await (const path of walk(OUT)) {
    if (!path.endsWith(".d.ts")) continue;
    const text = await Deno.readTextFile(path);
    const fixed = text.replace(/((?:from|import)\s*\(?\s*")(\.{1,2}\/[^"]+)\.ts"/g, '$1$2.js"');
    if (fixed !== text) await Deno.writeTextFile(path, fixed);
  }

  // package.json: exports with types for every subpath, the bin, the engines.
  const js = (p: string) => "./" + p.replace(/^\.\//, "").replace(/\.ts$/, ".js");
  const dts = (p: string) => "./" + p.replace(/^\.\//, "").replace(/\.ts$/, ".d.ts");
  const exports: Record<string, { types: string; default: string }> = {};
  for (const [sub, path] of Object.entries(deno.exports)) {
    exports[sub] = { types: dts(path), default: js(path) };
  }
  const pkg: Record<string, unknown> = {
    name: deno.name,
    version: deno.version,
    description: "A reference codec, validator and fuzzing harness for NumPy's .npy format",
    license: deno.license,
    type: "module",
    sideEffects: false,
    exports,
    engines: { node: NODE_ENGINE },
    ...(Object.keys(dependencies).length > 0 ? { dependencies } : {}),
  };
  if (withBin) {
    const bin = new URL(js(CLI_ENTRY), OUT);
    const text = await Deno.readTextFile(bin);
    if (!text.startsWith("#!")) await Deno.writeTextFile(bin, "#!/usr/bin/env node\n" + text);
    await Deno.chmod(bin, 0o755);
    pkg.bin = { npy: js(CLI_ENTRY) };
  } else {
    console.warn(
      `build:npm: no "bin" in package.json: the CLI entry ${CLI_ENTRY} uses Deno.* in ` +
        denoOnly.map((h) => h.slice(ROOT.href.length)).join(", "),
    );
  }
  await Deno.writeTextFile(new URL("package.json", OUT), JSON.stringify(pkg, null, 2) + "\n");
  for (const f of ["LICENSE", "README.md"]) {
    await Deno.copyFile(new URL(f, ROOT), new URL(f, OUT));
  }
  await Deno.remove(STAGE, { recursive: true });
  const ms = Math.round(performance.now() - started);
  console.log(`build:npm: ${files.size} modules -> dist/npm/ (${ms} ms)`);
}

if (import.meta.main) await main();
