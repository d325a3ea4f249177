// Copyright 2026 the npy authors. MIT license.
//
// Writing .npz, one run, ratios only (issue 10, item 7):
// - stored: saveNpz (atomic, synced) of 128 MiB of arrays vs writing the same
//   number of bytes as a plain file the same way (temp file, fsync, rename),
//   and numpy's np.savez to a file;
// - compressed: encodeNpz({ compress: true }) of 16 MiB of arrays (zlib-identical
//   deflate, pure JS) vs numpy's np.savez_compressed to memory, and Deno's
//   native zlib deflateRawSync of the same bytes (not numpy's bytes) for scale.
// Medians of interleaved rounds. Prints a Markdown table and the target.
//
//   deno run --allow-read=/tmp --allow-write=/tmp --allow-run=python3 bench/npz_write.ts [--quick]

import { deflateRawSync } from "node:zlib";
import { encode, encodeNpz } from "../mod.ts";
import { saveNpz } from "../fs/npz_writer.ts";
import { writeFileAtomicAsync } from "../fs/_atomic.ts";

const quick = Deno.args.includes("--quick");
const MiB = 1 << 20;
const STORED_BYTES = (quick ? 32 : 128) * MiB;
const DEFLATE_BYTES = (quick ? 4 : 16) * MiB;
const ROUNDS = quick ? 3 : 5;

/** Half f8 (i * 0.5), half i4 ((i * i) % 1000): the same arrays numpy makes below. */
function arrays(bytes: number) {
  const nf = bytes / 2 / 8, ni = bytes / 2 / 4;
  const f = new Float64Array(nf);
  for (let i = 0; i < nf; i++) f[i] = i * 0.5;
  const q = new Int32Array(ni);
  for (let i = 0; i < ni; i++) q[i] = Number((BigInt(i) * BigInt(i)) % 1000n);
  return { f, q };
}

const PY = `
import io, json, os, sys, time, numpy as np
stored, deflate, rounds, path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def arrays(b):
    nf, ni = b // 16, b // 8
    i = np.arange(ni, dtype=np.int64)
    return {"f": np.arange(nf, dtype="<f8") * 0.5, "q": ((i * i) % 1000).astype("<i4")}
def med(xs):
    return sorted(xs)[len(xs) // 2]
a, d = arrays(stored), arrays(deflate)
t_save, t_comp = [], []
for r in range(rounds):
    t = time.perf_counter()
    with open(path, "wb") as fh:
        np.savez(fh, **a)
        fh.flush(); os.fsync(fh.fileno())
    t_save.append(time.perf_counter() - t)
    os.remove(path)
    t = time.perf_counter()
    b = io.BytesIO(); np.savez_compressed(b, **d)
    t_comp.append(time.perf_counter() - t)
print(json.dumps({"savez": med(t_save), "savez_compressed": med(t_comp), "numpy": np.__version__}))
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function timeit(f: () => unknown | Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}

const dir = await Deno.makeTempDir({ dir: "/tmp", prefix: "npz-bench-" });
const big = arrays(STORED_BYTES);
const small = arrays(DEFLATE_BYTES);
const archiveBytes = encodeNpz(big).length;
const plain = new Uint8Array(archiveBytes).fill(7);
const smallNpy = [encode(small.f), encode(small.q)];

const t: Record<string, number[]> = {
  saveNpz: [],
  plain: [],
  encodeNpz: [],
  compressed: [],
  nativeDeflate: [],
};
for (let r = 0; r < ROUNDS; r++) {
  t.plain.push(await timeit(() => writeFileAtomicAsync(`${dir}/plain.bin`, plain)));
  t.saveNpz.push(await timeit(() => saveNpz(`${dir}/a.npz`, big)));
  t.encodeNpz.push(await timeit(() => encodeNpz(big)));
  t.compressed.push(await timeit(() => encodeNpz(small, { compress: true })));
  t.nativeDeflate.push(await timeit(() => smallNpy.map((b) => deflateRawSync(b, { level: 6 }))));
  await Deno.remove(`${dir}/plain.bin`);
  await Deno.remove(`${dir}/a.npz`);
}
const med: Record<string, number> = {};
for (const [k, v] of Object.entries(t)) med[k] = median(v);

let np: { savez: number; savez_compressed: number; numpy: string } | undefined;
try {
  const out = await new Deno.Command("python3", {
    args: [
      "-c",
      PY,
      String(STORED_BYTES),
      String(DEFLATE_BYTES),
      String(ROUNDS),
      `${dir}/numpy.npz`,
    ],
  }).output();
  if (out.success) np = JSON.parse(new TextDecoder().decode(out.stdout));
  else console.error(new TextDecoder().decode(out.stderr));
} catch (e) {
  console.error(`no numpy: ${(e as Error).message}`);
}
await Deno.remove(dir, { recursive: true });

const mb = (b: number, s: number) => `${(b / 1e6 / s).toFixed(0)} MB/s`;
const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
console.log(`\n### Writing .npz (${ROUNDS} rounds, medians)\n`);
console.log("| what | time | speed |");
console.log("|---|---|---|");
console.log(
  `| plain file, ${archiveBytes} bytes (temp, fsync, rename) | ${ms(med.plain)} | ${
    mb(archiveBytes, med.plain)
  } |`,
);
console.log(`| saveNpz, stored | ${ms(med.saveNpz)} | ${mb(archiveBytes, med.saveNpz)} |`);
if (np) {
  console.log(
    `| numpy ${np.numpy} np.savez to a file (fsync) | ${ms(np.savez)} | ${
      mb(archiveBytes, np.savez)
    } |`,
  );
}
console.log(
  `| encodeNpz, stored, in memory | ${ms(med.encodeNpz)} | ${mb(archiveBytes, med.encodeNpz)} |`,
);
console.log(
  `| encodeNpz, compressed, ${DEFLATE_BYTES / MiB} MiB | ${ms(med.compressed)} | ${
    mb(DEFLATE_BYTES, med.compressed)
  } |`,
);
if (np) {
  console.log(
    `| numpy np.savez_compressed to memory | ${ms(np.savez_compressed)} | ${
      mb(DEFLATE_BYTES, np.savez_compressed)
    } |`,
  );
}
console.log(
  `| node:zlib deflateRawSync (native, not numpy's bytes) | ${ms(med.nativeDeflate)} | ${
    mb(DEFLATE_BYTES, med.nativeDeflate)
  } |`,
);
const ratio = med.saveNpz / med.plain;
console.log(
  `\nstored: saveNpz / plain file = ${ratio.toFixed(2)} (target <= 1.2: ${
    ratio <= 1.2 ? "met" : "NOT met"
  })`,
);
if (np) {
  console.log(`stored: saveNpz / np.savez = ${(med.saveNpz / np.savez).toFixed(2)}`);
  console.log(
    `compressed: encodeNpz / np.savez_compressed = ${
      (med.compressed / np.savez_compressed).toFixed(2)
    }`,
  );
}
