// Copyright 2026 the npy authors. MIT license.
// The fast paths of _layout.ts against plain element-by-element references.

import assert from "node:assert/strict";
import { decode, encode, parseDescr } from "../mod.ts";
import { floatToHalfBits, halfToFloatBits } from "./_float16.ts";
import { F16, LITTLE_ENDIAN, readColumn, swapBytes, widenHalf } from "./_layout.ts";
import type { DType, StructData } from "./types.ts";

/** Deterministic bytes. */
function noise(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function npy(descr: string, count: number, data: Uint8Array, pad = 0): Uint8Array {
  // A header whose data starts at 64 + pad: pad != 0 makes the data unaligned.
  let text = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${count},), }`;
  text = text.padEnd(64 - 10 - 1 + pad) + "\n";
  const out = new Uint8Array(10 + text.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length & 0xff, text.length >> 8]);
  for (let i = 0; i < text.length; i++) out[10 + i] = text.charCodeAt(i);
  out.set(data, 10 + text.length);
  return out;
}

Deno.test("swapBytes() reverses 2-, 4- and 8-byte groups at any alignment and leaves a tail", () => {
  for (const unit of [2, 4, 8, 16]) {
    for (const off of [0, 1, 2, 3, 4, 5]) {
      for (const n of [0, unit, 5 * unit + 1, 37 * unit + 3]) {
        const buf = noise(n + off, unit * 100 + off + n);
        const b = buf.subarray(off);
        const want = b.slice();
        const whole = b.length - (b.length % unit);
        for (let i = 0; i < whole; i += unit) want.subarray(i, i + unit).reverse();
        swapBytes(b, unit);
        assert.deepEqual(b, want, `unit ${unit} offset ${off} length ${n}`);
      }
    }
  }
});

Deno.test("decode() converts every float16 pattern exactly, in both byte orders, aligned or not", () => {
  const le = new Uint8Array(65536 * 2);
  for (let h = 0; h < 65536; h++) {
    le[2 * h] = h & 0xff;
    le[2 * h + 1] = h >> 8;
  }
  const be = le.slice();
  swapBytes(be, 2);
  const want = new Uint32Array(65536).map((_, h) => halfToFloatBits(h));
  const halves = new Uint16Array(65536).map((_, h) => h);
  for (const [descr, data] of [["<f2", le], [">f2", be]] as const) {
    for (const pad of [0, 1]) {
      const a = decode(npy(descr, 65536, data, pad));
      if (F16 !== undefined) {
        // A Float16Array holding the very bits (a view when aligned and native).
        assert.ok(a.data instanceof F16);
        const d = a.data as Float32Array;
        const bits = new Uint16Array(d.buffer, d.byteOffset, d.length);
        assert.ok(bits.every((x, i) => x === halves[i]), `${descr} pad ${pad}`);
      } else {
        const got = new Uint32Array((a.data as Float32Array).buffer);
        assert.ok(got.every((x, i) => x === want[i]), `${descr} pad ${pad}`);
      }
      // The widening path (runtimes without Float16Array), on every runtime.
      const body = data.subarray(0);
      const src = new Uint8Array(body.length + pad).subarray(pad);
      src.set(body);
      const wide = widenHalf(src, 65536, (descr === "<f2") === LITTLE_ENDIAN);
      const got = new Uint32Array(wide.buffer, wide.byteOffset, 65536);
      assert.ok(got.every((x, i) => x === want[i]), `widened ${descr} pad ${pad}`);
    }
  }
});

Deno.test("encode() rounds float32 to float16 like numpy, NaN payloads included", () => {
  const bits = new Uint32Array(200003);
  const r = new Uint32Array(noise(bits.length * 4, 7).buffer);
  for (let i = 0; i < bits.length; i++) {
    // Spread over all exponents, plus the edges: ties, subnormals, inf, NaNs.
    bits[i] = i < 65536 ? (i << 16) | (r[i] & 0xffff) : i < 131072 ? ((i - 65536) << 13) : r[i];
  }
  bits.set([0x7f800000, 0xff800000, 0x7f800001, 0x7fc00000, 0xff812345, 0x7f802000, 0x33000000]);
  const f32 = new Float32Array(bits.buffer);
  const want = new Uint16Array(bits.length).map((_, i) => floatToHalfBits(bits[i]));
  for (const descr of ["<f2", ">f2"]) {
    const file = encode({ dtype: descr, data: f32 });
    const body = file.slice(file.length - bits.length * 2);
    if (descr === ">f2") swapBytes(body, 2);
    assert.deepEqual(new Uint16Array(body.buffer), want, descr);
  }
  // Unaligned: a float16 field at an odd offset of a record.
  const dt = parseDescr([["a", "|u1"], ["h", "<f2"]]);
  const file = encode({
    dtype: dt,
    shape: [bits.length],
    data: { a: new Uint8Array(bits.length), h: f32 },
  });
  const data = file.subarray(file.length - bits.length * 3);
  for (let i = 0; i < bits.length; i += 997) {
    assert.equal(data[3 * i + 1] | (data[3 * i + 2] << 8), want[i], `record ${i}`);
  }
});

Deno.test("decode() reads big-endian numbers aligned and unaligned, copied or in place", () => {
  const cases: [string, number][] = [[">i2", 2], [">u4", 4], [">f4", 4], [">f8", 8], [">i8", 8], [
    ">c16",
    16,
  ], [">c8", 8]];
  for (const [descr, size] of cases) {
    const n = 1001;
    const raw = noise(n * size, size);
    const dv = new DataView(raw.buffer);
    const unit = descr[1] === "c" ? size / 2 : size;
    const ref: (number | bigint)[] = [];
    for (let i = 0; i < (n * size) / unit; i++) {
      const o = i * unit;
      ref.push(
        descr === ">i2"
          ? dv.getInt16(o)
          : descr === ">u4"
          ? dv.getUint32(o)
          : descr === ">i8"
          ? dv.getBigInt64(o)
          : unit === 4
          ? dv.getFloat32(o)
          : dv.getFloat64(o),
      );
    }
    for (const pad of [0, 1, 2, 4]) {
      for (const opts of [{}, { copy: true }, { inPlace: true }]) {
        const got = [...(decode(npy(descr, n, raw, pad), opts).data as Float64Array)];
        assert.deepEqual(got, ref, `${descr} pad ${pad} ${JSON.stringify(opts)}`);
      }
    }
    // And back.
    const a = decode(npy(descr, n, raw));
    assert.deepEqual(encode(a).subarray(-raw.length), raw, `${descr} encode`);
  }
});

Deno.test("U strings: ASCII, BMP, astral, lone surrogates, out-of-range code points, NULs", () => {
  const sets = [
    ["", "a", "hello", "abcdefgh", "x\0y"],
    ["é", "жук", "naïve", "ÿ"],
    ["中文", "\ud7ff", "\ue000x", "ﬀ"],
    ["😀", "a😀b", "𝄞𝄞"],
    ["\ud800", "a\udc00", "\udbff\udfff"],
  ];
  for (const strings of sets) {
    for (const descr of ["<U8", ">U8"]) {
      const file = encode({ dtype: descr, data: strings });
      assert.deepEqual(decode(file).data, strings, `${descr} ${JSON.stringify(strings)}`);
      assert.deepEqual(decode(file, { copy: true }).data, strings);
    }
  }
  // Code points numpy can hold but JS strings cannot: U+FFFD, as before.
  const raw = new Uint8Array(12);
  new DataView(raw.buffer).setUint32(0, 0x110000, true);
  new DataView(raw.buffer).setUint32(4, 0x41, true);
  assert.deepEqual(decode(npy("<U3", 1, raw)).data, ["\ufffdA"]);
  // Unaligned data.
  const ascii = Array.from({ length: 300 }, (_, i) => "s" + i);
  const body = encode({ dtype: "<U5", data: ascii }).subarray(128);
  assert.deepEqual(decode(npy("<U5", 300, body, 1)).data, ascii);
  // A trailing NUL is stripped, an embedded one kept; strings too long refuse.
  assert.deepEqual(decode(encode({ dtype: "<U3", data: ["a\0b", "\0\0"] })).data, ["a\0b", ""]);
  assert.throws(() => encode({ dtype: "<U2", data: ["abc"] }), /does not fit U2/);
});

/** Element-by-element reference for a packed struct. */
function refColumns(raw: Uint8Array, n: number): Record<string, unknown[]> {
  const dv = new DataView(raw.buffer, raw.byteOffset);
  const cols: Record<string, unknown[]> = { a: [], b: [], c: [], d: [], e: [], f: [] };
  for (let i = 0, o = 0; i < n; i++, o += 27) {
    cols.a.push(dv.getFloat64(o, true));
    cols.b.push(dv.getInt32(o + 8, false));
    cols.c.push(halfToFloatBits(dv.getUint16(o + 12, true)) >>> 0);
    cols.d.push(raw[o + 14]);
    cols.e.push(dv.getBigInt64(o + 15, true));
    cols.f.push(dv.getInt16(o + 23, true), dv.getInt16(o + 25, true));
  }
  return cols;
}

Deno.test("structured records are gathered and scattered field by field at any offset", () => {
  const dt: DType = parseDescr([
    ["a", "<f8"],
    ["b", ">i4"],
    ["c", "<f2"],
    ["d", "|u1"],
    ["e", "<i8"],
    ["f", "<i2", [2]],
  ]);
  assert.equal(dt.itemsize, 27);
  for (const n of [0, 1, 7, 1000]) {
    for (const off of [0, 1, 3, 8]) {
      const buf = noise(n * 27 + off, n + off);
      const raw = buf.subarray(off);
      const got = readColumn(raw, 0, 27, n, dt, { copy: false, inPlace: false }) as StructData;
      const ref = refColumns(raw, n);
      assert.deepEqual([...(got.a as Float64Array)], ref.a);
      assert.deepEqual([...(got.b as Int32Array)], ref.b);
      const c = got.c as Float32Array;
      const cBits = F16 !== undefined
        ? [...new Uint16Array(c.buffer, c.byteOffset, c.length)].map((h) =>
          halfToFloatBits(h) >>> 0
        )
        : [...new Uint32Array(c.buffer, c.byteOffset, c.length)];
      assert.deepEqual(cBits, ref.c);
      assert.deepEqual([...(got.d as Uint8Array)], ref.d);
      assert.deepEqual([...(got.e as BigInt64Array)], ref.e);
      assert.deepEqual([...(got.f as Int16Array)], ref.f);
      assert.deepEqual(raw, buf.subarray(off), "the input is not changed");
      // Writing the columns back reproduces every byte (float16 NaNs included).
      const file = encode({ dtype: dt, shape: [n], data: got });
      assert.deepEqual(file.subarray(file.length - n * 27), raw, `n ${n} offset ${off}`);
    }
  }
});

Deno.test("encode() overwrites stale string bytes when a structured array's records are reused", () => {
  const a = decode(
    encode({
      dtype: [["s", "|S4"], ["u", "<U3"]],
      shape: [2],
      data: { s: ["abcd", "x"], u: ["xyz", "q"] },
    }),
  );
  (a.data as StructData).s = ["a", "yy"];
  (a.data as StructData).u = ["", "pq"];
  const b = decode(encode(a));
  assert.deepEqual((b.data as StructData).s, ["a", "yy"]);
  assert.deepEqual((b.data as StructData).u, ["", "pq"]);
});
