// Copyright 2026 the npy authors. MIT license.

/**
 * The `npy` command line: `show`, `roundtrip` and `validate`. It runs on
 * Deno, Node and Bun (node: APIs only); paths are taken relative to where
 * the user stands and `-` reads standard input.
 *
 * ```sh
 * npy show [--json | --repr] [--max-header-size N] [--allow-pickle [--encoding E]] FILE...
 * npy roundtrip --out-dir DIR [--max-header-size N] [--allow-pickle [--pickle-format F]] FILE...
 * npy validate [--json] [--max-header-size N] FILE|DIR...
 * ```
 *
 * @module
 */

import { statSync } from "node:fs";
import { basename, join } from "node:path";
import { decode, type DecodeOptions } from "../codec/decode.ts";
import { encode } from "../codec/encode.ts";
import { stringifyJson } from "../codec/json.ts";
import type { PickleFormat } from "../pickle/pickle.ts";
import type { NpyArray } from "../codec/types.ts";
import { sniff } from "../zip/load_any.ts";
import { openNpz } from "../zip/npz_file.ts";
import { writeFileAtomic } from "../fs/_atomic.ts";
import { type CliIo, defaultIo, errorMessage, isMain, readInput, resolvePath, run } from "./_io.ts";
import { showFile } from "./_show.ts";

export type { CliIo } from "./_io.ts";

/** The usage text printed on bad usage. */
export const USAGE: string = `usage:
  npy show [--json | --repr] [--max-header-size N] [--allow-pickle [--encoding E]] FILE...
      Print each file's version, descr, fortran_order and shape, then the
      array as numpy's print(np.load(FILE)) does (only the printed elements
      are read); --repr as repr(np.load(FILE)) does. --json prints one JSON
      object per file (JSON Lines) with all the values. For an .npz archive,
      each member's (JSON objects with "member").
      --allow-pickle reads object arrays with the safe unpickler (no code runs);
      --encoding ASCII|latin1|bytes reads Python 2 strings (numpy's encoding=).
  npy roundtrip --out-dir DIR [--max-header-size N] [--allow-pickle [--pickle-format F]] FILE...
      Decode each file and encode it again into DIR under the same name.
      --allow-pickle reads and writes object arrays (a pickle, as numpy's
      allow_pickle=True); --pickle-format numpy2 (default) or numpy1.
  npy validate [--json] [--max-header-size N] FILE|DIR...
      Check files (directories are walked for *.npy) against numpy's rules.

FILE - reads standard input. Relative paths are taken from where you stand.
exit status: 0 all files fine, 1 a file was refused, 2 bad usage`;

class UsageError extends Error {}

interface Parsed {
  flags: Map<string, string | true>;
  files: string[];
}

function parseArgs(args: string[], valued: string[], bools: string[]): Parsed {
  const flags = new Map<string, string | true>();
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      files.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (valued.includes(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined) throw new UsageError(`--${name} needs a value`);
        flags.set(name, v);
      } else if (bools.includes(name) && eq < 0) {
        flags.set(name, true);
      } else {
        throw new UsageError(`unknown option ${a}`);
      }
    } else {
      files.push(a);
    }
  }
  if (files.length === 0) throw new UsageError("no FILE given");
  return { flags, files };
}

function maxHeaderSize(p: Parsed): number | undefined {
  const v = p.flags.get("max-header-size");
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== "string" || !/^\d+$/.test(v) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--max-header-size takes a non-negative integer, got ${v}`);
  }
  return n;
}

const message = errorMessage;

// The other commands' modules are imported when used: what a module creates
// when it loads stays alive, and for show --json of a large file those
// survivors made V8 double its young generation (2 -> 4 MiB semi-spaces,
// +3 MB RSS).
async function show(p: Parsed, io: CliIo): Promise<number> {
  const json = p.flags.get("json") === true;
  const maxHeader = maxHeaderSize(p);
  const allowPickle = p.flags.get("allow-pickle") === true;
  const encoding = p.flags.get("encoding") as DecodeOptions["encoding"] | undefined;
  let status = 0;
  for (const file of p.files) {
    try {
      status = Math.max(
        status,
        await showFile(
          file,
          {
            json,
            maxHeaderSize: maxHeader,
            repr: p.flags.get("repr") === true,
            allowPickle,
            encoding,
          },
          io,
        ),
      );
    } catch (e) {
      status = 1;
      if (json) io.out(stringifyJson({ file, error: message(e) }));
      else io.err(`error: ${file}: ${message(e)}`);
    }
  }
  return status;
}

/** Options of {@linkcode roundtripBytes}. */
interface RoundtripOptions {
  maxHeaderSize: number | undefined;
  allowPickle: boolean;
  pickleFormat: PickleFormat | undefined;
}

/** The .npz writer, loaded when first used (see show()). */
// Outside the function with `await using`: tsc leaves ".ts" in a dynamic import there.
const npzWriter = () => import("../zip/npz_writer.ts");

/** What numpy's re-save of a file's contents writes: np.save, or np.savez for an archive. */
async function roundtripBytes(bytes: Uint8Array, o: RoundtripOptions): Promise<Uint8Array> {
  if (sniff(bytes.subarray(0, 6)) !== "npz") {
    return encode(decode(bytes, o), o);
  }
  await using npz = await openNpz(bytes, o);
  const members: [string, Uint8Array | NpyArray][] = [];
  for (const m of npz.members) members.push([m.key, await npz.get(m.name)]);
  const { resaveNpz } = await npzWriter();
  return resaveNpz(members, {
    ...o,
    compress: npz.members.some((m) => m.compression !== "stored"),
  });
}

async function roundtrip(p: Parsed, io: CliIo): Promise<number> {
  const dir = p.flags.get("out-dir");
  if (typeof dir !== "string") throw new UsageError("roundtrip needs --out-dir DIR");
  if (p.files.includes("-")) {
    throw new UsageError("roundtrip writes DIR/NAME for each FILE: it cannot read - (stdin)");
  }
  const maxHeader = maxHeaderSize(p);
  const outDir = resolvePath(dir);
  try {
    if (!statSync(outDir).isDirectory()) {
      io.err(`error: --out-dir ${dir}: not a directory`);
      return 1;
    }
  } catch (e) {
    io.err(`error: --out-dir ${dir}: ${message(e)}`);
    return 1;
  }
  let status = 0;
  for (const file of p.files) {
    let bytes: Uint8Array;
    try {
      bytes = await roundtripBytes(readInput(file), {
        maxHeaderSize: maxHeader,
        allowPickle: p.flags.get("allow-pickle") === true,
        pickleFormat: p.flags.get("pickle-format") as PickleFormat | undefined,
      });
    } catch (e) {
      status = 1;
      io.err(`error: ${file}: ${message(e)}`);
      continue;
    }
    const target = join(dir, basename(file));
    try {
      writeFileAtomic(join(outDir, basename(file)), bytes);
    } catch (e) {
      status = 1;
      io.err(`error: ${target}: cannot write into --out-dir ${dir}: ${message(e)}`);
    }
  }
  return status;
}

/**
 * Runs the command line with the given arguments and returns the exit
 * status.
 *
 * @example
 * ```ts
 * import { main } from "./main.ts";
 * import assert from "node:assert/strict";
 *
 * const lines: string[] = [];
 * const status = await main(["frobnicate"], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
 * assert.equal(status, 2);
 * ```
 *
 * @param args The arguments after the program name.
 * @param io Where output goes.
 * @returns The exit status: 0 fine, 1 a file was refused, 2 bad usage.
 */
export async function main(args: string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "show":
        return await show(
          parseArgs(rest, ["max-header-size", "encoding"], ["json", "repr", "allow-pickle"]),
          io,
        );
      case "roundtrip":
        return await roundtrip(
          parseArgs(rest, ["out-dir", "max-header-size", "pickle-format"], ["allow-pickle"]),
          io,
        );
      case "validate": {
        const p = parseArgs(rest, ["max-header-size"], ["json"]);
        const { validateCli } = await import("./validate.ts"); // loaded when used (see show())
        return validateCli(p.files, {
          json: p.flags.get("json") === true,
          maxHeaderSize: maxHeaderSize(p),
        }, io);
      }
      case "-h":
      case "--help":
      case "help":
        io.out(USAGE);
        return Promise.resolve(0);
      default:
        throw new UsageError(command ? `unknown command ${command}` : "no command given");
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}`);
      io.err(USAGE);
      return Promise.resolve(2);
    }
    throw e;
  }
}

if (isMain(import.meta)) await run((args) => main(args));
