// Copyright 2026 the npy authors. MIT license.

/**
 * A validator for `.npz` archives: whether `np.load` opens the archive and
 * reads every member, each member's own `.npy` report, what in the zip
 * structure differs from what `np.savez` writes (each finding with a rule
 * id, a severity, an offset, and the member it is about), and which
 * third-party `.npz` readers (npyz, ndarray-npy, cnpy) would read it.
 *
 * @module
 */

import { decode } from "../codec/decode.ts";
import { NpyError, type NpyErrorCode } from "../codec/errors.ts";
import { MAGIC } from "../codec/header.ts";
import { notArrayError, sniff } from "../zip/load_any.ts";
import { readLocalHeader, readMember, readZipDirectory, type ZipDirectory } from "../zip/reader.ts";
import type { ByteSource } from "../zip/source.ts";
import { toSource } from "../zip/_to_source.ts";
import type { ReaderVerdict, ValidateOptions, ValidationReport } from "./_catalog.ts";
import { type NpzFacts, type NpzFinding, npzFindings, type NpzMemberFacts } from "./_npz_rules.ts";
import { evaluateNpzReaders, type NpzReaderName } from "./_npz_readers.ts";
import { analyze } from "./_rules.ts";
import { evaluateReaders } from "./_readers.ts";

export type { NpzFinding, NpzRuleId, NpzRuleInfo } from "./_npz_rules.ts";
export type { NpzReaderInfo, NpzReaderName } from "./_npz_readers.ts";
export { NPZ_RULE_TABLE as NPZ_RULES } from "./_npz_rules.ts";
export { NPZ_READER_TABLES as NPZ_READERS } from "./_npz_readers.ts";

/**
 * Codes this project refuses where numpy's zipfile may read on: a name used
 * twice, overlapping or out-of-range entries, sizes beyond 2^53, a bomb.
 */
const STRICTER: ReadonlySet<NpyErrorCode> = new Set<NpyErrorCode>([
  "ZIP_DUPLICATE_NAME",
  "ZIP_OVERLAP",
  "ZIP_OUT_OF_RANGE",
  "ZIP_SIZE_OVERFLOW",
  "ZIP_BOMB",
]);

/** One member of a validated archive. */
export interface NpzMemberReport {
  /** The member's name in the archive. */
  name: string;
  /** The key in `files` (one `.npy` removed). */
  key: string;
  /** `"npy"`, `"bytes"` (returned as bytes by np.load), or `"refused"`. */
  kind: "npy" | "bytes" | "refused";
  /** For a refused member: the code and message. */
  error?: { code: NpyErrorCode; message: string };
  /** For an .npy member: the .npy validator's report. */
  report?: ValidationReport;
}

/** What {@linkcode validateNpz} finds in an archive. */
export interface NpzValidationReport {
  /**
   * Whether `np.load(f)` opens the archive and `npz[key]` reads every
   * member (allow_pickle=False); null when this project refuses something
   * numpy's zipfile may read on (a name used twice, overlapping entries,
   * sizes beyond 2^53, a deflated member claiming more than the limits).
   */
  numpyLoadable: boolean | null;
  /** Why the archive as a whole is refused, if it is. */
  error?: { code: NpyErrorCode; message: string };
  /** The archive rules it breaks, by offset. */
  findings: NpzFinding[];
  /** Each member, in directory order (empty when the directory cannot be read). */
  members: NpzMemberReport[];
  /** Which third-party .npz readers would read it. */
  readers: Record<NpzReaderName, ReaderVerdict>;
}

function errorOf(e: unknown): { code: NpyErrorCode; message: string } {
  if (e instanceof NpyError) return { code: e.code, message: e.message };
  throw e;
}

/**
 * Validates an `.npz` archive (any zip): numpy's verdict on the archive and
 * each member, each `.npy` member's own report, the archive's findings, and
 * a verdict per third-party `.npz` reader.
 *
 * @example An archive as np.savez writes it
 * ```ts
 * import { validateNpz } from "@npy/npy/validate";
 * import assert from "node:assert/strict";
 *
 * // np.savez(f, a=np.arange(3, dtype="<i2")), as bytes.
 * const archive = Uint8Array.from(atob(
 *   "UEsDBC0AAAAAAAAAIQBqz/JR//////////8FABQAYS5ucHkBABAAhgAAAAAAAACGAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpMicsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAAABAAIAUEsBAi0DLQAAAAAAAAAhAGrP8lGGAAAAhgAAAAUAAAAAAAAAAAAAAIABAAAAAGEubnB5UEsFBgAAAAABAAEAMwAAAL0AAAAAAA==",
 * ), (c) => c.charCodeAt(0));
 * const r = await validateNpz(archive);
 * assert.equal(r.numpyLoadable, true);
 * assert.equal(r.members[0].report?.canonical, true);
 * assert.ok(r.findings.every((f) => f.rule !== "npz-not-savez-layout"));
 * assert.equal(r.readers.cnpy.accepts, true); // stored members: cnpy reads them
 * ```
 *
 * @param source The archive's bytes, a Blob, or a source.
 * @param options numpy's `max_header_size` for the members.
 * @returns The report.
 */
export async function validateNpz(
  source: Uint8Array | Blob | ByteSource,
  options: ValidateOptions = {},
): Promise<NpzValidationReport> {
  const src = toSource(source);
  let directory: ZipDirectory | undefined;
  let error: { code: NpyErrorCode; message: string } | undefined;
  const facts: NpzFacts = { size: src.size, directory: undefined, members: [], stricter: false };
  const members: NpzMemberReport[] = [];
  try {
    const kind = sniff(await src.read(0, MAGIC.length));
    if (kind === "npy") {
      throw new NpyError("NOT_ZIP", "File is not a zip file: it is a .npy file (use validate())");
    }
    if (kind !== "npz") throw notArrayError(kind);
    directory = await readZipDirectory(src);
  } catch (e) {
    error = errorOf(e);
    facts.stricter = STRICTER.has(error.code);
  }
  facts.directory = directory;
  for (const entry of directory?.entries ?? []) {
    const m: NpzMemberFacts = { entry, local: await readLocalHeader(src, entry), kind: "bytes" };
    const out: NpzMemberReport = {
      name: entry.name,
      key: entry.name.endsWith(".npy") ? entry.name.slice(0, -4) : entry.name,
      kind: "bytes",
    };
    try {
      const bytes = await readMember(src, entry);
      if (bytes.length >= 6 && MAGIC.every((b, i) => bytes[i] === b)) {
        m.kind = out.kind = "npy";
        const a = analyze(bytes, options);
        m.report = out.report = {
          numpyLoadable: a.numpyLoadable,
          canonical: a.canonical,
          findings: a.findings,
          readers: evaluateReaders(a.facts),
        };
        decode(bytes, { maxHeaderSize: options.maxHeaderSize, copy: true });
      }
    } catch (e) {
      const err = errorOf(e);
      m.kind = out.kind = "refused";
      m.code = err.code;
      m.message = err.message;
      out.error = err;
    }
    facts.members.push(m);
    members.push(out);
  }
  const codes = [error?.code, ...members.map((m) => m.error?.code)];
  const refused = codes.some((c) => c !== undefined);
  const stricter = codes.some((c) => c !== undefined && STRICTER.has(c));
  return {
    numpyLoadable: stricter ? null : !refused,
    ...(error ? { error } : {}),
    findings: npzFindings(facts),
    members,
    readers: evaluateNpzReaders(facts),
  };
}
