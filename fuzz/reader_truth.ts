// Copyright 2026 the npy authors. MIT license.
// Reader truth: the validator's predictions for npyjs and numpy-parser must
// match what the real packages do with the same file (see
// conformance/_reader_truth.ts). Files are biased to the dtypes these
// readers support, in canonical and odd header forms, with short or long data.

import fc from "fast-check";
import { validate } from "../conformance/validate.ts";
import { observeReaders, RUNNABLE_READERS } from "../conformance/_reader_truth.ts";
import type { DType, ScalarDType } from "../codec/types.ts";
import { fileArb, oddFileArb, scalarDType } from "./arbitraries.ts";
import { headerEditArb } from "./mutations.ts";

/** A file to hand to the real readers, and how it was made. */
export interface ReaderTruthCase {
  file: Uint8Array;
  how: string;
}

const simple: fc.Arbitrary<DType> = fc.oneof(
  { weight: 1, arbitrary: scalarDType },
  {
    weight: 3,
    arbitrary: fc.tuple(
      fc.constantFrom(
        "b1",
        "i1",
        "u1",
        "i2",
        "u2",
        "i4",
        "u4",
        "i8",
        "u8",
        "f2",
        "f4",
        "f8",
        "c8",
        "c16",
        "U1",
        "U2",
        "U3",
      ),
      fc.constantFrom<"<" | ">">("<", "<", ">"),
    ).map(([code, order]): ScalarDType => {
      const kind = code[0] as ScalarDType["kind"];
      const n = Number(code.slice(1));
      const itemsize = kind === "U" ? 4 * n : kind === "b" ? 1 : n;
      return { kind, byteOrder: itemsize === 1 ? "|" : order, itemsize };
    }),
  },
);

/** Files for the reader-truth property. */
export function readerTruthArb(): fc.Arbitrary<ReaderTruthCase> {
  const canonical = fileArb({ dtype: simple, maxCount: 12 });
  return fc.oneof(
    { weight: 4, arbitrary: canonical.map((c) => ({ file: c.file, how: "canonical" })) },
    {
      weight: 2,
      arbitrary: oddFileArb().map((c) => ({ file: c.file, how: `odd header ${c.text}` })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(canonical, fc.integer({ min: -9, max: 9 })).map(([c, d]) => {
        const file = d < 0 ? c.file.subarray(0, Math.max(0, c.file.length + d)) : new Uint8Array(
          c.file.length + d,
        );
        if (d >= 0) file.set(c.file);
        return { file, how: `${d < 0 ? "cut" : "padded"} by ${Math.abs(d)} bytes` };
      }),
    },
    { weight: 2, arbitrary: headerEditArb().map((m) => ({ file: m.file, how: m.how })) },
  );
}

/**
 * Throws when the validator's prediction for a runnable reader differs
 * from what the reader really does.
 *
 * @param c The file.
 */
export function checkReaderTruth(c: ReaderTruthCase): void {
  const truth = observeReaders(c.file);
  if (truth === undefined) return;
  const report = validate(c.file);
  for (const r of RUNNABLE_READERS) {
    const p = report.readers[r];
    if (p.accepts !== truth[r].ok) {
      throw new Error(
        `${r}: the validator predicts ${p.accepts ? "reads" : "fails"} (${
          p.issues.map((i) => i.rule).join(", ") || "no issue"
        }), the real reader: ${truth[r].detail} [${c.how}]`,
      );
    }
  }
}
