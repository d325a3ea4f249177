// Copyright 2026 the npy authors. MIT license.
//
// String cells of issue 14, measured against numpy in one run: decode,
// encode and load of 1e6 elements of S16 (ASCII), U16 (ASCII) and U16 with
// 1% non-BMP characters. numpy (python3, timed inside Python) runs as it
// does by default and with huge pages off
// (`numpy._core.multiarray._set_madvise_hugepage(False)`), the like-for-like
// baseline. Beside them the floor of the JS result: 1e6 strings sliced from
// one prebuilt string into a fresh array (what any decode to `string[]` must
// at least do). Medians of interleaved rounds.
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

const PY = String.raw`
import io, json, sys, time
import numpy as np
words = ["", "a", "to", "the", "numpy", "format", "streaming", "zero-copy", "abc"]
def text(kind, i):
    return ("\U0001F600" if kind == 2 and i % 100 == 0 else "") + words[i % 9] + str(i % 1000)
def med(f, rounds=9):
    f()
    xs = []
    for _ in range(rounds):
        t = time.perf_counter(); f(); xs.append(time.perf_counter() - t)
    xs.sort()
    return xs[len(xs) // 2]
cells = json.loads(sys.argv[1]); n = int(sys.argv[2]); out = {}
for k, c in enumerate(cells):
    a = np.resize(np.array([text(k, i) for i in range(9000)], dtype=c["descr"]), n)
    b = io.BytesIO(); np.save(b, a); raw = b.getvalue()
    path = "/tmp/npy_bench_strings_%d.npy" % k
    with open(path, "wb") as f: f.write(raw)
    for hp in (True, False):
        np._core.multiarray._set_madvise_hugepage(hp)
        tag = "numpy" if hp else "numpy (no huge pages)"
        out[c["name"] + "/decode/" + tag] = med(lambda: np.load(io.BytesIO(raw)))
        out[c["name"] + "/encode/" + tag] = med(lambda: np.save(io.BytesIO(), a))
        out[c["name"] + "/load/" + tag] = med(lambda: np.load(path))
    np._core.multiarray._set_madvise_hugepage(True)
print(json.dumps(out))
`;

async function numpy(): Promise<Record<string, number>> {
  const r = await new Deno.Command("python3", {
    args: ["-c", PY, JSON.stringify(CELLS.map((c) => ({ name: c.name, descr: c.descr }))), `${N}`],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!r.success) throw new Error("python3 failed");
  return JSON.parse(new TextDecoder().decode(r.stdout));
}

/** Median seconds of each function, rounds interleaved. */
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
      await f();
      samples[k].push((performance.now() - t) / 1000);
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
const py = await numpy();
const ms = (s: number | undefined) => (s === undefined ? "—" : (s * 1e3).toFixed(1));
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
  const floor = () => {
    const out: string[] = new Array(N);
    for (let i = 0, o = 0; i < N; i++) {
      out[i] = whole.slice(o, o + lens[i]);
      o += lens[i];
    }
    return out;
  };
  const t = await race({
    decode: () => decode(file),
    encode: () => encode(array),
    load: () => load(path),
    floor,
  });
  for (const op of ["decode", "encode", "load"]) {
    const np = py[`${c.name}/${op}/numpy`], nh = py[`${c.name}/${op}/numpy (no huge pages)`];
    const fl = op === "encode" ? undefined : t.floor;
    lines.push(
      `| ${c.name} | ${op} | ${ms(t[op])} | ${ms(np)} | ${ms(nh)} | ${ms(fl)} | ${
        (t[op] / np).toFixed(2)
      }× | ${(t[op] / nh).toFixed(2)}× | ${
        fl === undefined ? "—" : (t[op] / fl).toFixed(2) + "×"
      } |`,
    );
  }
  Deno.removeSync(path);
}
console.log(lines.join("\n"));
