// Copyright 2026 the npy authors. MIT license.
// A .npy file as a header and data chunks made one at a time through one
// reused buffer, for writers: data that must be converted (the other byte
// order, float16, strings, records) is never held converted all at once.
// numpy's own writer converts in buffers of 16 MiB as well.

import type { EncodeInput, EncodeOptions } from "./encode.ts";
import { writeHeader } from "./header.ts";
import { NpyError } from "./errors.ts";
import { keepRecordBytes, writeColumn } from "./_layout.ts";
import type { DType } from "./types.ts";

/** Default bytes converted per chunk. */
export const CHUNK_BYTES: number = 16 << 20;

/** encode.ts's normalized array (it fills {@linkcode ENCODE_INTERNALS} at load time). */
export interface NormalizedArray {
  dtype: DType;
  shape: number[];
  fortranOrder: boolean;
  data: unknown;
  bytes?: Uint8Array;
  count: number;
  nbytes: number;
  /** For object arrays: the header and the pickle. */
  pickle?: { header: Uint8Array; data: Uint8Array };
}

/** Hooks into encode.ts, set by it when it loads (keeps its internals out of the public API). */
export const ENCODE_INTERNALS: {
  normalize?: (input: EncodeInput, options: EncodeOptions) => NormalizedArray;
  zeroCopyView?: (a: NormalizedArray) => Uint8Array | undefined;
  /** All the data in one new buffer, as encode() writes it. */
  whole?: (a: NormalizedArray) => Uint8Array;
} = {};

/** A file as chunks: `header`, then each chunk of `data` in order. */
export interface EncodedChunks {
  /** Magic, version, header and padding. */
  header: Uint8Array;
  /**
   * The data, in order. A chunk may reuse the previous chunk's buffer: use
   * (write) each one before asking for the next.
   */
  data: Iterable<Uint8Array>;
}

/**
 * The file `encode(input, options)` makes, as a header and data chunks of at
 * most about `chunkBytes` each, converted into one reused buffer. Data
 * already in the file's layout is one chunk, a view of the input.
 */
export function encodeChunks(
  input: EncodeInput,
  options: EncodeOptions = {},
  chunkBytes: number = CHUNK_BYTES,
): EncodedChunks {
  const { normalize, zeroCopyView, whole } = ENCODE_INTERNALS;
  if (normalize === undefined || zeroCopyView === undefined || whole === undefined) {
    throw new Error("codec/encode.ts is not loaded");
  }
  const a = normalize(input, options);
  // An object array is its pickle, made whole.
  if (a.pickle) return { header: a.pickle.header, data: [a.pickle.data] };
  const header = writeHeader(a, options);
  const view = zeroCopyView(a);
  if (view) return { header, data: [view] };
  const size = a.dtype.itemsize;
  const rows = size === 0 ? a.count : Math.max(1, Math.floor(chunkBytes / size));
  // Strings with stored code units to keep (`bytes` of a U array) are written whole.
  const kept = a.bytes !== undefined && a.dtype.kind !== "struct";
  if (a.count <= rows || kept || !fits(a.dtype, a.data, a.count)) {
    return { header, data: [whole(a)] };
  }
  return { header, data: chunks(a, rows, whole) };
}

/** The header, then the data chunks, lazily. */
export function* fileChunks(c: EncodedChunks): Generator<Uint8Array> {
  yield c.header;
  yield* c.data;
}

function* chunks(
  a: NormalizedArray,
  rows: number,
  whole: (a: NormalizedArray) => Uint8Array,
): Generator<Uint8Array> {
  const size = a.dtype.itemsize;
  const buf = new Uint8Array(rows * size);
  const records = a.dtype.kind === "struct" && a.bytes?.length === a.nbytes ? a.bytes : undefined;
  for (let i = 0; i < a.count; i += rows) {
    const n = Math.min(rows, a.count - i);
    const out = buf.subarray(0, n * size);
    if (records) keepRecordBytes(a.dtype, records.subarray(i * size, (i + n) * size), out, n);
    else if (a.dtype.kind === "struct") out.fill(0);
    try {
      writeColumn(out, 0, size, n, a.dtype, slice(a.dtype, a.data, i, i + n), "data");
    } catch (e) {
      // Report a bad element by its index in the whole array, as encode() does.
      if (e instanceof NpyError) whole(a);
      throw e;
    }
    yield out;
  }
}

/** Values per element for a scalar dtype, as writeColumn takes them. */
function perElement(dt: DType): number {
  if (dt.kind === "struct") return 1;
  if (dt.kind === "subarray") return dt.shape.reduce((x, y) => x * y, 1) * perElement(dt.base);
  if (dt.kind === "V" || (dt.kind === "f" && dt.itemsize > 8)) return dt.itemsize;
  if (dt.kind === "c") return dt.itemsize > 16 ? dt.itemsize : 2;
  return 1;
}

function leaf(dt: DType): DType {
  return dt.kind === "subarray" ? leaf(dt.base) : dt;
}

/**
 * Whether every column is a typed array or an Array of exactly the length
 * the array needs, so that element ranges can be cut out of it. Otherwise
 * the data goes whole to writeColumn, which reports what is wrong.
 */
function fits(dt: DType, data: unknown, count: number): boolean {
  const base = leaf(dt);
  if (base.kind === "struct") {
    if (typeof data !== "object" || data === null || Array.isArray(data)) return false;
    if (ArrayBuffer.isView(data)) return false;
    const cols = data as Record<string, unknown>;
    const n = count * (dt.kind === "subarray" ? perElement(dt) / perElement(base) : 1);
    return base.fields.every((f) => Object.hasOwn(cols, f.name) && fits(f.dtype, cols[f.name], n));
  }
  const want = count * perElement(dt);
  if (Array.isArray(data)) return data.length === want;
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) {
    return (data as unknown as { length: number }).length === want;
  }
  return false;
}

/** Elements [from, to) of a column that {@linkcode fits}. */
function slice(dt: DType, data: unknown, from: number, to: number): unknown {
  const base = leaf(dt);
  if (base.kind === "struct") {
    const k = dt.kind === "subarray" ? perElement(dt) / perElement(base) : 1;
    const cols = data as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const f of base.fields) {
      Object.defineProperty(out, f.name, {
        value: slice(f.dtype, cols[f.name], from * k, to * k),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  const k = perElement(dt);
  if (Array.isArray(data)) return data.slice(from * k, to * k);
  return (data as Uint8Array).subarray(from * k, to * k);
}
