// Copyright 2026 the npy authors. MIT license.
//
// The comparison run of `deno task bench`: decode and encode at 1 KiB, 1 MiB
// and 256 MiB for f8 little- and big-endian, f2, U16 and a structured dtype,
// side by side with npyjs and numpy-parser (same process), numpy (python3,
// timed inside Python in the same run), allocating-and-copying the same
// bytes and a warm memcpy. Prints one Markdown table, then the targets of
// issue 6 with the measured ratios. Medians; implementations are
// interleaved round by round so that machine noise hits them alike.
//
//   deno task bench                 # all sizes
//   deno run ... bench/compare.ts --quick   # 1 KiB and 1 MiB only
//   deno run ... bench/compare.ts --only=f8  # dtypes whose name contains "f8"

import { decode, encode, encodeParts, type NpyArray, parseDescr, readHeader } from "../mod.ts";
import { load, loadSync } from "../fs/file.ts";
import { readHeaderFast } from "../codec/_fast_header.ts";
import { readColumn } from "../codec/_layout.ts";
import * as npyjs from "npyjs";
import numpyParser from "numpy-parser";

const quick = Deno.args.includes("--quick");
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const KiB = 1024, MiB = 1024 * KiB;
const SIZES = quick ? [KiB, MiB] : [KiB, MiB, 256 * MiB];
const STRUCT = [["x", "<f8"], ["y", "<f4"], ["id", "<i2"], ["ok", "|b1"]];
const only = Deno.args.find((a) => a.startsWith("--only="))?.slice(7);
const ALL_DTYPES: { name: string; descr: string | string[][] }[] = [
  { name: "f8 LE", descr: "<f8" },
  { name: "f8 BE", descr: ">f8" },
  { name: "f2", descr: "<f2" },
  { name: "U16", descr: "<U16" },
  { name: "struct (f8,f4,i2,b1)", descr: STRUCT },
];
const DTYPES = ALL_DTYPES.filter((d) => only === undefined || d.name.includes(only));

// ---------------------------------------------------------------- timing

type Fn = () => unknown;

/** Median seconds per call of each function, interleaved round by round. */
function race(fns: Record<string, Fn>, bytes: number): Record<string, number> {
  const names = Object.keys(fns);
  const reps: Record<string, number> = {};
  const samples: Record<string, number[]> = {};
  for (const n of names) {
    fns[n](); // warm up (JIT, lazy tables)
    let k = 1;
    while (time(fns[n], k) < 0.004 && k < 1e6) k *= 4;
    reps[n] = k;
    samples[n] = [];
  }
  const rounds = bytes >= 64 * MiB ? 5 : 11;
  for (let r = 0; r < rounds; r++) {
    for (const n of names) {
      if (bytes >= 64 * MiB) {
        // Free the last round's large buffers first, so that no GC they owe
        // lands in this sample; then re-warm calls that allocate little.
        gc();
        for (let i = 0; i < Math.min(reps[n] - 1, 2000); i++) fns[n]();
      }
      samples[n].push(time(fns[n], reps[n]) / reps[n]);
    }
  }
  const out: Record<string, number> = {};
  for (const n of names) out[n] = median(samples[n]);
  return out;
}

function time(f: Fn, k: number): number {
  const t0 = performance.now();
  for (let i = 0; i < k; i++) f();
  return (performance.now() - t0) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function fmt(s: number | undefined): string {
  if (s === undefined) return "—";
  if (!Number.isFinite(s)) return "fails";
  if (s < 1e-3) return `${(s * 1e6).toFixed(s < 1e-5 ? 2 : 1)} µs`;
  if (s < 1) return `${(s * 1e3).toFixed(s < 1e-2 ? 2 : 1)} ms`;
  return `${s.toFixed(2)} s`;
}

function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) return "—";
  return `${(a / b).toFixed(a / b < 10 ? 2 : 0)}×`;
}

function sizeName(b: number): string {
  return b >= MiB ? `${b / MiB} MiB` : `${b / KiB} KiB`;
}

// ---------------------------------------------------------------- data

function makeArray(descr: string | string[][], bytes: number): NpyArray {
  const dtype = parseDescr(descr);
  const n = Math.floor(bytes / dtype.itemsize);
  if (dtype.kind === "struct") {
    return decode(
      encode({
        dtype,
        shape: [n],
        data: {
          x: new Float64Array(n).map((_, i) => i * 0.5),
          y: new Float32Array(n).map((_, i) => i % 1000),
          id: new Int16Array(n).map((_, i) => i),
          ok: new Uint8Array(n).map((_, i) => i & 1),
        },
      }),
      { copy: true },
    );
  }
  let data: NpyArray["data"];
  if (dtype.kind === "U") {
    const words = ["", "a", "to", "the", "numpy", "format", "streaming", "zero-copy", "abc"];
    data = Array.from({ length: n }, (_, i) => words[i % 9] + (i % 1000));
  } else if (dtype.itemsize === 2) {
    data = new Float32Array(n).map((_, i) => (i % 2048) * 0.25);
  } else {
    data = new Float64Array(n).map((_, i) => i * 0.5);
  }
  return { dtype, shape: [n], fortranOrder: false, data };
}

/**
 * decode() with readHeaderFast() in place of readHeader(): what decode()
 * costs once the lead wires the fast header path into it.
 */
function decodeFastHeader(bytes: Uint8Array): NpyArray {
  const h = readHeaderFast(bytes);
  const nbytes = h.count * h.dtype.itemsize;
  if (nbytes > bytes.length - h.dataOffset) throw new Error("truncated");
  const data = readColumn(bytes, h.dataOffset, h.dtype.itemsize, h.count, h.dtype, {
    copy: false,
    inPlace: false,
  });
  const out: NpyArray = { dtype: h.dtype, shape: h.shape, fortranOrder: h.fortranOrder, data };
  if (h.dtype.kind === "struct") out.bytes = bytes.slice(h.dataOffset, h.dataOffset + nbytes);
  return out;
}

/**
 * encode() with the data placed at the same offset within a 4 KiB page as
 * the source's data (the returned view starts inside a slightly larger
 * buffer). On this machine a large memcpy whose destination sits 64 or 128
 * bytes past the source's page offset runs at about half speed (4K
 * aliasing), and a .npy header is 64 or 128 bytes long.
 */
function encodePageCongruent(input: NpyArray): Uint8Array {
  const { header, data } = encodeParts(input);
  const pad = (((data.byteOffset - header.length) % 4096) + 4096) % 4096;
  const size = header.length + data.length;
  const out = new Uint8Array(new ArrayBuffer(pad + size), pad, size);
  out.set(header);
  out.set(data, header.length);
  return out;
}

// ---------------------------------------------------------------- others

/** npyjs and numpy-parser, each checked against our decode on this case first. */
function others(file: Uint8Array, ours: NpyArray) {
  const ab = file.buffer.byteLength === file.length
    ? file.buffer as ArrayBuffer
    : file.slice().buffer;
  const check = (name: string, f: () => { data: unknown }): Fn | undefined => {
    try {
      const got = f().data;
      if (!sameValues(got, ours.data)) {
        console.error(`  ${name}: wrong values, left out`);
        return undefined;
      }
      return f;
    } catch (e) {
      console.error(`  ${name}: ${String((e as Error).message ?? e).slice(0, 80)}`);
      return undefined;
    }
  };
  return {
    npyjs: check("npyjs", () => npyjs.parse(ab)),
    "numpy-parser": check("numpy-parser", () => numpyParser.fromArrayBuffer(ab)),
  };
}

function sameValues(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = a as unknown as ArrayLike<number>, y = b as unknown as ArrayLike<number>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i += Math.max(1, x.length >> 12)) {
      if (!Object.is(x[i], y[i])) return false;
    }
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- numpy

const PY = String.raw`
import io, json, sys, time
import numpy as np
from numpy.lib import format as F

def med(f, rounds, k):
    xs = []
    for _ in range(rounds):
        t = time.perf_counter()
        for _ in range(k): f()
        xs.append((time.perf_counter() - t) / k)
    xs.sort()
    return xs[len(xs) // 2]

def timeit(f, nbytes):
    f()
    k = 1
    t = med(f, 1, 1)
    while t * k < 0.004 and k < 1e6:
        k *= 4
    return med(f, 5 if nbytes >= 64 << 20 else 11, k)

def dt_of(d):
    return np.dtype(d if isinstance(d, str) else [tuple(x) for x in d])

def build(dt, n):
    if dt.names:
        a = np.zeros(n, dtype=dt)
        a['x'] = np.arange(n) * 0.5; a['y'] = np.arange(n) % 1000; a['id'] = np.arange(n).astype('i2'); a['ok'] = np.arange(n) & 1
        return a
    if dt.kind == 'U':
        words = ["", "a", "to", "the", "numpy", "format", "streaming", "zero-copy", "abc"]
        base = np.array([words[i % 9] + str(i % 1000) for i in range(9000)], dtype=dt)
        return np.resize(base, n)
    if dt.itemsize == 2:
        return ((np.arange(n) % 2048) * 0.25).astype(dt)
    return (np.arange(n) * 0.5).astype(dt)

out = {}
for c in json.loads(sys.argv[1]):
    dt = dt_of(c["descr"]); n = c["bytes"] // dt.itemsize
    a = build(dt, n)
    b = io.BytesIO(); np.save(b, a); raw = b.getvalue()
    out[c["key"] + "/decode"] = timeit(lambda: np.load(io.BytesIO(raw)), c["bytes"])
    out[c["key"] + "/encode"] = timeit(lambda: np.save(io.BytesIO(), a), c["bytes"])
    del a, raw, b

for name, d in [("simple", "<f8"), ("struct", [["x", "<f8"], ["y", "<f4"], ["id", "<i2"], ["ok", "|b1"]])]:
    b = io.BytesIO(); np.save(b, np.zeros((100, 3) if name == "simple" else 100, dtype=dt_of(d))); raw = b.getvalue()
    bio = io.BytesIO(raw)
    def hdr():
        bio.seek(8)
        F.read_array_header_1_0(bio)
    out["header/" + name] = timeit(hdr, 0)
print(json.dumps(out))
`;

async function numpyTimes(cases: { key: string; descr: unknown; bytes: number }[]) {
  const r = await new Deno.Command("python3", {
    args: ["-c", PY, JSON.stringify(cases)],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!r.success) throw new Error("python3 failed");
  return JSON.parse(new TextDecoder().decode(r.stdout)) as Record<string, number>;
}

// ---------------------------------------------------------------- run

interface Row {
  op: string;
  dtype: string;
  size: number;
  t: Record<string, number | undefined>;
}

const rows: Row[] = [];
const started = performance.now();
const pyCases = [];
for (const size of SIZES) {
  for (const d of DTYPES) pyCases.push({ key: `${d.name}/${size}`, descr: d.descr, bytes: size });
}
console.error("numpy (python3) ...");
const py = await numpyTimes(pyCases);

for (const size of SIZES) {
  for (const d of DTYPES) {
    console.error(`${d.name} ${sizeName(size)} ...`);
    let array: NpyArray | undefined = makeArray(d.descr, size);
    let file: Uint8Array | undefined = encode(array);
    const dataOffset = readHeader(file).dataOffset;
    const nbytes = file.length - dataOffset;
    const src = file.subarray(dataOffset);
    const dst = new Uint8Array(nbytes);
    const baselines = {
      "alloc+copy": () => new Uint8Array(nbytes).set(src),
      memcpy: () => dst.set(src),
    };
    const f = file;
    const dec: Record<string, Fn> = {
      npy: () => decode(f),
      "npy+fast hdr": () => decodeFastHeader(f),
    };
    if (d.descr === ">f8") dec["npy in place"] = () => decode(f, { inPlace: true });
    const o = others(f, decode(f));
    for (const [k, fn] of Object.entries(o)) if (fn) dec[k] = fn;
    const td = race({ ...dec, ...baselines }, nbytes);
    rows.push({
      op: "decode",
      dtype: d.name,
      size,
      t: { ...td, numpy: py[`${d.name}/${size}/decode`] },
    });

    const a = array;
    const enc: Record<string, Fn> = { npy: () => encode(a) };
    if (d.descr === "<f8") enc["npy page-congruent"] = () => encodePageCongruent(a);
    if (d.descr === "<f8") {
      enc.npyjs = () => npyjs.dump(a.data as Float64Array, a.shape);
    } else if (d.descr === "<U16") {
      const check = decode(
        new Uint8Array(npyjs.dump(a.data as string[], a.shape, { dtype: "U16" })),
      );
      if (sameValues(check.data, a.data)) {
        enc.npyjs = () => npyjs.dump(a.data as string[], a.shape, { dtype: "U16" });
      }
    }
    const te = race(
      { ...enc, "alloc+copy": baselines["alloc+copy"], memcpy: baselines.memcpy },
      nbytes,
    );
    rows.push({
      op: "encode",
      dtype: d.name,
      size,
      t: { ...te, numpy: py[`${d.name}/${size}/encode`] },
    });
    array = undefined;
    file = undefined;
    gc();
  }
}

// Header parsing.
const hSimple = encode({ dtype: "<f8", shape: [100, 3], data: new Float64Array(300) });
const hStruct = encode(makeArray(STRUCT, 1500));
const prefixS = hSimple.subarray(0, readHeader(hSimple).dataOffset);
const prefixT = hStruct.subarray(0, readHeader(hStruct).dataOffset);
const th = race({
  simple: () => readHeader(prefixS),
  struct: () => readHeader(prefixT),
  simpleFast: () => readHeaderFast(prefixS),
  structFast: () => readHeaderFast(prefixT),
}, 0);

// load(path) against Deno.readFile of the same file.
let tl: Record<string, number> | undefined;
if (!quick) {
  console.error("load(path) ...");
  const path = await Deno.makeTempFile({ suffix: ".npy" });
  const big = makeArray("<f8", 256 * MiB);
  await Deno.writeFile(path, encode(big));
  const times: Record<string, number[]> = { "Deno.readFile": [], "load": [], "loadSync": [] };
  for (let r = 0; r < 7; r++) {
    for (const k of Object.keys(times)) {
      gc();
      const t0 = performance.now();
      if (k === "load") await load(path);
      else if (k === "loadSync") loadSync(path);
      else await Deno.readFile(path);
      times[k].push((performance.now() - t0) / 1000);
    }
  }
  tl = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  await Deno.remove(path);
}

// ---------------------------------------------------------------- print

const COLS = [
  "npy",
  "npy+fast hdr",
  "npy in place",
  "npy page-congruent",
  "npyjs",
  "numpy-parser",
  "numpy",
  "alloc+copy",
  "memcpy",
];
const lines: string[] = [];
lines.push(
  `| op | dtype | size | ${
    COLS.join(" | ")
  } | npy ÷ alloc+copy | npy ÷ memcpy | npy ÷ npyjs | npy ÷ numpy |`,
);
lines.push(`|${" --- |".repeat(3 + COLS.length + 4)}`);
for (const r of rows) {
  const t = r.t;
  lines.push(
    `| ${r.op} | ${r.dtype} | ${sizeName(r.size)} | ${COLS.map((c) => fmt(t[c])).join(" | ")} | ${
      ratio(t.npy, t["alloc+copy"])
    } | ${ratio(t.npy, t.memcpy)} | ${ratio(t.npy, t.npyjs)} | ${ratio(t.npy, t.numpy)} |`,
  );
}
console.log(lines.join("\n"));
console.log();
console.log(
  `Header parse (readHeader vs numpy's read_array_header_1_0): simple ${fmt(th.simple)} vs ${
    fmt(py["header/simple"])
  } (${(py["header/simple"] / th.simple).toFixed(1)}× numpy's throughput); structured ${
    fmt(th.struct)
  } vs ${fmt(py["header/struct"])} (${(py["header/struct"] / th.struct).toFixed(1)}×). ` +
    `readHeaderFast: simple ${fmt(th.simpleFast)} (${
      (py["header/simple"] / th.simpleFast).toFixed(1)
    }×), structured ${fmt(th.structFast)} (${(py["header/struct"] / th.structFast).toFixed(1)}×)`,
);
if (tl) {
  console.log(
    `load(path) of a 256 MiB f8 file: load ${fmt(tl.load)}, loadSync ${fmt(tl.loadSync)}, ` +
      `Deno.readFile ${fmt(tl["Deno.readFile"])} (load ÷ readFile ${
        ratio(tl.load, tl["Deno.readFile"])
      }, loadSync ÷ readFile ${ratio(tl.loadSync, tl["Deno.readFile"])})`,
  );
}

// ---------------------------------------------------------------- targets

const get = (op: string, dtype: string, size: number) =>
  rows.find((r) => r.op === op && r.dtype === dtype && r.size === size)?.t;
const big = SIZES[SIZES.length - 1];
const verdicts: [string, number, number][] = []; // [what, measured, limit]
/** Adds a target when both of its numbers were measured in this run. */
const add = (what: string, a: number | undefined, b: number | undefined, limit: number) => {
  if (a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b)) {
    verdicts.push([what, a / b, limit]);
  }
};
const le1k = get("decode", "f8 LE", KiB), leBig = get("decode", "f8 LE", big);
const B = sizeName(big);
add(`LE f8 decode ${B} ÷ 1 KiB`, leBig?.npy, le1k?.npy, 2);
add(`LE f8 decode ${B} ÷ npyjs`, leBig?.npy, leBig?.npyjs, 1.5);
add("LE f8 decode 1 KiB ÷ npyjs", le1k?.npy, le1k?.npyjs, 1.5);
add(`LE f8 decode ${B} ÷ 1 KiB, fast header`, leBig?.["npy+fast hdr"], le1k?.["npy+fast hdr"], 2);
add(`LE f8 decode ${B} ÷ npyjs, fast header`, leBig?.["npy+fast hdr"], leBig?.npyjs, 1.5);
add("LE f8 decode 1 KiB ÷ npyjs, fast header", le1k?.["npy+fast hdr"], le1k?.npyjs, 1.5);
const be = get("decode", "f8 BE", big);
add(`BE f8 decode ${B} ÷ alloc+copy`, be?.npy, be?.["alloc+copy"], 1.5);
add(`BE f8 decode in place ${B} ÷ memcpy`, be?.["npy in place"], be?.memcpy, 1.2);
const enc = get("encode", "f8 LE", big);
add(`encode f8 LE ${B} ÷ alloc+copy`, enc?.npy, enc?.["alloc+copy"], 1.2);
add(
  `encode f8 LE ${B} ÷ alloc+copy, page-congruent output`,
  enc?.["npy page-congruent"],
  enc?.["alloc+copy"],
  1.2,
);
add("numpy header parse time ÷ readHeader (want ≥ 10)", th.simple, py["header/simple"], 0.1);
add(
  "numpy header parse time ÷ readHeaderFast (want ≥ 10)",
  th.simpleFast,
  py["header/simple"],
  0.1,
);
if (tl) add("load(path) ÷ Deno.readFile", tl.load, tl["Deno.readFile"], 1.1);
console.log();
console.log("| target | measured | limit | |");
console.log("| --- | --- | --- | --- |");
for (const [what, x, limit] of verdicts) {
  const shown = what.startsWith("numpy header") ? `${(1 / x).toFixed(1)}` : `${x.toFixed(2)}×`;
  const lim = what.startsWith("numpy header") ? "≥ 10" : `≤ ${limit}×`;
  console.log(`| ${what} | ${shown} | ${lim} | ${x <= limit ? "met" : "**missed**"} |`);
}
console.log();
console.log(
  `(${Deno.build.os}-${Deno.build.arch}, Deno ${Deno.version.deno}, V8 ${Deno.version.v8}, ` +
    `${navigator.hardwareConcurrency} cores; ${
      ((performance.now() - started) / 1000).toFixed(0)
    } s)`,
);
