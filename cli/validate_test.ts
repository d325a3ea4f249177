// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encode } from "../mod.ts";
import { validate } from "../conformance/validate.ts";
import { validateCli } from "./validate.ts";

Deno.test("npy validate judges a large file from its header and size exactly as from the whole file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "npy-validate-"));
  try {
    const n = (17 << 20) / 8;
    const f8 = encode({ dtype: "<f8", data: new Float64Array(n).map((_, i) => i) });
    const be = encode({ dtype: ">i8", data: new BigInt64Array(n) });
    const cases: Record<string, Uint8Array> = {
      "canonical.npy": f8,
      "big_endian.npy": be,
      "trailing.npy": Uint8Array.from(
        { length: f8.length + 5 },
        (_, i) => i < f8.length ? f8[i] : 7,
      ),
      "short.npy": f8.subarray(0, f8.length - 3),
      "bools.npy": encode({ dtype: "|b1", data: new Uint8Array(17 << 20).fill(1) }),
    };
    for (const [name, bytes] of Object.entries(cases)) writeFileSync(join(dir, name), bytes);
    const out: string[] = [];
    await validateCli(Object.keys(cases).map((k) => join(dir, k)), { json: true }, {
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    assert.equal(out.length, Object.keys(cases).length);
    for (const line of out) {
      const got = JSON.parse(line);
      const whole = validate(new Uint8Array(readFileSync(got.file)));
      assert.deepEqual(
        { numpyLoadable: got.numpyLoadable, canonical: got.canonical, findings: got.findings },
        {
          numpyLoadable: whole.numpyLoadable,
          canonical: whole.canonical,
          findings: JSON.parse(JSON.stringify(whole.findings)),
        },
        got.file,
      );
      assert.deepEqual(got.readers, JSON.parse(JSON.stringify(whole.readers)), got.file);
    }
  } finally {
    rmSync(dir, { recursive: true });
  }
});
