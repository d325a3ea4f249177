// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decode, encodeNpz, NpyDecoderStream, NpyError } from "../mod.ts";
import { createNpzWriter, saveNpz, saveNpzSync } from "./npz_writer.ts";

function readBytes(path: string): Uint8Array {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "npz-writer-test-"));
}

const TESTDATA = new URL("../zip/testdata/", import.meta.url);
const cases: {
  arrays: Record<string, { npy?: string }>;
  cases: { name: string; keywords?: [string, string][]; positional?: string[]; file?: string }[];
} = JSON.parse(Deno.readTextFileSync(new URL("npz_cases.json", TESTDATA)));

function npyOf(id: string): Uint8Array {
  return Uint8Array.from(atob(cases.arrays[id].npy!), (c) => c.charCodeAt(0));
}

for (const name of ["families_stored", "families_compressed", "utf8_names_compressed"]) {
  Deno.test(`createNpzWriter() writes numpy's file byte for byte: ${name}`, async () => {
    const c = cases.cases.find((x) => x.name === name)!;
    const dir = tempDir();
    const path = join(dir, "out.npz");
    const w = await createNpzWriter(path, { compress: name.endsWith("compressed") });
    for (const [k, id] of c.keywords!) {
      const file = npyOf(id);
      const a = decode(file);
      if (a.shape.length === 0) {
        await w.add(k, a);
      } else {
        // Streamed in blocks of one row: the local header is patched in place.
        const blocks = ReadableStream.from([file]).pipeThrough(
          new NpyDecoderStream({ rowsPerBlock: 1 }),
        );
        await w.addRows(k, a, blocks);
      }
    }
    await w.close();
    assert.deepEqual(readBytes(path), readBytes(new URL(c.file!, TESTDATA).pathname));
    assert.deepEqual(readdirSync(dir), ["out.npz"]);
  });
}

Deno.test("saveNpz() and saveNpzSync() write encodeNpz()'s bytes, replacing the file", async () => {
  const dir = tempDir();
  const arrays = { x: new Float32Array([1, 2, 3]), "ü": [[1n, 2n]] };
  for (const compress of [false, true]) {
    const a = join(dir, "a.npz"), b = join(dir, "b.npz");
    writeFileSync(a, "old");
    await saveNpz(a, arrays, { compress, positional: [[true]] });
    saveNpzSync(b, arrays, { compress, positional: [[true]] });
    const want = encodeNpz(arrays, { compress, positional: [[true]] });
    assert.deepEqual(readBytes(a), want);
    assert.deepEqual(readBytes(b), want);
  }
  assert.deepEqual(readdirSync(dir).sort(), ["a.npz", "b.npz"]);
});

Deno.test("saveNpz() leaves nothing behind when an array is refused half-way", async () => {
  const dir = tempDir();
  const path = join(dir, "a.npz");
  await assert.rejects(
    saveNpz(path, new Map<string, unknown>([["x", [1]], ["y", [{ a: 1 }]]]) as never),
    (e) => e instanceof NpyError && e.code === "OBJECT_ARRAY",
  );
  assert.throws(
    () => saveNpzSync(path, { x: [1], y: [{ a: 1 }] } as never),
    (e) => e instanceof NpyError && e.code === "OBJECT_ARRAY",
  );
  assert.deepEqual(readdirSync(dir), []);
});

Deno.test("createNpzWriter(): abort and a member failing half-written remove the temporary file", async () => {
  const dir = tempDir();
  const path = join(dir, "a.npz");
  const w = await createNpzWriter(path);
  await w.add("x", [1, 2]);
  await w.abort();
  assert.deepEqual(readdirSync(dir), []);
  const v = await createNpzWriter(path);
  await v.add("x", [1, 2]);
  await assert.rejects(
    v.addRows("y", { dtype: "<f8", shape: [3] }, [[1, 2]]),
    /declares 3 rows, but the blocks ended after 2/,
  );
  assert.deepEqual(readdirSync(dir), []);
  await assert.rejects(v.close(), /declares 3 rows/);
  assert.deepEqual(readdirSync(dir), []);
});

Deno.test("createNpzWriter(): nothing under the final name until close", async () => {
  const dir = tempDir();
  const path = join(dir, "a.npz");
  writeFileSync(path, "old");
  const w = await createNpzWriter(path, { compress: true });
  await w.add("x", new Int16Array([5, 6]));
  assert.equal(readFileSync(path, "utf8"), "old");
  await w.close();
  assert.deepEqual(readBytes(path), encodeNpz({ x: new Int16Array([5, 6]) }, { compress: true }));
});
