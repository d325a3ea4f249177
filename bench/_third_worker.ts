// Copyright 2026 the npy authors. MIT license.
//
// npyjs and numpy-parser, timed in their own isolate. npyjs declares
// `class StringFromCodePoint extends String` when it is imported, and in V8
// 15 that alone makes every string read in the process (charCodeAt over 1e6
// short strings) about 6× slower; imported beside the codec, it made the
// project's string cells look 3-5× slower than they are. Here it only slows
// itself. Each request times `reps` calls inside the worker, as the numpy
// workers time theirs.

/// <reference lib="deno.worker" />
import { decode, type NpyArray } from "../mod.ts";
import * as npyjs from "npyjs";
import numpyParser from "numpy-parser";

interface Setup {
  decoders: Record<string, () => unknown>;
  encoders: Record<string, () => unknown>;
}
const cells = new Map<string, Setup>();

function sameValues(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = a as unknown as ArrayLike<unknown>, y = b as unknown as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i += Math.max(1, x.length >> 12)) {
      if (!Object.is(Number(x[i]), Number(y[i]))) return false;
    }
    return true;
  }
  return false;
}

/** Each decoder and encoder kept only when it gives the codec's values (or bytes of the same dtype). */
function setup(buf: ArrayBuffer): Setup {
  const file = new Uint8Array(buf);
  const ours: NpyArray = decode(file, { copy: true });
  const s: Setup = { decoders: {}, encoders: {} };
  const tryOne = (name: string, f: () => { data: unknown }) => {
    try {
      if (sameValues(f().data, ours.data)) s.decoders[name] = f;
    } catch { /* refuses this dtype */ }
  };
  tryOne("npyjs", () => npyjs.parse(buf));
  tryOne("numpy-parser", () => numpyParser.fromArrayBuffer(buf));
  if (ArrayBuffer.isView(ours.data)) {
    const data = ours.data as Float64Array;
    try {
      const got = new Uint8Array(npyjs.dump(data, ours.shape));
      if (got.length === file.length && decode(got).dtype.kind === ours.dtype.kind) {
        s.encoders.npyjs = () => npyjs.dump(data, ours.shape);
      }
    } catch { /* refuses this dtype */ }
  }
  return s;
}

self.onmessage = (e: MessageEvent) => {
  const m = e.data;
  try {
    if (m.cmd === "setup") {
      const s = setup(m.file);
      cells.set(m.key, s);
      self.postMessage({ decoders: Object.keys(s.decoders), encoders: Object.keys(s.encoders) });
    } else if (m.cmd === "time") {
      const s = cells.get(m.key)!;
      const f = (m.op === "decode" ? s.decoders : s.encoders)[m.name];
      const t0 = performance.now();
      for (let i = 0; i < m.reps; i++) f();
      self.postMessage({ s: (performance.now() - t0) / 1000 / m.reps });
    } else if (m.cmd === "drop") {
      cells.delete(m.key);
      (globalThis as { gc?: () => void }).gc?.();
      self.postMessage({});
    }
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};
