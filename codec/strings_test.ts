// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { decode, encode, NpyDecoderStream, toJsonValues, ucs4Units } from "../mod.ts";
import { load } from "../fs/mod.ts";

/** A `U<chars>` file whose elements hold exactly these code units. */
function ucs4File(order: "<" | ">", chars: number, elements: number[][]): Uint8Array {
  const blank = encode({
    dtype: `${order}U${chars}`,
    shape: [elements.length],
    data: elements.map(() => ""),
  });
  const out = blank.slice();
  const start = out.length - elements.length * chars * 4;
  const dv = new DataView(out.buffer);
  elements.forEach((e, i) =>
    e.forEach((x, k) => dv.setUint32(start + (i * chars + k) * 4, x, order === "<"))
  );
  return out;
}

const ODD = [
  [0xd834, 0xdd1e, 0x41], // a pair stored as two code points
  [0x110000, 0xffffffff], // no character has these values
  [0xd834], // a lone high surrogate
  [0xdd1e, 0xd834], // low then high: two lone surrogates
  [0x1d11e, 0x41], // the character the pair above forms
  [0, 0x41, 0], // inner NUL kept, trailing NUL stripped
];

for (const order of ["<", ">"] as const) {
  Deno.test(`decode() keeps every UCS-4 code unit, so encode(decode(f)) is f (${order})`, () => {
    const f = ucs4File(order, 3, ODD);
    const a = decode(f);
    assert.deepEqual(a.data, [
      "\u{1d11e}A",
      "\ufffd\ufffd",
      "\ud834",
      "\udd1e\ud834",
      "\u{1d11e}A",
      "\0A",
    ]);
    assert.ok(a.bytes !== undefined, "raw units kept beside the strings");
    assert.deepEqual(encode(a), f);
    assert.deepEqual(
      ucs4Units(a),
      new Uint32Array([...ODD.map((e) => [...e, 0, 0, 0].slice(0, 3))].flat()),
    );
  });
}

Deno.test("decode() keeps no raw units when every element is a JS string", () => {
  const a = decode(ucs4File("<", 3, [[0xd834], [0x1f600, 0x41], [0xdd1e, 0xd834], [0xe9]]));
  assert.equal(a.bytes, undefined);
  assert.deepEqual(a.data, ["\ud834", "\u{1f600}A", "\udd1e\ud834", "\u00e9"]);
});

Deno.test("encode() writes a changed string, and keeps stored units of unchanged ones", () => {
  const f = ucs4File("<", 3, ODD);
  const a = decode(f);
  const data = a.data as string[];
  data[1] = "new";
  const b = decode(encode(a));
  assert.deepEqual(b.data, [data[0], "new", ...data.slice(2)]);
  assert.deepEqual(ucs4Units(b).subarray(0, 3), new Uint32Array([0xd834, 0xdd1e, 0x41]));
  // A fresh array of the same strings is written as JS strings are: one code point per pair.
  const c = encode({ dtype: "<U3", shape: [6], data: data.slice() });
  assert.deepEqual(ucs4Units(decode(c)).subarray(0, 3), new Uint32Array([0x1d11e, 0x41, 0]));
});

Deno.test("structured arrays keep the code units of their U fields", () => {
  const blank = encode({
    dtype: [["a", ">U2"], ["b", "<i2"], ["c", ["<U1", [2]]]],
    shape: [2],
    data: { a: ["", ""], b: new Int16Array([1, 2]), c: ["", "", "", ""] },
  });
  const f = blank.slice();
  const start = f.length - 2 * 18, dv = new DataView(f.buffer);
  dv.setUint32(start, 0xd83d, false);
  dv.setUint32(start + 4, 0xde00, false);
  dv.setUint32(start + 10, 0x7fffffff, true);
  dv.setUint32(start + 18 + 14, 0xdbff, true);
  const a = decode(f);
  assert.deepEqual(encode(a), f);
});

Deno.test("load() and NpyDecoderStream keep the code units too", async () => {
  const f = ucs4File(">", 3, ODD);
  const path = await Deno.makeTempFile({ suffix: ".npy" });
  try {
    await Deno.writeFile(path, f);
    assert.deepEqual(encode(await load(path)), f);
  } finally {
    await Deno.remove(path);
  }
  const blocks = await Array.fromAsync(
    new Blob([f as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
      new NpyDecoderStream({ rowsPerBlock: 4 }),
    ),
  );
  const parts = blocks.map((b) => encode(b));
  assert.deepEqual(parts[0].subarray(-48), f.subarray(f.length - 72, f.length - 24));
  assert.deepEqual(parts[1].subarray(-24), f.subarray(f.length - 24));
});

Deno.test("toJsonValues() prints U+FFFD above U+10FFFF and lone surrogates as they are", () => {
  const a = decode(ucs4File("<", 2, [[0x110000], [0xd834], [0xd834, 0xdd1e]]));
  assert.equal(JSON.stringify(toJsonValues(a)), '["\ufffd","\\ud834","\u{1d11e}"]');
});

Deno.test("S elements decode to one latin1 character per byte, all 256 values", () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
  const strings = Array.from(
    { length: 16 },
    (_, i) => String.fromCharCode(...bytes.subarray(i * 16, i * 16 + 16)),
  );
  const f = encode({ dtype: "|S16", shape: [16], data: strings });
  const a = decode(f);
  // The last element ends in a NUL: stripped, as numpy does.
  assert.deepEqual(a.data, [...strings.slice(0, 15), strings[15].slice(0, 15)]);
  assert.equal((a.data as string[])[7].charCodeAt(15), 0x80); // not U+20AC (windows-1252)
  assert.deepEqual(encode(a), f);
  const ascii = decode(encode({ dtype: "|S3", shape: [3], data: ["ab", "", "a\0b"] }));
  assert.deepEqual(ascii.data, ["ab", "", "a\0b"]);
});

Deno.test("U text of every width decodes in bulk: ASCII, BMP, beyond", () => {
  const data = ["", "abc", "\u00e9t\u00e9", "\u4e2d\u6587", "\u{1f600}\u{10ffff}x", "a\0b"];
  for (const dtype of ["<U4", ">U4", "<U7"]) {
    const a = decode(encode({ dtype, shape: [data.length], data }));
    assert.deepEqual(a.data, data);
  }
});

Deno.test("encode() refuses S strings that are not latin1, naming the character", () => {
  assert.throws(
    () => encode({ dtype: "|S4", shape: [2], data: ["ok", "a\u20acb"] }),
    /data\[1\]: S holds bytes: character U\+20AC at 1 is not latin1/,
  );
});
