// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { decode } from "../codec/decode.ts";
import { encode, type EncodeInput } from "../codec/encode.ts";
import { NpyDecoderStream } from "../codec/stream.ts";
import { NpyError } from "../codec/errors.ts";
import { encodeNpz, npzMembers, NpzWriter, resaveNpz, type ZipSink } from "./npz_writer.ts";

interface ArraySpec {
  npy?: string;
  gen?: "arange" | "square_mod" | "zeros_then_mod_251";
  dtype?: string;
  n?: number;
  mod?: number;
  tail?: number;
}

interface Case {
  name: string;
  compress: boolean;
  unseekable: boolean;
  keywords?: [string, string][];
  positional?: string[];
  manyScalars?: number;
  size: number;
  sha256: string;
  file?: string;
}

const here = new URL("./testdata/", import.meta.url);
const spec: { arrays: Record<string, ArraySpec>; cases: Case[] } = JSON.parse(
  Deno.readTextFileSync(new URL("npz_cases.json", here)),
);

function build(id: string): EncodeInput {
  const a = spec.arrays[id];
  if (a.npy !== undefined) {
    return decode(Uint8Array.from(atob(a.npy), (c) => c.charCodeAt(0)));
  }
  const n = a.n!;
  if (a.gen === "arange") {
    return { dtype: a.dtype!, shape: [n], data: Float64Array.from({ length: n }, (_, i) => i) };
  }
  if (a.gen === "zeros_then_mod_251") {
    const data = new Uint8Array(n);
    for (let i = 0; i < a.tail!; i++) data[n - a.tail! + i] = i % 251;
    return { dtype: a.dtype!, shape: [n], data };
  }
  if (a.gen === "square_mod") {
    const data = new Int32Array(n);
    for (let i = 0; i < n; i++) data[i] = Number(BigInt(i) * BigInt(i) % BigInt(a.mod!));
    return { dtype: a.dtype!, shape: [n], data };
  }
  throw new Error(`unknown array ${id}`);
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  return [...d].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function expectNumpy(c: Case, got: Uint8Array): Promise<void> {
  if (c.file) {
    const want = Deno.readFileSync(new URL(c.file, here));
    if (got.length === want.length && got.every((b, i) => b === want[i])) return;
    const i = got.findIndex((b, i) => b !== want[i]);
    assert.fail(
      `${c.name}: ${got.length} bytes, numpy wrote ${want.length}; first difference at byte ${i}`,
    );
  }
  assert.equal(got.length, c.size, `${c.name}: size`);
  assert.equal(await sha256(got), c.sha256, `${c.name}: SHA-256`);
}

function inputs(c: Case): { keywords: Map<string, EncodeInput>; positional: EncodeInput[] } {
  if (c.manyScalars !== undefined) {
    const positional: EncodeInput[] = [];
    for (let i = 0; i < c.manyScalars; i++) {
      positional.push({ dtype: "|u1", shape: [], data: new Uint8Array([i % 256]) });
    }
    return { keywords: new Map(), positional };
  }
  return {
    keywords: new Map((c.keywords ?? []).map(([k, id]) => [k, build(id)])),
    positional: (c.positional ?? []).map(build),
  };
}

/** What an NpzWriter writes to a WritableStream (numpy's unseekable layout). */
async function streamed(c: Case): Promise<Uint8Array> {
  const { keywords, positional } = inputs(c);
  const chunks: Uint8Array[] = [];
  const w = new NpzWriter(new WritableStream({ write: (b) => void chunks.push(b) }), {
    compress: c.compress,
  });
  for (const [name, a] of npzMembers(keywords, positional)) await w.add(name, a);
  await w.close();
  return join(chunks);
}

/**
 * What an NpzWriter writes to a seekable sink in memory (numpy's file
 * layout); with `inBlocks`, each array is streamed in blocks of rows.
 */
async function seekable(c: Case, inBlocks: boolean): Promise<Uint8Array> {
  const { keywords, positional } = inputs(c);
  const sink = new MemorySink();
  const w = new NpzWriter(sink, { compress: c.compress });
  for (const [name, a] of npzMembers(keywords, positional)) {
    const file = encode(a);
    const arr = decode(file);
    if (inBlocks && arr.shape.length > 0) {
      const blocks = ReadableStream.from([file]).pipeThrough(
        new NpyDecoderStream({
          // Blocks of two rows, or a tenth of a large array.
          rowsPerBlock: Math.max(
            2,
            Math.ceil(arr.shape[arr.fortranOrder ? arr.shape.length - 1 : 0] / 10),
          ),
        }),
      );
      await w.addRows(name, arr, blocks);
    } else {
      await w.add(name, a);
    }
  }
  await w.close();
  return sink.bytes();
}

class MemorySink implements ZipSink {
  #buf = new Uint8Array(1 << 16);
  #len = 0;
  write(b: Uint8Array): void {
    this.#ensure(this.#len + b.length);
    this.#buf.set(b, this.#len);
    this.#len += b.length;
  }
  writeAt(b: Uint8Array, position: number): void {
    assert.ok(position + b.length <= this.#len, "writeAt past the end");
    this.#buf.set(b, position);
  }
  #ensure(n: number): void {
    if (n <= this.#buf.length) return;
    const next = new Uint8Array(Math.max(n, this.#buf.length * 2));
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
  }
  bytes(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}

function join(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

for (const c of spec.cases) {
  if (c.unseekable) {
    Deno.test(`NpzWriter to a WritableStream writes numpy's unseekable archive: ${c.name}`, async () => {
      await expectNumpy(c, await streamed(c));
    });
    continue;
  }
  Deno.test(`encodeNpz() is byte-identical to np.savez${c.compress ? "_compressed" : ""}: ${c.name}`, async () => {
    const { keywords, positional } = inputs(c);
    await expectNumpy(c, encodeNpz(keywords, { compress: c.compress, positional }));
  });
  if (c.manyScalars === undefined) {
    Deno.test(`NpzWriter to a seekable sink writes numpy's file: ${c.name}`, async () => {
      await expectNumpy(c, await seekable(c, false));
    });
    Deno.test(`NpzWriter.addRows() in blocks of rows writes numpy's file: ${c.name}`, async () => {
      await expectNumpy(c, await seekable(c, true));
    });
  }
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof NpyError, `not an NpyError: ${e}`);
    return e.code;
  }
  return undefined;
}

Deno.test("encodeNpz() refuses a positional name taken by a keyword, as numpy does", () => {
  assert.throws(
    () => encodeNpz({ arr_1: [1] }, { positional: [[1], [2]] }),
    /Cannot use un-named variables and keyword arr_1/,
  );
  assert.equal(code(() => encodeNpz({ arr_0: [1] }, { positional: [[1]] })), "INVALID_NAME");
  assert.equal(code(() => encodeNpz({ arr_1: [1] }, { positional: [[1]] })), undefined);
});

Deno.test("encodeNpz() refuses names that zipfile would write twice or cannot encode", () => {
  // zipfile cuts names at NUL: "a\0x.npy" and "a\0y.npy" would both be "a".
  assert.equal(code(() => encodeNpz({ "a\0x": [1], "a\0y": [2] })), "INVALID_NAME");
  assert.equal(code(() => encodeNpz({ "\ud800": [1] })), "INVALID_NAME");
  assert.equal(code(() => encodeNpz({ ["x".repeat(65_532)]: [1] })), "INVALID_NAME");
  assert.equal(code(() => encodeNpz({ ["x".repeat(65_531)]: [1] })), undefined);
});

Deno.test("encodeNpz() refuses one array given where the archive's arrays are expected", () => {
  assert.equal(code(() => encodeNpz(new Float64Array(2) as never)), "INVALID_OPTION");
  assert.equal(
    code(() => encodeNpz({ dtype: "<f8", data: new Float64Array(1) } as never)),
    "INVALID_OPTION",
  );
  assert.equal(code(() => encodeNpz([[1]], { positional: [[2]] })), "INVALID_OPTION");
  // Arrays that happen to be named dtype and data are fine.
  assert.equal(code(() => encodeNpz({ dtype: [1], data: [2] })), undefined);
});

Deno.test("encodeNpz() passes encode()'s refusals through", () => {
  assert.equal(code(() => encodeNpz({ x: [{ a: 1 }] as never })), "OBJECT_ARRAY");
});

Deno.test("a Map keeps its order; a record puts integer-like names first, as JavaScript does", () => {
  const names = (z: Uint8Array) =>
    new TextDecoder().decode(z).match(/[a-z0-9]+\.npy/g)!.slice(0, 3);
  assert.deepEqual(names(encodeNpz(new Map([["b", [1]], ["1", [2]], ["a", [3]]]))), [
    "b.npy",
    "1.npy",
    "a.npy",
  ]);
  assert.deepEqual(names(encodeNpz({ b: [1], 1: [2], a: [3] })), ["1.npy", "b.npy", "a.npy"]);
});

Deno.test("NpzWriter stays usable after a call that wrote nothing", async () => {
  const sink = new MemorySink();
  const w = new NpzWriter(sink);
  await w.add("x", [1]);
  await assert.rejects(w.add("x", [2]), (e) => e instanceof NpyError && e.code === "INVALID_NAME");
  await assert.rejects(w.add("y", [{}] as never), /Object arrays/);
  await w.add("y", [2]);
  await w.close();
  assert.deepEqual(w.names, ["x.npy", "y.npy"]);
  assert.deepEqual(sink.bytes(), encodeNpz({ x: [1], y: [2] }));
});

Deno.test("NpzWriter fails and aborts its stream when a member's blocks do not fit its shape", async () => {
  let aborted: unknown;
  const out = new WritableStream<Uint8Array>({
    write() {},
    abort(r) {
      aborted = r;
    },
  });
  const w = new NpzWriter(out);
  await w.add("ok", [1]);
  await assert.rejects(
    w.addRows("x", { dtype: "<i2", shape: [3] }, [new Int16Array(2)]),
    /declares 3 rows, but the blocks ended after 2/,
  );
  assert.ok(aborted instanceof NpyError);
  await assert.rejects(w.add("y", [1]), /declares 3 rows/);
  await assert.rejects(w.close(), /declares 3 rows/);
  await w.abort();
});

Deno.test("NpzWriter refuses blocks beyond the declared rows", async () => {
  const w = new NpzWriter(new MemorySink());
  await assert.rejects(
    w.addRows("x", { dtype: "<u1", shape: [2, 2] }, [new Uint8Array(4), new Uint8Array(2)]),
    /declares 2 rows, but 3 were written/,
  );
});

Deno.test("NpzWriter refuses calls after close and abort", async () => {
  const w = new NpzWriter(new MemorySink());
  await w.close();
  await assert.rejects(w.add("x", [1]), /the npz writer is closed/);
  const v = new NpzWriter(new MemorySink());
  await v.abort();
  await assert.rejects(v.add("x", [1]), /the npz writer is aborted/);
});

Deno.test("NpzWriter.addRows() takes a ReadableStream, an async iterable or a list", async () => {
  const layout = { dtype: "<f8", shape: [4] };
  const want = encodeNpz({ a: new Float64Array([1, 2, 3, 4]) });
  const sources = [
    () => ReadableStream.from([new Float64Array([1, 2]), [3, 4]]),
    async function* () {
      yield new Float64Array([1]);
      yield new Float64Array([2, 3, 4]);
    },
    () => [[1, 2, 3, 4]],
  ];
  for (const src of sources) {
    const sink = new MemorySink();
    const w = new NpzWriter(sink);
    await w.addRows("a", layout, src());
    await w.close();
    assert.deepEqual(sink.bytes(), want);
  }
});

Deno.test("NpzWriter.addBytes() stores a member under exactly its name", async () => {
  const sink = new MemorySink();
  const w = new NpzWriter(sink);
  await w.addBytes("README.txt", new TextEncoder().encode("hello"));
  await w.add("x", [1]);
  await w.close();
  const z = sink.bytes();
  assert.equal(new TextDecoder().decode(z.subarray(30, 40)), "README.txt");
  assert.equal(new TextDecoder().decode(z.subarray(60, 65)), "hello");
});

/** Runs python3 with numpy on a script; undefined when there is no numpy. */
async function numpy(script: string, ...args: string[]): Promise<string | undefined> {
  try {
    const out = await new Deno.Command("python3", { args: ["-c", script, ...args] }).output();
    const err = new TextDecoder().decode(out.stderr);
    if (!out.success && /No module named 'numpy'/.test(err)) return undefined;
    assert.ok(out.success, err);
    return new TextDecoder().decode(out.stdout);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}

const haveNumpy = (await numpy("import numpy")) !== undefined;

Deno.test({
  name: `numpy loads what NpzWriter streams, every member checked with its CRC${
    haveNumpy ? "" : " (skipped: no python3 with numpy)"
  }`,
  ignore: !haveNumpy,
  async fn() {
    const dir = await Deno.makeTempDir();
    for (const compress of [false, true]) {
      const chunks: Uint8Array[] = [];
      const w = new NpzWriter(new WritableStream({ write: (b) => void chunks.push(b) }), {
        compress,
      });
      await w.add("a", new Float64Array([1.5, 2.5]));
      await w.addRows("日本", { dtype: ">i4", shape: [3, 2] }, [
        [1, 2, 3, 4],
        new Int32Array([5, 6]),
      ]);
      await w.addBytes("notes.txt", new TextEncoder().encode("not an array"));
      await w.add("s", ["x", "yz"]);
      await w.close();
      const path = `${dir}/s.npz`;
      await Deno.writeFile(path, join(chunks));
      const out = await numpy(
        `import json, sys, zipfile, numpy as np
p = sys.argv[1]
z = zipfile.ZipFile(p)
assert z.testzip() is None
f = np.load(p)
print(json.dumps({"files": f.files, "flags": [i.flag_bits for i in z.infolist()],
  "a": f["a"].tolist(), "j": f["日本"].tolist(), "jd": f["日本"].dtype.str,
  "notes": f["notes.txt"].decode(), "s": f["s"].tolist()}))`,
        path,
      );
      assert.deepEqual(JSON.parse(out!), {
        files: ["a", "日本", "notes.txt", "s"],
        flags: [8, 0x808, 8, 8],
        a: [1.5, 2.5],
        j: [[1, 2], [3, 4], [5, 6]],
        jd: ">i4",
        notes: "not an array",
        s: ["x", "yz"],
      });
    }
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: `resaveNpz() writes what np.savez(out, **np.load(f)) writes${
    haveNumpy ? "" : " (skipped: no python3 with numpy)"
  }`,
  ignore: !haveNumpy,
  async fn() {
    const dir = await Deno.makeTempDir();
    for (const compress of [false, true]) {
      const members: [string, EncodeInput | Uint8Array][] = [
        ["b", new Int16Array([3, 4])],
        ["notes.txt", new TextEncoder().encode("ab\0\0")],
        ["empty", new Uint8Array(0)],
        ["a", { dtype: "<U2", shape: [2], data: ["é", "😀"] }],
      ];
      // The input archive: arrays as .npy members, bytes as members of their own name.
      const chunks: Uint8Array[] = [];
      const w = new NpzWriter(new WritableStream({ write: (b) => void chunks.push(b) }), {
        compress,
      });
      for (const [k, v] of members) {
        if (v instanceof Uint8Array) await w.addBytes(k, v);
        else await w.add(k, v);
      }
      await w.close();
      const input = `${dir}/in.npz`, output = `${dir}/out.npz`;
      await Deno.writeFile(input, join(chunks));
      await numpy(
        `import sys, numpy as np
f = np.load(sys.argv[1])
(np.savez_compressed if sys.argv[3] == "1" else np.savez)(sys.argv[2], **{k: f[k] for k in f.files})`,
        input,
        output,
        compress ? "1" : "0",
      );
      assert.deepEqual(resaveNpz(members, { compress }), Deno.readFileSync(output));
    }
    await Deno.remove(dir, { recursive: true });
  },
});
