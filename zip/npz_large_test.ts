// Copyright 2026 the npy authors. MIT license.

// A member above 4 GiB, streamed in 63 MiB blocks through NpzWriter to a file
// (the unseekable data-descriptor layout, through a WritableStream) and to
// createNpzWriter (numpy's patched local headers), then loaded by numpy.
// Heavy (2 x 4.3 GB on disk, one at a time, and numpy holds 4.3 GB): it runs
// only with NPY_HEAVY=1; otherwise it is registered as ignored and says so.

import assert from "node:assert/strict";
import { NpzWriter } from "./npz_writer.ts";
import { createNpzWriter } from "../fs/npz_writer.ts";

const heavy = (() => {
  try {
    return Deno.env.get("NPY_HEAVY") === "1";
  } catch {
    return false;
  }
})();

/** Bytes per block: a multiple of 251, so every block holds i % 251 from 0. */
const BLOCK = 251 * (1 << 18);
const BLOCKS = 66; // 4,342,677,504 bytes: above 2^32
const ROWS = BLOCK * BLOCKS;

function* blocks(): Generator<Uint8Array> {
  const b = new Uint8Array(BLOCK);
  for (let i = 0; i < BLOCK; i++) b[i] = i % 251;
  for (let k = 0; k < BLOCKS; k++) yield b;
}

/** Samples this process's RSS every 50 ms while `f` runs; returns the peak in MiB. */
async function peakRss(f: () => Promise<void>): Promise<number> {
  let peak = Deno.memoryUsage().rss;
  const timer = setInterval(() => peak = Math.max(peak, Deno.memoryUsage().rss), 50);
  try {
    await f();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, Deno.memoryUsage().rss) / MiB;
}

const MiB = 1 << 20;

const CHECK = `import sys, time, zipfile, numpy as np
p, rows = sys.argv[1], int(sys.argv[2])
t = time.time()
z = zipfile.ZipFile(p)
i = z.getinfo("big.npy")
assert i.file_size == rows + 128 and i.compress_size == rows + 128, (i.file_size, i.compress_size)
a = np.load(p)["big"]  # zipfile checks the CRC when the member has been read to its end
assert a.shape == (rows,) and a.dtype == np.uint8
pattern = (np.arange(251 * 4096) % 251).astype(np.uint8)
for s in range(0, rows, len(pattern)):
    n = min(len(pattern), rows - s)
    assert (a[s:s + n] == pattern[:n]).all(), s
assert np.load(p)["small"].tolist() == [1, 2, 3]
print("numpy loaded %d bytes in %.1f s" % (rows, time.time() - t))
`;

async function numpyCheck(path: string): Promise<string> {
  const out = await new Deno.Command("python3", { args: ["-c", CHECK, path, String(ROWS)] })
    .output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.ok(out.success, text);
  return text.trim();
}

const name = (how: string) =>
  `NpzWriter streams a 4.3 GB member (${how}) that numpy loads${
    heavy ? "" : " (skipped: heavy, run with NPY_HEAVY=1)"
  }`;

/** Streams the small and the big member through a writer, times it, and has numpy load the file. */
async function streamAndCheck(file: string, open: (path: string) => Promise<NpzWriter>) {
  const path = `${await Deno.makeTempDir()}/${file}`;
  const t0 = performance.now();
  const rss = await peakRss(async () => {
    const w = await open(path);
    await w.add("small", new Int16Array([1, 2, 3]));
    await w.addRows("big", { dtype: "|u1", shape: [ROWS] }, blocks());
    await w.close();
  });
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `wrote ${(Deno.statSync(path).size / 1e9).toFixed(2)} GB in ${secs.toFixed(1)} s ` +
      `(${(ROWS / 1e6 / secs).toFixed(0)} MB/s), peak RSS ${rss.toFixed(0)} MiB`,
  );
  console.log(await numpyCheck(path));
  await Deno.remove(path);
}

Deno.test({
  name: name("to a WritableStream: data descriptor"),
  ignore: !heavy,
  fn: () =>
    streamAndCheck("big_stream.npz", async (path) => {
      const file = await Deno.open(path, { write: true, createNew: true });
      return new NpzWriter(file.writable);
    }),
});

Deno.test({
  name: name("to createNpzWriter: patched local header"),
  ignore: !heavy,
  fn: () => streamAndCheck("big_file.npz", (path) => createNpzWriter(path)),
});
