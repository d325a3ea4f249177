// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { F16 } from "./_layout.ts";
import {
  decode,
  encode,
  encodeParts,
  NpyError,
  parseDescr,
  readHeader,
  writeHeader,
} from "../mod.ts";

function headerText(bytes: Uint8Array): string {
  const h = readHeader(bytes);
  const lenSize = h.version[0] === 1 ? 2 : 4;
  return new TextDecoder().decode(bytes.subarray(8 + lenSize, h.dataOffset));
}

Deno.test("encode() writes numpy's header: sorted keys, repr values, growth padding, 64-byte alignment", () => {
  const bytes = encode({ dtype: "<i4", shape: [2, 3], data: new Int32Array(6) });
  const text = headerText(bytes);
  assert.equal(
    text,
    "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }" + " ".repeat(20 + 38) + "\n",
  );
  assert.equal(readHeader(bytes).dataOffset % 64, 0);
});

Deno.test("encode() pads for the last axis of a Fortran-order array", () => {
  const bytes = encode({
    dtype: "<f8",
    shape: [2, 300],
    fortranOrder: true,
    data: new Float64Array(600),
  });
  assert.match(headerText(bytes), /'shape': \(2, 300\), \} {18}/);
  assert.equal(readHeader(bytes).fortranOrder, true);
});

Deno.test("encode() writes fortran_order False for arrays that are also C-contiguous", () => {
  for (const shape of [[3], [1, 4], [4, 1], [0, 3], []]) {
    const n = shape.reduce((a, b) => a * b, 1);
    const h = readHeader(
      encode({ dtype: "<f8", shape, fortranOrder: true, data: new Float64Array(n) }),
    );
    assert.equal(h.fortranOrder, false, JSON.stringify(shape));
  }
});

Deno.test("encode() chooses version 1.0, then 2.0 for long headers, 3.0 only for non-latin1 names", () => {
  const many = Array.from({ length: 3000 }, (_, i) => [`field_number_${i}`, "<i4"]);
  const big = encode({
    dtype: many,
    shape: [0],
    data: Object.fromEntries(many.map(([n]) => [n, new Int32Array(0)])),
  });
  assert.deepEqual(readHeader(big, { maxHeaderSize: 1e6 }).version, [2, 0]);
  const e = encode({ dtype: [["é", "<i4"]], shape: [1], data: { "é": new Int32Array([1]) } });
  assert.deepEqual(readHeader(e).version, [1, 0]);
  const cjk = encode({ dtype: [["名", "<i4"]], shape: [1], data: { "名": new Int32Array([1]) } });
  assert.deepEqual(readHeader(cjk).version, [3, 0]);
  assert.deepEqual(decode(cjk).data, { "名": new Int32Array([1]) });
});

Deno.test("encode() writes the version asked for, and refuses one that cannot hold the header", () => {
  const v3 = encode(new Float32Array([1]), { version: [3, 0] });
  assert.deepEqual(readHeader(v3).version, [3, 0]);
  assert.throws(
    () => encode({ dtype: [["名", "<i4"]], shape: [0], data: { "名": [] } }, { version: [1, 0] }),
    (e) => e instanceof NpyError && e.code === "INVALID_ARRAY",
  );
  assert.throws(
    () =>
      writeHeader({ dtype: parseDescr("<f8"), shape: [1], fortranOrder: false }, {
        version: [1, 1] as never,
      }),
    (e) => e instanceof NpyError && e.code === "INVALID_OPTION",
  );
});

Deno.test("encode() infers dtypes from JS values like np.array does", () => {
  assert.equal(readHeader(encode([1, 2.5])).descr, "<f8");
  assert.equal(readHeader(encode([true, false])).descr, "|b1");
  assert.equal(readHeader(encode([1n, -2n])).descr, "<i8");
  assert.equal(readHeader(encode([2n ** 64n - 1n])).descr, "<u8");
  assert.equal(readHeader(encode(["a", "\u{1f600}bc"])).descr, "<U3");
  assert.equal(readHeader(encode(new Uint16Array(2))).descr, "<u2");
  assert.deepEqual(readHeader(encode(3.5)).shape, []);
  assert.deepEqual(readHeader(encode([[1, 2], [3, 4], [5, 6]])).shape, [3, 2]);
});

Deno.test("encode() refuses values that need pickle with numpy's words", () => {
  for (const v of [[{ a: 1 }], [[1, 2], [3]], [1, "a"], [null], [[1], 2], [undefined]]) {
    assert.throws(
      () => encode(v),
      (e) =>
        e instanceof NpyError && e.code === "OBJECT_ARRAY" &&
        /Object arrays cannot be saved when allow_pickle=False/.test(e.message),
      JSON.stringify(v),
    );
  }
  assert.throws(
    () => encode({ dtype: "|O", shape: [1], data: [0] }),
    (e) => e instanceof NpyError && e.code === "OBJECT_ARRAY",
  );
});

Deno.test("encode() refuses data that does not fit the dtype or shape", () => {
  const cases: [unknown, RegExp][] = [
    [{ dtype: "<f8", shape: [3], data: new Float64Array(2) }, /expected 3 values/],
    [{ dtype: "|i1", shape: [1], data: [300] }, /not an integer in \[-128, 127\]/],
    [{ dtype: "|S2", shape: [1], data: ["abc"] }, /does not fit S2/],
    [{ dtype: "|S2", shape: [1], data: ["\u20ac"] }, /not latin1/],
    [{ dtype: "<U1", shape: [1], data: ["ab"] }, /does not fit U1/],
    [{ dtype: [["a", "<i4"]], shape: [1], data: {} }, /missing field 'a'/],
    [{ dtype: "<f8", shape: [-1], data: [] }, /non-negative integers/],
    [{ dtype: "<i8", shape: [1], data: [1.5] }, /expected an integer/],
  ];
  for (const [input, pattern] of cases) {
    assert.throws(
      () => encode(input as never),
      (e) => e instanceof NpyError && e.code === "INVALID_ARRAY" && pattern.test(e.message),
      String(pattern),
    );
  }
});

Deno.test("encode() round-trips every scalar dtype in both byte orders", () => {
  const cases: [string, unknown][] = [
    ["|b1", new Uint8Array([1, 0])],
    ["|i1", new Int8Array([-128, 127])],
    ["|u1", new Uint8Array([0, 255])],
    ["i2", new Int16Array([-32768, 32767])],
    ["u2", new Uint16Array([0, 65535])],
    ["i4", new Int32Array([-(2 ** 31), 2 ** 31 - 1])],
    ["u4", new Uint32Array([0, 2 ** 32 - 1])],
    ["i8", new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n])],
    ["u8", new BigUint64Array([0n, 2n ** 64n - 1n])],
    ["f2", new Float32Array([65504, -(2 ** -24)])],
    ["f4", new Float32Array([3.4028234663852886e38, -1.401298464324817e-45])],
    ["f8", new Float64Array([Number.MAX_VALUE, -5e-324])],
    ["c8", new Float32Array([1, -2, 0.5, Infinity])],
    ["c16", new Float64Array([1, -2, NaN, -0])],
    ["M8[10ms]", new BigInt64Array([-(2n ** 63n), 12345n])],
    ["m8", new BigInt64Array([1n, -1n])],
    ["U3", ["a\0b", "\u{1f600}"]],
    ["|S3", ["a\0b", ""]],
    ["|V2", new Uint8Array([1, 2, 3, 4])],
    ["f16", new Uint8Array(32).fill(7)],
  ];
  for (const [t, data] of cases) {
    for (const order of t.startsWith("|") ? [""] : ["<", ">"]) {
      const dtype = order + t;
      const a = decode(encode({ dtype, data: data as never }));
      if (t === "f2" && F16 !== undefined) {
        // A Float16Array where the runtime has one: the same values.
        assert.ok(a.data instanceof F16, dtype);
        assert.deepEqual(Array.from(a.data as Float32Array), Array.from(data as Float32Array));
      } else assert.deepEqual(a.data, data, dtype);
      assert.deepEqual(encode(a), encode({ dtype, data: data as never }), dtype);
    }
  }
});

Deno.test("encodeParts() returns the header and a zero-copy data chunk", () => {
  const x = new Int32Array([1, 2, 3]);
  const { header, data } = encodeParts({ dtype: "<i4", data: x });
  assert.equal(data.buffer, x.buffer);
  const joined = new Uint8Array(header.length + data.length);
  joined.set(header);
  joined.set(data, header.length);
  assert.deepEqual(joined, encode(x));
  const swapped = encodeParts({ dtype: ">i4", data: x });
  assert.notEqual(swapped.data.buffer, x.buffer);
  assert.deepEqual(decode(new Uint8Array([...swapped.header, ...swapped.data])).data, x);
});

Deno.test("encode() keeps padding inside a struct nested in a subarray field", () => {
  const dtype = [["a", [["x", "|u1"], ["", "|V1"], ["y", "<i2"]], [2]], ["b", "|u1"]];
  const first = encode({ dtype, shape: [1], data: { a: { x: [1, 2], y: [3, 4] }, b: [5] } });
  const raw = first.slice();
  const off = raw.length - 9;
  raw[off + 1] = 0xee; // padding byte of a[0]
  raw[off + 5] = 0xdd; // padding byte of a[1]
  assert.deepEqual(encode(decode(raw)), raw);
});

Deno.test("encode() writes fortran_order False for zero-size elements, as numpy does", () => {
  const h = readHeader(
    encode({ dtype: "|V0", shape: [2, 3], fortranOrder: true, data: new Uint8Array(0) }),
  );
  assert.equal(h.fortranOrder, false);
});

Deno.test("encode() with allowPickle writes the tutorial's object array as numpy 2 does", () => {
  const want = Deno.readFileSync(new URL("../pickle/testdata/tutorial.npy", import.meta.url));
  const got = encode([new Map([["a", 1n]]), [2n, 3n], "string"], { allowPickle: true });
  assert.deepEqual(got, want);
  const parts = encodeParts([new Map([["a", 1n]]), [2n, 3n], "string"], { allowPickle: true });
  assert.deepEqual(new Uint8Array([...parts.header, ...parts.data]), want);
});

Deno.test("encode() with pickleFormat 'numpy1' writes numpy 1.x's protocol 3 pickle", () => {
  const want = Deno.readFileSync(new URL("../pickle/testdata/tutorial.np1.npy", import.meta.url));
  const got = encode([{ a: 1n }, [2n, 3n], "string"], {
    allowPickle: true,
    pickleFormat: "numpy1",
  });
  assert.deepEqual(got, want);
});

Deno.test("encode() with allowPickle writes an explicit |O array and keeps the header's rules", () => {
  const f = encode({ dtype: "|O", shape: [2, 2], fortranOrder: true, data: [1n, 2n, 3n, 4n] }, {
    allowPickle: true,
  });
  const header = new TextDecoder().decode(f.subarray(10, 70));
  assert.match(header, /'descr': '\|O', 'fortran_order': True, 'shape': \(2, 2\)/);
  const oneD = encode({ dtype: "|O", fortranOrder: true, data: [null] }, { allowPickle: true });
  assert.match(new TextDecoder().decode(oneD.subarray(10, 70)), /'fortran_order': False/);
});

Deno.test("encode() with allowPickle still writes fixed-width values without pickle", () => {
  assert.deepEqual(encode([1, 2], { allowPickle: true }), encode([1, 2]));
});

Deno.test("encode() keeps a record's padding bytes from `bytes` and writes every field from its column", () => {
  const file = encode({
    dtype: [["x", "<f8"], ["y", "<f4"], ["id", "<i2"], ["ok", "|b1"], ["", "|V1"]],
    shape: [3],
    data: {
      x: new Float64Array([0.5, 1.5, 2.5]),
      y: new Float32Array([0, 2, 4]),
      id: new Int16Array([0, -1, -2]),
      ok: new Uint8Array([0, 1, 0]),
    },
  });
  const off = file.length - 48;
  for (let i = 0; i < 3; i++) file[off + i * 16 + 15] = 0xa0 + i; // padding numpy keeps as it is
  const a = decode(file, { copy: true });
  assert.deepEqual(encode(a), file);
  const cols = a.data as Record<string, Float64Array>;
  cols.x[1] = 42; // a changed value is written over the stored one
  const out = encode(a);
  assert.equal(new DataView(out.buffer, off + 16, 8).getFloat64(0, true), 42);
  assert.deepEqual(out.subarray(off + 32), file.subarray(off + 32));
  assert.deepEqual([out[off + 15], out[off + 31], out[off + 47]], [0xa0, 0xa1, 0xa2]);
});
