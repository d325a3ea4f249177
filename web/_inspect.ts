// Copyright 2026 the npy authors. MIT license.
// What the page shows for one .npy file, computed from a Blob read in
// slices: the verdict from the header and the file size first, then the
// values numpy prints, a picture from a stride sample, and statistics
// streamed over the data in blocks. Runs in the worker; web-standard APIs
// only, so it is tested in Deno too.

import {
  decode,
  type DType,
  formatDescr,
  type NpyArray,
  type NpyHeader,
  readHeader,
  type StructData,
  type StructDType,
  writeHeader,
} from "../mod.ts";
import { validate } from "../conformance/validate.ts";
import { NpyError } from "../codec/errors.ts";
import { hasObject } from "../codec/_descr.ts";
import { unpickleFile } from "../zip/load_any.ts";
import type { HeaderInfo, Picture, Reply, Stats } from "./_protocol.ts";
import { formatElement, formatValues, printedIndices } from "./_values.ts";
import { formatArray, formatPyObject } from "../cli/print.ts";

/** Files up to this size are read whole and validated byte for byte. */
export const WHOLE_LIMIT = 16 << 20;
/**
 * With "allow pickle" on, an object array (or a bare pickle) up to this size
 * is read whole: a pickle cannot be read in parts.
 */
export const PICKLE_LIMIT = 256 << 20;
/** Bytes read first: enough for the header of nearly every file. */
const HEAD_BYTES = 64 << 10;
/** Bytes per block when streaming statistics. */
const BLOCK_BYTES = 8 << 20;
/** Data up to this size is printed from the whole array. */
const PRINT_LIMIT = 4 << 20;
/** Largest picture side, in samples. */
const SIDE = 400;
/** Points of a line plot. */
const LINE_POINTS = 2000;
/** Values a histogram counts at most. */
const HIST_SAMPLE = 200_000;
const HIST_BINS = 40;
/** Records shown in a table. */
const TABLE_ROWS = 20;

/** Reads bytes [start, end) of a Blob. */
export async function readRange(file: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(start, end).arrayBuffer());
}

/**
 * The start of a .npy file: at least its whole header (as the length field
 * declares it) when the file holds it, read with one or two slices.
 */
export async function readHead(file: Blob): Promise<Uint8Array> {
  const first = await readRange(file, 0, Math.min(file.size, HEAD_BYTES));
  if (first.length < 12 || first.length === file.size) return first;
  const major = first[6];
  if (first[0] !== 0x93 || !(major === 1 || major === 2 || major === 3)) return first;
  const dv = new DataView(first.buffer, first.byteOffset, first.byteLength);
  const end = major === 1 ? 10 + dv.getUint16(8, true) : 12 + dv.getUint32(8, true);
  if (end <= first.length) return first;
  return await readRange(file, 0, Math.min(file.size, end));
}

function headerInfo(head: Uint8Array, h: NpyHeader): HeaderInfo {
  const start = h.version[0] === 1 ? 10 : 12;
  const raw = head.subarray(start, h.dataOffset);
  const text = h.version[0] === 3
    ? new TextDecoder().decode(raw)
    : Array.from(raw, (b) => String.fromCharCode(b)).join("");
  return {
    version: `${h.version[0]}.0`,
    descr: formatDescr(h.dtype),
    shape: h.shape,
    fortranOrder: h.fortranOrder,
    headerBytes: h.dataOffset,
    text,
    count: h.count,
    itemsize: h.dtype.itemsize,
  };
}

/** Strides, in elements, of an array stored in C or Fortran order. */
function strides(shape: readonly number[], fortran: boolean): number[] {
  const out = new Array<number>(shape.length);
  let s = 1;
  if (fortran) {
    for (let k = 0; k < shape.length; k++) (out[k] = s), (s *= shape[k]);
  } else {
    for (let k = shape.length - 1; k >= 0; k--) (out[k] = s), (s *= shape[k]);
  }
  return out;
}

/** Reads the elements at the given storage indexes, coalescing nearby reads. */
export async function gather(
  file: Blob,
  h: NpyHeader,
  indexes: readonly number[],
): Promise<NpyArray> {
  const size = h.dtype.itemsize;
  const n = indexes.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => indexes[a] - indexes[b]);
  const out = new Uint8Array(n * size);
  // Elements closer than 4 KiB are read in one slice, up to 1 MiB per slice.
  const gap = Math.max(1, Math.floor(4096 / Math.max(size, 1)));
  const span = Math.max(1, Math.floor((1 << 20) / Math.max(size, 1)));
  let i = 0;
  while (i < n) {
    let j = i;
    while (
      j + 1 < n && indexes[order[j + 1]] - indexes[order[j]] <= gap &&
      indexes[order[j + 1]] - indexes[order[i]] < span
    ) j++;
    const first = indexes[order[i]], last = indexes[order[j]];
    const bytes = await readRange(
      file,
      h.dataOffset + first * size,
      h.dataOffset + (last + 1) * size,
    );
    for (let k = i; k <= j; k++) {
      const at = (indexes[order[k]] - first) * size;
      out.set(bytes.subarray(at, at + size), order[k] * size);
    }
    i = j + 1;
  }
  return fromBytes(h.dtype, [n], out);
}

/** Decodes raw element bytes as a 1-D (or given-shape, C order) array. */
function fromBytes(dtype: DType, shape: number[], data: Uint8Array): NpyArray {
  const head = writeHeader({ dtype, shape, fortranOrder: false });
  const file = new Uint8Array(head.length + data.length);
  file.set(head);
  file.set(data, head.length);
  return decode(file);
}

/** Whether values of this dtype are plain numbers to plot. */
export function isNumeric(dtype: DType): boolean {
  return (dtype.kind === "b" || dtype.kind === "i" || dtype.kind === "u" || dtype.kind === "f") &&
    dtype.itemsize <= 8;
}

/** The values of a numeric array as numbers (bool as 0 or 1, 64-bit ints rounded). */
export function numbers(a: NpyArray): ArrayLike<number> {
  const d = a.data;
  if (d instanceof BigInt64Array || d instanceof BigUint64Array) {
    return Float64Array.from(d, (x) => Number(x));
  }
  if (a.dtype.kind === "b") return Uint8Array.from(d as Uint8Array, (x) => x === 0 ? 0 : 1);
  return d as ArrayLike<number>;
}

/** Evenly spaced positions 0, step, 2·step, … below n, at most `max` of them. */
function stride(n: number, max: number): { at: number[]; step: number } {
  const step = Math.max(1, Math.ceil(n / max));
  const at: number[] = [];
  for (let i = 0; i < n; i += step) at.push(i);
  return { at, step };
}

/** Options for {@linkcode inspect}. */
export interface InspectOptions {
  /** Files up to this size are read whole; default {@linkcode WHOLE_LIMIT}. */
  wholeLimit?: number;
  /** Data up to this size is decoded whole, larger data is streamed in blocks; default 4 MiB. */
  decodeLimit?: number;
  /** Bytes per block when streaming; default 8 MiB. */
  blockBytes?: number;
  /** What np.load itself says of the file, when that is not the validator's finding. */
  loadError?: string;
  /**
   * The page's "allow pickle" switch: read object arrays (and, with
   * `pickleFile`, a bare pickle) with the safe unpickler; default false.
   */
  allowPickle?: boolean;
  /** The file is neither .npy nor zip: np.load(f, allow_pickle=True) would unpickle it. */
  pickleFile?: boolean;
  /** Files up to this size are unpickled; default {@linkcode PICKLE_LIMIT}. */
  pickleLimit?: number;
}

/** Looks at one .npy file and reports to `post` as results come in. */
export async function inspect(
  file: Blob,
  name: string,
  post: (reply: Reply) => void,
  options: InspectOptions = {},
): Promise<void> {
  const now = () => performance.now();
  const t0 = now();
  const wholeLimit = options.wholeLimit ?? WHOLE_LIMIT;
  const allowPickle = options.allowPickle ?? false;
  let whole = file.size <= wholeLimit ? await readRange(file, 0, file.size) : undefined;
  let head = whole ?? await readHead(file);
  let h: NpyHeader | undefined;
  try {
    // The header of an object array is shown too; the verdict is the validator's.
    h = readHeader(head, { maxHeaderSize: Infinity, allowPickle: true });
  } catch {
    h = undefined;
  }
  // A pickle is read whole: the validator then scans it, the safe reader reads it.
  const pickled = allowPickle && (h ? hasObject(h.dtype) : options.pickleFile === true);
  if (!whole && pickled && file.size <= (options.pickleLimit ?? PICKLE_LIMIT)) {
    whole = head = await readRange(file, 0, file.size);
  }
  const report = whole ? validate(whole) : validate(head, { fileSize: file.size });
  post({
    type: "verdict",
    name,
    size: file.size,
    report,
    fromHeader: !whole,
    header: h ? headerInfo(head, h) : null,
    loadError: options.loadError ?? null,
    ms: now() - t0,
  });
  if (pickled) {
    unpickled(whole, h, post, options);
    post({ type: "done", ms: now() - t0 });
    return;
  }
  if (!h || !report.numpyLoadable) {
    post({ type: "done", ms: now() - t0 });
    return;
  }
  const nbytes = h.count * h.dtype.itemsize;

  // The values, as numpy prints them.
  let full: NpyArray | undefined;
  if (nbytes <= (options.decodeLimit ?? PRINT_LIMIT)) {
    const bytes = whole ?? await readRange(file, 0, h.dataOffset + nbytes);
    full = decode(bytes.subarray(0, h.dataOffset + nbytes));
  }
  if (full) {
    post({ type: "values", text: formatValues(full), note: "" });
  } else {
    // Only the elements numpy's summary shows are read.
    const edges = printedIndices(h.shape);
    const st = strides(h.shape, h.fortranOrder);
    const indexes: number[] = [];
    const walk = (axis: number, base: number) => {
      if (axis === h!.shape.length) return void indexes.push(base);
      for (const i of edges[axis]) walk(axis + 1, base + i * st[axis]);
    };
    walk(0, 0);
    const flat = await gather(file, h, indexes);
    const part: NpyArray = { ...flat, shape: edges.map((e) => e.length) };
    post({
      type: "values",
      text: formatValues(part, h.shape),
      note: `only the ${indexes.length} elements numpy's summary shows were read`,
    });
  }

  // A picture.
  const shape = h.shape;
  if (h.dtype.kind === "struct") {
    const n = Math.min(h.count, TABLE_ROWS);
    const rows = full ? full : await gather(file, h, Array.from({ length: n }, (_, i) => i));
    post({ type: "picture", picture: structTable(rows, n, h.count) });
  }
  if (!isNumeric(h.dtype) || h.count === 0) {
    post({ type: "done", ms: now() - t0 });
    return;
  }
  const st = strides(shape, h.fortranOrder);
  if (shape.length === 2) {
    const r = stride(shape[0], SIDE), c = stride(shape[1], SIDE);
    const idx: number[] = [];
    for (const i of r.at) for (const j of c.at) idx.push(i * st[0] + j * st[1]);
    const values = Float64Array.from(numbers(await gather(file, h, idx)));
    post({
      type: "picture",
      picture: {
        kind: "heatmap",
        rows: r.at.length,
        cols: c.at.length,
        values,
        shape,
        step: [r.step, c.step],
      },
    });
  } else if (
    shape.length === 3 && (shape[2] === 3 || shape[2] === 4) && h.dtype.kind === "u" &&
    h.dtype.itemsize === 1
  ) {
    const r = stride(shape[0], SIDE), c = stride(shape[1], SIDE);
    const idx: number[] = [];
    for (const i of r.at) {
      for (const j of c.at) {
        for (let k = 0; k < shape[2]; k++) idx.push(i * st[0] + j * st[1] + k * st[2]);
      }
    }
    const px = numbers(await gather(file, h, idx));
    const rgba = new Uint8ClampedArray(r.at.length * c.at.length * 4);
    for (let p = 0; p < r.at.length * c.at.length; p++) {
      for (let k = 0; k < 3; k++) rgba[p * 4 + k] = px[p * shape[2] + k];
      rgba[p * 4 + 3] = shape[2] === 4 ? px[p * 4 + 3] : 255;
    }
    post({
      type: "picture",
      picture: {
        kind: "image",
        rows: r.at.length,
        cols: c.at.length,
        rgba,
        shape,
        step: [r.step, c.step],
      },
    });
  } else if (shape.length === 1) {
    const s = stride(shape[0], LINE_POINTS);
    const y = Float64Array.from(numbers(await gather(file, h, s.at)));
    post({
      type: "picture",
      picture: { kind: "line", x: Float64Array.from(s.at), y, length: shape[0], step: s.step },
    });
  }

  // Statistics over every value, streamed in blocks; the histogram over
  // all values of a small array, else over every step-th value on the way.
  const step = h.count <= HIST_SAMPLE ? 1 : Math.ceil(h.count / HIST_SAMPLE);
  const hv: number[] = [];
  const acc = { count: 0, nan: 0, min: Infinity, max: -Infinity, sum: 0 };
  const add = (v: ArrayLike<number>, first: number) => {
    let { nan, min, max, sum } = acc;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== x) {
        nan++;
        continue;
      }
      if (x < min) min = x;
      if (x > max) max = x;
      sum += x;
    }
    acc.count += v.length;
    Object.assign(acc, { nan, min, max, sum });
    for (let i = (step - (first % step)) % step; i < v.length; i += step) hv.push(v[i]);
  };
  if (full) add(numbers(full), 0);
  else {
    const per = Math.max(1, Math.floor((options.blockBytes ?? BLOCK_BYTES) / h.dtype.itemsize));
    for (let first = 0; first < h.count; first += per) {
      const n = Math.min(per, h.count - first);
      const at = h.dataOffset + first * h.dtype.itemsize;
      const bytes = await readRange(file, at, at + n * h.dtype.itemsize);
      add(numbers(fromBytes(h.dtype, [n], bytes)), first);
      post({ type: "progress", done: first + n, total: h.count });
    }
  }
  const histValues = hv;
  const histNote = step === 1
    ? `histogram of all ${h.count} values`
    : `histogram of one value in ${step} (${hv.length} of ${h.count})`;
  const seen = acc.count - acc.nan;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < histValues.length; i++) {
    const x = histValues[i];
    if (Number.isFinite(x)) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  const hist = new Array<number>(HIST_BINS).fill(0);
  let histCount = 0;
  if (lo <= hi) {
    const width = (hi - lo) / HIST_BINS;
    for (let i = 0; i < histValues.length; i++) {
      const x = histValues[i];
      if (!Number.isFinite(x)) continue;
      const b = width > 0 ? Math.min(HIST_BINS - 1, Math.floor((x - lo) / width)) : 0;
      hist[b]++;
      histCount++;
    }
  }
  const stats: Stats = {
    count: acc.count,
    nan: acc.nan,
    min: seen > 0 ? acc.min : null,
    max: seen > 0 ? acc.max : null,
    mean: seen > 0 ? acc.sum / seen : null,
    hist,
    lo: lo <= hi ? lo : 0,
    hi: lo <= hi ? hi : 0,
    histCount,
  };
  post({ type: "stats", stats, note: histNote });
  post({ type: "done", ms: now() - t0 });
}

/**
 * The values of an object array (or a bare pickle's value) read by the safe
 * unpickler, or its refusal: for a pickle that calls a global outside the
 * whitelist, the message names the global.
 */
function unpickled(
  whole: Uint8Array | undefined,
  h: NpyHeader | undefined,
  post: (reply: Reply) => void,
  options: InspectOptions,
): void {
  if (!whole) {
    post({
      type: "pickle-refused",
      code: "TOO_LARGE",
      message: `the file is larger than the ${
        (options.pickleLimit ?? PICKLE_LIMIT) / 2 ** 20
      } MiB this page unpickles (a pickle is read whole)`,
    });
    return;
  }
  try {
    if (!h) {
      const value = unpickleFile(whole, {}).value;
      const note = "What np.load(f, allow_pickle=True) returns, read by the safe reader, as " +
        "Python prints it.";
      post({ type: "values", text: formatPyObject(value), note });
      return;
    }
    const a = decode(whole, { maxHeaderSize: Infinity, allowPickle: true });
    post({
      type: "values",
      text: formatArray(a),
      note: "Python objects, read by the safe reader, as numpy prints them (repr() of each).",
    });
  } catch (e) {
    if (!(e instanceof NpyError)) throw e;
    post({ type: "pickle-refused", code: e.code, message: e.message });
  }
}

function structTable(a: NpyArray, n: number, total: number): Picture {
  const dtype = a.dtype as StructDType;
  const fields = dtype.fields.filter((f) => f.name !== "");
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    // One record on its own, each field printed as numpy prints a[i]['name'].
    const one = fromBytes(
      dtype,
      [1],
      a.bytes!.subarray(i * dtype.itemsize, (i + 1) * dtype.itemsize),
    );
    const data = one.data as StructData;
    rows.push(
      fields.map((f) =>
        formatElement({ dtype: f.dtype, shape: [1], fortranOrder: false, data: data[f.name] })
      ),
    );
  }
  return { kind: "table", columns: fields.map((f) => f.name), rows, total };
}
