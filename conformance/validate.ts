// Copyright 2026 the npy authors. MIT license.

/**
 * A validator for `.npy` files written by other programs: whether numpy's
 * `np.load` accepts the file, whether it is byte for byte what `np.save`
 * writes, what differs (each finding with a stable rule id, a severity, a
 * byte offset and a message), and which well-known third-party readers
 * would read it.
 *
 * @example Check a file written by another program
 * ```ts
 * import { validate } from "@npy/npy/validate";
 * import assert from "node:assert/strict";
 *
 * // A header as a hand-written C writer might produce it: no spaces, no
 * // trailing ", }", padded to 16 bytes.
 * const header = "{'descr':'<f8','fortran_order':False,'shape':(2,)}";
 * const text = header + " ".repeat(64 - 10 - header.length - 1) + "\n";
 * const file = new Uint8Array(64 + 16);
 * file.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length, 0]);
 * file.set(new TextEncoder().encode(text), 10);
 * file.set(new Uint8Array(new Float64Array([1, 2]).buffer), 64);
 *
 * const report = validate(file);
 * assert.equal(report.numpyLoadable, true);
 * assert.equal(report.canonical, false);
 * assert.ok(report.findings.some((f) => f.rule === "header-form"));
 * assert.equal(report.readers.npyio.accepts, false); // it looks for "'descr': "
 * ```
 *
 * @module
 */

import { analyze } from "./_rules.ts";
import { evaluateReaders, READER_TABLES, type ReaderInfo } from "./_readers.ts";
import type { ReaderName, ValidateOptions, ValidationReport } from "./_catalog.ts";

export { RULES } from "./_catalog.ts";
export type {
  Finding,
  ReaderIssue,
  ReaderName,
  ReaderReport,
  ReaderVerdict,
  RuleId,
  RuleInfo,
  Severity,
  ValidateOptions,
  ValidationReport,
} from "./_catalog.ts";
export type { ReaderInfo, ReaderRuleInfo } from "./_readers.ts";
export * from "./validate_npz.ts";

/**
 * The third-party readers reported on, each with the version modelled, the
 * source its rules were read from, and its rule table.
 *
 * @example
 * ```ts
 * import { READERS } from "@npy/npy/validate";
 * import assert from "node:assert/strict";
 *
 * const npyjs = READERS.find((r) => r.name === "npyjs")!;
 * assert.ok(npyjs.rules.some((r) => r.id === "npyjs/big-endian"));
 * ```
 */
export const READERS: readonly ReaderInfo[] = READER_TABLES;

/**
 * The names of the readers in {@linkcode READERS}, in report order.
 *
 * @example
 * ```ts
 * import { READER_NAMES } from "@npy/npy/validate";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(READER_NAMES, ["npyjs", "numpy-parser", "npyio", "ndarray-npy", "cnpy", "libnpy", "npyz"]);
 * ```
 */
export const READER_NAMES: readonly ReaderName[] = READER_TABLES.map((r) => r.name);

/**
 * Validates a `.npy` file: numpy's verdict (`numpyLoadable` is exactly
 * whether `np.load(f)` returns the array, with allow_pickle=False and
 * max_header_size 10000 unless `maxHeaderSize` says otherwise), whether it
 * is canonical (identical to `np.save` of the array it holds, judged
 * without the header size limit), the findings sorted by offset, and a
 * verdict per third-party reader (null when numpy cannot read the header).
 *
 * @example A file numpy wrote, and the same file cut short
 * ```ts
 * import { encode } from "@npy/npy";
 * import { validate } from "@npy/npy/validate";
 * import assert from "node:assert/strict";
 *
 * const file = encode(new Float32Array([1, 2, 3]));
 * const ok = validate(file);
 * assert.equal(ok.numpyLoadable, true);
 * assert.equal(ok.canonical, true);
 * assert.deepEqual(ok.findings, []);
 * assert.equal(ok.readers.cnpy.accepts, true);
 *
 * const cut = validate(file.subarray(0, file.length - 2));
 * assert.equal(cut.numpyLoadable, false);
 * assert.deepEqual(cut.findings.map((f) => [f.rule, f.severity]), [["data-truncated", "error"]]);
 * assert.equal(cut.readers.npyjs.accepts, false);
 * ```
 *
 * @param bytes The whole file.
 * @param options numpy's `max_header_size`.
 * @returns The report.
 * @throws {NpyError} `INVALID_OPTION` when `maxHeaderSize` is negative.
 */
export function validate(bytes: Uint8Array, options: ValidateOptions = {}): ValidationReport {
  const a = analyze(bytes, options);
  return {
    numpyLoadable: a.numpyLoadable,
    canonical: a.canonical,
    findings: a.findings,
    readers: evaluateReaders(a.facts),
  };
}
