// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { encode, NpyError, readHeader } from "../mod.ts";
import { validate, type ValidationReport } from "./validate.ts";

const DIRS = ["vectors/files", "conformance/testdata/corpus"];

/** The rules that look at data values, which a partial read cannot see past its end. */
const DATA_RULES = new Set([
  "npyjs/non-bmp",
  "npyjs/nul",
  "npyjs/bool-bytes",
  "ndarray-npy/bool-values",
]);

function withoutDataRules(r: ValidationReport, masked: Set<string>): unknown {
  const readers = Object.fromEntries(
    Object.entries(r.readers).map(([name, v]) => [name, {
      accepts: masked.has(name) ? "depends on the data" : v.accepts,
      issues: v.issues.filter((i) => !DATA_RULES.has(i.rule)).map((i) => i.rule),
    }]),
  );
  return { numpyLoadable: r.numpyLoadable, findings: r.findings, readers };
}

function headOf(bytes: Uint8Array): Uint8Array {
  try {
    return bytes.subarray(0, readHeader(bytes, { maxHeaderSize: Infinity }).dataOffset);
  } catch {
    return bytes;
  }
}

Deno.test("validate() with fileSize judges every vector and corpus file from its header alone as from the whole file", () => {
  let n = 0;
  for (const dir of DIRS) {
    for (const name of readdirSync(dir)) {
      if (!name.endsWith(".npy")) continue;
      const bytes = new Uint8Array(readFileSync(`${dir}/${name}`));
      const whole = validate(bytes);
      const part = validate(headOf(bytes), { fileSize: bytes.length });
      const masked = new Set(
        Object.entries(whole.readers).filter(([, v]) =>
          v.issues.some((i) => DATA_RULES.has(i.rule))
        )
          .map(([name]) => name),
      );
      assert.deepEqual(
        withoutDataRules(part, masked),
        withoutDataRules(whole, masked),
        `${dir}/${name}`,
      );
      // The data is taken to be np.save's: canonical may only be claimed where it is.
      if (whole.canonical) assert.equal(part.canonical, true, `${dir}/${name}`);
      n++;
    }
  }
  assert.ok(n > 400, `${n} files`);
});

Deno.test("validate() with fileSize refuses a size smaller than the bytes given", () => {
  const file = encode(new Float64Array([1, 2]));
  assert.throws(
    () => validate(file, { fileSize: file.length - 1 }),
    (e) => e instanceof NpyError && e.code === "INVALID_OPTION",
  );
});

Deno.test("validate() with fileSize finds short data and trailing bytes from the size", () => {
  const file = encode(new Float64Array(1000));
  const head = file.subarray(0, 128);
  const short = validate(head, { fileSize: file.length - 8 });
  assert.equal(short.numpyLoadable, false);
  assert.deepEqual(short.findings.map((f) => f.rule), ["data-truncated"]);
  assert.equal(short.findings[0].offset, file.length - 8);
  const long = validate(head, { fileSize: file.length + 3 });
  assert.equal(long.numpyLoadable, true);
  assert.equal(long.canonical, false);
  assert.deepEqual(long.findings.map((f) => f.rule), ["trailing-bytes"]);
  const exact = validate(head, { fileSize: file.length });
  assert.equal(exact.canonical, true);
  assert.deepEqual(exact.findings, []);
});
