// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { decode } from "../codec/decode.ts";
import { encode, type EncodeInput } from "../codec/encode.ts";
import { NpyDecoderStream } from "../codec/stream.ts";
import { NpyError } from "../codec/errors.ts";
import { encodeNpz, npzMembers, NpzWriter, type ZipSink } from "./npz_writer.ts";

interface ArraySpec {
  npy?: string;
  gen?: "arange" | "square_mod";
  dtype?: string;
  n?: number;
  mod?: number;
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
        new NpyDecoderStream({ rowsPerBlock: c.size > 65536 ? 9999 : 2 }),
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
