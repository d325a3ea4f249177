// Copyright 2026 the npy authors. MIT license.

/**
 * The `validate` command line: checks `.npy` files (directories are walked
 * for `*.npy`) and prints numpy's verdict, the findings and the reader
 * table for each, or JSON Lines with `--json`.
 *
 * ```sh
 * deno task validate [--json] [--max-header-size N] FILE|DIR|-...   # runs npy validate
 * ```
 *
 * Exit status: 0 when every file is numpy-loadable, 1 when any is not (or
 * cannot be read), 2 on bad usage.
 *
 * @module
 */

import { readdirSync, statSync } from "node:fs";
import { READER_NAMES, validate, type ValidationReport } from "../conformance/validate.ts";
import { sniff } from "../zip/load_any.ts";
import { type NpzValidationReport, validateNpz } from "../conformance/validate_npz.ts";
import { npzHuman, npzJson } from "../conformance/_npz_cli.ts";
import { type CliIo, errorMessage, readHead, readInput, resolvePath } from "./_io.ts";
import { readHeader } from "../codec/header.ts";
import type { DType } from "../codec/types.ts";

/** Files above this size are judged from their header and size when no rule needs their values. */
const PARTIAL_FROM = 16 << 20;

function hasKind(dt: DType, kinds: string): boolean {
  if (dt.kind === "struct") return dt.fields.some((f) => hasKind(f.dtype, kinds));
  if (dt.kind === "subarray") return hasKind(dt.base, kinds);
  return kinds.includes(dt.kind);
}

/**
 * A large .npy file's header, when the verdict can be given from the header
 * and the file's size (as `validate`'s `fileSize` does): no rule looks at the
 * values of its dtype (bool and U values, object pickles). Otherwise
 * undefined, and the file is read whole.
 */
function headerOnly(
  file: string,
  maxHeaderSize: number | undefined,
): { head: Uint8Array; size: number } | undefined {
  const first = readHead(file, 12);
  if (first.size <= PARTIAL_FROM || sniff(first.head.subarray(0, 6)) !== "npy") return undefined;
  const b = first.head;
  if (b.length < 12) return undefined;
  const start = b[6] === 1 ? 10 : 12;
  const len = b[6] === 1 ? b[8] | b[9] << 8 : (b[8] | b[9] << 8 | b[10] << 16) + b[11] * 2 ** 24;
  if (start + len > first.size || start + len > 1 << 26) return undefined;
  const { head, size } = readHead(file, start + len);
  try {
    const h = readHeader(head, { maxHeaderSize: maxHeaderSize ?? Infinity });
    return hasKind(h.dtype, "bUO") ? undefined : { head, size };
  } catch {
    return undefined; // the whole file gives the refusal with its findings
  }
}

/** Options of {@linkcode validateCli}. */
export interface ValidateCliOptions {
  /** Print one JSON object per file (JSON Lines) instead of the human report. */
  json: boolean;
  /** numpy's `max_header_size`; default 10000. */
  maxHeaderSize?: number;
}

/** Where {@linkcode validateCli} writes. */
export type ValidateCliIo = CliIo;

/** The usage text of `deno task validate`. */
export const VALIDATE_USAGE: string = `usage: validate [--json] [--max-header-size N] FILE|DIR...
  Checks .npy files and .npz archives (directories are walked for *.npy and
  *.npz) against numpy's np.load and np.save, and reports which third-party
  readers would read them.
  --json               one JSON object per file (JSON Lines)
  --max-header-size N  numpy's max_header_size (default 10000)
exit status: 0 all files numpy-loadable, 1 a file is not, 2 bad usage`;

const message = errorMessage;

/**
 * Expands directories into their `*.npy` files, sorted; files are kept as
 * given. Paths stay as the user wrote them (relative to where they stand).
 */
function expand(path: string): string[] {
  if (path === "-" || !statSync(resolvePath(path)).isDirectory()) return [path];
  const out: string[] = [];
  const walk = (dir: string) => {
    const entries = readdirSync(resolvePath(dir), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0
    );
    for (const e of entries) {
      const p = `${dir.replace(/\/+$/, "")}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.np[yz]$/i.test(e.name)) out.push(p);
    }
  };
  walk(path);
  return out;
}

function human(file: string, r: ValidationReport, io: ValidateCliIo): void {
  const verdict = r.numpyLoadable
    ? `numpy loads it${
      r.canonical ? ", byte for byte what np.save writes" : ", not as np.save writes it"
    }`
    : `numpy refuses it${r.canonical ? " (np.save would write these very bytes)" : ""}`;
  io.out(`${file}: ${verdict}`);
  for (const f of r.findings) {
    io.out(`  ${f.severity.padEnd(7)} ${f.rule} at byte ${f.offset}: ${f.message}`);
  }
  const width = Math.max(...READER_NAMES.map((n) => n.length));
  io.out("  readers:");
  for (const name of READER_NAMES) {
    const v = r.readers[name];
    const word = v.accepts === null ? "-  " : v.accepts ? "yes" : "no ";
    const why = v.accepts === null
      ? "not evaluated: numpy cannot read the header"
      : v.issues.map((i) => `${i.rule}: ${i.message}`).join("; ");
    io.out(`    ${name.padEnd(width)}  ${word}${why ? "  " + why : ""}`);
  }
}

/**
 * Validates files and directories (walked for `*.npy`) and prints a report
 * per file: a verdict line, the findings and the reader table, or with
 * `json` one line of JSON per file: `{"file", "numpyLoadable", "canonical",
 * "findings": [{"rule", "severity", "offset", "message"}], "readers": {...}}`.
 * A file that cannot be read gets `{"file", "error"}`.
 *
 * @example
 * ```ts
 * import { validateCli } from "./validate.ts";
 * import { encode } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * Deno.writeFileSync(path, encode(new Float64Array([1, 2, 3])));
 * const out: string[] = [];
 * const status = await validateCli([path], { json: true }, { out: (l) => out.push(l), err: () => {} });
 * assert.equal(status, 0);
 * const report = JSON.parse(out[0]);
 * assert.equal(report.numpyLoadable, true);
 * assert.equal(report.canonical, true);
 * assert.equal(report.readers.npyjs.accepts, true);
 * Deno.removeSync(path);
 * ```
 *
 * @param files Files and directories.
 * @param opts Output format and numpy's max_header_size.
 * @param io Where output goes.
 * @returns 0 when every file is numpy-loadable, 1 when any is not or cannot be read, 2 on bad usage.
 */
export async function validateCli(
  files: string[],
  opts: ValidateCliOptions,
  io: ValidateCliIo,
): Promise<number> {
  if (files.length === 0) {
    io.err("error: no FILE given");
    io.err(VALIDATE_USAGE);
    return 2;
  }
  const mhs = opts.maxHeaderSize;
  if (mhs !== undefined && !(Number.isSafeInteger(mhs) && mhs >= 0)) {
    io.err(`error: --max-header-size takes a non-negative integer, got ${mhs}`);
    return 2;
  }
  let status = 0;
  const fail = (file: string, e: unknown) => {
    status = 1;
    if (opts.json) io.out(JSON.stringify({ file, error: message(e) }));
    else io.err(`error: ${file}: ${message(e)}`);
  };
  for (const arg of files) {
    let paths: string[];
    try {
      paths = expand(arg);
    } catch (e) {
      fail(arg, e);
      continue;
    }
    const print = (file: string, report: ValidationReport) => {
      if (!report.numpyLoadable) status = 1;
      if (opts.json) {
        io.out(JSON.stringify({
          file,
          numpyLoadable: report.numpyLoadable,
          canonical: report.canonical,
          findings: report.findings,
          readers: report.readers,
        }));
      } else {
        human(file, report, io);
      }
    };
    for (const file of paths) {
      let report: ValidationReport;
      try {
        const partial = file === "-" ? undefined : headerOnly(file, mhs);
        if (partial) {
          report = validate(partial.head, { maxHeaderSize: mhs, fileSize: partial.size });
          print(file, report);
          continue;
        }
        const bytes = readInput(file);
        if (sniff(bytes.subarray(0, 6)) === "npz") {
          const r: NpzValidationReport = await validateNpz(bytes, { maxHeaderSize: mhs });
          if (r.numpyLoadable !== true) status = 1;
          if (opts.json) io.out(npzJson(file, r));
          else npzHuman(file, r, io);
          continue;
        }
        report = validate(bytes, { maxHeaderSize: mhs });
      } catch (e) {
        fail(file, e);
        continue;
      }
      print(file, report);
    }
  }
  return status;
}

/**
 * Parses `deno task validate` arguments and runs {@linkcode validateCli}.
 *
 * @example
 * ```ts
 * import { validateMain } from "./validate.ts";
 * import assert from "node:assert/strict";
 *
 * const err: string[] = [];
 * assert.equal(await validateMain(["--frobnicate"], { out: () => {}, err: (l) => err.push(l) }), 2);
 * assert.match(err[0], /unknown option/);
 * ```
 *
 * @param args The arguments after the program name.
 * @param io Where output goes.
 * @returns The exit status.
 */
export function validateMain(args: string[], io: ValidateCliIo): Promise<number> {
  const files: string[] = [];
  let json = false;
  let maxHeaderSize: number | undefined;
  const usage = (why: string) => {
    io.err(`error: ${why}`);
    io.err(VALIDATE_USAGE);
    return Promise.resolve(2);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      files.push(...args.slice(i + 1));
      break;
    } else if (a === "--json") {
      json = true;
    } else if (a === "-h" || a === "--help") {
      io.out(VALIDATE_USAGE);
      return Promise.resolve(0);
    } else if (a === "--max-header-size" || a.startsWith("--max-header-size=")) {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[++i];
      if (v === undefined || !/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
        return usage(`--max-header-size takes a non-negative integer, got ${v ?? "nothing"}`);
      }
      maxHeaderSize = Number(v);
    } else if (a.startsWith("-") && a !== "-") {
      return usage(`unknown option ${a}`);
    } else {
      files.push(a);
    }
  }
  return validateCli(files, { json, maxHeaderSize }, io);
}
