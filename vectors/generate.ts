// Copyright 2026 the npy authors. MIT license.

/**
 * `deno task vectors`: builds the conformance vectors with
 * `vectors/generate.py`, under Pyodide inside Deno (the default) or under the
 * local `python3`, and either installs them into `vectors/` or, with
 * `--check`, compares a fresh build with the committed one byte for byte.
 *
 * ```sh
 * deno task vectors [--engine pyodide|python] [--numpy-wheel PATH] [--out DIR] [--check]
 * ```
 *
 * @module
 */

import { loadPyodide, version as pyodideVersion } from "pyodide";
import { isAbsolute, join, relative, resolve } from "node:path";

/** Which Python runs `generate.py`. */
export type Engine = "pyodide" | "python";

/** The command line of `deno task vectors`. */
export interface Options {
  /** Which Python runs the generator; default `"pyodide"`. */
  engine: Engine;
  /** A local numpy wheel for Pyodide, instead of fetching it from the CDN. */
  numpyWheel: string | undefined;
  /** The vectors directory to write, or with `check` to compare against. */
  out: string;
  /** Compare a fresh build with `out` instead of writing it. */
  check: boolean;
}

/** One entry of `manifest.json`, as far as the check needs to know it. */
export interface CheckedEntry {
  /** Path of the vector, relative to the manifest. */
  file: string;
  /** Whether the file's meaning depends on the platform (longdouble). */
  platform: boolean;
  /** Fields known to differ between engines, and why. */
  engine_dependent?: { fields: string[]; why: string };
  /** Every other field. */
  [field: string]: unknown;
}

/** What `compareVectors()` found. */
export interface CheckReport {
  /** Differences that fail the check, one line each. */
  failures: string[];
  /** Differences that are expected and only reported (engine, platform). */
  info: string[];
  /** How many vectors were compared. */
  compared: number;
  /** How many vectors were skipped because the platforms differ. */
  skipped: number;
}

const USAGE =
  "usage: deno task vectors [--engine pyodide|python] [--numpy-wheel PATH] [--out DIR] [--check]";
const MANIFEST = "manifest.json";
const FILES = "files";
const GENERATOR = new URL("./generate.py", import.meta.url);

/**
 * Parses the command line.
 *
 * @param args The arguments after the script name.
 * @returns The options, with defaults filled in.
 * @throws {Error} On an unknown or incomplete argument.
 */
export function parseArgs(args: readonly string[]): Options {
  const options: Options = {
    engine: "pyodide",
    numpyWheel: undefined,
    out: "vectors",
    check: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === "") throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case "--engine": {
        const engine = value();
        if (engine !== "pyodide" && engine !== "python") {
          throw new Error(`--engine must be pyodide or python, not ${engine}\n${USAGE}`);
        }
        options.engine = engine;
        break;
      }
      case "--numpy-wheel":
        options.numpyWheel = value();
        break;
      case "--out":
        options.out = value();
        break;
      case "--check":
        options.check = true;
        break;
      case "--help":
      case "-h":
        throw new Error(USAGE);
      default:
        throw new Error(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  if (options.numpyWheel !== undefined && options.engine !== "pyodide") {
    throw new Error("--numpy-wheel only applies to --engine pyodide");
  }
  return options;
}

/** Runs `python3 vectors/generate.py --out DIR`. */
async function runPython(outDir: string): Promise<void> {
  const { code } = await new Deno.Command("python3", {
    args: [GENERATOR.pathname, "--out", outDir],
    stdin: "null",
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (code !== 0) throw new Error(`python3 generate.py exited with code ${code}`);
}

function numpyHelp(detail: string): string {
  return [
    `numpy could not be loaded into Pyodide ${pyodideVersion}: ${detail}`,
    "Get numpy one of these ways:",
    "  - online: Pyodide fetches numpy from its CDN (cdn.jsdelivr.net) when the network is there;",
    "  - offline: --numpy-wheel PATH, the Pyodide numpy wheel",
    "    (numpy-2.4.3-cp314-cp314-pyemscripten_2026_0_wasm32.whl for Pyodide 314.0.1);",
    "  - or run the generator under the local CPython: --engine python.",
  ].join("\n");
}

/** Copies a directory tree out of Pyodide's virtual file system. */
function copyOut(
  fs: {
    readdir(path: string): string[];
    stat(path: string): { mode: number };
    isDir(mode: number): boolean;
    readFile(path: string): Uint8Array;
  },
  from: string,
  to: string,
): number {
  Deno.mkdirSync(to, { recursive: true });
  let count = 0;
  for (const name of fs.readdir(from)) {
    if (name === "." || name === "..") continue;
    const path = `${from}/${name}`;
    if (fs.isDir(fs.stat(path).mode)) {
      count += copyOut(fs, path, join(to, name));
    } else {
      Deno.writeFileSync(join(to, name), fs.readFile(path));
      count++;
    }
  }
  return count;
}

/** Boots Pyodide, loads numpy and runs `generate.py` with its output in MEMFS. */
async function runPyodide(
  outDir: string,
  wheel: string | undefined,
  cacheDir: string,
): Promise<void> {
  const pyodide = await loadPyodide({
    packageCacheDir: cacheDir,
    stdout: (line: string) => console.log(line),
    stderr: (line: string) => console.error(line),
  });
  const log: string[] = [];
  const target = wheel === undefined ? "numpy" : resolve(wheel);
  if (wheel !== undefined) {
    try {
      Deno.statSync(target);
    } catch (e) {
      throw new Error(numpyHelp(`cannot read --numpy-wheel ${wheel}: ${(e as Error).message}`));
    }
  }
  try {
    await pyodide.loadPackage(target, {
      messageCallback: (m: string) => log.push(m),
      errorCallback: (m: string) => log.push(m),
    });
  } catch (e) {
    log.push((e as Error).message);
  }
  try {
    pyodide.runPython("import numpy");
  } catch {
    throw new Error(numpyHelp(log.join("; ") || "import numpy failed"));
  }
  pyodide.FS.mkdirTree("/npy/vectors");
  pyodide.FS.writeFile("/npy/vectors/generate.py", await Deno.readFile(GENERATOR));
  // The modules generate.py imports: vectors/gen_<topic>.py.
  for (const e of Deno.readDirSync(new URL(".", GENERATOR))) {
    if (/^gen_\w+\.py$/.test(e.name)) {
      pyodide.FS.writeFile(
        `/npy/vectors/${e.name}`,
        await Deno.readFile(new URL(e.name, GENERATOR)),
      );
    }
  }
  try {
    pyodide.runPython(
      "import sys\n" +
        "sys.path.insert(0, '/npy/vectors')\n" +
        "import generate\n" +
        "generate.main(['--out', '/npy/out'])\n",
    );
  } catch (e) {
    throw new Error(`generate.py failed under Pyodide:\n${(e as Error).message}`);
  }
  copyOut(pyodide.FS, "/npy/out", outDir);
}

function readManifest(dir: string): { top: Record<string, unknown>; entries: CheckedEntry[] } {
  const manifest = JSON.parse(Deno.readTextFileSync(join(dir, MANIFEST))) as Record<
    string,
    unknown
  >;
  const { vectors, ...top } = manifest;
  return { top, entries: vectors as CheckedEntry[] };
}

/** JSON with object keys sorted, so that equal values print equally. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const obj = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, obj[k]]));
  });
}

function short(value: unknown): string {
  const text = stable(value) ?? "undefined";
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const e of Deno.readDirSync(path)) {
      const p = join(path, e.name);
      if (e.isDirectory) walk(p);
      else out.push(p);
    }
  };
  try {
    walk(dir);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return out.sort();
}

/**
 * Compares freshly generated vectors with committed ones: every file and
 * every manifest entry, byte for byte. Manifest top-level fields that name
 * the engine (engine, numpy, Python, Pyodide version, platform) are reported
 * as info. Entries marked `platform` are only compared when both manifests
 * were made on the same platform.
 *
 * @param committedDir The directory holding the committed `manifest.json` and `files/`.
 * @param generatedDir The directory of a fresh build.
 * @returns The differences found.
 */
export function compareVectors(committedDir: string, generatedDir: string): CheckReport {
  const report: CheckReport = { failures: [], info: [], compared: 0, skipped: 0 };
  const committed = readManifest(committedDir);
  const generated = readManifest(generatedDir);

  const topKeys = [...new Set([...Object.keys(committed.top), ...Object.keys(generated.top)])]
    .sort();
  const sameOrigin = topKeys.every((k) => stable(committed.top[k]) === stable(generated.top[k]));
  for (const key of topKeys) {
    if (stable(committed.top[key]) !== stable(generated.top[key])) {
      report.info.push(
        `manifest ${key}: committed ${short(committed.top[key])}, generated ${
          short(generated.top[key])
        }`,
      );
    }
  }
  const samePlatform = committed.top.platform === generated.top.platform;

  if (sameOrigin) {
    const a = Deno.readFileSync(join(committedDir, MANIFEST));
    const b = Deno.readFileSync(join(generatedDir, MANIFEST));
    if (!bytesEqual(a, b)) report.failures.push(`${MANIFEST}: bytes differ`);
  }

  const byFile = new Map(generated.entries.map((e) => [e.file, e]));
  const seen = new Set<string>();
  for (const entry of committed.entries) {
    seen.add(entry.file);
    const fresh = byFile.get(entry.file);
    if (fresh === undefined) {
      report.failures.push(`${entry.file}: in the committed manifest, not generated`);
      continue;
    }
    if ((entry.platform || fresh.platform) && !samePlatform) {
      report.skipped++;
      report.info.push(
        `${entry.file}: platform-dependent, not compared (${committed.top.platform} vs ${generated.top.platform})`,
      );
      continue;
    }
    report.compared++;
    // Fields the committed manifest says may differ between engines.
    const known = new Set(sameOrigin ? [] : entry.engine_dependent?.fields ?? []);
    const fields = [...new Set([...Object.keys(entry), ...Object.keys(fresh)])].sort();
    for (const field of fields) {
      if (stable(entry[field]) !== stable(fresh[field])) {
        const line = `${entry.file}: ${field} differs: committed ${short(entry[field])}, ` +
          `generated ${short(fresh[field])}`;
        if (known.has(field)) report.info.push(`${line} (engine-dependent, as the manifest says)`);
        else report.failures.push(line);
      }
    }
    let a: Uint8Array | undefined;
    try {
      a = Deno.readFileSync(join(committedDir, entry.file));
    } catch {
      report.failures.push(`${entry.file}: missing from ${committedDir}`);
    }
    const b = Deno.readFileSync(join(generatedDir, fresh.file));
    if (a !== undefined && !bytesEqual(a, b)) {
      const line =
        `${entry.file}: file bytes differ (${a.length} committed, ${b.length} generated)`;
      if (known.has("sha256")) report.info.push(`${line} (engine-dependent, as the manifest says)`);
      else report.failures.push(line);
    }
  }
  for (const entry of generated.entries) {
    if (!seen.has(entry.file)) {
      report.failures.push(`${entry.file}: generated, not in the committed manifest`);
    }
  }
  const listed = new Set(committed.entries.map((e) => e.file));
  for (const path of listFiles(join(committedDir, FILES))) {
    const rel = relative(committedDir, path).split("\\").join("/");
    if (!listed.has(rel)) {
      report.failures.push(`${rel}: a file the committed manifest does not list`);
    }
  }
  return report;
}

/** Replaces `files/` and `manifest.json` in `outDir` with those of `fromDir`. */
function install(fromDir: string, outDir: string): void {
  Deno.mkdirSync(outDir, { recursive: true });
  try {
    Deno.removeSync(join(outDir, FILES), { recursive: true });
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  Deno.mkdirSync(join(outDir, FILES));
  for (const path of listFiles(join(fromDir, FILES))) {
    Deno.copyFileSync(path, join(outDir, FILES, relative(join(fromDir, FILES), path)));
  }
  Deno.copyFileSync(join(fromDir, MANIFEST), join(outDir, MANIFEST));
}

/**
 * Runs `deno task vectors`.
 *
 * @param args The command line arguments.
 * @returns The process exit code.
 */
export async function main(args: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(args);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const work = await Deno.makeTempDir({ dir: "/tmp", prefix: "npy-vectors-" });
  const genDir = join(work, "out");
  try {
    if (options.engine === "python") {
      await runPython(genDir);
    } else {
      await runPyodide(genDir, options.numpyWheel, join(work, "packages"));
    }
    const out = isAbsolute(options.out) ? options.out : resolve(options.out);
    if (!options.check) {
      install(genDir, out);
      const { entries } = readManifest(out);
      console.error(`vectors: wrote ${entries.length} vectors and ${MANIFEST} to ${options.out}`);
      return 0;
    }
    const report = compareVectors(out, genDir);
    for (const line of report.info) console.log(`info: ${line}`);
    for (const line of report.failures) console.log(`DIFF: ${line}`);
    console.log(
      `vectors check (${options.engine}): ${report.compared} compared, ${report.failures.length} differences, ${report.skipped} skipped (platform)`,
    );
    return report.failures.length === 0 ? 0 : 1;
  } catch (e) {
    console.error(`vectors: ${(e as Error).message}`);
    return 1;
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
