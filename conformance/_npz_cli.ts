// Copyright 2026 the npy authors. MIT license.
// How `npy validate` prints an .npz archive's report.

import { NPZ_READERS, type NpzValidationReport } from "./validate_npz.ts";

/** Where output goes. */
interface Io {
  out(line: string): void;
}

/**
 * One JSON line: `{"file", "kind": "npz", "numpyLoadable", "error"?,
 * "findings", "members": [{"name", "key", "kind", "error"?, "numpyLoadable",
 * "canonical", "findings", "readers"}], "readers"}`.
 */
export function npzJson(file: string, r: NpzValidationReport): string {
  return JSON.stringify({
    file,
    kind: "npz",
    numpyLoadable: r.numpyLoadable,
    ...(r.error ? { error: r.error } : {}),
    findings: r.findings,
    members: r.members.map((m) => ({
      name: m.name,
      key: m.key,
      kind: m.kind,
      ...(m.error ? { error: m.error } : {}),
      ...(m.report
        ? {
          numpyLoadable: m.report.numpyLoadable,
          canonical: m.report.canonical,
          findings: m.report.findings,
          readers: m.report.readers,
        }
        : {}),
    })),
    readers: r.readers,
  });
}

/** The human report: verdict, findings, members, readers. */
export function npzHuman(file: string, r: NpzValidationReport, io: Io): void {
  const verdict = r.numpyLoadable === null
    ? "refused here, though numpy's zipfile may read it"
    : r.numpyLoadable
    ? "numpy loads it"
    : "numpy refuses it";
  io.out(
    `${file}: npz archive, ${r.members.length} members, ${verdict}${
      r.error ? `: ${r.error.code}: ${r.error.message}` : ""
    }`,
  );
  for (const f of r.findings) {
    io.out(
      `  ${f.severity.padEnd(7)} ${f.rule} at byte ${f.offset}${
        f.member === undefined ? "" : ` (${JSON.stringify(f.member)})`
      }: ${f.message}`,
    );
  }
  if (r.members.length > 0) io.out("  members:");
  for (const m of r.members) {
    const what = m.kind === "refused"
      ? `refused: ${m.error!.code}: ${m.error!.message}`
      : m.kind === "bytes"
      ? "bytes (not a .npy file)"
      : m.report!.canonical
      ? ".npy, byte for byte what np.save writes"
      : `.npy, not as np.save writes it (${m.report!.findings.map((x) => x.rule).join(", ")})`;
    io.out(`    ${m.key}: ${what}`);
  }
  const width = Math.max(...NPZ_READERS.map((t) => t.name.length));
  io.out("  readers:");
  for (const t of NPZ_READERS) {
    const v = r.readers[t.name];
    const why = v.issues.map((i) => `${i.rule}: ${i.message}`).join("; ");
    const word = v.accepts === null ? "-  " : v.accepts ? "yes" : "no ";
    io.out(
      `    ${t.name.padEnd(width)}  ${word}${
        why ? "  " + why : v.accepts === null ? "  not evaluated" : ""
      }`,
    );
  }
}
