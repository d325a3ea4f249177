// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { encode, NpyError, readHeader, type ReadHeaderOptions } from "../mod.ts";
import { FAST_PATH, readHeaderFast } from "./_fast_header.ts";

function readHeaderFull(bytes: Uint8Array, options: ReadHeaderOptions): unknown {
  FAST_PATH.enabled = false;
  try {
    return readHeader(bytes, options);
  } finally {
    FAST_PATH.enabled = true;
  }
}

function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof NpyError)) throw e;
    return { code: e.code, message: e.message, offset: e.offset };
  }
}

/** Both readers, twice (the second fast call may come from the cache): all four agree. */
function agree(bytes: Uint8Array, what: string, options: ReadHeaderOptions = {}): void {
  const want = outcome(() => readHeaderFull(bytes, options));
  assert.deepEqual(outcome(() => readHeaderFast(bytes, options)), want, what);
  assert.deepEqual(outcome(() => readHeader(bytes, options)), want, `${what} (public)`);
  assert.deepEqual(outcome(() => readHeaderFast(bytes, options)), want, `${what} (cached)`);
}

function header(text: string, major = 1): Uint8Array {
  const body = new TextEncoder().encode(text);
  const start = major === 1 ? 10 : 12;
  const out = new Uint8Array(start + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const dv = new DataView(out.buffer);
  if (major === 1) dv.setUint16(8, body.length, true);
  else dv.setUint32(8, body.length, true);
  out.set(body, start);
  return out;
}

Deno.test("readHeaderFast() agrees with readHeader() on every conformance vector", () => {
  const dir = new URL("../vectors/files/", import.meta.url);
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".npy"))) {
    const b = readFileSync(new URL(name, dir));
    agree(new Uint8Array(b.buffer, b.byteOffset, b.length), name);
  }
});

Deno.test("readHeaderFast() agrees with readHeader() on canonical and near-canonical headers", () => {
  const descrs = ["'<f8'", "'>i2'", "'|b1'", "'<U16'", "'<M8[ns]'", "'|O'", "'<f3'", "'(2,)<f8'"];
  const structs = [
    "[('x', '<f8'), ('y', '<f4'), ('', '|V1')]",
    "[('a', '<i4', (2, 3))]",
    "[('a', '<i4', (2,))]",
    "[('a', '<i4'), ('a', '<i4')]",
    "[('a', '|O')]",
    "[]",
  ];
  const shapes = [
    "()",
    "(0,)",
    "(3,)",
    "(2, 3)",
    "(3)",
    "(2, 3,)",
    "(01,)",
    "(999999999999999, 999999999999999)",
    "(9007199254740993,)",
    `(${Array(65).fill(1).join(", ")})`,
    `(${Array(64).fill(1).join(", ")})`,
  ];
  for (const d of [...descrs, ...structs]) {
    for (const s of shapes) {
      for (const fo of ["False", "True"]) {
        for (const major of [1, 2]) {
          const text = `{'descr': ${d}, 'fortran_order': ${fo}, 'shape': ${s}, }`;
          agree(header(text.padEnd(200) + "\n", major), text);
          agree(header(text + "\n", major), `${text} unpadded`);
          agree(header(text.padEnd(200) + "\n", major), `${text} limit`, { maxHeaderSize: 100 });
        }
      }
    }
  }
  // Not canonical: other spacing, key order, escapes, a tab, truncation.
  const odd = [
    "{'descr':'<f8','fortran_order':False,'shape':(3,),}\n",
    "{'fortran_order': False, 'descr': '<f8', 'shape': (3,), }\n",
    "{'descr': '<f\\x38', 'fortran_order': False, 'shape': (3,), }\n",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }\t\n",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1, }\n",
    "{'descr': '<f8', 'descr': '<i4', 'fortran_order': False, 'shape': (3,), }\n",
  ];
  for (const t of odd) agree(header(t), t);
  const full = encode(new Float64Array(3));
  for (let n = 0; n < 128; n += 7) agree(full.subarray(0, n), `first ${n} bytes`);
  const latin = header("{'descr': [('\xe9', '<f8')], 'fortran_order': False, 'shape': (3,), }\n");
  agree(latin, "latin1 name");
});
