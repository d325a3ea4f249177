// Copyright 2026 the npy authors. MIT license.

/**
 * The `npy` command line: `show`, `roundtrip` and `validate`.
 *
 * ```sh
 * deno task npy show [--json] [--max-header-size N] FILE...
 * deno task npy roundtrip --out-dir DIR [--max-header-size N] FILE...
 * deno task npy validate [--json] [--max-header-size N] FILE|DIR...
 * ```
 *
 * @module
 */

import { decode } from "../codec/decode.ts";
import { encode } from "../codec/encode.ts";
import { NpyError } from "../codec/errors.ts";
import { readHeader } from "../codec/header.ts";
import { type JsonValue, stringifyJson, toJsonValues } from "../codec/json.ts";
import { formatDescr } from "../codec/descr.ts";
import { writeFileAtomic } from "../fs/_atomic.ts";
import { readWholeSync } from "./_read_file.ts";
import { writeValuesJson } from "../codec/_json_writer.ts";
import { validateCli } from "./validate_cli.ts";

/** The usage text printed on bad usage. */
export const USAGE: string = `usage:
  npy show [--json] [--max-header-size N] FILE...
      Print each file's version, descr, fortran_order, shape and values.
      --json prints one JSON object per file (JSON Lines).
  npy roundtrip --out-dir DIR [--max-header-size N] FILE...
      Decode each file and encode it again into DIR under the same name.
  npy validate [--json] [--max-header-size N] FILE|DIR...
      Check files (directories are walked for *.npy) against numpy's rules.

exit status: 0 all files fine, 1 a file was refused, 2 bad usage`;

/** Output streams, replaceable in tests. */
export interface CliIo {
  /** Writes a line to standard output. */
  out(line: string): void;
  /** Writes a line to standard error. */
  err(line: string): void;
  /** Writes text to standard output as it comes (long output); without it, lines go to `out`. */
  write?(text: string): void;
}

const STDOUT_ENCODER = new TextEncoder();
// One buffer for all of `write`: a new one per piece would be garbage V8 frees late.
const STDOUT_BUFFER = new Uint8Array(1 << 18);

const defaultIo: CliIo = {
  out: (l) => console.log(l),
  err: (l) => console.error(l),
  write: (text) => {
    let rest = text;
    while (rest.length > 0) {
      const { read, written } = STDOUT_ENCODER.encodeInto(rest, STDOUT_BUFFER);
      for (let off = 0; off < written;) {
        off += Deno.stdout.writeSync(STDOUT_BUFFER.subarray(off, written));
      }
      rest = rest.slice(read);
    }
  },
};

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

function message(e: unknown): string {
  if (e instanceof NpyError) return e.message;
  if (e instanceof Deno.errors.NotFound) return "no such file";
  if (e instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (e instanceof Deno.errors.IsADirectory) return "is a directory";
  return e instanceof Error ? e.message : String(e);
}

function shapeRepr(shape: number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

const HUMAN_LIMIT = 1000;

function show(p: Parsed, io: CliIo): number {
  const json = p.flags.get("json") === true;
  const maxHeader = maxHeaderSize(p);
  let status = 0;
  for (const file of p.files) {
    try {
      const bytes = readWholeSync(file);
      const header = readHeader(bytes, { maxHeaderSize: maxHeader });
      const array = decode(bytes, { maxHeaderSize: maxHeader });
      if (json) {
        // The values are written in pieces straight from the array.
        const head = stringifyJson({
          file,
          version: [header.version[0], header.version[1]],
          descr: header.descr as JsonValue,
          fortran_order: header.fortranOrder,
          shape: header.shape,
        });
        const pieces: string[] = [];
        const write = io.write ? io.write.bind(io) : (t: string) => pieces.push(t);
        write(`${head.slice(0, -1)},"values":`);
        writeValuesJson(array, write);
        write(io.write ? "}\n" : "}");
        if (!io.write) io.out(pieces.join(""));
      } else {
        const values = toJsonValues(array);
        const count = header.count;
        io.out(
          `${file}: version ${header.version[0]}.0, descr ${
            formatDescr(header.dtype)
          }, fortran_order ${header.fortranOrder ? "True" : "False"}, shape ${
            shapeRepr(header.shape)
          }`,
        );
        io.out(
          count > HUMAN_LIMIT
            ? `  (${count} elements; use --json to print them all)`
            : `  ${stringifyJson(values)}`,
        );
      }
    } catch (e) {
      status = 1;
      if (json) io.out(stringifyJson({ file, error: message(e) }));
      else io.err(`error: ${file}: ${message(e)}`);
    }
  }
  return status;
}

function basename(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1];
}

function roundtrip(p: Parsed, io: CliIo): number {
  const dir = p.flags.get("out-dir");
  if (typeof dir !== "string") throw new UsageError("roundtrip needs --out-dir DIR");
  const maxHeader = maxHeaderSize(p);
  let status = 0;
  for (const file of p.files) {
    try {
      const array = decode(Deno.readFileSync(file), { maxHeaderSize: maxHeader });
      writeFileAtomic(`${dir}/${basename(file)}`, encode(array));
    } catch (e) {
      status = 1;
      io.err(`error: ${file}: ${message(e)}`);
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
 * import { main } from "./cli.ts";
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
export function main(args: string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "show":
        return Promise.resolve(show(parseArgs(rest, ["max-header-size"], ["json"]), io));
      case "roundtrip":
        return Promise.resolve(roundtrip(parseArgs(rest, ["out-dir", "max-header-size"], []), io));
      case "validate": {
        const p = parseArgs(rest, ["max-header-size"], ["json"]);
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

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
