// Copyright 2026 the npy authors. MIT license.

// The validator's predictions for npyjs and numpy-parser against what the
// real packages do, on every vector and every corpus file numpy loads.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { validate } from "./validate.ts";
import { loadManifest, readVector } from "./_manifest.ts";
import { observeReaders, RUNNABLE_READERS } from "./_reader_truth.ts";

function check(bytes: Uint8Array): string[] {
  const truth = observeReaders(bytes);
  if (truth === undefined) return [];
  const report = validate(bytes);
  const wrong: string[] = [];
  for (const r of RUNNABLE_READERS) {
    const predicted = report.readers[r];
    if (predicted.accepts !== truth[r].ok) {
      wrong.push(
        `${r}: predicted ${predicted.accepts ? "reads" : "fails"} (${
          predicted.issues.map((i) => i.rule).join(", ") || "no issue"
        }), really ${truth[r].detail}`,
      );
    }
  }
  return wrong;
}

for (const entry of loadManifest().vectors) {
  if (entry.outcome !== "load") continue;
  Deno.test(`reader truth: ${entry.file.replace(/^files\//, "")}`, () => {
    assert.deepEqual(check(readVector(entry)), []);
  });
}

Deno.test("reader truth: every corpus file numpy loads", () => {
  const dir = new URL("./testdata/corpus/", import.meta.url);
  const wrong: string[] = [];
  let n = 0;
  for (const name of readdirSync(dir).sort()) {
    const b = readFileSync(new URL(name, dir));
    const w = check(new Uint8Array(b.buffer, b.byteOffset, b.length));
    n++;
    if (w.length > 0) wrong.push(`${name}: ${w.join("; ")}`);
  }
  assert.ok(n > 50, `${n} corpus files`);
  assert.deepEqual(wrong, []);
});
