// Copyright 2026 the npy authors. MIT license.
//
// A fast path for the headers np.save writes. The full reader (header.ts)
// parses any Python literal numpy accepts; this one recognizes only the
// canonical text `{'descr': D, 'fortran_order': B, 'shape': S, }` padded with
// spaces and a newline, where D is a plain type string or a plain list of
// fields. The dtype for a given D comes from the full reader the first time
// that D is seen, and is remembered, so the fast path can never disagree
// with the full reader: everything else goes to the full reader.

import { MAGIC, type NpyHeader, readHeader, type ReadHeaderOptions } from "./header.ts";
import { NpyError } from "./errors.ts";
import { type DescrJson, parseDescr } from "./descr.ts";
import type { DType, NpyVersion } from "./types.ts";
import { hasObject } from "./_descr.ts";

const MAX_HEADER_SIZE = 10000;
const PREFIX = "{'descr': ";
const SUFFIX =
  /, 'fortran_order': (True|False), 'shape': \((?:|(0|[1-9]\d{0,14}),|((?:0|[1-9]\d{0,14})(?:, (?:0|[1-9]\d{0,14}))+))\), \} *\n$/;
/** A type string or a list of `('name', 'type')` / `('name', 'type', (dims))` fields, in repr form. */
const PLAIN_DESCR =
  /^(?:'[<>|=]?[A-Za-z0-9\[\]]+'|\[(?:\('[A-Za-z0-9_]*', '[<>|=]?[A-Za-z0-9\[\]]+'(?:, \((?:\d+,|\d+(?:, \d+)+)\))?\)(?:, (?!\])|(?=\])))+\])$/;
const CACHE_LIMIT = 256;
const ASCII = new TextDecoder("utf-8", { ignoreBOM: true });
const cache = new Map<string, { descr: DescrJson; dtype: DType }>();
const VERSIONS: Record<number, NpyVersion> = { 1: [1, 0], 2: [2, 0] };

function copyDType(dt: DType): DType {
  // A fresh object per call, as the full reader returns (nested parts are shared, frozen).
  return { ...dt } as DType;
}

function freeze<T>(x: T): T {
  if (typeof x === "object" && x !== null && !Object.isFrozen(x)) {
    for (const v of Object.values(x)) freeze(v);
    Object.freeze(x);
  }
  return x;
}

/** The public reader, which takes the fast path itself (kept for the callers of this name). */
export function readHeaderFast(bytes: Uint8Array, options: ReadHeaderOptions = {}): NpyHeader {
  return readHeader(bytes, options);
}

/** Switch for tests: with `enabled` false every header goes to the full parser. */
export const FAST_PATH: { enabled: boolean } = { enabled: true };

/**
 * The full parser `readHeaderFull`, faster for the headers numpy writes: the
 * same result and the same errors for every input.
 */
export function readHeaderWith(
  bytes: Uint8Array,
  options: ReadHeaderOptions,
  readHeaderFull: (bytes: Uint8Array, options: ReadHeaderOptions) => NpyHeader,
): NpyHeader {
  const max = options.maxHeaderSize ?? MAX_HEADER_SIZE;
  const fast = max >= 0 && FAST_PATH.enabled ? canonical(bytes, max) : undefined;
  if (fast === undefined) return readHeaderFull(bytes, options);
  const known = cache.get(fast.descrText);
  if (known !== undefined && (options.allowPickle || !hasObject(known.dtype))) {
    let count = 1;
    // The full reader's overflow checks run on the non-zero dims; keep to
    // sizes far inside them and leave the rest to it.
    let nonzero = Math.max(known.dtype.itemsize, 1);
    for (const d of fast.shape) {
      count *= d;
      if (d !== 0) nonzero *= d;
    }
    if (Number.isSafeInteger(nonzero) && Number.isSafeInteger(count * known.dtype.itemsize)) {
      return {
        version: fast.version,
        descr: known.descr,
        dtype: copyDType(known.dtype),
        fortranOrder: fast.fortranOrder,
        shape: fast.shape,
        count,
        dataOffset: fast.dataOffset,
      };
    }
  }
  const h = readHeaderFull(bytes, options);
  // A top-level subarray descr ('2h') folds into its base only for some
  // shapes: never cache it.
  if (
    known === undefined && PLAIN_DESCR.test(fast.descrText) &&
    parseDescr(h.descr).kind !== "subarray"
  ) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(fast.descrText, {
      descr: freeze(structuredClone(h.descr)),
      dtype: freeze(structuredClone(h.dtype)),
    });
  }
  return h;
}

interface Canonical {
  version: NpyVersion;
  descrText: string;
  fortranOrder: boolean;
  shape: number[];
  dataOffset: number;
}

function canonical(bytes: Uint8Array, maxHeaderSize: number): Canonical | undefined {
  if (bytes.length < 12) return undefined;
  for (let i = 0; i < 6; i++) if (bytes[i] !== MAGIC[i]) return undefined;
  const major = bytes[6];
  if ((major !== 1 && major !== 2) || bytes[7] !== 0) return undefined;
  const start = major === 1 ? 10 : 12;
  const len = major === 1
    ? bytes[8] | (bytes[9] << 8)
    : (bytes[8] | (bytes[9] << 8) | (bytes[10] << 16)) + bytes[11] * 0x1000000;
  const end = start + len;
  if (end > bytes.length || len > maxHeaderSize || len > 65536) return undefined;
  let or = 0;
  for (let i = start; i < end; i++) or |= bytes[i];
  if (or >= 0x80) return undefined;
  const text = ASCII.decode(bytes.subarray(start, end));
  if (!text.startsWith(PREFIX)) return undefined;
  const m = SUFFIX.exec(text);
  if (m === null) return undefined;
  const dims = m[2] !== undefined ? [m[2]] : m[3] !== undefined ? m[3].split(", ") : [];
  if (dims.length > 64) return undefined;
  return {
    version: VERSIONS[major],
    descrText: text.slice(PREFIX.length, m.index),
    fortranOrder: m[1] === "True",
    shape: dims.map(Number),
    dataOffset: end,
  };
}

/** From a file's first 10 (version 1) or 12 bytes: where the header text starts, and its length. */
export function headerLengthField(pre: Uint8Array): { start: number; headerLen: number } {
  const dv = new DataView(pre.buffer, pre.byteOffset, pre.byteLength);
  const start = pre[6] === 1 ? 10 : 12;
  return { start, headerLen: start === 10 ? dv.getUint16(8, true) : dv.getUint32(8, true) };
}

/**
 * Refuses, from the length field alone, a header of more than `max`
 * characters (numpy's max_header_size; a version 3 header of n bytes holds
 * at least n / 4), before a reader waits for it or allocates it.
 */
export function refuseLongHeader(major: number, headerLen: number, max: number, at: number): void {
  const atLeast = major === 3 ? Math.ceil(headerLen / 4) : headerLen;
  if (atLeast > max) {
    throw new NpyError(
      "HEADER_TOO_LARGE",
      `Header info length (at least ${atLeast}) is large and may not be safe to load securely; ` +
        `the limit is ${max} characters. To load it anyway, pass a larger maxHeaderSize ` +
        `(numpy: max_header_size)`,
      at,
    );
  }
}
