// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decode, encode, type NpyArray, NpyError, type NpyErrorCode } from "../mod.ts";
import { NpyDecoderStream, NpyEncoderStream } from "../codec/stream.ts";
import { createNpyWriter } from "./writer.ts";
import { openNpy } from "./file.ts";
import type { StructData } from "../codec/types.ts";

function readBytes(path: string | URL): Uint8Array {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "npy-stream-test-"));
}

async function code(p: Promise<unknown>): Promise<NpyErrorCode | string> {
  try {
    await p;
  } catch (e) {
    return e instanceof NpyError ? e.code : `not an NpyError: ${e}`;
  }
  return "no error";
}

/** Splits bytes into chunks of pseudo-random sizes from 1 to max. */
function chunked(bytes: Uint8Array, max: number, seed = 1): ReadableStream<Uint8Array> {
  const parts: Uint8Array[] = [];
  let x = seed;
  for (let o = 0; o < bytes.length;) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const n = 1 + (x % max);
    parts.push(bytes.slice(o, o + n));
    o += n;
  }
  return ReadableStream.from(parts);
}

async function blocksOf(
  stream: ReadableStream<Uint8Array>,
  options: ConstructorParameters<typeof NpyDecoderStream>[0] = {},
): Promise<NpyArray[]> {
  const out: NpyArray[] = [];
  for await (const b of stream.pipeThrough(new NpyDecoderStream(options))) out.push(b);
  return out;
}

/** Concatenates blocks' data (typed arrays, strings or struct columns) along rows. */
function joined(blocks: NpyArray[]): unknown {
  const cat = (parts: unknown[]): unknown => {
    if (parts.length === 0) return undefined;
    const first = parts[0];
    if (Array.isArray(first)) return (parts as unknown[][]).flat();
    if (ArrayBuffer.isView(first)) {
      const arrays = parts as Uint8Array[];
      const C = first.constructor as Uint8ArrayConstructor;
      const out = new C(arrays.reduce((n, a) => n + a.length, 0));
      let o = 0;
      for (const a of arrays) {
        out.set(a, o);
        o += a.length;
      }
      return out;
    }
    const cols: Record<string, unknown> = {};
    for (const k of Object.keys(first as object)) {
      cols[k] = cat(parts.map((p) => (p as Record<string, unknown>)[k]));
    }
    return cols;
  };
  return cat(blocks.map((b) => b.data));
}

const VECTORS = new URL("../vectors/files/", import.meta.url);

Deno.test("NpyDecoderStream agrees with decode() on every conformance vector, in any chunking", async () => {
  const names = readdirSync(VECTORS).filter((n) => n.endsWith(".npy")).sort();
  let loaded = 0;
  for (const [i, name] of names.entries()) {
    const bytes = readBytes(new URL(name, VECTORS));
    let want: NpyArray | NpyErrorCode;
    try {
      want = decode(bytes);
    } catch (e) {
      if (!(e instanceof NpyError)) throw e;
      want = e.code;
    }
    const max = [1, 7, 64, 1000][i % 4];
    if (typeof want === "string") {
      const got = await code(blocksOf(chunked(bytes, max, i)));
      // A header claiming more than maxHeaderSize is refused before it arrives.
      assert.ok(
        got === want || (got === "HEADER_TOO_LARGE" && want === "TRUNCATED_HEADER"),
        `${name}: ${got} vs ${want}`,
      );
      continue;
    }
    loaded++;
    const blocks = await blocksOf(chunked(bytes, max, i), { rowsPerBlock: 3 });
    const axis = want.fortranOrder ? Math.max(0, want.shape.length - 1) : 0;
    const rows = want.shape.length === 0 ? 1 : want.shape[axis];
    if (want.shape.length === 0) {
      assert.deepEqual(blocks.map((b) => b.shape), [[]], name);
    } else {
      let sum = 0;
      for (const b of blocks) {
        assert.deepEqual(b.dtype, want.dtype, name);
        assert.equal(b.fortranOrder, want.fortranOrder, name);
        assert.deepEqual(
          b.shape.filter((_, k) => k !== axis),
          want.shape.filter((_, k) => k !== axis),
        );
        sum += b.shape[axis];
      }
      assert.equal(sum, rows, name);
    }
    if (blocks.length > 0 && want.data !== undefined) {
      const got = joined(blocks);
      const count = want.shape.reduce((a, b) => a * b, 1);
      if (count > 0) assert.deepEqual(got, want.data, name);
    }
  }
  assert.ok(loaded > 100);
});

Deno.test("NpyDecoderStream refuses early, truncation at the end, and ignores trailing bytes", async () => {
  const file = encode({ dtype: "<f8", shape: [4, 2], data: new Float64Array(8).map((_, i) => i) });
  // Bad magic: refused from the first bytes.
  const bad = file.slice();
  bad[1] = 0;
  assert.equal(await code(blocksOf(chunked(bad, 3))), "BAD_MAGIC");
  // A header length far beyond maxHeaderSize is refused without waiting for it.
  const v2 = new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, 0xf0, 0xff, 0xff, 0xff]);
  assert.equal(await code(blocksOf(ReadableStream.from([v2]))), "HEADER_TOO_LARGE");
  // Truncated header and data.
  assert.equal(await code(blocksOf(ReadableStream.from([file.slice(0, 50)]))), "TRUNCATED_HEADER");
  assert.equal(await code(blocksOf(ReadableStream.from([file.slice(0, 130)]))), "TRUNCATED_DATA");
  assert.equal(await code(blocksOf(ReadableStream.from<Uint8Array>([]))), "TRUNCATED_HEADER");
  const dec = new NpyDecoderStream();
  const done = code(
    ReadableStream.from([file.slice(0, 100)]).pipeThrough(dec).pipeTo(new WritableStream()),
  );
  assert.equal(await done, "TRUNCATED_HEADER");
  assert.equal(await code(dec.header), "TRUNCATED_HEADER");
  // Trailing bytes after the data are ignored.
  const extra = new Uint8Array(file.length + 5);
  extra.set(file);
  const blocks = await blocksOf(chunked(extra, 40), { rowsPerBlock: 3 });
  assert.deepEqual(blocks.map((b) => b.shape), [[3, 2], [1, 2]]);
  assert.deepEqual(joined(blocks), new Float64Array(8).map((_, i) => i));
  assert.throws(() => new NpyDecoderStream({ rowsPerBlock: 0 }), NpyError);
});

Deno.test("createNpyWriter() writes byte for byte what encode() writes for the final shape", async () => {
  const dir = tempDir();
  const values = new Float64Array(35).map((_, i) => i / 3);
  // C order, rows of 5.
  const c = join(dir, "c.npy");
  const w = await createNpyWriter(c, { dtype: ">f8", shape: [0, 5] });
  const appends = [
    w.append(values.subarray(0, 10)),
    w.append(Array.from(values.subarray(10, 15))),
    w.append(new Float64Array(0)),
    w.append(values.subarray(15), 4),
  ];
  await Promise.all(appends);
  assert.equal(w.rows, 7);
  assert.deepEqual(w.shape, [7, 5]);
  assert.equal(existsSync(c), false);
  assert.deepEqual(await w.close(), [7, 5]);
  assert.deepEqual(readBytes(c), encode({ dtype: ">f8", shape: [7, 5], data: values }));
  assert.equal(await code(w.append(values.subarray(0, 5))), "INVALID_OPTION");
  // Fortran order, columns of 7 appended along the last axis.
  const f = join(dir, "f.npy");
  const wf = await createNpyWriter(f, { dtype: "<f8", shape: [7, 99], fortranOrder: true });
  await wf.append(values.subarray(0, 21));
  await wf.appendBytes(new Uint8Array(values.buffer, 21 * 8, 14 * 8));
  await wf.close();
  assert.deepEqual(
    readBytes(f),
    encode({ dtype: "<f8", shape: [7, 5], fortranOrder: true, data: values }),
  );
  // The growth padding leaves room for 16-digit row counts.
  const v = join(dir, "v.npy");
  const wv = await createNpyWriter(v, { dtype: "|V0", shape: [0] });
  await wv.append(new Uint8Array(0), 1e15);
  await wv.close();
  assert.deepEqual(readBytes(v), encode({ dtype: "|V0", shape: [1e15], data: new Uint8Array(0) }));
  assert.deepEqual(readdirSync(dir).sort(), ["c.npy", "f.npy", "v.npy"]);
  rmSync(dir, { recursive: true });
});

Deno.test("createNpyWriter() refuses blocks that are not whole rows and can be aborted", async () => {
  const dir = tempDir();
  const path = join(dir, "a.npy");
  const w = await createNpyWriter(path, { dtype: "<i2", shape: [0, 3] });
  assert.equal(await code(w.append(new Int16Array(4))), "INVALID_ARRAY");
  assert.equal(await code(w.append([1, 2, 3, 4, 5, 6], 3)), "INVALID_ARRAY");
  assert.equal(await code(w.append([70000, 1, 2])), "INVALID_ARRAY");
  assert.equal(await code(w.appendBytes(new Uint8Array(5))), "INVALID_ARRAY");
  const other = decode(encode({ dtype: "<i4", shape: [1, 3], data: [1, 2, 3] }));
  assert.equal(await code(w.append(other)), "INVALID_ARRAY");
  const wrongShape = decode(encode({ dtype: "<i2", shape: [1, 4], data: [1, 2, 3, 4] }));
  assert.equal(await code(w.append(wrongShape)), "INVALID_ARRAY");
  await w.append([1, 2, 3]);
  await w.abort();
  assert.deepEqual(readdirSync(dir), []);
  {
    await using w2 = await createNpyWriter(path, { dtype: "<i2", shape: [0] });
    await w2.append([1]);
  }
  assert.deepEqual(readdirSync(dir), [], "await using without close() aborts");
  await assert.rejects(createNpyWriter(path, { dtype: "<f8", shape: [] }), NpyError);
  await assert.rejects(createNpyWriter(path, { dtype: "|O", shape: [0] }), NpyError);
  rmSync(dir, { recursive: true });
});

Deno.test("decoder blocks piped into a writer's WritableStream copy a structured file exactly", async () => {
  const dir = tempDir();
  const dt = [["t", ">f8"], ["name", "<U3"], ["", "|V1"], ["k", "<i2", [2]]];
  const n = 1000;
  const data = {
    t: new Float64Array(n).map((_, i) => i * 0.5),
    name: Array.from({ length: n }, (_, i) => String(i % 1000)),
    k: new Int16Array(2 * n).map((_, i) => i - n),
  };
  const file = encode({ dtype: dt, shape: [n], data });
  const path = join(dir, "copy.npy");
  const w = await createNpyWriter(path, { dtype: dt, shape: [0] });
  await chunked(file, 300).pipeThrough(new NpyDecoderStream({ rowsPerBlock: 64 })).pipeTo(
    w.writable,
  );
  assert.deepEqual(readBytes(path), file);
  // Bare struct columns count their rows from the first field.
  const path2 = join(dir, "cols.npy");
  const w2 = await createNpyWriter(path2, { dtype: dt, shape: [0] });
  await w2.append(decode(file).data as StructData);
  await w2.close();
  assert.deepEqual(readBytes(path2), file);
  // And a file's blocks, read lazily, make the same file again.
  const path3 = join(dir, "again.npy");
  const w3 = await createNpyWriter(path3, { dtype: dt, shape: [0] });
  await using src = await openNpy(path);
  await src.readable({ rowsPerBlock: 100 }).pipeTo(w3.writable);
  assert.deepEqual(readBytes(path3), file);
  rmSync(dir, { recursive: true });
});

Deno.test("NpyEncoderStream writes encode()'s bytes and checks the row count", async () => {
  const values = new Int32Array(12).map((_, i) => i);
  const enc = () => new NpyEncoderStream({ dtype: ">i4", shape: [4, 3] });
  const bytes = async (s: ReadableStream<Uint8Array>) =>
    new Uint8Array(await new Response(s).arrayBuffer());
  const ok = ReadableStream.from([values.subarray(0, 6), Array.from(values.subarray(6))])
    .pipeThrough(enc());
  assert.deepEqual(await bytes(ok), encode({ dtype: ">i4", shape: [4, 3], data: values }));
  const few = ReadableStream.from([values.subarray(0, 6)]).pipeThrough(enc());
  assert.equal(await code(bytes(few)), "INVALID_ARRAY");
  const many = ReadableStream.from([values, values.subarray(0, 3)]).pipeThrough(enc());
  assert.equal(await code(bytes(many)), "INVALID_ARRAY");
  // Fortran order: blocks of columns.
  const fe = new NpyEncoderStream({ dtype: "<i4", shape: [3, 4], fortranOrder: true });
  const f = ReadableStream.from([values.subarray(0, 3), values.subarray(3)]).pipeThrough(fe);
  assert.deepEqual(
    await bytes(f),
    encode({ dtype: "<i4", shape: [3, 4], fortranOrder: true, data: values }),
  );
});

Deno.test("reuse: one buffer for every block, each block right until the next is read", async () => {
  const values = new Float64Array(1000).map((_, i) => i);
  const file = encode({ dtype: ">f8", shape: [250, 4], data: values });
  const seen: number[] = [];
  const buffers = new Set<ArrayBufferLike>();
  const decoder = new NpyDecoderStream({ rowsPerBlock: 16, reuse: true });
  for await (const b of chunked(file, 5000).pipeThrough(decoder)) {
    buffers.add((b.data as Float64Array).buffer);
    seen.push(...(b.data as Float64Array));
  }
  assert.deepEqual(seen, [...values]);
  assert.ok(buffers.size < 16, `${buffers.size} buffers for 16 blocks`);
  const dir = tempDir();
  const path = join(dir, "r.npy");
  const w = await createNpyWriter(path, { dtype: ">f8", shape: [0, 4] });
  await ReadableStream.from([file]).pipeThrough(
    new NpyDecoderStream({ rowsPerBlock: 7, reuse: true }),
  )
    .pipeTo(w.writable);
  assert.deepEqual(readBytes(path), file);
  await using f = await openNpy(path);
  const fileBuffers = new Set<ArrayBufferLike>();
  const again: number[] = [];
  for await (const b of f.blocks({ rowsPerBlock: 30, reuse: true })) {
    fileBuffers.add((b.data as Float64Array).buffer);
    again.push(...(b.data as Float64Array));
  }
  assert.deepEqual(again, [...values]);
  assert.equal(fileBuffers.size, 1);
  rmSync(dir, { recursive: true });
});
