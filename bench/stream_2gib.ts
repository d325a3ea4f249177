// Copyright 2026 the npy authors. MIT license.
//
// The streaming check of issue 6: write a 2 GiB array row block by row block
// and read it back, once over file handles (createNpyWriter / openNpy) and
// once over Web Streams (a ReadableStream piped into the writer's
// WritableStream; the file's ReadableStream piped through NpyDecoderStream),
// checking every element, and report the process's peak resident memory
// (VmHWM). The target is under 100 MiB. Readers reuse one block buffer
// (`reuse: true`), so that garbage buffers do not pile up between GCs. Not part of `deno task test`:
//
//   deno run --allow-read=/tmp,/proc/self/status --allow-write=/tmp bench/stream_2gib.ts [GiB]

import { NpyDecoderStream } from "../codec/stream.ts";
import { createNpyWriter } from "../fs/writer.ts";
import { openNpy } from "../fs/file.ts";
import type { NpyArray } from "../mod.ts";
import { open } from "node:fs/promises";

const GiB = 1024 ** 3, MiB = 1024 ** 2;
const gib = Number(Deno.args[0] ?? 2);
const COLS = 1024; // a row is 8 KiB of f8
const ROWS = Math.round((gib * GiB) / (COLS * 8));
const BLOCK = 512; // rows per appended block: 4 MiB

function peakRss(): number {
  try {
    const s = Deno.readTextFileSync("/proc/self/status");
    const m = /VmHWM:\s+(\d+) kB/.exec(s);
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux: fall back to the sampled maximum
  }
  return sampled;
}
let sampled = 0;
const sampler = setInterval(() => {
  sampled = Math.max(sampled, Deno.memoryUsage().rss);
}, 50);

/** Fills `buf` with the values of rows [row, row + n): element i holds its flat index. */
function fill(buf: Float64Array, row: number, n: number): Float64Array {
  const base = row * COLS;
  const out = buf.subarray(0, n * COLS);
  for (let i = 0; i < out.length; i++) out[i] = base + i;
  return out;
}

function check(block: NpyArray, row: number): number {
  const d = block.data as Float64Array;
  const base = row * COLS;
  for (let i = 0; i < d.length; i++) {
    if (d[i] !== base + i) throw new Error(`element ${base + i} reads ${d[i]}`);
  }
  return block.shape[0];
}

const dir = await Deno.makeTempDir({ prefix: "npy-2gib-" });
const report: string[] = [];
const mibps = (bytes: number, ms: number) => `${((bytes / MiB) / (ms / 1000)).toFixed(0)} MiB/s`;
const bytes = ROWS * COLS * 8;
try {
  console.log(
    `${gib} GiB: ${ROWS} rows of ${COLS} f8 (${bytes} bytes), ${BLOCK}-row blocks; start RSS ${
      (Deno.memoryUsage().rss / MiB).toFixed(0)
    } MiB`,
  );

  // 1. File handles.
  const p1 = `${dir}/fs.npy`;
  let t = performance.now();
  const w = await createNpyWriter(p1, { dtype: "<f8", shape: [0, COLS] });
  const buf = new Float64Array(BLOCK * COLS);
  for (let r = 0; r < ROWS; r += BLOCK) {
    const n = Math.min(BLOCK, ROWS - r);
    await w.append(fill(buf, r, n));
  }
  const shape = await w.close();
  const tw = performance.now() - t;
  if (shape[0] !== ROWS || Deno.statSync(p1).size !== bytes + 128) throw new Error("bad size");
  t = performance.now();
  let seen = 0;
  {
    await using f = await openNpy(p1);
    for await (const b of f.blocks({ reuse: true })) seen += check(b, seen);
  }
  if (seen !== ROWS) throw new Error(`read ${seen} rows`);
  const tr = performance.now() - t;
  const peak1 = peakRss();
  report.push(
    `file handles: write ${(tw / 1000).toFixed(1)} s (${mibps(bytes, tw)}), read+check ${
      (tr / 1000).toFixed(1)
    } s (${mibps(bytes, tr)}); peak RSS so far ${(peak1 / MiB).toFixed(1)} MiB`,
  );
  console.log(report[report.length - 1]);
  await Deno.remove(p1);

  // 2. Web Streams.
  const p2 = `${dir}/web.npy`;
  t = performance.now();
  const w2 = await createNpyWriter(p2, { dtype: "<f8", shape: [0, COLS] });
  let next = 0;
  // Two buffers taken in turn: a block is written before the one after next is made.
  const pair = [buf, new Float64Array(BLOCK * COLS)];
  const source = new ReadableStream<Float64Array>({
    pull(controller) {
      if (next >= ROWS) return controller.close();
      const n = Math.min(BLOCK, ROWS - next);
      controller.enqueue(fill(pair[(next / BLOCK) & 1], next, n));
      next += n;
    },
  }, { highWaterMark: 0 });
  await source.pipeTo(w2.writable);
  const tw2 = performance.now() - t;
  // Read back through NpyDecoderStream, fed 1 MiB chunks read into one buffer.
  t = performance.now();
  seen = 0;
  {
    const decoder = new NpyDecoderStream({ reuse: true });
    const consumer = (async () => {
      for await (const b of decoder.readable) seen += check(b, seen);
    })();
    const writer = decoder.writable.getWriter();
    const fh = await open(p2, "r");
    const chunk = new Uint8Array(MiB);
    for (let pos = 0;;) {
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, pos);
      if (bytesRead === 0) break;
      await writer.write(chunk.subarray(0, bytesRead));
      pos += bytesRead;
    }
    await fh.close();
    await writer.close();
    await consumer;
  }
  const tr2 = performance.now() - t;
  const peak2 = peakRss();
  report.push(
    `Web Streams: write ${(tw2 / 1000).toFixed(1)} s (${mibps(bytes, tw2)}), read+check ${
      (tr2 / 1000).toFixed(1)
    } s (${mibps(bytes, tr2)}); peak RSS of the whole run ${(peak2 / MiB).toFixed(1)} MiB`,
  );
  console.log(report[report.length - 1]);
  console.log(
    `peak RSS ${(peak2 / MiB).toFixed(1)} MiB: ${
      peak2 < 100 * MiB ? "under" : "OVER"
    } the 100 MiB target`,
  );
  if (peak2 >= 100 * MiB) Deno.exitCode = 1;
} finally {
  clearInterval(sampler);
  await Deno.remove(dir, { recursive: true });
}
