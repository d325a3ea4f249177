// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encode, NpyError } from "../mod.ts";
import { halfToFloatBits } from "../codec/_float16.ts";
import { load, loadSync } from "./file.ts";
import { HALF_CHUNK, WIDEN_HALF } from "./_half.ts";

Deno.test("load() widens float16 in chunks from the file where there is no Float16Array (Node 20)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "npy-half-"));
  const n = HALF_CHUNK + 12345; // more than one chunk
  const bits = new Uint16Array(n).map((_, i) => (i * 7919) & 0xffff);
  const want = new Uint32Array(n).map((_, i) => halfToFloatBits(bits[i]));
  const was = WIDEN_HALF.on;
  WIDEN_HALF.on = true;
  try {
    for (const order of ["<", ">"]) {
      const file = encode({ dtype: `${order}u2`, data: bits });
      // The same bits under an f2 header (same length): 'u2' becomes 'f2'.
      const at = file.findIndex((b, i) => b === 0x75 && file[i + 1] === 0x32 && file[i - 1] !== 0);
      file[at] = 0x66;
      const path = join(dir, `h${order === "<" ? "le" : "be"}.npy`);
      writeFileSync(path, file);
      for (const a of [await load(path), loadSync(path)]) {
        assert.ok(a.data instanceof Float32Array);
        const got = new Uint32Array(a.data.buffer);
        assert.ok(got.every((x, i) => x === want[i]), order);
        assert.deepEqual(a.shape, [n]);
      }
      // A file cut short is refused as before.
      writeFileSync(path, file.subarray(0, file.length - 3));
      await assert.rejects(load(path), (e) => e instanceof NpyError && e.code === "TRUNCATED_DATA");
      assert.throws(
        () => loadSync(path),
        (e) => e instanceof NpyError && e.code === "TRUNCATED_DATA",
      );
    }
  } finally {
    WIDEN_HALF.on = was;
  }
});
