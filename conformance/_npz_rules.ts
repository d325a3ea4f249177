// Copyright 2026 the npy authors. MIT license.
// The archive rules of validateNpz(): one row per rule, each a check over the
// facts gathered from the archive (its directory, local headers and members).

import type { Severity, ValidationReport } from "./_catalog.ts";
import type { LocalHeader, ZipDirectory, ZipEntry } from "../zip/reader.ts";

/** What validateNpz() learns about one member. */
export interface NpzMemberFacts {
  /** The directory entry. */
  entry: ZipEntry;
  /** The local header, when there is one at the entry's offset. */
  local: LocalHeader | undefined;
  /** `"npy"`, `"bytes"` (no npy magic), or `"refused"` (the member cannot be read). */
  kind: "npy" | "bytes" | "refused";
  /** The refusal's code, for a refused member. */
  code?: string;
  /** The refusal's message, for a refused member. */
  message?: string;
  /** The .npy validator's report on the member's bytes, for an npy member. */
  report?: ValidationReport;
}

/** What validateNpz() learns about an archive. */
export interface NpzFacts {
  /** The archive's size. */
  size: number;
  /** The directory, when it could be read. */
  directory: ZipDirectory | undefined;
  /** Each member, in directory order. */
  members: NpzMemberFacts[];
  /** The directory was refused by this project though zipfile may read it (readers not judged). */
  stricter: boolean;
}

/** One archive finding: a rule, where, and what was found. */
export interface NpzFinding {
  /** The rule's stable id. */
  rule: NpzRuleId;
  /** How bad it is. */
  severity: Severity;
  /** Byte offset in the archive. */
  offset: number;
  /** The member's name, for a finding about one member. */
  member?: string;
  /** What was expected and what was found. */
  message: string;
}

/** The archive rules' ids. */
export type NpzRuleId =
  | "zip-entry-count"
  | "zip-data-descriptor"
  | "zip-local-sizes"
  | "zip-stored-size-mismatch"
  | "zip-non-npy-member"
  | "zip-name-not-npy"
  | "zip-comment"
  | "npz-member-refused"
  | "npz-member-not-canonical"
  | "npz-not-savez-layout";

/** An archive rule as documented. */
export interface NpzRuleInfo {
  /** The rule's stable id. */
  readonly id: NpzRuleId;
  /** How bad it is. */
  readonly severity: Severity;
  /** One line for the documentation. */
  readonly summary: string;
}

interface NpzRule extends NpzRuleInfo {
  check(f: NpzFacts): Omit<NpzFinding, "rule" | "severity">[];
}

function perMember(
  f: NpzFacts,
  fn: (m: NpzMemberFacts) => string | undefined,
): Omit<NpzFinding, "rule" | "severity">[] {
  const out: Omit<NpzFinding, "rule" | "severity">[] = [];
  for (const m of f.members) {
    const message = fn(m);
    if (message !== undefined) {
      out.push({ offset: m.entry.headerOffset, member: m.entry.name, message });
    }
  }
  return out;
}

/** Why a member's layout is not what np.savez writes, or undefined. */
function savezDifference(m: NpzMemberFacts): string | undefined {
  const e = m.entry, l = m.local;
  if (!l) return "no local header at the entry's offset";
  if (e.method !== 0 && e.method !== 8) return `compression method ${e.method}`;
  if (l.versionNeeded !== 45) return `local version needed ${l.versionNeeded}, numpy writes 45`;
  if ((l.flags & ~0x800) !== 0) {
    return `local flags 0x${
      l.flags.toString(16)
    }; numpy writes 0 to a seekable output (0x8 only to an unseekable one)`;
  }
  if (l.time !== 0 || l.date !== 0x21) return "a timestamp other than 1980-01-01 00:00";
  if (l.compressedSize32 !== 0xffffffff || l.size32 !== 0xffffffff || !l.zip64) {
    return "local sizes without numpy's zip64 extra (force_zip64)";
  }
  if (e.madeBy !== 0x032d) return `made-by 0x${e.madeBy.toString(16)}, numpy writes 0x32d`;
  if (e.externalAttributes !== 0o600 << 16) return "external attributes other than 0o600 << 16";
  if (!e.name.endsWith(".npy") || m.kind === "bytes") return "a member that is not an .npy file";
  return undefined;
}

const RULE_TABLE: NpzRule[] = [
  {
    id: "npz-member-refused",
    severity: "error",
    summary: "np.load opens the archive but refuses to read this member (npz[key] raises)",
    check: (f) => perMember(f, (m) => m.kind === "refused" ? `${m.code}: ${m.message}` : undefined),
  },
  {
    id: "zip-entry-count",
    severity: "warning",
    summary: "the end record's entry count differs from the directory's entries " +
      "(zipfile reads the directory by size; readers that trust the count miss members)",
    check: (f) => {
      const d = f.directory;
      if (!d || d.declaredCount === d.entries.length) return [];
      return [{
        offset: d.endOffset,
        message: `the end record says ${d.declaredCount} entries, the directory holds ` +
          `${d.entries.length}`,
      }];
    },
  },
  {
    id: "zip-stored-size-mismatch",
    severity: "warning",
    summary: "a stored member whose size and compressed size differ (zipfile reads the shorter)",
    check: (f) =>
      perMember(
        f,
        (m) =>
          m.entry.method === 0 && m.entry.size !== m.entry.compressedSize
            ? `size ${m.entry.size}, compressed size ${m.entry.compressedSize}`
            : undefined,
      ),
  },
  {
    id: "zip-data-descriptor",
    severity: "info",
    summary: "a member followed by a data descriptor (flag 0x08: written to an unseekable " +
      "output); readers that walk local headers must skip it",
    check: (f) =>
      perMember(
        f,
        (m) =>
          m.entry.flags & 0x08 ? "the local header's CRC and sizes are in a descriptor" : undefined,
      ),
  },
  {
    id: "zip-local-sizes",
    severity: "info",
    summary: "the local header's sizes are not the member's (0 before a data descriptor, or " +
      "wrong), not even in a zip64 extra; only central-directory readers get them right",
    check: (f) =>
      perMember(f, (m) => {
        const l = m.local;
        if (!l || l.compressedSize32 === m.entry.compressedSize) return undefined;
        if (
          l.compressedSize32 === 0xffffffff && l.zip64?.compressedSize === m.entry.compressedSize
        ) {
          return undefined; // np.savez's own layout: the zip64 extra has the sizes
        }
        return `the local compressed size field is 0x${
          l.compressedSize32.toString(16)
        }, the member has ${m.entry.compressedSize} bytes`;
      }),
  },
  {
    id: "zip-non-npy-member",
    severity: "info",
    summary: "a member without the .npy magic: np.load returns its bytes, not an array",
    check: (f) =>
      perMember(
        f,
        (m) => m.kind === "bytes" ? `${m.entry.size} bytes, not a .npy file` : undefined,
      ),
  },
  {
    id: "zip-name-not-npy",
    severity: "info",
    summary: "a member name without the .npy suffix np.savez gives every member",
    check: (f) =>
      perMember(f, (m) => m.entry.name.endsWith(".npy") ? undefined : "the name lacks .npy"),
  },
  {
    id: "zip-comment",
    severity: "info",
    summary: "an archive comment (np.savez writes none)",
    check: (f) =>
      f.directory && f.directory.comment.length > 0
        ? [{
          offset: f.directory.endOffset + 22,
          message: `${f.directory.comment.length} bytes of comment`,
        }]
        : [],
  },
  {
    id: "npz-member-not-canonical",
    severity: "info",
    summary: "an .npy member that is not byte for byte what np.save writes (see its findings)",
    check: (f) =>
      perMember(
        f,
        (m) =>
          m.report && m.report.numpyLoadable && !m.report.canonical
            ? m.report.findings.map((x) => x.rule).join(", ") || "not canonical"
            : undefined,
      ),
  },
  {
    id: "npz-not-savez-layout",
    severity: "info",
    summary: "a member not laid out as np.savez writes it (version 45, flags 0, 1980 " +
      "timestamps, zip64 local extra, made-by 0x32d, mode 0o600)",
    check: (f) => perMember(f, savezDifference),
  },
];

/** The archive rules, as documentation. */
export const NPZ_RULE_TABLE: readonly NpzRuleInfo[] = RULE_TABLE.map((r) => ({
  id: r.id,
  severity: r.severity,
  summary: r.summary,
}));

/** Every archive finding, by offset. */
export function npzFindings(f: NpzFacts): NpzFinding[] {
  const out: NpzFinding[] = [];
  for (const r of RULE_TABLE) {
    for (const x of r.check(f)) out.push({ rule: r.id, severity: r.severity, ...x });
  }
  return out.sort((a, b) => a.offset - b.offset);
}
