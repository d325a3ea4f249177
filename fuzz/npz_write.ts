// Copyright 2026 the npy authors. MIT license.
// The .npz writing property: encodeNpz and NpzWriter against np.savez.

import assert from "node:assert/strict";
import fc from "fast-check";
import { decode, encode, NpyDecoderStream, NpyError } from "../mod.ts";
import { encodeNpz, NpzWriter } from "../zip/npz_writer.ts";
import { arrayArb, type ArrayCase } from "./arbitraries.ts";
import { assertSameBytes } from "./check.ts";
import { fromBase64 } from "./oracle.ts";
import type { Ctx, PropertyDef } from "./properties.ts";

/** An archive to write: named arrays, positional ones, compression, output. */
export interface NpzCase {
  keywords: [string, ArrayCase][];
  positional: ArrayCase[];
  compress: boolean;
  /**
   * How ours is written: encodeNpz; NpzWriter to a WritableStream (numpy to a
   * stream without seek); or NpzWriter to a seekable sink, each array streamed
   * in blocks of one row with addRows (numpy to a BytesIO).
   */
  via: "encodeNpz" | "stream" | "blocks";
}

// Names: ASCII, Latin-1, CJK, astral, and now and then NUL (zipfile cuts there) or arr_0.
const NAME_CHARS = ["a", "b", "_", ".", "0", " ", "/", "é", "ü", "日", "😀", "\0"];
const nameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: fc.constantFrom(...NAME_CHARS), maxLength: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom("arr_0", "arr_1", "x.npy") },
);

const smallArray = (): fc.Arbitrary<ArrayCase> =>
  arrayArb({ maxCount: 6, maxDepth: 2 }).map((x) => {
    const { version: _, ...rest } = x; // np.savez always uses np.save's version choice
    return rest;
  });

/** Archives of up to four named and three positional arrays. */
export function npzCaseArb(): fc.Arbitrary<NpzCase> {
  return fc.record({
    keywords: fc.uniqueArray(fc.tuple(nameArb, smallArray()), {
      maxLength: 4,
      selector: ([k]) => k,
    }),
    positional: fc.array(smallArray(), { maxLength: 3 }),
    compress: fc.boolean(),
    via: fc.constantFrom("encodeNpz", "stream", "blocks"),
  });
}

function tryEncode(x: ArrayCase): Uint8Array | undefined {
  try {
    return encode(x);
  } catch {
    return undefined;
  }
}

/** A seekable sink in memory. */
class MemorySink {
  chunks: Uint8Array[] = [];
  write(b: Uint8Array): void {
    this.chunks.push(b.slice());
  }
  writeAt(b: Uint8Array, position: number): void {
    const all = join(this.chunks);
    all.set(b, position);
    this.chunks = [all];
  }
}

function join(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, b) => n + b.length, 0));
  let o = 0;
  for (const b of chunks) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

async function ours(c: NpzCase): Promise<Uint8Array> {
  const keywords = new Map(c.keywords);
  if (c.via === "encodeNpz") {
    return encodeNpz(keywords, { compress: c.compress, positional: c.positional });
  }
  const chunks: Uint8Array[] = [];
  const sink = new MemorySink();
  const w = c.via === "stream"
    ? new NpzWriter(new WritableStream({ write: (b) => void chunks.push(b.slice()) }), {
      compress: c.compress,
    })
    : new NpzWriter(sink, { compress: c.compress });
  const add = async (name: string, x: ArrayCase) => {
    if (c.via !== "blocks" || x.shape.length === 0) return await w.add(name, x);
    const file = encode(x);
    const a = decode(file);
    const blocks = ReadableStream.from([file]).pipeThrough(
      new NpyDecoderStream({ rowsPerBlock: 1 }),
    );
    await w.addRows(name, a, blocks);
  };
  try {
    for (const [k, a] of keywords) await add(k, a);
    const taken = new Set(keywords.keys());
    for (let i = 0; i < c.positional.length; i++) {
      if (taken.has(`arr_${i}`)) {
        throw new NpyError("INVALID_NAME", `Cannot use un-named variables and keyword arr_${i}`);
      }
      await add(`arr_${i}`, c.positional[i]);
    }
    await w.close();
  } catch (e) {
    await w.abort();
    throw e;
  }
  return join(c.via === "stream" ? chunks : sink.chunks);
}

/** encodeNpz (or NpzWriter to a stream) writes np.savez's bytes, or refuses what numpy refuses. */
export async function checkNpzWrite(c: NpzCase, ctx: Ctx): Promise<void> {
  const files = [...c.keywords.map(([, a]) => a), ...c.positional].map(tryEncode);
  if (files.some((f) => f === undefined)) return; // arrays encode() refuses: not the archive's concern
  const ans = await ctx.oracle!.savez({
    keywords: c.keywords.map(([k], i) => [k, files[i]!]),
    positional: files.slice(c.keywords.length) as Uint8Array[],
    compress: c.compress,
    unseekable: c.via === "stream",
  });
  let mine: Uint8Array | undefined, refusal: unknown;
  try {
    mine = await ours(c);
  } catch (e) {
    refusal = e;
  }
  if (ans.refused !== undefined) {
    assert.ok(
      refusal instanceof NpyError && refusal.code === "INVALID_NAME",
      `numpy refused (${ans.refused}); we ${refusal ? `threw ${refusal}` : "wrote an archive"}`,
    );
    assert.match(ans.refused, /Cannot use un-named variables/);
    return;
  }
  if (refusal !== undefined) {
    // We refuse names that zipfile writes twice (cut at NUL); numpy only warns.
    const names = ans.names!;
    assert.ok(
      refusal instanceof NpyError && refusal.code === "INVALID_NAME" &&
        new Set(names).size < names.length,
      `numpy wrote ${JSON.stringify(names)}; we threw ${refusal}`,
    );
    return;
  }
  // A member numpy writes differently from the .npy file it was given is the codec's business
  // (see the roundtrip properties), or numpy's: it writes uninitialized padding bytes for
  // some record arrays in Fortran order.
  if (!ans.member_same!.every(Boolean)) return;
  assertSameBytes(mine!, fromBase64(ans.file!), "the archive");
}

/** The .npz writing properties, registered in properties.ts. */
export const NPZ_WRITE_PROPERTIES: PropertyDef<NpzCase>[] = [
  {
    id: "npz-write-numpy",
    title: "encodeNpz and NpzWriter write np.savez(_compressed)'s bytes for random archives",
    arb: npzCaseArb,
    check: checkNpzWrite,
    oracle: true,
    testRuns: 25,
  },
];
