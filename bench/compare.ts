// Copyright 2026 the npy authors. MIT license.
//
// `deno task bench`: one matrix, one run. decode, encode, load, save (and
// save with fsync) for every dtype family at 1 KiB, 16 MiB and 256 MiB (1e6
// elements for strings and records), side by side with numpy as it runs,
// numpy with huge pages off (a second numpy process: V8 cannot ask for 2 MiB
// pages, so that is the like-for-like baseline), npyjs and numpy-parser where
// they apply, and the floor of each operation (allocate+copy or read/write
// the same bytes, and a warm memcpy). Peak RSS for the largest cells. Then
// whole-process `npy validate` and `npy show --json` against numpy
// one-liners, and readHeader against numpy's read_magic +
// read_array_header_1_0. Every implementation takes its turn round by round,
// in a rotating order, so that machine noise hits them alike; medians.
// Prints the matrix, then the target table.
//
//   deno task bench                     # the full matrix (~15 min on 2 busy cores)
//   deno task bench --quick             # 1 KiB and 16 MiB (1e5 strings/records), fewer rounds
//   deno task bench --only=f2           # rows whose dtype name contains "f2"
//   deno task bench --ops=decode,load   # only these operations

import { decode, encode, type NpyArray, readHeader, type StructDType } from "../mod.ts";
import { load, loadSync, save, saveSync } from "../fs/file.ts";
import { cpus } from "node:os";
import {
  closeSync,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  writeSync,
} from "node:fs";

/** The CLI's entry point (one constant: it moves to cli/main.ts). */
export const CLI_ENTRY: string = new URL("../cli/main.ts", import.meta.url).pathname;

const quick = Deno.args.includes("--quick");
const only = Deno.args.find((a) => a.startsWith("--only="))?.slice(7);
const opsArg = Deno.args.find((a) => a.startsWith("--ops="))?.slice(6).split(",");
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const KiB = 1024, MiB = 1024 * KiB;
const PEAK_FROM = 64 * MiB;

// ---------------------------------------------------------------- cases

type Descr = string | { fields: string[][]; align?: boolean };
interface Family {
  name: string;
  descr: Descr;
  itemsize: number;
  counted?: boolean; // sized by element count (strings, records)
  strings?: boolean; // decoding/encoding strings: branch `strings`
}
const STRUCT = [["x", "<f8"], ["y", "<f4"], ["id", "<i2"], ["ok", "|b1"]];
const FAMILIES: Family[] = [
  { name: "f8 LE", descr: "<f8", itemsize: 8 },
  { name: "f8 BE", descr: ">f8", itemsize: 8 },
  { name: "f4", descr: "<f4", itemsize: 4 },
  { name: "i1", descr: "|i1", itemsize: 1 },
  { name: "b1", descr: "|b1", itemsize: 1 },
  { name: "c16", descr: "<c16", itemsize: 16 },
  { name: "f2", descr: "<f2", itemsize: 2 },
  { name: "i8", descr: "<i8", itemsize: 8 },
  { name: "M8[ns]", descr: "<M8[ns]", itemsize: 8 },
  { name: "U16 ASCII", descr: "<U16", itemsize: 64, counted: true, strings: true },
  { name: "U16 non-BMP", descr: "<U16", itemsize: 64, counted: true, strings: true },
  { name: "S16", descr: "|S16", itemsize: 16, counted: true, strings: true },
  { name: "struct packed", descr: { fields: STRUCT }, itemsize: 15, counted: true },
  { name: "struct padded", descr: { fields: STRUCT, align: true }, itemsize: 16, counted: true },
];
const OPS = ["decode", "encode", "load", "save", "save+fsync"].filter((o) =>
  opsArg === undefined || opsArg.includes(o)
);
const SIZES = quick ? [KiB, 16 * MiB] : [KiB, 16 * MiB, 256 * MiB];
const COUNTS = quick ? [0, 100_000] : [0, 1_000_000]; // 0: 1 KiB worth

// ---------------------------------------------------------------- numpy workers

/** A numpy process answering one JSON request per line. */
class Numpy {
  #proc: Deno.ChildProcess;
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  #lines: AsyncIterator<string>;
  constructor(readonly label: string, args: string[]) {
    this.#proc = new Deno.Command("python3", {
      args: [new URL("./numpy_worker.py", import.meta.url).pathname, ...args],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    this.#writer = this.#proc.stdin.getWriter();
    this.#lines = lines(this.#proc.stdout)[Symbol.asyncIterator]();
  }
  // deno-lint-ignore no-explicit-any
  async call(req: Record<string, unknown>): Promise<any> {
    await this.#writer.write(new TextEncoder().encode(JSON.stringify(req) + "\n"));
    const r = await this.#lines.next();
    if (r.done) throw new Error(`${this.label} exited`);
    const reply = JSON.parse(r.value);
    if (reply.error) throw new Error(`${this.label}: ${reply.error}`);
    return reply;
  }
  async close(): Promise<void> {
    await this.#writer.close();
    await this.#proc.status;
  }
}

async function* lines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  let buf = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    buf += chunk;
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      yield buf.slice(0, i);
      buf = buf.slice(i + 1);
    }
  }
}

// ---------------------------------------------------------------- timing

/** One contender: a local function, or an operation timed inside a numpy process. */
type Contender =
  | { local: () => unknown }
  | { numpy: Numpy; key: string; op: string }
  | { third: Third; key: string; name: string; op: string };

async function sample(c: Contender, reps: number): Promise<number> {
  if ("numpy" in c) return (await c.numpy.call({ cmd: "time", key: c.key, op: c.op, reps })).s;
  if ("third" in c) {
    return (await c.third.call({ cmd: "time", key: c.key, name: c.name, op: c.op, reps })).s;
  }
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) {
    const r = c.local();
    if (r instanceof Promise) await r;
  }
  return (performance.now() - t0) / 1000 / reps;
}

/** Median seconds per call of each contender; turns rotate round by round. */
async function race(
  cs: Record<string, Contender>,
  bytes: number,
  gcEach = bytes >= PEAK_FROM,
): Promise<Record<string, number>> {
  const names = Object.keys(cs);
  const reps: Record<string, number> = {};
  const samples: Record<string, number[]> = {};
  const big = bytes >= PEAK_FROM;
  for (const n of names) {
    await sample(cs[n], 1); // warm up: JIT, lazy tables, page cache
    const t = await sample(cs[n], 1);
    reps[n] = big ? 1 : Math.max(1, Math.min(100_000, Math.ceil(0.004 / Math.max(t, 1e-9))));
    samples[n] = [];
  }
  const rounds = big ? (quick ? 3 : 5) : (quick ? 5 : 7);
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < names.length; j++) {
      const n = names[(j + r) % names.length];
      if (gcEach) gc(); // the last turn's garbage is not this turn's cost
      samples[n].push(await sample(cs[n], reps[n]));
    }
  }
  const out: Record<string, number> = {};
  for (const n of names) out[n] = median(samples[n]);
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

// ---------------------------------------------------------------- floors

function readWhole(path: string): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const buf = new Uint8Array(fstatSync(fd).size);
    let off = 0;
    while (off < buf.length) {
      const n = readSync(fd, buf, off, Math.min(buf.length - off, 1 << 30), off);
      if (n === 0) break;
      off += n;
    }
    return buf;
  } finally {
    closeSync(fd);
  }
}

/** What an atomic save needs at least: write a temporary file (and sync it), rename it over. */
function writeRename(path: string, bytes: Uint8Array, durable: boolean): void {
  const tmp = `${path}.floor.tmp`;
  const fd = openSync(tmp, "w");
  try {
    let off = 0;
    while (off < bytes.length) off += writeSyncAll(fd, bytes, off);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function writeSyncAll(fd: number, b: Uint8Array, off: number): number {
  return writeSync(fd, b, off, Math.min(b.length - off, 1 << 30), off);
}

// ---------------------------------------------------------------- third parties

/**
 * npyjs and numpy-parser in a worker of their own (bench/_third_worker.ts
 * says why: importing npyjs slows every string read in its isolate).
 */
class Third {
  #w = new Worker(new URL("./_third_worker.ts", import.meta.url), { type: "module" });
  #queue: ((m: unknown) => void)[] = [];
  constructor() {
    this.#w.onmessage = (e) => this.#queue.shift()!(e.data);
  }
  // deno-lint-ignore no-explicit-any
  call(req: Record<string, unknown>, transfer: Transferable[] = []): Promise<any> {
    return new Promise((resolve, reject) => {
      this.#queue.push((m) => {
        const r = m as { error?: string };
        if (r.error) reject(new Error(`third-party worker: ${r.error}`));
        else resolve(m);
      });
      this.#w.postMessage(req, transfer);
    });
  }
  close(): void {
    this.#w.terminate();
  }
}
const third = new Third();

/** The npyjs and numpy-parser decoders and encoders that give our values, as contenders. */
async function thirdParties(
  key: string,
  file: Uint8Array,
): Promise<{ decode: Record<string, Contender>; encode: Record<string, Contender> }> {
  const copy = file.slice().buffer;
  const r = await third.call({ cmd: "setup", key, file: copy }, [copy]);
  const pick = (names: string[], op: string) =>
    Object.fromEntries(names.map((name) => [name, { third, key, name, op } as Contender]));
  return { decode: pick(r.decoders, "decode"), encode: pick(r.encoders, "encode") };
}

// ---------------------------------------------------------------- run the matrix

interface Row {
  op: string;
  family: Family;
  label: string; // size
  bytes: number; // file size
  t: Record<string, number>;
  peak?: Record<string, number>;
}

const started = performance.now();
const pyA = new Numpy("numpy", []);
const pyB = new Numpy("numpy no-THP", ["--no-hugepages"]);
const versions = await pyA.call({ cmd: "version" });
const tmp = await Deno.makeTempDir({ prefix: "npy-bench-" });
const rows: Row[] = [];

async function peakOf(f: () => unknown): Promise<number> {
  gc();
  const before = (await pyA.call({ cmd: "reset_peak", pid: Deno.pid })).VmRSS;
  let r = f();
  if (r instanceof Promise) r = await r;
  const after = (await pyA.call({ cmd: "rss", pid: Deno.pid })).VmHWM;
  r = undefined;
  return after - before;
}

const FLOOR: Record<string, string> = {
  decode: "alloc+copy",
  encode: "alloc+copy",
  load: "read",
  save: "write+rename",
  "save+fsync": "write+fsync+rename",
};
/**
 * The floor of a string cell: the JS result is 1e6 strings (numpy keeps the
 * raw bytes), so decode's floor is making them (slices of one prebuilt string
 * into a fresh array), encode's is writing their characters into a fresh
 * buffer of the data's size; load and save add the file's read or write.
 * A record cell's result is a column per field, fresh memory numpy does not
 * need: load's floor adds alloc+copy of the data to the read.
 */
const STRING_FLOOR: Record<string, string> = {
  decode: "strings",
  encode: "chars",
  load: "read+strings",
  save: "chars+write+rename",
  "save+fsync": "chars+write+fsync+rename",
};
/**
 * Byte-swapped cells (`>f8`): the JS result holds numbers in the machine's
 * order, numpy keeps the stored bytes. The floor swaps every 8 bytes once
 * (DataView BigUint64 loads and stores, the fastest of the four ways tried:
 * 2.2 ms per 16 MiB against 1.1 ms for a memcpy): into a new buffer for
 * decode and encode, in place after the read for load, into a warm buffer
 * before the write for save.
 */
const SWAP_FLOOR: Record<string, string> = {
  decode: "alloc+swap",
  encode: "alloc+swap",
  load: "read+swap",
  save: "swap+write+rename",
  "save+fsync": "swap+write+fsync+rename",
};
/**
 * Record cells: the JS result is a column per field, numpy keeps the
 * records. The floor moves each field value once with a DataView: gathered
 * into new columns (decode, and load after the read), scattered into a new
 * buffer (encode) or a warm one before the write (save).
 */
const RECORD_FLOOR: Record<string, string> = {
  decode: "alloc+gather",
  encode: "alloc+scatter",
  load: "read+gather",
  save: "scatter+write+rename",
  "save+fsync": "scatter+write+fsync+rename",
};
function floorOf(op: string, fam: Family): string {
  if (fam.strings) return STRING_FLOOR[op];
  if (typeof fam.descr !== "string") return RECORD_FLOOR[op];
  if (fam.descr.startsWith(">")) return SWAP_FLOOR[op];
  return FLOOR[op];
}

/** `src`'s 8-byte words byte-swapped into `dst` (which may be `src`). */
function swap8(src: Uint8Array, dst: Uint8Array): Uint8Array {
  const n = src.length - (src.length % 8);
  const s = new DataView(src.buffer, src.byteOffset, n);
  const d = new DataView(dst.buffer, dst.byteOffset, n);
  for (let i = 0; i < n; i += 8) d.setBigUint64(i, s.getBigUint64(i, false), true);
  return dst;
}

type Column = Float64Array | Float32Array | Int16Array | Uint8Array;
/** The bench's record fields (`STRUCT`): gather into columns, scatter back, with a DataView. */
function recordFloors(a: NpyArray): {
  gather: (records: Uint8Array) => Column[];
  scatter: (out: Uint8Array) => Uint8Array;
} {
  const dt = a.dtype as StructDType;
  const cols = a.data as unknown as Record<string, Column>;
  const n = a.shape[0], size = dt.itemsize;
  const [x, y, id, ok] = dt.fields.map((f) => f.offset);
  return {
    gather: (records) => {
      const v = new DataView(records.buffer, records.byteOffset, n * size);
      const cx = new Float64Array(n), cy = new Float32Array(n);
      const cid = new Int16Array(n), cok = new Uint8Array(n);
      for (let i = 0, o = 0; i < n; i++, o += size) cx[i] = v.getFloat64(o + x, true);
      for (let i = 0, o = 0; i < n; i++, o += size) cy[i] = v.getFloat32(o + y, true);
      for (let i = 0, o = 0; i < n; i++, o += size) cid[i] = v.getInt16(o + id, true);
      for (let i = 0, o = 0; i < n; i++, o += size) cok[i] = v.getUint8(o + ok);
      return [cx, cy, cid, cok];
    },
    scatter: (out) => {
      const v = new DataView(out.buffer, out.byteOffset, n * size);
      const cx = cols.x as Float64Array, cy = cols.y as Float32Array;
      const cid = cols.id as Int16Array, cok = cols.ok as Uint8Array;
      for (let i = 0, o = 0; i < n; i++, o += size) v.setFloat64(o + x, cx[i], true);
      for (let i = 0, o = 0; i < n; i++, o += size) v.setFloat32(o + y, cy[i], true);
      for (let i = 0, o = 0; i < n; i++, o += size) v.setInt16(o + id, cid[i], true);
      for (let i = 0, o = 0; i < n; i++, o += size) v.setUint8(o + ok, cok[i]);
      return out;
    },
  };
}

/** The string floors' functions over the cell's strings (see STRING_FLOOR). */
function stringFloors(a: NpyArray): { strings: () => string[]; chars: () => Uint8Array } {
  const strs = a.data as string[], n = strs.length, itemsize = a.dtype.itemsize;
  const whole = strs.join("");
  const lens = new Uint32Array(strs.map((s) => s.length));
  const wide = a.dtype.kind === "U";
  return {
    strings: () => {
      const out: string[] = new Array(n);
      for (let i = 0, o = 0; i < n; i++) {
        out[i] = whole.slice(o, o + lens[i]);
        o += lens[i];
      }
      return out;
    },
    chars: () => {
      const bytes = new Uint8Array(n * itemsize);
      const out = wide ? new Uint32Array(bytes.buffer) : bytes;
      const per = wide ? itemsize / 4 : itemsize;
      for (let i = 0, o = 0; i < n; i++, o += per) {
        const s = strs[i];
        for (let j = 0; j < s.length; j++) out[o + j] = s.charCodeAt(j);
      }
      return bytes;
    },
  };
}

for (const fam of FAMILIES) {
  if (only !== undefined && !fam.name.includes(only)) continue;
  const cells = fam.counted
    ? COUNTS.map((n) => ({
      n: n || Math.floor(KiB / fam.itemsize),
      label: n ? `${n} el` : "1 KiB",
    }))
    : SIZES.map((b) => ({
      n: Math.floor(b / fam.itemsize),
      label: b >= MiB ? `${b / MiB} MiB` : `${b / KiB} KiB`,
    }));
  for (const { n, label } of cells) {
    const key = `${fam.name}/${n}`;
    const path = `${tmp}/in.npy`;
    const jsOut = `${tmp}/js-out.npy`;
    const req = { cmd: "build", key, name: fam.name, descr: fam.descr, n, path };
    await pyA.call({ ...req, write: true, out: `${tmp}/a.npy` });
    await pyB.call({ ...req, write: false, out: `${tmp}/b.npy` });
    let file: Uint8Array | undefined = Deno.readFileSync(path);
    let array: NpyArray | undefined = decode(file, { copy: true });
    const f = file, a = array;
    const dataOffset = readHeader(f).dataOffset;
    const src = f.subarray(dataOffset);
    const dst = new Uint8Array(src.length);
    const big = f.length >= PEAK_FROM;
    const thirds = await thirdParties(key, f);
    const sf = fam.strings ? stringFloors(a) : undefined;
    const rf = typeof fam.descr !== "string" ? recordFloors(a) : undefined;
    const swapped = typeof fam.descr === "string" && fam.descr.startsWith(">");
    const warm = new Uint8Array(src.length); // the save floors' reused buffer
    console.error(`${fam.name} ${label} (${(f.length / MiB).toFixed(1)} MiB) ...`);
    for (const op of OPS) {
      const cs: Record<string, Contender> = {};
      const np = { numpy: { numpy: pyA, key, op }, "numpy no-THP": { numpy: pyB, key, op } };
      let local: () => unknown;
      switch (op) {
        case "decode":
          local = () => decode(f);
          if (!fam.counted) cs["npy into"] = { local: () => decode(f, { into: dst }) };
          Object.assign(cs, { npy: { local } }, np, thirds.decode, {
            "alloc+copy": { local: () => new Uint8Array(src.length).set(src) },
            memcpy: { local: () => dst.set(src) },
          });
          if (sf) cs.strings = { local: sf.strings };
          if (swapped) cs["alloc+swap"] = { local: () => swap8(src, new Uint8Array(src.length)) };
          if (rf) cs["alloc+gather"] = { local: () => rf.gather(src) };
          break;
        case "encode":
          local = () => encode(a);
          Object.assign(cs, { npy: { local } }, np, thirds.encode, {
            "alloc+copy": { local: () => new Uint8Array(src.length).set(src) },
            memcpy: { local: () => dst.set(src) },
          });
          if (sf) cs.chars = { local: sf.chars };
          if (swapped) cs["alloc+swap"] = { local: () => swap8(src, new Uint8Array(src.length)) };
          if (rf) cs["alloc+scatter"] = { local: () => rf.scatter(new Uint8Array(src.length)) };
          break;
        case "load":
          local = () => load(path);
          Object.assign(cs, { npy: { local } }, np, {
            "npy sync": { local: () => loadSync(path) },
            "npy into": { local: () => load(path, { into: dst }) },
            read: { local: () => readWhole(path) },
          });
          if (sf) cs["read+strings"] = { local: () => (readWhole(path), sf.strings()) };
          if (swapped) {
            cs["read+swap"] = {
              local: () => {
                const d = readWhole(path).subarray(dataOffset);
                return swap8(d, d);
              },
            };
          }
          if (rf) {
            cs["read+gather"] = { local: () => rf.gather(readWhole(path).subarray(dataOffset)) };
          }
          break;
        case "save":
          local = () => save(jsOut, a, { durable: false });
          Object.assign(cs, { npy: { local } }, np, {
            "npy sync": { local: () => saveSync(jsOut, a, { durable: false }) },
            "write+rename": { local: () => writeRename(jsOut, f, false) },
          });
          if (sf) {
            cs["chars+write+rename"] = { local: () => writeRename(jsOut, sf.chars(), false) };
          }
          if (swapped) {
            cs["swap+write+rename"] = { local: () => writeRename(jsOut, swap8(src, warm), false) };
          }
          if (rf) {
            cs["scatter+write+rename"] = {
              local: () => writeRename(jsOut, rf.scatter(warm), false),
            };
          }
          break;
        default: // save+fsync
          local = () => save(jsOut, a);
          Object.assign(cs, { npy: { local } }, np, {
            "npy sync": { local: () => saveSync(jsOut, a) },
            "write+fsync+rename": { local: () => writeRename(jsOut, f, true) },
          });
          if (sf) {
            cs["chars+write+fsync+rename"] = { local: () => writeRename(jsOut, sf.chars(), true) };
          }
          if (swapped) {
            cs["swap+write+fsync+rename"] = {
              local: () => writeRename(jsOut, swap8(src, warm), true),
            };
          }
          if (rf) {
            cs["scatter+write+fsync+rename"] = {
              local: () => writeRename(jsOut, rf.scatter(warm), true),
            };
          }
      }
      // 1e5-1e6 strings or records: each call leaves that many objects or
      // columns behind; collect them between turns, as for the largest cells.
      const t = await race(cs, f.length, big || (fam.counted === true && n >= 100_000));
      const row: Row = { op, family: fam, label, bytes: f.length, t };
      if (big) {
        row.peak = {
          npy: await peakOf(local),
          numpy: (await pyA.call({ cmd: "peak", key, op })).bytes,
          "numpy no-THP": (await pyB.call({ cmd: "peak", key, op })).bytes,
        };
      }
      rows.push(row);
    }
    await pyA.call({ cmd: "drop", key });
    await pyB.call({ cmd: "drop", key });
    await third.call({ cmd: "drop", key });
    file = undefined;
    array = undefined;
    gc();
  }
}

// ---------------------------------------------------------------- readHeader

const hdrKey = "header";
await pyA.call({
  cmd: "build",
  key: hdrKey,
  name: "f8 LE",
  descr: "<f8",
  n: 300,
  path: `${tmp}/h.npy`,
  write: true,
  out: `${tmp}/ho.npy`,
});
const hdrFile = Deno.readFileSync(`${tmp}/h.npy`);
const prefix = hdrFile.subarray(0, readHeader(hdrFile).dataOffset);
const th = await race({
  readHeader: { local: () => readHeader(prefix) },
  numpy: { numpy: pyA, key: hdrKey, op: "header" },
}, 0);

// ---------------------------------------------------------------- whole-process CLI

const RUNNER = String.raw`
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
s = time.perf_counter() - t
if r.returncode != 0: sys.exit(r.stderr.decode()[-500:])
print(s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
`;

async function runProcess(cmd: string[]): Promise<{ s: number; rss: number }> {
  const r = await new Deno.Command("python3", {
    args: ["-c", RUNNER, ...cmd],
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  if (!r.success) throw new Error(`${cmd.join(" ")}: ${new TextDecoder().decode(r.stderr)}`);
  const [s, rss] = new TextDecoder().decode(r.stdout).trim().split(" ").map(Number);
  return { s, rss };
}

interface CliRow {
  idle: Record<string, number>;
  what: string;
  bytes: number;
  t: Record<string, number>;
  rss: Record<string, number>;
}
const cliRows: CliRow[] = [];
if (opsArg === undefined || opsArg.includes("cli")) {
  const deno = [Deno.execPath(), "run", "--allow-read", CLI_ENTRY];
  const oneLiners = {
    validate: "import sys, numpy as np; np.load(sys.argv[1])",
    "show --json": "import json, sys, numpy as np; a = np.load(sys.argv[1]); " +
      "print(json.dumps({'file': sys.argv[1], 'descr': a.dtype.str, 'shape': a.shape, 'values': a.tolist()}))",
  };
  const cases = [
    { what: "validate", n: (quick ? 16 : 256) * MiB / 8, args: ["validate"] },
    { what: "show --json", n: 1_000_000, args: ["show", "--json"] },
  ];
  // What each runtime holds doing nothing: the CLI printing its usage, numpy imported. A median:
  // one run's peak RSS varies by a few MiB (how much of the executable the kernel maps at once).
  const idleRss = async (cmd: string[]) => {
    await runProcess(cmd); // warm: compile cache, page cache
    const rss: number[] = [];
    for (let r = 0; r < (quick ? 3 : 5); r++) rss.push((await runProcess(cmd)).rss);
    return median(rss);
  };
  const idle = {
    npy: await idleRss([...deno, "--help"]),
    numpy: await idleRss(["python3", "-c", "import numpy"]),
  };
  for (const c of cases) {
    const path = `${tmp}/cli.npy`;
    await pyA.call({
      cmd: "build",
      key: "cli",
      name: "f8 LE",
      descr: "<f8",
      n: c.n,
      path,
      write: true,
      out: `${tmp}/co.npy`,
    });
    await pyA.call({ cmd: "drop", key: "cli" });
    const bytes = Deno.statSync(path).size;
    console.error(`npy ${c.what} (${(bytes / MiB).toFixed(1)} MiB) ...`);
    const cmds: Record<string, string[]> = {
      npy: [...deno, ...c.args, path],
      numpy: ["python3", "-c", oneLiners[c.what as keyof typeof oneLiners], path],
    };
    const names = Object.keys(cmds);
    const ts: Record<string, number[]> = {}, rs: Record<string, number[]> = {};
    for (const n of names) {
      await runProcess(cmds[n]); // warm: compile cache, page cache
      ts[n] = [];
      rs[n] = [];
    }
    for (let r = 0; r < (quick ? 3 : 5); r++) {
      for (let j = 0; j < names.length; j++) {
        const n = names[(j + r) % names.length];
        const got = await runProcess(cmds[n]);
        ts[n].push(got.s);
        rs[n].push(got.rss);
      }
    }
    cliRows.push({
      idle,
      what: c.what,
      bytes,
      t: Object.fromEntries(names.map((n) => [n, median(ts[n])])),
      rss: Object.fromEntries(names.map((n) => [n, median(rs[n])])),
    });
  }
}

await pyA.close();
await pyB.close();
third.close();
await Deno.remove(tmp, { recursive: true });

// ---------------------------------------------------------------- print

function fmt(s: number | undefined): string {
  if (s === undefined) return "—";
  if (s < 1e-3) return `${(s * 1e6).toFixed(s < 1e-5 ? 2 : 1)} µs`;
  if (s < 1) return `${(s * 1e3).toFixed(s < 1e-2 ? 2 : 1)} ms`;
  return `${s.toFixed(2)} s`;
}
function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined) return "—";
  return `${(a / b).toFixed(a / b < 10 ? 2 : 0)}×`;
}
function mib(b: number | undefined): string {
  return b === undefined ? "—" : `${(b / MiB).toFixed(0)}`;
}

const out: string[] = [];
out.push(
  "| op | dtype | size | npy | npy sync | npy into | numpy | numpy no-THP | npyjs | numpy-parser " +
    "| floor | floor is | memcpy | ÷ numpy | ÷ no-THP | ÷ floor | peak RSS MiB npy / numpy / no-THP |",
);
console.log(
  "Ratios take `npy sync` where there is one (numpy's calls are synchronous), else `npy`.\n",
);
out.push(`|${" --- |".repeat(17)}`);
for (const r of rows) {
  const t = r.t, fl = floorOf(r.op, r.family), ours = t["npy sync"] ?? t.npy;
  out.push(
    `| ${r.op} | ${r.family.name} | ${r.label} | ${fmt(t.npy)} | ${fmt(t["npy sync"])} | ${
      fmt(t["npy into"])
    } | ${fmt(t.numpy)} | ${fmt(t["numpy no-THP"])} | ${fmt(t.npyjs)} | ${
      fmt(t["numpy-parser"])
    } | ${fmt(t[fl])} | ${fl} | ${fmt(t.memcpy)} | ${ratio(ours, t.numpy)} | ${
      ratio(ours, t["numpy no-THP"])
    } | ${ratio(ours, t[fl])} | ${
      r.peak ? `${mib(r.peak.npy)} / ${mib(r.peak.numpy)} / ${mib(r.peak["numpy no-THP"])}` : ""
    } |`,
  );
}
console.log(out.join("\n"));
console.log();
if (cliRows.length) {
  console.log(
    "| whole process | file | npy | numpy one-liner | ÷ numpy | peak RSS npy / numpy " +
      "| idle RSS npy / numpy | (peak − idle) ÷ file, npy / numpy |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const c of cliRows) {
    console.log(
      `| ${c.what} | ${(c.bytes / MiB).toFixed(1)} MiB | ${fmt(c.t.npy)} | ${fmt(c.t.numpy)} | ${
        ratio(c.t.npy, c.t.numpy)
      } | ${mib(c.rss.npy)} / ${mib(c.rss.numpy)} MiB | ${mib(c.idle.npy)} / ${
        mib(c.idle.numpy)
      } MiB | ${((c.rss.npy - c.idle.npy) / c.bytes).toFixed(2)}× / ${
        ((c.rss.numpy - c.idle.numpy) / c.bytes).toFixed(2)
      }× |`,
    );
  }
  console.log();
}
console.log(
  `readHeader: ${fmt(th.readHeader)}; numpy read_magic + read_array_header_1_0: ${fmt(th.numpy)} ` +
    `(${(th.numpy / th.readHeader).toFixed(1)}× numpy's speed)`,
);
console.log();

// ---------------------------------------------------------------- targets

const verdicts: string[] = [];
let met = 0, missed = 0, floorBound = 0;
for (const r of rows) {
  const t = r.t, floor = floorOf(r.op, r.family), fl = t[floor];
  // numpy's calls are synchronous: load and save are judged by loadSync and
  // saveSync (the async calls add worker-thread round trips, shown beside).
  const ours = t["npy sync"] ?? t.npy;
  const a = ours / t["numpy no-THP"], b = ours / t.numpy, f = ours / fl;
  const name = `${r.op} ${r.family.name} ${r.label}`;
  // The issue's string targets: decode ≤ 3× numpy (which keeps the raw
  // bytes), encode ≤ 1.5× numpy; every other cell ≤ 1.0× no-THP and ≤ 1.5×.
  const stringLimit = r.family.strings
    ? { decode: 3, encode: 1.5 }[r.op as "decode" | "encode"]
    : undefined;
  if (stringLimit !== undefined ? b <= stringLimit : a <= 1.0 && b <= 1.5) {
    met++;
    continue;
  }
  let why: string;
  if (f <= 1.2) {
    floorBound++;
    why = `floor-bound: ${f.toFixed(2)}× the ${floor} floor (${fmt(fl)}), ` +
      `which is itself ${(fl / t["numpy no-THP"]).toFixed(2)}× numpy no-THP`;
  } else {
    missed++;
    why = `**missed**: ${f.toFixed(2)}× the ${floor} floor (${fmt(fl)})`;
  }
  if (t["npy into"] !== undefined) {
    why +=
      `; with \`into\` (reused memory${r.op === "load" ? ", async" : ""}): ${
        (t["npy into"] / t["numpy no-THP"]).toFixed(2)
      }× ` +
      `numpy no-THP, ${(t["npy into"] / t.numpy).toFixed(2)}× numpy`;
  }
  if (t["npy sync"] !== undefined) why += `; async: ${fmt(t.npy)} (sync ${fmt(t["npy sync"])})`;
  verdicts.push(`| ${name} | ${a.toFixed(2)}× | ${b.toFixed(2)}× | ${why} |`);
}
console.log(
  `Targets: decode/encode/load/save cells ≤ 1.0× numpy no-THP and ≤ 1.5× numpy: ${met} met, ` +
    `${floorBound} within 1.2× of their floor, ${missed} missed. The others:`,
);
console.log();
console.log(
  "| cell | ÷ numpy no-THP (≤ 1.0) | ÷ numpy (≤ 1.5; strings: decode ≤ 3, encode ≤ 1.5) | verdict |",
);
console.log("| --- | --- | --- | --- |");
for (const v of verdicts) console.log(v);
console.log();
console.log("| target | measured | limit | |");
console.log("| --- | --- | --- | --- |");
const line = (what: string, x: number, limit: number, ge = false) =>
  console.log(
    `| ${what} | ${x.toFixed(2)}${ge ? "" : "×"} | ${ge ? "≥" : "≤"} ${limit}${ge ? "" : "×"} | ${
      (ge ? x >= limit : x <= limit) ? "met" : "**missed**"
    } |`,
  );
for (const c of cliRows) {
  line(`npy ${c.what} ÷ numpy one-liner (time)`, c.t.npy / c.t.numpy, 1.0);
  line(`npy ${c.what} peak RSS ÷ file size`, c.rss.npy / c.bytes, 1.2);
  line(`npy ${c.what} (peak − idle RSS) ÷ file size`, (c.rss.npy - c.idle.npy) / c.bytes, 1.2);
}
line("numpy header time ÷ readHeader time", th.numpy / th.readHeader, 10, true);
console.log();
const cpu = cpus()[0]?.model ?? "?";
console.log(
  `(${Deno.build.os}-${Deno.build.arch}, ${cpu}, ${navigator.hardwareConcurrency} cores, ` +
    `load average ${
      Deno.loadavg().map((x) => x.toFixed(1)).join(" ")
    }; Deno ${Deno.version.deno}, ` +
    `V8 ${Deno.version.v8}; numpy ${versions.numpy}, Python ${versions.python}; ` +
    `${((performance.now() - started) / 1000).toFixed(0)} s)`,
);
