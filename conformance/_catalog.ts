// Copyright 2026 the npy authors. MIT license.
// The validator's public types and its rule catalogue. Re-exported by
// `validate.ts`; see README.md ("Rules") for a section per rule.

/**
 * How bad a finding is: `error` numpy refuses the file; `warning` numpy
 * loads it but it is risky or not what `np.save` writes; `info` worth
 * knowing, nothing to fix for numpy.
 */
export type Severity = "error" | "warning" | "info";

/** The stable id of a validator rule; see {@linkcode RULES}. */
export type RuleId =
  | "magic"
  | "version"
  | "header-length"
  | "header-encoding"
  | "header-syntax"
  | "header-not-dict"
  | "header-keys"
  | "descr"
  | "shape"
  | "fortran-order"
  | "header-too-large"
  | "object-dtype"
  | "pickle-globals"
  | "pickle-unsafe-global"
  | "pickle-data"
  | "data-truncated"
  | "version-not-minimal"
  | "header-form"
  | "descr-form"
  | "long-suffix"
  | "growth-padding"
  | "alignment"
  | "element-alignment"
  | "newline"
  | "trailing-bytes"
  | "platform-dtype"
  | "latin1-header";

/** What a rule checks and how severe its findings are. */
export interface RuleInfo {
  /**
   * The severity of its findings. `header-too-large` is the one rule whose
   * findings can be less severe than this: a `warning` when a larger
   * `maxHeaderSize` was allowed than numpy's default.
   */
  readonly severity: Severity;
  /** One line on what the rule checks. */
  readonly summary: string;
}

/**
 * The validator's rules by id, with their severity. The ids are stable.
 *
 * @example
 * ```ts
 * import { RULES } from "./validate.ts";
 * import assert from "node:assert/strict";
 *
 * assert.equal(RULES["data-truncated"].severity, "error");
 * assert.equal(RULES["trailing-bytes"].severity, "warning");
 * ```
 */
export const RULES: Readonly<Record<RuleId, RuleInfo>> = Object.freeze({
  "magic": { severity: "error", summary: "the file starts with the magic string \\x93NUMPY" },
  "version": { severity: "error", summary: "the format version is 1.0, 2.0 or 3.0" },
  "header-length": {
    severity: "error",
    summary: "the header length field fits the file and ends where the header text ends",
  },
  "header-encoding": { severity: "error", summary: "a version 3.0 header is valid UTF-8" },
  "header-syntax": { severity: "error", summary: "the header is a Python literal numpy can parse" },
  "header-not-dict": { severity: "error", summary: "the header literal is a dict" },
  "header-keys": {
    severity: "error",
    summary: "the dict has exactly the keys descr, fortran_order and shape",
  },
  "descr": { severity: "error", summary: "descr is a dtype descriptor numpy understands" },
  "shape": {
    severity: "error",
    summary: "shape is a tuple of non-negative ints numpy can allocate",
  },
  "fortran-order": { severity: "error", summary: "fortran_order is True or False" },
  "header-too-large": {
    severity: "error",
    summary: "the header is at most 10000 characters (np.load's max_header_size)",
  },
  "object-dtype": { severity: "error", summary: "the dtype holds no Python objects (pickle)" },
  "pickle-globals": {
    severity: "info",
    summary: "the Python globals an object array's pickle names",
  },
  "pickle-unsafe-global": {
    severity: "error",
    summary: "the pickle calls no global outside the safe reader's whitelist " +
      "(a warning when it only names one)",
  },
  "pickle-data": {
    severity: "error",
    summary: "the safe reader reads the object array's pickle",
  },
  "data-truncated": {
    severity: "error",
    summary: "the data holds every element the header declares",
  },
  "version-not-minimal": {
    severity: "warning",
    summary:
      "the version is the lowest that fits: 2.0 only past 65535 bytes, 3.0 only for non-latin1 text",
  },
  "header-form": {
    severity: "warning",
    summary: "the header text is numpy's: key order, spacing, quotes, the trailing ', }', padding",
  },
  "descr-form": {
    severity: "warning",
    summary: "descr is written as numpy writes that dtype (e.g. '<f8', '|b1')",
  },
  "long-suffix": { severity: "warning", summary: "no Python 2 `L` suffixes on integers" },
  "growth-padding": {
    severity: "warning",
    summary: "the header leaves room for the growing axis to reach 21 digits",
  },
  "alignment": { severity: "warning", summary: "the data starts at a multiple of 64 bytes" },
  "element-alignment": {
    severity: "warning",
    summary: "the data starts at a multiple of the element's alignment (zero-copy readers)",
  },
  "newline": { severity: "warning", summary: "the header ends with a newline" },
  "trailing-bytes": { severity: "warning", summary: "nothing follows the data" },
  "platform-dtype": {
    severity: "warning",
    summary: "no platform-dependent dtypes (longdouble f16/f12, c32/c24)",
  },
  "latin1-header": {
    severity: "info",
    summary: "a version 1.0/2.0 header is ASCII (numpy reads latin1; other readers may not)",
  },
});

/** One finding: a rule that a file breaks, where, and what was expected. */
export interface Finding {
  /** The rule's stable id. */
  rule: RuleId;
  /** How bad it is. */
  severity: Severity;
  /** Byte offset in the file where the problem is. */
  offset: number;
  /** What was expected and what was found, and how to fix the writer. */
  message: string;
}

/** The third-party readers the validator reports on. */
export type ReaderName =
  | "npyjs"
  | "numpy-parser"
  | "npyio"
  | "ndarray-npy"
  | "cnpy"
  | "libnpy"
  | "npyz";

/** One reader rule that a file trips. */
export interface ReaderIssue {
  /** The reader rule's stable id, `<reader>/<rule>`. */
  rule: string;
  /** Whether the reader fails or returns wrong data, rather than a caveat. */
  fatal: boolean;
  /** What the reader does with the file. */
  message: string;
}

/** Whether a reader would read a file correctly, and why not. */
export interface ReaderVerdict {
  /**
   * true when the reader reads the file correctly; false when it fails or
   * returns wrong data; null when not evaluated because numpy cannot read
   * the header.
   */
  accepts: boolean | null;
  /** The reader rules the file trips; evaluation stops at the first fatal one. */
  issues: ReaderIssue[];
}

/** A verdict for each third-party reader. */
export type ReaderReport = Record<ReaderName, ReaderVerdict>;

/** What {@linkcode validate} finds in a file. */
export interface ValidationReport {
  /**
   * Whether numpy's `np.load(f)` (allow_pickle=False, max_header_size
   * 10000 or the `maxHeaderSize` given) returns the array.
   */
  numpyLoadable: boolean;
  /**
   * Whether the bytes are exactly what `np.save` writes for the array they
   * hold (judged without the header size limit).
   */
  canonical: boolean;
  /** The rules the file breaks, by offset. */
  findings: Finding[];
  /** Which third-party readers would read it. */
  readers: ReaderReport;
}

/** Options for {@linkcode validate}. */
export interface ValidateOptions {
  /**
   * The `max_header_size` numpy is called with, in characters; default
   * 10000 as in `np.load`.
   */
  maxHeaderSize?: number;
  /**
   * The size of the whole file, when `bytes` holds only its start (at least
   * the header, e.g. from `Blob.slice`): numpy's verdict, the findings and
   * the reader table then come from the header and this size, so a file of
   * any size is judged in the time its header takes to read. The data's
   * values are looked at only as far as `bytes` goes (bool bytes, UCS-4
   * characters), and the data is taken to be what np.save writes. Default:
   * `bytes.length`.
   */
  fileSize?: number;
}
