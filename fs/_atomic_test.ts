// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { gathered } from "./_atomic.ts";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encode, NpyError } from "../mod.ts";
import { load, loadSync, save, saveSync } from "./file.ts";

function dir(): string {
  return mkdtempSync(join(tmpdir(), "npy-atomic-"));
}

Deno.test("save({ durable: false }) writes the same bytes, atomically, converted in chunks", async () => {
  const d = dir();
  const input = { dtype: ">f8", data: new Float64Array((20 << 20) / 8).map((_, i) => i) }; // 20 MiB: 2 chunks
  const want = encode(input);
  await save(join(d, "a.npy"), input, { durable: false });
  saveSync(join(d, "b.npy"), input, { durable: false });
  await save(join(d, "c.npy"), input);
  for (const f of ["a.npy", "b.npy", "c.npy"]) assert.ok(readFileSync(join(d, f)).equals(want), f);
  assert.deepEqual(readdirSync(d).sort(), ["a.npy", "b.npy", "c.npy"], "no temporary file left");
});

Deno.test("save() leaves no file when an element fails in a later chunk", async () => {
  const d = dir();
  const data = Array.from(
    { length: (17 << 20) / 2 },
    (_, i) => (i === (17 << 20) / 2 - 1 ? 1e9 : i % 100),
  );
  await assert.rejects(
    save(join(d, "x.npy"), { dtype: ">i2", data }, { durable: false }),
    (e) => e instanceof NpyError && e.message.startsWith(`data[${data.length - 1}]`),
  );
  assert.throws(() => saveSync(join(d, "x.npy"), { dtype: ">i2", data }), NpyError);
  assert.deepEqual(readdirSync(d), []);
});

Deno.test("load({ into }) reads many files of one shape into one buffer", async () => {
  const d = dir();
  const into = new ArrayBuffer(1 << 12);
  for (const dtype of ["<f8", ">f8", "<i4", "<f2"]) {
    const input = { dtype, data: Array.from({ length: 100 }, (_, i) => i - 50) };
    const path = join(d, "m.npy");
    saveSync(path, input);
    const want = loadSync(path);
    for (const a of [await load(path, { into }), loadSync(path, { into })]) {
      assert.deepEqual(a, want, dtype);
      assert.equal((a.data as Float64Array).buffer, into, dtype);
    }
  }
  // Files over 1 MiB take the read-the-header-first path.
  const big = { dtype: ">i4", data: new Int32Array(300_000).map((_, i) => i - 7) };
  saveSync(join(d, "big.npy"), big);
  const intoBig = new Uint8Array(1_200_000);
  for (
    const a of [
      await load(join(d, "big.npy"), { into: intoBig }),
      loadSync(join(d, "big.npy"), { into: intoBig }),
    ]
  ) {
    assert.deepEqual(a.data, big.data);
    assert.equal((a.data as Int32Array).buffer, intoBig.buffer);
  }
  await assert.rejects(
    load(join(d, "big.npy"), { into: new ArrayBuffer(10) }),
    (e) => e instanceof NpyError && e.code === "INVALID_OPTION",
  );
  await assert.rejects(
    load(join(d, "m.npy"), { into: new ArrayBuffer(10) }),
    (e) => e instanceof NpyError && e.code === "INVALID_OPTION",
  );
});

Deno.test("gathered() joins runs of small chunks into one write and passes large ones through", () => {
  const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);
  const input = [bytes(128, 1), bytes(1024, 2), bytes(100_000, 3), bytes(10, 4), bytes(20, 5)];
  const out: Uint8Array[] = [];
  for (const c of gathered(input)) out.push(c.slice()); // each is used before the next is made
  assert.deepEqual(out.map((c) => c.length), [1152, 100_000, 30]);
  const join = (cs: Uint8Array[]) => {
    const all = new Uint8Array(cs.reduce((a, c) => a + c.length, 0));
    let at = 0;
    for (const c of cs) all.set(c, (at += c.length) - c.length);
    return all;
  };
  assert.deepEqual(join(out), join(input));
});
