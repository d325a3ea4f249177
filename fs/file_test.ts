// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decode, encode, type NpyArray, NpyError, type NpyErrorCode } from "../mod.ts";
import { load, loadSync, openNpy, save, saveSync } from "./file.ts";

/** The file's bytes as a plain Uint8Array (node's Buffer is a subclass). */
function readBytes(path: string | URL): Uint8Array {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "npy-file-test-"));
}

async function code(p: Promise<unknown> | (() => unknown)): Promise<NpyErrorCode | string> {
  try {
    if (typeof p === "function") p();
    else await p;
  } catch (e) {
    return e instanceof NpyError ? e.code : `not an NpyError: ${e}`;
  }
  return "no error";
}

function sameArray(a: NpyArray, b: NpyArray, what: string): void {
  assert.deepEqual(a.shape, b.shape, what);
  assert.deepEqual(a.dtype, b.dtype, what);
  assert.equal(a.fortranOrder, b.fortranOrder, what);
  assert.deepEqual(a.data, b.data, what);
  assert.deepEqual(a.bytes, b.bytes, what);
}

const VECTORS = new URL("../vectors/files/", import.meta.url);

Deno.test("load() and loadSync() agree with decode() on every conformance vector", async () => {
  const names = readdirSync(VECTORS).filter((n) => n.endsWith(".npy")).sort();
  assert.ok(names.length > 100);
  for (const name of names) {
    const url = new URL(name, VECTORS);
    let want: NpyArray | NpyErrorCode;
    try {
      want = decode(readBytes(url));
    } catch (e) {
      if (!(e instanceof NpyError)) throw e;
      want = e.code;
    }
    if (typeof want === "string") {
      assert.equal(await code(load(url)), want, name);
      assert.equal(await code(() => loadSync(url)), want, name);
    } else {
      sameArray(await load(url), want, name);
      sameArray(loadSync(url), want, name);
    }
  }
});

Deno.test("load() reads headers longer than its first read and big-endian data in place", async () => {
  const dir = tempDir();
  const fields = Array.from({ length: 300 }, (_, i) => [`field_${i}`, ">f8"]);
  const data: Record<string, Float64Array> = {};
  for (const [name] of fields) data[name] = new Float64Array([1.5, -2]);
  const file = encode({ dtype: fields, shape: [2], data });
  assert.ok(file.length - 16 > 4096);
  writeFileSync(join(dir, "wide.npy"), file);
  sameArray(await load(join(dir, "wide.npy")), decode(file), "wide");
  const be = encode({ dtype: ">f8", data: [1, 2, 3] });
  writeFileSync(join(dir, "be.npy"), be);
  assert.deepEqual((await load(join(dir, "be.npy"))).data, new Float64Array([1, 2, 3]));
  rmSync(dir, { recursive: true });
});

Deno.test("load() checks claimed sizes against the file before allocating", async () => {
  const dir = tempDir();
  // 2**40 doubles claimed by a 200-byte file.
  const huge = encode({ dtype: "<f8", shape: [0], data: [] });
  const text = "{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776,), }";
  const h = new TextEncoder().encode(text.padEnd(117) + "\n");
  huge.set(h, 10);
  writeFileSync(join(dir, "huge.npy"), huge);
  assert.equal(await code(load(join(dir, "huge.npy"))), "TRUNCATED_DATA");
  assert.equal(await code(openNpy(join(dir, "huge.npy"))), "TRUNCATED_DATA");
  // A version 2.0 header length field claiming 4 GiB.
  const v2 = new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, 0xf0, 0xff, 0xff, 0xff]);
  const big = new Uint8Array(8192);
  big.set(v2);
  writeFileSync(join(dir, "v2.npy"), big);
  assert.equal(await code(load(join(dir, "v2.npy"))), "TRUNCATED_HEADER");
  // ... and one that is there but longer than maxHeaderSize.
  const long = new Uint8Array(20000);
  long.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, 0x00, 0x4e, 0, 0]);
  writeFileSync(join(dir, "long.npy"), long);
  assert.equal(await code(load(join(dir, "long.npy"))), "HEADER_TOO_LARGE");
  assert.equal(
    await code(() => loadSync(join(dir, "long.npy"), { maxHeaderSize: 1000 })),
    "HEADER_TOO_LARGE",
  );
  assert.equal(await code(load(join(dir, "long.npy"), { maxHeaderSize: 30000 })), "HEADER_SYNTAX");
  // Truncated data, as decode() says it.
  const cut = encode(new Float64Array(10)).subarray(0, 150);
  writeFileSync(join(dir, "cut.npy"), cut);
  let message = "";
  try {
    decode(cut);
  } catch (e) {
    message = (e as Error).message;
  }
  await assert.rejects(load(join(dir, "cut.npy")), { name: "NpyError", message });
  writeFileSync(join(dir, "empty.npy"), new Uint8Array(0));
  assert.equal(await code(load(join(dir, "empty.npy"))), "TRUNCATED_HEADER");
  rmSync(dir, { recursive: true });
});

Deno.test("save() writes what encode() writes and never leaves a partial file", async () => {
  const dir = tempDir();
  const path = join(dir, "a.npy");
  const input = { dtype: "<i2", shape: [2, 3], data: [1, 2, 3, 4, 5, 6] };
  await save(path, input);
  assert.deepEqual(readBytes(path), encode(input));
  saveSync(new URL(`file://${path}`), new Float64Array([7]), { version: [2, 0] });
  assert.deepEqual(
    readBytes(path),
    encode(new Float64Array([7]), { version: [2, 0] }),
  );
  // A failing save leaves the old file and no temporary file.
  await assert.rejects(save(path, { dtype: "<i2", data: [1e9] }), NpyError);
  assert.throws(() => saveSync(path, [{}]), NpyError);
  assert.deepEqual(readdirSync(dir), ["a.npy"]);
  assert.deepEqual(loadSync(path).data, new Float64Array([7]));
  await assert.rejects(save(join(dir, "missing", "b.npy"), [1]));
  assert.deepEqual(readdirSync(dir), ["a.npy"]);
  rmSync(dir, { recursive: true });
});

Deno.test("openNpy() reads row ranges along the first axis, or the last in Fortran order", async () => {
  const dir = tempDir();
  const values = new Int32Array(60).map((_, i) => i);
  // C order, shape (5, 3, 4): row r is values[12r, 12r + 12).
  await save(join(dir, "c.npy"), { dtype: ">i4", shape: [5, 3, 4], data: values });
  await using c = await openNpy(join(dir, "c.npy"));
  assert.equal(c.rows, 5);
  assert.equal(c.rowBytes, 48);
  const r = await c.read(1, 3);
  assert.deepEqual(r.shape, [2, 3, 4]);
  assert.deepEqual(r.data, values.slice(12, 36));
  assert.deepEqual((await c.read(5, 5)).shape, [0, 3, 4]);
  assert.deepEqual((await c.read()).data, values);
  assert.equal(await code(c.read(4, 6)), "INVALID_OPTION");
  assert.equal(await code(c.read(3, 2)), "INVALID_OPTION");
  assert.equal(await code(c.read(0.5, 2)), "INVALID_OPTION");
  const blocks: NpyArray[] = [];
  for await (const b of c.blocks({ rowsPerBlock: 2 })) blocks.push(b);
  assert.deepEqual(blocks.map((b) => b.shape[0]), [2, 2, 1]);
  const streamed: number[] = [];
  for await (const b of c.readable({ rowsPerBlock: 3 })) streamed.push(...(b.data as Int32Array));
  assert.deepEqual(streamed, [...values]);
  // Fortran order, shape (3, 4, 5): the last axis is the slowest.
  await save(join(dir, "f.npy"), {
    dtype: "<i4",
    shape: [3, 4, 5],
    fortranOrder: true,
    data: values,
  });
  await using f = await openNpy(join(dir, "f.npy"));
  assert.equal(f.axis, 2);
  assert.equal(f.rows, 5);
  const fr = await f.read(2, 4);
  assert.deepEqual(fr.shape, [3, 4, 2]);
  assert.equal(fr.fortranOrder, true);
  assert.deepEqual(fr.data, values.slice(24, 48));
  // 0-d: one row, shape [].
  await save(join(dir, "z.npy"), { dtype: "<f8", shape: [], data: [2.5] });
  await using z = await openNpy(join(dir, "z.npy"));
  assert.equal(z.rows, 1);
  const zr = await z.read();
  assert.deepEqual(zr.shape, []);
  assert.deepEqual(zr.data, new Float64Array([2.5]));
  // Structured rows keep their raw records.
  const dt = [["x", "<f8"], ["n", "|u1"]];
  await save(join(dir, "s.npy"), {
    dtype: dt,
    shape: [3],
    data: { x: new Float64Array([1, 2, 3]), n: new Uint8Array([4, 5, 6]) },
  });
  await using s = await openNpy(join(dir, "s.npy"));
  const sr = await s.read(1);
  const whole = decode(readBytes(join(dir, "s.npy")));
  assert.deepEqual(sr.data, { x: new Float64Array([2, 3]), n: new Uint8Array([5, 6]) });
  assert.deepEqual(sr.bytes, whole.bytes!.subarray(9));
  await s.close();
  assert.equal(await code(s.read(0, 1)), "INVALID_OPTION");
  rmSync(dir, { recursive: true });
});

Deno.test("loadSync() refuses more zero-size strings than decode() will allocate", () => {
  const dir = Deno.makeTempDirSync();
  const path = `${dir}/s0.npy`;
  const text = "{'descr': '|S0', 'fortran_order': False, 'shape': (100000000000,), }";
  const body = new TextEncoder().encode(text);
  const file = new Uint8Array(10 + body.length);
  file.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(file.buffer).setUint16(8, body.length, true);
  file.set(body, 10);
  Deno.writeFileSync(path, file);
  assert.throws(() => loadSync(path), (e) => e instanceof NpyError && e.code === "TOO_LARGE");
  Deno.removeSync(dir, { recursive: true });
});
