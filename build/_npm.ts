// Copyright 2026 the npy authors. MIT license.

import { specifiersOf } from "./_graph.ts";

/**
 * A bare specifier resolved by deno.json's "imports", as Deno does: an
 * exact key, a key ending in "/" that prefixes it, or (for npm: targets) a
 * key followed by a subpath.
 */
export function mapImport(imports: Record<string, string>, spec: string): string | undefined {
  if (imports[spec] !== undefined) return imports[spec];
  let best: string | undefined;
  for (const key of Object.keys(imports)) {
    const prefix = key.endsWith("/") ? key : imports[key].startsWith("npm:") ? key + "/" : null;
    if (prefix && spec.startsWith(prefix) && (!best || prefix.length > best.length)) best = key;
  }
  if (best === undefined) return undefined;
  const target = imports[best];
  const rest = spec.slice(best.endsWith("/") ? best.length : best.length + 1);
  return target.endsWith("/") ? target + rest : `${target}/${rest}`;
}

/** An `npm:name@range/sub/path` specifier split into the bare import and the dependency. */
export interface NpmSpec {
  /** What Node and bundlers import: `name/sub/path`. */
  bare: string;
  /** The package name. */
  name: string;
  /** The version range (`*` when none is given). */
  range: string;
}

/** Splits `npm:name@range/sub/path`. */
export function npmSpec(spec: string): NpmSpec {
  const m = /^npm:\/?((?:@[^/@]+\/)?[^/@]+)(?:@([^/]+))?(\/.*)?$/.exec(spec);
  if (!m) throw new Error(`cannot map ${spec} to an npm dependency`);
  return { bare: m[1] + (m[3] ?? ""), name: m[1], range: m[2] ?? "*" };
}

/**
 * The npm imports of the given modules: each specifier as written (an
 * `npm:` specifier, or a bare one that deno.json's "imports" maps to one)
 * with its `npm:` target. `node:` and relative imports are left out;
 * anything else is an error.
 */
export function npmImports(
  files: Map<string, string>,
  imports: Record<string, string>,
): Map<string, string> {
  const found = new Map<string, string>();
  for (const [href, text] of files) {
    for (const s of specifiersOf(text)) {
      if (s.startsWith(".") || s.startsWith("node:")) continue;
      const target = s.startsWith("npm:") ? s : mapImport(imports, s);
      if (!target?.startsWith("npm:")) {
        throw new Error(
          `${href} imports ${s}: only npm: (directly or via deno.json) and node: map`,
        );
      }
      found.set(s, target);
    }
  }
  return found;
}

/** A package in Deno's npm cache. */
export interface CachedPackage {
  /** The package name. */
  name: string;
  /** The version Deno resolved. */
  version: string;
  /** Its directory. */
  dir: string;
}

/**
 * Downloads the packages the `npm:` specifiers name into Deno's npm cache
 * (with their dependencies) and says where each is: `roots` by specifier,
 * `all` including the dependencies.
 */
export async function cachedPackages(
  specs: string[],
  probeDir: string,
): Promise<{ roots: Map<string, CachedPackage>; all: CachedPackage[] }> {
  if (specs.length === 0) return { roots: new Map(), all: [] };
  const probe = `${probeDir}/.npm-probe.ts`;
  await Deno.writeTextFile(probe, specs.map((s) => `import type {} from "${s}";\n`).join(""));
  try {
    const run = async (args: string[]) => {
      const out = await new Deno.Command(Deno.execPath(), { args, stdout: "piped" }).output();
      if (!out.success) throw new Error(`deno ${args.join(" ")} failed`);
      return new TextDecoder().decode(out.stdout);
    };
    await run(["cache", "--no-lock", "--quiet", probe]);
    const info = JSON.parse(await run(["info", "--json", "--no-lock", probe]));
    const pkg = (id: string): CachedPackage => {
      const p = info.npmPackages[id];
      return { name: p.name, version: p.version, dir: p.localPath };
    };
    const roots = new Map<string, CachedPackage>();
    for (const d of info.modules[0].dependencies) roots.set(d.specifier, pkg(d.npmPackage));
    return { roots, all: Object.keys(info.npmPackages).map(pkg) };
  } finally {
    await Deno.remove(probe);
  }
}
