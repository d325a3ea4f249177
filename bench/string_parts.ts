// Copyright 2026 the npy authors. MIT license.
//
// What `decode` of 1e6 `S16` elements is made of, measured in one process:
// the bulk TextDecoder calls (256 KiB at a time, as the codec makes them),
// the scan for each element's trailing NULs (the format stores no lengths),
// and the matrix's `strings` floor (1e6 slices of one prebuilt string into a
// fresh array), beside decode() itself. Medians of 11 rounds, a full GC
// before each call.
//
//   deno run --v8-flags=--expose-gc bench/string_parts.ts

import { decode, encode } from "../mod.ts";

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const WORDS = ["", "a", "to", "the", "numpy", "format", "streaming", "zero-copy", "abc"];
const N = 1e6, SIZE = 16, CHUNK = 1 << 18;
const strings = Array.from({ length: N }, (_, i) => WORDS[i % 9] + (i % 1000));
const file = encode({ dtype: `|S${SIZE}`, shape: [N], data: strings });
const bytes = file.subarray(file.length - N * SIZE);
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
const ends = new Int32Array(N);
const joined = strings.join(""), lens = strings.map((s) => s.length);
let sink: unknown;

const parts: Record<string, () => unknown> = {
  "TextDecoder, 256 KiB at a time": () => {
    for (let o = 0; o < bytes.length; o += CHUNK) sink = utf8.decode(bytes.subarray(o, o + CHUNK));
  },
  "trailing-NUL scan": () => {
    for (let i = 0, o = 0; i < N; i++, o += SIZE) {
      let e = o + SIZE;
      while (e > o && words[(e >>> 2) - 1] === 0) e -= 4;
      while (e > o && bytes[e - 1] === 0) e--;
      ends[i] = e;
    }
  },
  "strings floor (slices)": () => {
    const out: string[] = new Array(N);
    for (let i = 0, o = 0; i < N; i++) {
      out[i] = joined.slice(o, o + lens[i]);
      o += lens[i];
    }
    return out;
  },
  "decode()": () => decode(file),
};
const times: Record<string, number[]> = {};
for (const [k, f] of Object.entries(parts)) {
  f();
  times[k] = [];
}
for (let r = 0; r < 11; r++) {
  for (const [k, f] of Object.entries(parts)) {
    gc();
    const t = performance.now();
    sink = f();
    times[k].push(performance.now() - t);
  }
}
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
const m = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, med(xs)]));
const sum = m["TextDecoder, 256 KiB at a time"] + m["trailing-NUL scan"] +
  m["strings floor (slices)"];
for (const [k, v] of Object.entries(m)) console.log(`${k.padEnd(32)} ${v.toFixed(1)} ms`);
console.log(`${"sum of the three parts".padEnd(32)} ${sum.toFixed(1)} ms`);
console.log(`decode() ÷ sum of the parts: ${(m["decode()"] / sum).toFixed(2)}×`);
void sink;
