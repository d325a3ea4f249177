// Copyright 2026 the npy authors. MIT license.
//
// String cells of issue 14, measured against numpy in one run: decode,
// encode and load of 1e6 elements of S16 (ASCII), U16 (ASCII) and U16 with
// 1% non-BMP characters. numpy runs as a server process (python3, each call
// timed inside Python) whose turns interleave with the JS ones, as it runs
// and with huge pages off (`numpy._core.multiarray._set_madvise_hugepage
// (False)`), the like-for-like baseline. Beside them the floors of the JS
// result: for decode and load, 1e6 strings sliced from one prebuilt string
// into a fresh array (what any decode to `string[]` must at least do); for
// encode, the strings' UTF-16 code units written into a fresh buffer of the
// data's size. Medians of 9 interleaved rounds; prints a Markdown table.
//
//   deno run --v8-flags=--expose-gc --allow-read=/tmp --allow-write=/tmp \
//     --allow-run=python3 bench/strings.ts [--n=1000000]

import { decode, encode, type NpyArray } from "../mod.ts";
import { load } from "../fs/file.ts";

const N = Number(Deno.args.find((a) => a.startsWith("--n="))?.slice(4) ?? 1e6);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const WORDS = ["", "a", "to", "the", "numpy", "format", "streaming", "zero-copy", "abc"];

interface Cell {
  name: string;
  descr: string;
  text: (i: number) => string;
}

const CELLS: Cell[] = [
  { name: "S16", descr: "|S16", text: (i) => WORDS[i % 9] + (i % 1000) },
  { name: "U16 ASCII", descr: "<U16", text: (i) => WORDS[i % 9] + (i % 1000) },
  {
    name: "U16 1% non-BMP",
    descr: "<U16",
    text: (i) => (i % 100 === 0 ? "\u{1F600}" : "") + WORDS[i % 9] + (i % 1000),
  },
];

// numpy as a server: builds every cell's array and file first, then times
// one call per request ("cell op hugepages" on stdin, seconds on stdout), so
// that its turns interleave with the JS ones.
const PY = String.raw`
import io, json, sys, time
import numpy as np
words = ["", "a", "to", "the", "numpy", "format", "streaming", "zero-copy", "abc"]
def text(kind, i):
    return ("\U0001F600" if kind == 2 and i % 100 == 0 else "") + words[i % 9] + str(i % 1000)
cells = json.loads(sys.argv[1]); n = int(sys.argv[2]); state = []
for k, c in enumerate(cells):
    a = np.resize(np.array([text(k, i) for i in range(9000)], dtype=c["descr"]), n)
    b = io.BytesIO(); np.save(b, a); raw = b.getvalue()
    path = "/tmp/npy_bench_strings_%d.npy" % k
    with open(path, "wb") as f: f.write(raw)
    state.append((a, raw, path))
ops = {
    "decode": lambda a, raw, path: np.load(io.BytesIO(raw)),
    "encode": lambda a, raw, path: np.save(io.BytesIO(), a),
    "load": lambda a, raw, path: np.load(path),
}
print("ready", flush=True)
for line in sys.stdin:
    k, op, hp = line.split()
    np._core.multiarray._set_madvise_hugepage(hp == "1")
    t = time.perf_counter(); ops[op](*state[int(k)]); t = time.perf_counter() - t
    print(t, flush=True)
`;

class Numpy {
  #proc: Deno.ChildProcess;
  #w: WritableStreamDefaultWriter<Uint8Array>;
  #lines: AsyncIterator<string>;
  constructor() {
    this.#proc = new Deno.Command("python3", {
      args: ["-c", PY, JSON.stringify(CELLS.map((c) => ({ descr: c.descr }))), `${N}`],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    this.#w = this.#proc.stdin.getWriter();
    this.#lines = this.#proc.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(
      new TransformStream<string, string>(
        {
          buf: "",
          transform(chunk, c) {
            const parts = (this.buf + chunk).split("\n");
            this.buf = parts.pop()!;
            for (const p of parts) c.enqueue(p);
          },
        } as Transformer<string, string> & { buf: string },
      ),
    )[Symbol.asyncIterator]();
  }
  async line(): Promise<string> {
    const r = await this.#lines.next();
    if (r.done) throw new Error("python3 ended");
    return r.value;
  }
  /** Seconds numpy took for one call. */
  async time(cell: number, op: string, hugePages: boolean): Promise<number> {
    await this.#w.write(new TextEncoder().encode(`${cell} ${op} ${hugePages ? 1 : 0}\n`));
    return Number(await this.line());
  }
  async close(): Promise<void> {
    await this.#w.close();
    await this.#proc.status;
  }
}

/**
 * Median seconds of each function, rounds interleaved. A function that
 * returns a number reports its own time (numpy's, measured in Python).
 */
async function race(fns: Record<string, () => unknown>, rounds = 9) {
  const samples: Record<string, number[]> = {};
  for (const [k, f] of Object.entries(fns)) {
    await f();
    samples[k] = [];
  }
  for (let r = 0; r < rounds; r++) {
    for (const [k, f] of Object.entries(fns)) {
      gc();
      const t = performance.now();
      const own = await f();
      const dt = (performance.now() - t) / 1000;
      samples[k].push(typeof own === "number" ? own : dt);
    }
  }
  const out: Record<string, number> = {};
  for (const [k, xs] of Object.entries(samples)) {
    xs.sort((a, b) => a - b);
    out[k] = xs[xs.length >> 1];
  }
  return out;
}

console.error(`numpy (python3), ${N} elements ...`);
const numpy = new Numpy();
if ((await numpy.line()) !== "ready") throw new Error("numpy did not start");
const ms = (s: number | undefined) => (s === undefined ? "—" : (s * 1e3).toFixed(1));
const x = (a: number, b: number | undefined) => (b === undefined ? "—" : `${(a / b).toFixed(2)}×`);
const lines = [
  `| cell (${N} elements) | op | npy ms | numpy ms | numpy no-HP ms | floor ms | ÷ numpy | ÷ numpy no-HP | ÷ floor |`,
  "|---|---|---:|---:|---:|---:|---:|---:|---:|",
];
for (const [k, c] of CELLS.entries()) {
  console.error(`${c.name} ...`);
  const strings = Array.from({ length: N }, (_, i) => c.text(i));
  const array: NpyArray = {
    dtype: decode(encode({ dtype: c.descr, shape: [0], data: [] })).dtype,
    shape: [N],
    fortranOrder: false,
    data: strings,
  };
  const file = encode(array);
  const path = `/tmp/npy_bench_strings_${k}.npy`;
  // The same bytes numpy wrote: check so that both sides do the same work.
  const theirs = Deno.readFileSync(path);
  if (theirs.length !== file.length || !theirs.every((x, i) => x === file[i])) {
    throw new Error(`${c.name}: the JS file differs from numpy's`);
  }
  const whole = strings.join("");
  const lens = new Uint32Array(strings.map((s) => s.length));
  const itemsize = array.dtype.itemsize;
  // Floors: making the strings (slices of one string into a fresh array);
  // writing their UTF-16 code units into a fresh zeroed buffer of the size.
  const decodeFloor = () => {
    const out: string[] = new Array(N);
    for (let i = 0, o = 0; i < N; i++) {
      out[i] = whole.slice(o, o + lens[i]);
      o += lens[i];
    }
    return out;
  };
  const encodeFloor = () => {
    const wide = c.descr.includes("U");
    const out = wide ? new Uint32Array(N * itemsize / 4) : new Uint8Array(N * itemsize);
    const per = wide ? itemsize / 4 : itemsize;
    for (let i = 0, o = 0; i < N; i++, o += per) {
      const s = strings[i];
      for (let j = 0; j < s.length; j++) out[o + j] = s.charCodeAt(j);
    }
    return out;
  };
  const t = await race({
    decode: () => decode(file),
    "numpy decode": () => numpy.time(k, "decode", true),
    "numpy decode no-HP": () => numpy.time(k, "decode", false),
    "decode floor": decodeFloor,
    encode: () => encode(array),
    "numpy encode": () => numpy.time(k, "encode", true),
    "numpy encode no-HP": () => numpy.time(k, "encode", false),
    "encode floor": encodeFloor,
    load: () => load(path),
    "numpy load": () => numpy.time(k, "load", true),
    "numpy load no-HP": () => numpy.time(k, "load", false),
  });
  for (const op of ["decode", "encode", "load"]) {
    const np = t[`numpy ${op}`], nh = t[`numpy ${op} no-HP`];
    const fl = t[`${op === "encode" ? "encode" : "decode"} floor`];
    lines.push(
      `| ${c.name} | ${op} | ${ms(t[op])} | ${ms(np)} | ${ms(nh)} | ${ms(fl)} | ${x(t[op], np)} | ${
        x(t[op], nh)
      } | ${x(t[op], fl)} |`,
    );
  }
}
await numpy.close();
for (const k of CELLS.keys()) Deno.removeSync(`/tmp/npy_bench_strings_${k}.npy`);
console.log(lines.join("\n"));
