// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { decode, encode, NpyError, type NpyErrorCode } from "../mod.ts";

function file(header: string, data: Uint8Array = new Uint8Array(0), major = 1): Uint8Array {
  const body = new TextEncoder().encode(header);
  const lenSize = major === 1 ? 2 : 4;
  const out = new Uint8Array(8 + lenSize + body.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const dv = new DataView(out.buffer);
  if (lenSize === 2) dv.setUint16(8, body.length, true);
  else dv.setUint32(8, body.length, true);
  out.set(body, 8 + lenSize);
  out.set(data, 8 + lenSize + body.length);
  return out;
}

function refuses(bytes: Uint8Array, code: NpyErrorCode, pattern?: RegExp): NpyError {
  let caught: unknown;
  try {
    decode(bytes);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof NpyError, `expected NpyError ${code}, got ${caught}`);
  assert.equal(caught.code, code, caught.message);
  if (pattern) assert.match(caught.message, pattern);
  assert.equal(typeof caught.offset, "number");
  return caught;
}

const F8 = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }";

Deno.test("decode() reads little- and big-endian numbers into native typed arrays", () => {
  const le = decode(
    file("{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }", new Uint8Array([1, 2, 3, 4])),
  );
  assert.deepEqual(le.data, new Int16Array([0x0201, 0x0403]));
  const be = decode(
    file("{'descr': '>i2', 'fortran_order': False, 'shape': (2,), }", new Uint8Array([1, 2, 3, 4])),
  );
  assert.deepEqual(be.data, new Int16Array([0x0102, 0x0304]));
});

Deno.test("decode() returns a view for aligned native data and a copy when asked", () => {
  const bytes = encode(new Float64Array([1, 2, 3]));
  const view = decode(bytes).data as Float64Array;
  assert.equal(view.buffer, bytes.buffer);
  const copy = decode(bytes, { copy: true }).data as Float64Array;
  assert.notEqual(copy.buffer, bytes.buffer);
  assert.deepEqual(copy, view);
});

Deno.test("decode() swaps big-endian data in place when inPlace is set", () => {
  const bytes = encode({ dtype: ">f8", data: [1.5, -2] });
  const a = decode(bytes, { inPlace: true });
  assert.equal((a.data as Float64Array).buffer, bytes.buffer);
  assert.deepEqual(a.data, new Float64Array([1.5, -2]));
});

Deno.test("decode() keeps NaN payloads, -0 and subnormals bit for bit", () => {
  const bits = new BigUint64Array([
    0x7ff0000000000123n,
    0x8000000000000000n,
    1n,
    0xfff8000000000000n,
  ]);
  const input = new Float64Array(bits.buffer);
  const out = decode(encode(input)).data as Float64Array;
  assert.deepEqual(new BigUint64Array(out.buffer, out.byteOffset, 4), bits);
  const half = new Uint8Array([0x01, 0x7c, 0x00, 0x80, 0x01, 0x00]); // sNaN payload 1, -0, tiniest subnormal
  const a = decode(file("{'descr': '<f2', 'fortran_order': False, 'shape': (3,), }", half));
  const f = a.data as Float32Array;
  assert.ok(Number.isNaN(f[0]));
  assert.ok(Object.is(f[1], -0));
  assert.equal(f[2], 2 ** -24);
  assert.deepEqual(encode(a).subarray(-6), half);
});

Deno.test("decode() strips trailing NULs from S and U but keeps embedded ones", () => {
  const s = decode(
    file(
      "{'descr': '|S4', 'fortran_order': False, 'shape': (2,), }",
      new Uint8Array([97, 0, 98, 0, 0xff, 0, 0, 0]),
    ),
  );
  assert.deepEqual(s.data, ["a\0b", "\xff"]);
  const u = new Uint8Array(16);
  new DataView(u.buffer).setUint32(0, 0x1f600, false);
  const a = decode(file("{'descr': '>U2', 'fortran_order': False, 'shape': (2,), }", u));
  assert.deepEqual(a.data, ["\u{1f600}", ""]);
});

Deno.test("decode() reads structured records as columns and keeps padding bytes", () => {
  const header =
    "{'descr': [('a', '|u1'), ('', '|V3'), ('b', '<i4', (2,)), (('T', 'c'), [('x', '>i2')])], 'fortran_order': False, 'shape': (1,), }";
  const data = new Uint8Array([7, 0xaa, 0xbb, 0xcc, 1, 0, 0, 0, 2, 0, 0, 0, 0, 5]);
  const a = decode(file(header, data));
  assert.equal(a.dtype.kind, "struct");
  const cols = a.data as Record<string, unknown>;
  assert.deepEqual(cols.a, new Uint8Array([7]));
  assert.deepEqual(cols.b, new Int32Array([1, 2]));
  assert.deepEqual(cols.c, { x: new Int16Array([5]) });
  assert.deepEqual(encode(a).subarray(-14), data);
});

Deno.test("decode() allocates nothing for empty arrays with huge axes", () => {
  const a = decode(file("{'descr': '<i4', 'fortran_order': False, 'shape': (0, 5, 1000000000), }"));
  assert.deepEqual(a.shape, [0, 5, 1000000000]);
  assert.equal((a.data as Int32Array).length, 0);
});

Deno.test("decode() ignores bytes after the data, as numpy does", () => {
  const a = decode(file(F8, new Uint8Array(20)));
  assert.deepEqual(a.data, new Float64Array(2));
});

Deno.test("decode() refuses a bad magic string", () => {
  refuses(new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x58, 1, 0]), "BAD_MAGIC", /magic string/);
});

Deno.test("decode() refuses versions other than 1.0, 2.0 and 3.0", () => {
  for (const [major, minor] of [[1, 1], [4, 0], [0, 0]]) {
    const f = file(F8, new Uint8Array(16));
    f[6] = major;
    f[7] = minor;
    const e = refuses(f, "UNSUPPORTED_VERSION", new RegExp(`\\(${major}, ${minor}\\)`));
    assert.equal(e.offset, 6);
  }
});

Deno.test("decode() refuses a truncated header", () => {
  const f = file(F8, new Uint8Array(16));
  for (const n of [0, 5, 7, 9, 30]) {
    refuses(f.subarray(0, n), n < 6 ? "TRUNCATED_HEADER" : "TRUNCATED_HEADER");
  }
});

Deno.test("decode() refuses a header length field that claims more than the input", () => {
  const f = file(F8, new Uint8Array(16), 2);
  new DataView(f.buffer).setUint32(8, 0xffffffff, true);
  const e = refuses(f, "TRUNCATED_HEADER", /expected 4294967295 bytes/);
  assert.equal(e.offset, f.length);
});

Deno.test("decode() refuses truncated data and names the byte offset", () => {
  const e = refuses(file(F8, new Uint8Array(15)), "TRUNCATED_DATA", /Expected \(2,\) = 2 elements/);
  assert.equal(e.offset, 10 + F8.length + 15);
});

Deno.test("decode() refuses a header over maxHeaderSize and reads it when raised", () => {
  const big = F8 + " ".repeat(10001 - F8.length);
  refuses(file(big, new Uint8Array(16)), "HEADER_TOO_LARGE", /max_header_size/);
  assert.deepEqual(decode(file(big, new Uint8Array(16)), { maxHeaderSize: 20000 }).shape, [2]);
});

Deno.test("decode() refuses a version 3.0 header that is not UTF-8", () => {
  const f = file(F8, new Uint8Array(16), 3);
  f[14] = 0xff;
  const e = refuses(f, "HEADER_ENCODING");
  assert.equal(e.offset, 14);
});

Deno.test("decode() refuses headers that are not Python literals", () => {
  for (
    const h of [
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), ",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (int(2),), }",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), } x",
      "\n {'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (02,), }",
      "{'descr': f'<f8', 'fortran_order': False, 'shape': (2,), }",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': " + "[".repeat(300) +
      "]".repeat(300) + "}",
    ]
  ) refuses(file(h, new Uint8Array(16)), "HEADER_SYNTAX");
});

Deno.test("decode() accepts the odd headers numpy's literal_eval accepts", () => {
  for (
    const h of [
      '{"descr": "<f8", "fortran_order": False, "shape": (2,)}',
      "{'shape': (2,), 'descr': 'float64', 'fortran_order': False}",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2L,), }",
      "{'descr': '<f8', # a comment\n 'fortran_order': False, 'shape': (0x2,), }",
      "{'descr': '<' 'f8', 'fortran_order': False, 'shape': (2,), 'shape': (2,)}",
      "\t{'descr': u'\\x3cf8', 'fortran_order': False, 'shape': (+2,), }",
    ]
  ) assert.deepEqual(decode(file(h, new Uint8Array(16))).shape, [2], h);
});

Deno.test("decode() refuses a Python 2 L suffix in a version 3.0 header", () => {
  refuses(
    file("{'descr': '<f8', 'fortran_order': False, 'shape': (2L,), }", new Uint8Array(16), 3),
    "HEADER_SYNTAX",
  );
});

Deno.test("decode() refuses a header that is not a dict or has the wrong keys", () => {
  refuses(file("['descr', 'fortran_order', 'shape']"), "HEADER_NOT_DICT", /not a dictionary/);
  refuses(file("{'descr': '<f8', 'shape': (2,)}"), "HEADER_KEYS", /\['descr', 'shape'\]/);
  refuses(file("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}"), "HEADER_KEYS");
});

Deno.test("decode() refuses shapes numpy refuses", () => {
  for (
    const s of [
      "[2]",
      "(2.0,)",
      "(-1,)",
      "(True,)",
      "(2, -2)",
      "('2',)",
      "(" + "1, ".repeat(65) + ")",
    ]
  ) {
    refuses(
      file(`{'descr': '<f8', 'fortran_order': False, 'shape': ${s}, }`, new Uint8Array(16)),
      "INVALID_SHAPE",
    );
  }
});

Deno.test("decode() refuses element counts and sizes that overflow", () => {
  for (
    const s of ["(4294967296, 4294967296)", "(9223372036854775808,)", "(0, 4611686018427387904)"]
  ) {
    refuses(
      file(`{'descr': '<f8', 'fortran_order': False, 'shape': ${s}, }`, new Uint8Array(16)),
      "TOO_LARGE",
    );
  }
});

Deno.test("decode() refuses a fortran_order that is not a bool", () => {
  for (const v of ["0", "1", "'True'", "None"]) {
    refuses(
      file(`{'descr': '<f8', 'fortran_order': ${v}, 'shape': (2,), }`, new Uint8Array(16)),
      "INVALID_FORTRAN_ORDER",
      /fortran_order/,
    );
  }
});

Deno.test("decode() refuses descrs numpy does not understand and names them", () => {
  for (
    const d of [
      "'<f3'",
      "'float65'",
      "'!f8'",
      "[('a',)]",
      "[('a', '<i4'), ('a', '<f8')]",
      "3",
      "'<M8[s/0]'",
    ]
  ) {
    refuses(
      file(`{'descr': ${d}, 'fortran_order': False, 'shape': (2,), }`, new Uint8Array(64)),
      "INVALID_DESCR",
      /descr|dimensions/,
    );
  }
});

Deno.test("decode() refuses object arrays with numpy's words, at any depth", () => {
  for (const d of ["'|O'", "'O'", "[('a', '<i4'), ('b', [('c', '|O')])]", "[('a', '|O', (2,))]"]) {
    refuses(
      file(`{'descr': ${d}, 'fortran_order': False, 'shape': (2,), }`),
      "OBJECT_ARRAY",
      /Object arrays cannot be loaded when allow_pickle=False/,
    );
  }
});

Deno.test("decode() refuses a claimed size without allocating it", () => {
  const h = "{'descr': '|V2147483647', 'fortran_order': False, 'shape': (1000000,), }";
  refuses(file(h), "TRUNCATED_DATA");
});

Deno.test("decode() refuses more zero-size strings than it will allocate for a header's claim", () => {
  const h = "{'descr': '|S0', 'fortran_order': False, 'shape': (100000000000,), }";
  const e = refuses(file(h), "TOO_LARGE", /zero-size string/);
  assert.ok(e.message.includes("100000000000"));
  assert.deepEqual(decode(file("{'descr': '<U0', 'fortran_order': False, 'shape': (3,), }")).data, [
    "",
    "",
    "",
  ]);
});
