// Copyright 2026 the npy authors. MIT license.
// Which third-party .npz readers open an archive: one rule table per reader,
// each simulating what that reader's code does with the archive, evaluated
// in order and stopped at the first fatal rule. Members that are .npy files
// are also judged by the reader's .npy table (conformance/_readers.ts).

import type { ReaderIssue, ReaderName, ReaderVerdict } from "./_catalog.ts";
import type { NpzFacts, NpzMemberFacts } from "./_npz_rules.ts";

/** The readers with an .npz reader. */
export type NpzReaderName = "npyz" | "ndarray-npy" | "cnpy";

interface NpzReaderRule {
  id: string;
  fatal: boolean;
  summary: string;
  check(f: NpzFacts): string | undefined;
}

interface NpzReaderTable {
  name: NpzReaderName;
  source: string;
  rules: NpzReaderRule[];
}

/** A reader's .npz rule table, as documentation. */
export interface NpzReaderInfo {
  /** The reader. */
  readonly name: NpzReaderName;
  /** The version modelled and where its behaviour was read. */
  readonly source: string;
  /** Its rules, in the order the reader meets them. */
  readonly rules: readonly { id: string; fatal: boolean; summary: string }[];
}

function first(
  f: NpzFacts,
  fn: (m: NpzMemberFacts, i: number) => string | undefined,
): string | undefined {
  for (let i = 0; i < f.members.length; i++) {
    const r = fn(f.members[i], i);
    if (r !== undefined) return `${JSON.stringify(f.members[i].entry.name)}: ${r}`;
  }
  return undefined;
}

function npyTable(reader: ReaderName, label: string): NpzReaderRule {
  return {
    id: `${reader}/npz-member`,
    fatal: true,
    summary: `an .npy member that ${label}'s .npy reader refuses (see the .npy reader table)`,
    check: (f) =>
      first(f, (m) => {
        const v = m.report?.readers[reader];
        if (!v || v.accepts !== false) return undefined;
        return v.issues.filter((i) => i.fatal).map((i) => i.rule).join(", ");
      }),
  };
}

// Source: github.com/ExpHP/npyz: src/npz.rs (09e9787) array_name_from_file_name()
// keeps only names ending in ".npy" (cut at a NUL); src/npz_feature.rs (2a5fdd3)
// NpzArchive::by_name() looks up format!("{}.npy", name) in zip::ZipArchive, which
// reads the central directory; Cargo.toml (0.8.3, 23d005d): zip 0.6, behind the
// non-default "npz" feature.
const npyz: NpzReaderTable = {
  name: "npyz",
  source: "npyz (Rust) with the npz feature: src/npz.rs array_name_from_file_name(), " +
    "src/npz_feature.rs NpzArchive (zip 0.6, central directory)",
  rules: [
    {
      id: "npyz/npz-unreadable",
      fatal: true,
      summary: "an archive numpy cannot open (the zip crate refuses it too)",
      check: (f) => f.directory ? undefined : "not a readable zip archive",
    },
    {
      id: "npyz/npz-name-not-npy",
      fatal: false,
      summary: "members whose names lack .npy are left out of array_names() and " +
        "unreachable by by_name(), which appends .npy",
      check: (f) => first(f, (m) => m.entry.fullName.endsWith(".npy") ? undefined : "not listed"),
    },
    {
      id: "npyz/npz-nul-name",
      fatal: true,
      summary: "a name with a NUL: array_names() cuts it there, by_name() then finds no member",
      check: (f) =>
        first(f, (m) => m.entry.fullName.includes("\0") ? "listed but cannot be read" : undefined),
    },
    npyTable("npyz", "npyz"),
  ],
};

// Source: github.com/jturner314/ndarray-npy at e403bc7 (0.10.0): src/npz.rs
// NpzReader::new() = zip::ZipArchive::new() (central directory, zip 6);
// names() strips one ".npy"; by_name() tries name, then name + ".npy";
// deflate needs the default "compressed_npz" feature (Cargo.toml).
const ndarrayNpy: NpzReaderTable = {
  name: "ndarray-npy",
  source: "ndarray-npy 0.10.0 (Rust) e403bc7: src/npz.rs NpzReader (zip 6, central " +
    "directory; deflate with the default compressed_npz feature)",
  rules: [
    {
      id: "ndarray-npy/npz-unreadable",
      fatal: true,
      summary: "an archive numpy cannot open (the zip crate refuses it too)",
      check: (f) => f.directory ? undefined : "not a readable zip archive",
    },
    {
      id: "ndarray-npy/npz-non-npy-member",
      fatal: false,
      summary: "a member without the .npy magic: names() lists it, by_name() fails on it",
      check: (f) => first(f, (m) => m.kind === "bytes" ? "read_npy() fails on it" : undefined),
    },
    npyTable("ndarray-npy", "ndarray-npy"),
  ],
};

// Source: github.com/rogersce/cnpy at 4e8810b, cnpy.cpp npz_load(): walks local
// headers from byte 0 and stops at the first 30 bytes whose bytes 2..3 are not
// 03 04 (line 246); drops the name's last 4 characters (line 256); a stored member
// is read by parse_npy_header from the stream (line 271), a deflated one reads
// the local header's 32-bit compressed size (lines 267-272, load_the_npz_array).
const cnpy: NpzReaderTable = {
  name: "cnpy",
  source: "cnpy 4e8810b (C++): cnpy.cpp npz_load() walking local headers, " +
    "load_the_npz_array()",
  rules: [
    {
      id: "cnpy/npz-unreadable",
      fatal: true,
      summary: "an archive numpy cannot open",
      check: (f) => f.directory ? undefined : "not a readable zip archive",
    },
    {
      id: "cnpy/npz-not-at-start",
      fatal: true,
      summary: "the first member's local header is not at byte 0: npz_load() returns no arrays",
      check: (f) =>
        f.members.length > 0 && !f.members.some((m) => m.entry.headerOffset === 0)
          ? "the walk stops at once and returns an empty map"
          : undefined,
    },
    {
      id: "cnpy/npz-zip64-local-sizes",
      fatal: true,
      summary:
        "a deflated member whose local compressed size is 0xFFFFFFFF (np.savez_compressed's " +
        "zip64 layout) or 0 (a data descriptor): cnpy reads that many bytes",
      check: (f) =>
        first(f, (m) => {
          const l = m.local;
          if (m.entry.method !== 8 || !l || l.compressedSize32 === m.entry.compressedSize) {
            return undefined;
          }
          return l.compressedSize32 === 0xffffffff
            ? "allocates and reads 4 GiB - 1 bytes of compressed data (numpy's zip64 local sizes)"
            : `reads ${l.compressedSize32} compressed bytes, the member has ${m.entry.compressedSize}`;
        }),
    },
    {
      id: "cnpy/npz-data-descriptor",
      fatal: true,
      summary: "a member followed by a data descriptor before another member: the walk stops " +
        "at the descriptor and later members are silently missing",
      check: (f) => {
        const order = [...f.members].sort((a, b) => a.entry.headerOffset - b.entry.headerOffset);
        const i = order.findIndex((m, k) => (m.entry.flags & 0x08) !== 0 && k < order.length - 1);
        return i < 0
          ? undefined
          : `${JSON.stringify(order[i].entry.name)}: the ${
            order.length - i - 1
          } members after it are not returned`;
      },
    },
    {
      id: "cnpy/npz-non-npy-member",
      fatal: true,
      summary: "a member without the .npy magic: parse_npy_header() throws",
      check: (f) => first(f, (m) => m.kind === "bytes" ? "not a .npy file" : undefined),
    },
    {
      id: "cnpy/npz-name-not-npy",
      fatal: false,
      summary: "a name without .npy: cnpy drops its last 4 characters anyway",
      check: (f) =>
        first(
          f,
          (m) => m.entry.fullName.endsWith(".npy") ? undefined : "the key loses 4 characters",
        ),
    },
    npyTable("cnpy", "cnpy"),
  ],
};

const TABLES: NpzReaderTable[] = [npyz, ndarrayNpy, cnpy];

/** The .npz reader tables, as documentation. */
export const NPZ_READER_TABLES: readonly NpzReaderInfo[] = TABLES.map((t) => ({
  name: t.name,
  source: t.source,
  rules: t.rules.map((r) => ({ id: r.id, fatal: r.fatal, summary: r.summary })),
}));

/** Each .npz reader's verdict on an archive; null verdicts when this project refused the directory by design. */
export function evaluateNpzReaders(f: NpzFacts): Record<NpzReaderName, ReaderVerdict> {
  const out = {} as Record<NpzReaderName, ReaderVerdict>;
  for (const t of TABLES) {
    if (f.stricter) {
      out[t.name] = { accepts: null, issues: [] };
      continue;
    }
    const issues: ReaderIssue[] = [];
    let accepts = true;
    for (const r of t.rules) {
      const message = r.check(f);
      if (message === undefined) continue;
      issues.push({ rule: r.id, fatal: r.fatal, message });
      if (r.fatal) {
        accepts = false;
        break;
      }
    }
    out[t.name] = { accepts, issues };
  }
  return out;
}
