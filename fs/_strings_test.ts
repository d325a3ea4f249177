// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decode, encode, NpyError } from "../mod.ts";
import { load, loadSync } from "./file.ts";
import { TEXT_CHUNK } from "./_strings.ts";

const dir = mkdtempSync(join(tmpdir(), "npy-text-"));

/** More than one chunk of elements of `descr`, with a few odd characters. */
function strings(n: number, wide: boolean): string[] {
  return Array.from({ length: n }, (_, i) => {
    const s = ["", "a", "to\0b", "numpy", "zero-copy", "\x80\x9f\xff"][i % 6] + (i % 1000);
    return wide && i % 97 === 0 ? s + "\u{1F600}\u00e9" : s;
  });
}

Deno.test("load() reads S and U data in chunks and gives what decode() gives", async () => {
  for (const descr of ["|S16", "<U16", ">U16"]) {
    const n = Math.ceil((2.5 * TEXT_CHUNK) / Number(descr.slice(2)) / (descr[1] === "U" ? 4 : 1));
    const input = strings(n, descr[1] === "U");
    const file = encode({ dtype: descr, shape: [n], data: input });
    const path = join(dir, "t.npy");
    writeFileSync(path, file);
    const want = decode(file);
    assert.deepEqual(want.data, input, descr);
    for (const a of [await load(path), loadSync(path)]) {
      assert.deepEqual(a.data, want.data, descr);
      assert.equal(a.bytes, undefined, descr);
    }
    writeFileSync(path, file.subarray(0, file.length - 5));
    await assert.rejects(load(path), (e) => e instanceof NpyError && e.code === "TRUNCATED_DATA");
    assert.throws(
      () => loadSync(path),
      (e) => e instanceof NpyError && e.code === "TRUNCATED_DATA",
    );
  }
});

Deno.test("load() keeps the raw data when a later chunk holds units no JS string carries", async () => {
  const n = Math.ceil((3 * TEXT_CHUNK) / 16);
  const file = encode({
    dtype: "<U4",
    shape: [n],
    data: strings(n, false).map((s) => s.slice(0, 4)),
  });
  const units = new Uint32Array(file.buffer, file.length - n * 16, n * 4);
  units[units.length - 2] = 0x110000; // above U+10FFFF, in the last chunk
  const path = join(dir, "lossy.npy");
  writeFileSync(path, file);
  const want = decode(file);
  assert.ok(want.bytes !== undefined);
  for (const a of [await load(path), loadSync(path)]) {
    assert.deepEqual(a.data, want.data);
    assert.deepEqual(a.bytes, want.bytes);
    assert.deepEqual(encode(a), file);
  }
});
