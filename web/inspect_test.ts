// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { encode } from "../mod.ts";
import { inspect, type InspectOptions } from "./_inspect.ts";
import { inspectFile, inspectMember } from "./_archive.ts";
import type { Picture, Reply } from "./_protocol.ts";

const DATA = new URL("./testdata/", import.meta.url).pathname;

async function replies(file: Blob, options: InspectOptions = {}): Promise<Reply[]> {
  const out: Reply[] = [];
  await inspect(file, "f.npy", (r) => out.push(r), options);
  return out;
}

function one<T extends Reply["type"]>(rs: Reply[], type: T): Extract<Reply, { type: T }> {
  const r = rs.find((x) => x.type === type);
  assert.ok(r, `a ${type} reply in ${rs.map((x) => x.type).join(", ")}`);
  return r as Extract<Reply, { type: T }>;
}

const testfile = (name: string) => new Blob([readFileSync(DATA + name)]);

Deno.test("inspect() reports the verdict first, then values, picture and statistics", async () => {
  const rs = await replies(testfile("halves.npy"));
  assert.deepEqual(rs.map((r) => r.type), ["verdict", "values", "picture", "stats", "done"]);
  const v = one(rs, "verdict");
  assert.equal(v.report.numpyLoadable, true);
  assert.equal(v.fromHeader, false);
  assert.equal(v.header?.descr, "'<f8'");
  assert.equal(v.header?.headerBytes, 128);
  assert.equal(one(rs, "picture").picture.kind, "line");
  const s = one(rs, "stats").stats;
  assert.deepEqual([s.count, s.min, s.max, s.mean, s.nan], [10, 0, 4.5, 2.25, 0]);
  assert.equal(s.hist.reduce((a, b) => a + b, 0), 10);
});

Deno.test("inspect() stops after the verdict when numpy refuses the file", async () => {
  const rs = await replies(testfile("truncated.npy"));
  assert.deepEqual(rs.map((r) => r.type), ["verdict", "done"]);
  assert.deepEqual(one(rs, "verdict").report.findings.map((f) => f.rule), ["data-truncated"]);
});

Deno.test("inspect() judges a big file from its header and draws it from a stride sample", async () => {
  const a = new Float64Array(300 * 500).map((_, i) => i % 500 === 7 ? NaN : i);
  const file = new Blob([
    encode({ dtype: "<f8", shape: [300, 500], data: a }) as Uint8Array<ArrayBuffer>,
  ]);
  const rs = await replies(file, {
    wholeLimit: 1 << 16,
    decodeLimit: 1 << 16,
    blockBytes: 1 << 18,
  });
  const v = one(rs, "verdict");
  assert.equal(v.fromHeader, true);
  assert.equal(v.report.numpyLoadable, true);
  assert.equal(v.report.canonical, true);
  const p = one(rs, "picture").picture as Extract<Picture, { kind: "heatmap" }>;
  assert.deepEqual([p.rows, p.cols, p.step], [300, 250, [1, 2]]);
  assert.equal(p.values[1 * 250 + 3], 500 + 6);
  const s = one(rs, "stats").stats;
  assert.deepEqual([s.count, s.nan, s.min, s.max], [150000, 300, 0, 149999]);
  assert.equal(s.histCount, 150000 - 300);
  assert.equal(rs.filter((r) => r.type === "progress").length, 5);
  const values = one(rs, "values");
  // numpy 2.4: str() of this array.
  assert.equal(
    values.text,
    "[[0.00000e+00 1.00000e+00 2.00000e+00 ... 4.97000e+02 4.98000e+02\n  4.99000e+02]\n" +
      " [5.00000e+02 5.01000e+02 5.02000e+02 ... 9.97000e+02 9.98000e+02\n  9.99000e+02]\n" +
      " [1.00000e+03 1.00100e+03 1.00200e+03 ... 1.49700e+03 1.49800e+03\n  1.49900e+03]\n" +
      " ...\n" +
      " [1.48500e+05 1.48501e+05 1.48502e+05 ... 1.48997e+05 1.48998e+05\n  1.48999e+05]\n" +
      " [1.49000e+05 1.49001e+05 1.49002e+05 ... 1.49497e+05 1.49498e+05\n  1.49499e+05]\n" +
      " [1.49500e+05 1.49501e+05 1.49502e+05 ... 1.49997e+05 1.49998e+05\n  1.49999e+05]]",
  );
  assert.match(values.note, /only the 36 elements/);
});

Deno.test("inspect() shows records as a table and an RGB array as an image", async () => {
  const rec = (await replies(testfile("records_be.npy"))).find((r) => r.type === "picture");
  assert.ok(rec?.type === "picture" && rec.picture.kind === "table");
  assert.deepEqual(rec.picture.columns, ["id", "x", "name"]);
  assert.deepEqual(rec.picture.rows[1], ["2", "-1.25", "b'beta'"]);
  assert.deepEqual(rec.picture.rows[3], ["4", "inf", "b'delta'"]);
  const img = (await replies(testfile("image_rgb.npy"))).find((r) => r.type === "picture");
  assert.ok(img?.type === "picture" && img.picture.kind === "image");
  assert.deepEqual([...img.picture.rgba.subarray(63 * 4, 64 * 4)], [255, 255, 96, 255]);
});

Deno.test("inspectFile() lists an archive's members and inspects the first; a damaged one gives numpy's CRC error", async () => {
  const rs: Reply[] = [];
  const npz = await inspectFile(testfile("pair.npz"), "pair.npz", (r) => rs.push(r));
  assert.ok(npz);
  const a = one(rs, "archive");
  assert.equal(a.error, null);
  assert.deepEqual(a.members.map((m) => [m.key, m.name, m.compression]), [
    ["a", "a.npy", "stored"],
    ["b", "b.npy", "stored"],
  ]);
  assert.equal(one(rs, "verdict").name, "pair.npz: a.npy");
  assert.equal(one(rs, "values").text, "[[0 1 2]\n [3 4 5]]");

  const bad: Reply[] = [];
  const damaged = await inspectFile(testfile("pair_bad_crc.npz"), "x.npz", () => {});
  await inspectMember(damaged!, "b", "x.npz", (r) => bad.push(r));
  assert.match(one(bad, "member").error ?? "", /Bad CRC-32 for file 'b\.npy'/);
});

Deno.test("inspectFile() gives np.load's error for a file that is not a zip past its first bytes", async () => {
  const rs: Reply[] = [];
  await inspectFile(
    new Blob([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])]),
    "cut.npz",
    (r) => rs.push(r),
  );
  const a = one(rs, "archive");
  assert.ok(a.error && a.error.length > 0);
  assert.deepEqual(a.members, []);
});

Deno.test("inspect() makes the histogram of a big array from every step-th value as it streams", async () => {
  const n = 450_000;
  const a = new Int32Array(n).map((_, i) => i % 1000);
  const file = new Blob([encode({ dtype: "<i4", shape: [n], data: a }) as Uint8Array<ArrayBuffer>]);
  const rs = await replies(file, {
    wholeLimit: 1 << 16,
    decodeLimit: 1 << 16,
    blockBytes: 1 << 16,
  });
  const s = one(rs, "stats");
  assert.equal(s.stats.histCount, 150_000);
  assert.match(s.note, /one value in 3 \(150000 of 450000\)/);
  assert.deepEqual([s.stats.min, s.stats.max, s.stats.mean], [0, 999, 499.5]);
});

Deno.test("inspectFile() adds np.load's words for a pickle or an empty file to the validator's", async () => {
  const rs: Reply[] = [];
  await inspectFile(new Blob([new Uint8Array([0x80, 4, 0x95])]), "p.pkl", (r) => rs.push(r));
  const v = one(rs, "verdict");
  assert.match(v.loadError ?? "", /^This file contains pickled \(object\) data/);
  assert.deepEqual(v.report.findings.map((f) => f.rule), ["magic"]);
  const empty: Reply[] = [];
  await inspectFile(new Blob([]), "e.npy", (r) => empty.push(r));
  assert.equal(one(empty, "verdict").loadError, "No data left in file");
});

Deno.test("inspect() shows an object array's values only with allowPickle, as numpy prints them", async () => {
  const expected: { print: Record<string, string> } = JSON.parse(
    readFileSync(DATA + "expected.json", "utf8"),
  );
  const off = await replies(testfile("objects.npy"));
  assert.deepEqual(off.map((r) => r.type), ["verdict", "done"]);
  const v = one(off, "verdict");
  assert.equal(v.header?.descr, "'|O'");
  assert.deepEqual(v.report.findings.map((f) => f.rule), ["object-dtype", "pickle-globals"]);
  const on = await replies(testfile("objects.npy"), { allowPickle: true });
  assert.deepEqual(on.map((r) => r.type), ["verdict", "values", "done"]);
  const values = one(on, "values");
  assert.equal(values.text, expected.print["objects.npy"]);
});

Deno.test("inspect() with allowPickle refuses a pickle that calls posix.system, naming it", async () => {
  const rs = await replies(testfile("unsafe_system.npy"), { allowPickle: true });
  assert.deepEqual(rs.map((r) => r.type), ["verdict", "pickle-refused", "done"]);
  assert.ok(one(rs, "verdict").report.findings.some((f) => f.rule === "pickle-unsafe-global"));
  const refused = one(rs, "pickle-refused");
  assert.equal(refused.code, "PICKLE_UNSAFE_GLOBAL");
  assert.match(refused.message, /^REDUCE calls posix\.system, a global outside the whitelist/);
});

Deno.test("inspect() with allowPickle reads an object array past the whole-file limit, up to pickleLimit", async () => {
  const file = testfile("objects.npy");
  const rs = await replies(file, { allowPickle: true, wholeLimit: 16 });
  assert.equal(one(rs, "verdict").fromHeader, false);
  assert.equal(one(rs, "values").type, "values");
  const big = await replies(file, { allowPickle: true, wholeLimit: 16, pickleLimit: 64 });
  assert.equal(one(big, "verdict").fromHeader, true);
  assert.match(one(big, "pickle-refused").message, /larger than the .* MiB this page unpickles/);
});

Deno.test("inspectFile() with allowPickle reads an .npz's object member and a bare pickle", async () => {
  const rs: Reply[] = [];
  const npz = await inspectFile(testfile("mixed.npz"), "mixed.npz", (r) => rs.push(r), {
    allowPickle: true,
  });
  const member: Reply[] = [];
  await inspectMember(npz!, "objs", "mixed.npz", (r) => member.push(r), { allowPickle: true });
  assert.equal(one(member, "values").text, "[{'a': 1} list([2, 3]) 'string']");
  // pickle.dumps([1, "a"], protocol=2)
  const pickle = new Uint8Array([
    0x80,
    2,
    0x5d,
    0x71,
    0,
    0x28,
    0x4b,
    1,
    0x58,
    1,
    0,
    0,
    0,
    0x61,
    0x71,
    1,
    0x65,
    0x2e,
  ]);
  const bare: Reply[] = [];
  await inspectFile(new Blob([pickle]), "p.pkl", (r) => bare.push(r), { allowPickle: true });
  assert.equal(one(bare, "values").text, "[1, 'a']");
  assert.match(one(bare, "verdict").loadError ?? "", /^This file contains pickled/);
});
