// Copyright 2026 the npy authors. MIT license.

// The npm package's smoke test, run by `.ci/run` under Node and Bun in a
// scratch project that installed the packed tarball (see build/npm_smoke.sh):
//
//   node smoke.mjs TESTDATA_DIR      bun smoke.mjs TESTDATA_DIR
//
// It imports the package by name, as a user would, and checks numpy-made
// files (build/testdata/make_smoke.py). Its last line is
// "npm-smoke: N passed, N failed".

import { Buffer } from "node:buffer";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import {
  decode,
  encode,
  formatDescr,
  NpyDecoderStream,
  NpyEncoderStream,
  NpyError,
  readHeader,
} from "@npy/npy";
import { createNpyWriter, load, loadSync, openNpy, save, saveSync } from "@npy/npy/fs";
import { validate } from "@npy/npy/validate";

const dir = process.argv[2];
if (!dir) throw new Error("usage: smoke.mjs TESTDATA_DIR");
const runtime = typeof Bun !== "undefined" ? `bun ${Bun.version}` : `node ${process.versions.node}`;
const expected = JSON.parse(readFileSync(join(dir, "smoke.json"), "utf8"));
const scratch = mkdtempSync(join(tmpdir(), "npy-smoke-"));
let passed = 0, failed = 0;

function check(cond, what) {
  if (!cond) throw new Error(what);
}
function sameBytes(a, b) {
  return a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}
function sameValues(array, want) {
  if (Array.isArray(want)) return JSON.stringify([...array.data]) === JSON.stringify(want);
  return Object.entries(want).every(([f, v]) =>
    JSON.stringify([...array.data[f]]) === JSON.stringify(v)
  );
}
async function test(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e?.message ?? e}`);
  }
}

for (const [file, want] of Object.entries(expected)) {
  const bytes = new Uint8Array(readFileSync(join(dir, file)));
  await test(`decode ${file}: numpy's descr, shape, order and values`, () => {
    const a = decode(bytes);
    check(formatDescr(a.dtype) === want.descr, `descr ${formatDescr(a.dtype)}`);
    check(JSON.stringify(a.shape) === JSON.stringify(want.shape), `shape ${a.shape}`);
    check(a.fortranOrder === want.fortran_order, `fortranOrder ${a.fortranOrder}`);
    check(sameValues(a, want.values), "values differ from numpy's");
  });
  await test(`encode(decode(${file})) is byte-identical to np.save's file`, () => {
    check(sameBytes(encode(decode(bytes)), bytes), "bytes differ");
  });
}

const f8 = new Uint8Array(readFileSync(join(dir, "f8_3x4.npy")));

await test("fs: loadSync/saveSync and load/save round-trip a numpy file byte for byte", async () => {
  const a = loadSync(join(dir, "f8_3x4.npy"));
  saveSync(join(scratch, "sync.npy"), a);
  check(sameBytes(readFileSync(join(scratch, "sync.npy")), f8), "saveSync bytes differ");
  const b = await load(join(dir, "i2_fortran.npy"));
  await save(join(scratch, "async.npy"), b);
  const i2 = readFileSync(join(dir, "i2_fortran.npy"));
  check(sameBytes(readFileSync(join(scratch, "async.npy")), i2), "save bytes differ");
});

await test("fs: openNpy reads rows 1..3 only; createNpyWriter appends rows", async () => {
  const f = await openNpy(join(dir, "f8_3x4.npy"));
  const rows = await f.read(1, 3);
  await f.close();
  check(JSON.stringify(rows.shape) === "[2,4]", `shape ${rows.shape}`);
  check(
    JSON.stringify([...rows.data]) === JSON.stringify(expected["f8_3x4.npy"].values.slice(4)),
    "rows",
  );
  const w = await createNpyWriter(join(scratch, "w.npy"), { dtype: "<f8", shape: [0, 4] });
  for (const r of [0, 1, 2]) await w.append(decode(f8).data.subarray(4 * r, 4 * r + 4));
  check(JSON.stringify(await w.close()) === "[3,4]", "writer shape");
  check(sameBytes(readFileSync(join(scratch, "w.npy")), f8), "writer bytes differ from numpy's");
});

await test("streams: NpyDecoderStream blocks and NpyEncoderStream re-encode numpy's bytes", async () => {
  const chunks = [f8.subarray(0, 7), f8.subarray(7, 130), f8.subarray(130)];
  const decoder = new NpyDecoderStream({ rowsPerBlock: 2 });
  const blocks = [];
  const source = new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
  const reader = source.pipeThrough(decoder).getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) blocks.push(r.value);
  check(JSON.stringify(blocks.map((b) => b.shape)) === "[[2,4],[1,4]]", "block shapes");
  const header = await decoder.header;
  const body = new ReadableStream({
    start(c) {
      for (const b of blocks) c.enqueue(b);
      c.close();
    },
  }).pipeThrough(new NpyEncoderStream({ dtype: "<f8", shape: header.shape }));
  const out = new Uint8Array(await new Response(body).arrayBuffer());
  check(sameBytes(out, f8), "encoded stream differs from numpy's file");
});

await test("readHeader: numpy's header (version 1.0, data at byte 128, 12 items)", () => {
  const h = readHeader(f8);
  check(JSON.stringify(h.version) === "[1,0]" && h.dataOffset === 128 && h.count === 12, "header");
});

await test("errors: NpyError with a stable code for each cause", () => {
  for (
    const [bytes, code] of [[f8.subarray(0, 40), "TRUNCATED_HEADER"], [
      f8.subarray(0, 200),
      "TRUNCATED_DATA",
    ], [new Uint8Array([1, 2, 3]), "BAD_MAGIC"]]
  ) {
    try {
      decode(bytes);
      throw new Error(`decode accepted ${bytes.length} bytes`);
    } catch (e) {
      check(e instanceof NpyError, `not an NpyError: ${e}`);
      check(e.code === code, `code ${e.code}, expected ${code}`);
    }
  }
});

await test("validate: numpy's file is loadable and canonical", () => {
  const report = validate(f8);
  check(report.numpyLoadable === true, "numpyLoadable");
  check(report.canonical === true, `canonical: ${JSON.stringify(report.findings)}`);
});

rmSync(scratch, { recursive: true, force: true });
console.log(`npm-smoke (${runtime}): ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
