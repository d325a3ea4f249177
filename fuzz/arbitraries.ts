// Copyright 2026 the npy authors. MIT license.
// fast-check arbitraries for dtypes, shapes, values (as bit patterns), whole
// .npy files and odd header texts. Files are built by the independent model
// in ./model.ts and the raw-record writer below, never by the codec.

import fc from "fast-check";
import type { DatetimeUnit, DType, NpyData, ScalarDType, StructData, StructField } from "../mod.ts";
import { F16 } from "../codec/_layout.ts";
import {
  countOf,
  isLatin1,
  modelDescrRepr,
  modelFortranFlag,
  modelHalfToFloatBits,
  modelHeader,
  modelTypeStr,
  pyIntTuple,
  pyStr,
  type Version,
} from "./model.ts";

// ---------------------------------------------------------------------------
// dtypes
// ---------------------------------------------------------------------------

const UNITS: DatetimeUnit[] = [
  "Y",
  "M",
  "W",
  "D",
  "h",
  "m",
  "s",
  "ms",
  "us",
  "ns",
  "ps",
  "fs",
  "as",
];

const orderArb = fc.constantFrom<"<" | ">">("<", ">");

/** Every scalar kind numpy can save without pickle, in every byte order and size. */
export const scalarDType: fc.Arbitrary<ScalarDType> = fc.oneof(
  fc.constant<ScalarDType>({ kind: "b", byteOrder: "|", itemsize: 1 }),
  fc.tuple(fc.constantFrom("i" as const, "u" as const), fc.constantFrom(1, 2, 4, 8), orderArb)
    .map(([kind, itemsize, o]): ScalarDType => ({
      kind,
      byteOrder: itemsize === 1 ? "|" : o,
      itemsize,
    })),
  fc.tuple(fc.constantFrom(2, 4, 8, 16), orderArb).map(([itemsize, byteOrder]): ScalarDType => ({
    kind: "f",
    byteOrder,
    itemsize,
  })),
  fc.tuple(fc.constantFrom(8, 16, 32), orderArb).map(([itemsize, byteOrder]): ScalarDType => ({
    kind: "c",
    byteOrder,
    itemsize,
  })),
  fc.integer({ min: 1, max: 12 }).map((n): ScalarDType => ({
    kind: "S",
    byteOrder: "|",
    itemsize: n,
  })),
  fc.tuple(fc.integer({ min: 1, max: 5 }), orderArb).map(([n, byteOrder]): ScalarDType => ({
    kind: "U",
    byteOrder,
    itemsize: 4 * n,
  })),
  fc.integer({ min: 1, max: 12 }).map((n): ScalarDType => ({
    kind: "V",
    byteOrder: "|",
    itemsize: n,
  })),
  fc.tuple(
    fc.constantFrom("M" as const, "m" as const),
    orderArb,
    fc.oneof(
      fc.constant<[DatetimeUnit, number]>(["generic", 1]),
      fc.tuple(
        fc.constantFrom(...UNITS),
        fc.oneof(
          { weight: 4, arbitrary: fc.constant(1) },
          { weight: 2, arbitrary: fc.constantFrom(2, 3, 10, 25, 1000) },
          { weight: 1, arbitrary: fc.integer({ min: 1, max: 0x7fffffff }) },
        ),
      ),
    ),
  ).map(([kind, byteOrder, [unit, multiple]]): ScalarDType => ({
    kind,
    byteOrder,
    itemsize: 8,
    unit,
    multiple,
  })),
);

// Characters for field names and titles: ASCII, quotes and backslashes,
// controls, latin1 (including non-printable \x85, \xa0, \xad), BMP text,
// format and private-use characters, non-BMP (printable and not), and the
// names that are dangerous as JS object keys.
const NAME_CHARS = [
  ..."abcxyzABZ_019 ",
  "'",
  '"',
  "\\",
  "\x00",
  "\n",
  "\t",
  "\r",
  "\x1f",
  "\x7f",
  "\x85",
  "\xa0",
  "\xad",
  "\xe9",
  "\xff",
  "\u0100",
  "\u4e2d",
  "\u2028",
  "\u200b",
  "\ue000",
  "\u{1f600}",
  "\u{10348}",
  "\u{e0001}",
  "\u{10ffff}",
];

const nameArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.string({ unit: fc.constantFrom(...NAME_CHARS), minLength: 1, maxLength: 3 }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "",
      "__proto__",
      "constructor",
      "toString",
      "hasOwnProperty",
      "f0",
      "descr",
      "shape",
      "a".repeat(40),
    ),
  },
);

interface FieldSpec {
  dtype: DType;
  gap: number;
  sub: number[] | undefined;
  titled: boolean;
}

const gapArb = fc.oneof(
  { weight: 5, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) },
);

const subShapeArb = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 });

function buildStruct(specs: FieldSpec[], names: string[], tail: number): DType {
  const fields: StructField[] = [];
  let at = 0;
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i];
    at += s.gap;
    let dt = s.dtype;
    if (s.sub) {
      let base = dt;
      let shape = s.sub;
      if (base.kind === "subarray") {
        shape = [...shape, ...base.shape];
        base = base.base;
      }
      dt = { kind: "subarray", base, shape, itemsize: base.itemsize * countOf(shape) };
    }
    let name = names[2 * i];
    // '' names a padding entry when the dtype is void or a subarray.
    if (name === "" && (dt.kind === "subarray" || dt.kind === "V")) name = "_";
    const title = s.titled && names[2 * i + 1] !== "" ? names[2 * i + 1] : undefined;
    fields.push(
      title === undefined ? { name, offset: at, dtype: dt } : {
        name,
        title,
        offset: at,
        dtype: dt,
      },
    );
    at += dt.itemsize;
  }
  return { kind: "struct", fields, itemsize: at + tail };
}

function namesOk(specs: FieldSpec[], names: string[]): boolean {
  // "_" is what '' is renamed to; keep every name and title distinct.
  const used = new Set<string>();
  for (let i = 0; i < specs.length; i++) {
    let n = names[2 * i];
    if (n === "") n = "_";
    if (used.has(n)) return false;
    used.add(n);
    if (specs[i].titled && names[2 * i + 1] !== "") {
      if (used.has(names[2 * i + 1])) return false;
      used.add(names[2 * i + 1]);
    }
  }
  return true;
}

/** dtypes: scalars and structured dtypes nested up to `maxDepth` levels (fc.letrec). */
export function dtypeArb(maxDepth = 3, maxItemsize = 256): fc.Arbitrary<DType> {
  const tree = fc.letrec<{ dtype: DType; struct: DType; field: FieldSpec }>((tie) => ({
    dtype: fc.oneof(
      { maxDepth, depthIdentifier: "dtype", depthSize: "small" },
      { weight: 3, arbitrary: scalarDType as fc.Arbitrary<DType> },
      { weight: 1, arbitrary: tie("struct") },
    ),
    field: fc.record({
      dtype: tie("dtype"),
      gap: gapArb,
      sub: fc.option(subShapeArb, { freq: 4 }).map((x) => x ?? undefined),
      titled: fc.integer({ min: 0, max: 3 }).map((x) => x === 0),
    }),
    struct: fc.tuple(
      fc.array(tie("field"), { minLength: 0, maxLength: 4, depthIdentifier: "dtype" }),
      gapArb,
    ).chain(([specs, tail]) =>
      fc.array(nameArb, { minLength: 2 * specs.length, maxLength: 2 * specs.length })
        .filter((names) => namesOk(specs, names))
        .map((names) => buildStruct(specs, names, tail))
    ),
  }));
  return tree.dtype.filter((d) => d.itemsize <= maxItemsize);
}

/** Structured dtypes only. */
export function structDTypeArb(maxDepth = 3): fc.Arbitrary<DType> {
  return dtypeArb(maxDepth).filter((d) => d.kind === "struct");
}

// ---------------------------------------------------------------------------
// shapes
// ---------------------------------------------------------------------------

/** Shapes from 0-d to 6 dims, with zero-length axes, at most `maxCount` elements. */
export function shapeArb(maxCount = 24): fc.Arbitrary<number[]> {
  return fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 4 }) },
      { weight: 1, arbitrary: fc.constantFrom(0, 1) },
      { weight: 1, arbitrary: fc.integer({ min: 5, max: 30 }) },
    ),
    { maxLength: 6 },
  ).map((dims) => {
    const out = [...dims];
    while (countOf(out) > maxCount) {
      let k = 0;
      for (let i = 1; i < out.length; i++) if (out[i] > out[k]) k = i;
      out[k] = Math.max(1, Math.floor(out[k] / 2));
    }
    return out;
  });
}

// ---------------------------------------------------------------------------
// bit patterns
// ---------------------------------------------------------------------------

const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function uintBits(bits: number): fc.Arbitrary<bigint> {
  const max = (1n << BigInt(bits)) - 1n;
  const half = 1n << BigInt(bits - 1);
  return fc.oneof(
    { weight: 3, arbitrary: fc.bigInt({ min: 0n, max }) },
    { weight: 1, arbitrary: fc.constantFrom(0n, 1n, max, half, half - 1n, half + 1n, max - 1n) },
  );
}

function floatBitsOf(x: number, size: 4 | 8): bigint {
  const dv = new DataView(new ArrayBuffer(8));
  if (size === 4) {
    dv.setFloat32(0, x);
    return BigInt(dv.getUint32(0));
  }
  dv.setFloat64(0, x);
  return dv.getBigUint64(0);
}

function floatBits(size: 4 | 8): fc.Arbitrary<bigint> {
  const specials = size === 4
    ? [
      0n,
      0x80000000n, // -0
      0x00000001n, // smallest subnormal
      0x807fffffn, // largest negative subnormal
      0x00800000n, // smallest normal
      0x7f7fffffn, // max
      0x7f800000n, // inf
      0xff800000n, // -inf
      0x7fc00000n, // quiet NaN
      0xffc00000n, // negative quiet NaN
      0x7f800001n, // signalling NaN, payload 1
      0x7fbfffffn, // signalling NaN, full payload
      0xffffffffn, // negative NaN, full payload
    ]
    : [
      0n,
      0x8000000000000000n,
      1n,
      0x800fffffffffffffn,
      0x0010000000000000n,
      0x7fefffffffffffffn,
      0x7ff0000000000000n,
      0xfff0000000000000n,
      0x7ff8000000000000n,
      0xfff8000000000000n,
      0x7ff0000000000001n,
      0x7ff7ffffffffffffn,
      0xffffffffffffffffn,
      0x7ff8dead0000beefn,
    ];
  return fc.oneof(
    { weight: 2, arbitrary: uintBits(size * 8) },
    { weight: 2, arbitrary: fc.constantFrom(...specials) },
    {
      weight: 2,
      arbitrary: (size === 4 ? fc.float() : fc.double()).map((x) => floatBitsOf(x, size)),
    },
  );
}

const HALF_SPECIALS = [
  0x0000,
  0x8000,
  0x0001,
  0x83ff,
  0x0400,
  0x7bff,
  0x7c00,
  0xfc00,
  0x7e00,
  0xfe00,
  0x7c01,
  0x7dff,
  0xffff,
  0x3c00,
  0x3555,
];

const halfBits: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }),
  fc.constantFrom(...HALF_SPECIALS),
);

/** The bit pattern of one element as an unsigned integer of `size` bytes. */
function scalarBits(d: ScalarDType): fc.Arbitrary<bigint[]> {
  // Complex types are two floats; other kinds one pattern.
  switch (d.kind) {
    case "f":
      if (d.itemsize === 2) return halfBits.map((h) => [BigInt(h)]);
      if (d.itemsize === 4 || d.itemsize === 8) {
        return floatBits(d.itemsize).map((b) => [b]);
      }
      return uintBits(d.itemsize * 8).map((b) => [b]);
    case "c":
      if (d.itemsize === 8 || d.itemsize === 16) {
        const h = (d.itemsize / 2) as 4 | 8;
        return fc.tuple(floatBits(h), floatBits(h));
      }
      return uintBits(d.itemsize * 8).map((b) => [b]);
    case "b":
      return fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(0n, 1n) },
        { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 255n }) },
      ).map((b) => [b]);
    case "M":
    case "m":
      return fc.oneof(
        uintBits(64),
        fc.bigInt({ min: -1000000n, max: 1000000n }).map((b) => BigInt.asUintN(64, b)),
        fc.constant(1n << 63n), // NaT
      ).map((b) => [b]);
    default:
      return uintBits(d.itemsize * 8).map((b) => [b]);
  }
}

function putUint(out: Uint8Array, at: number, size: number, v: bigint, little: boolean): void {
  for (let k = 0; k < size; k++) {
    const byte = Number((v >> BigInt(8 * k)) & 0xffn);
    out[little ? at + k : at + size - 1 - k] = byte;
  }
}

// Text for S (latin1 with NULs) and U (code points, no surrogates).
const latin1Char = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(..."abcXYZ09 '\"\\") },
  {
    weight: 2,
    arbitrary: fc.constantFrom("\x00", "\x01", "\n", "\x7f", "\x80", "\xa0", "\xe9", "\xff"),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)) },
);

const ucsChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(..."abcXYZ09 '\"\\") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "\x00",
      "\n",
      "\xe9",
      "\xff",
      "\u0100",
      "\u4e2d",
      "\ufeff",
      "\ufffd",
      "\uffff",
      "\u{1f600}",
      "\u{10348}",
      "\u{10ffff}",
    ),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 0x10ffff })
      .filter((c) => c < 0xd800 || c > 0xdfff)
      .map((c) => String.fromCodePoint(c)),
  },
);

function stripNul(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0) end--;
  return s.slice(0, end);
}

function textArb(d: ScalarDType): fc.Arbitrary<string> {
  if (d.kind === "S") {
    return fc.string({ unit: latin1Char, maxLength: d.itemsize }).map(stripNul);
  }
  return fc.string({ unit: ucsChar, maxLength: d.itemsize / 4 }).map(stripNul);
}

// ---------------------------------------------------------------------------
// values in the codec's JS representation
// ---------------------------------------------------------------------------

function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function typedFromNative(d: ScalarDType, bytes: Uint8Array): NpyData {
  const b = bytes.buffer as ArrayBuffer;
  switch (d.kind) {
    case "b":
      return new Uint8Array(b);
    case "i":
      return d.itemsize === 1
        ? new Int8Array(b)
        : d.itemsize === 2
        ? new Int16Array(b)
        : d.itemsize === 4
        ? new Int32Array(b)
        : new BigInt64Array(b);
    case "u":
      return d.itemsize === 1
        ? new Uint8Array(b)
        : d.itemsize === 2
        ? new Uint16Array(b)
        : d.itemsize === 4
        ? new Uint32Array(b)
        : new BigUint64Array(b);
    case "f":
      return d.itemsize === 4
        ? new Float32Array(b)
        : d.itemsize === 8
        ? new Float64Array(b)
        : new Uint8Array(b);
    case "c":
      return d.itemsize === 8
        ? new Float32Array(b)
        : d.itemsize === 16
        ? new Float64Array(b)
        : new Uint8Array(b);
    case "M":
    case "m":
      return new BigInt64Array(b);
    default:
      return new Uint8Array(b);
  }
}

/** `n` values of `d` as the codec represents them (see NpyData). */
export function columnArb(d: DType, n: number): fc.Arbitrary<NpyData> {
  if (d.kind === "struct") {
    if (d.fields.length === 0) return fc.constant({} as StructData);
    return fc.tuple(...d.fields.map((f) => columnArb(f.dtype, n))).map((cols) => {
      const out: StructData = {};
      d.fields.forEach((f, i) => setOwn(out, f.name, cols[i]));
      return out;
    });
  }
  if (d.kind === "subarray") return columnArb(d.base, n * countOf(d.shape));
  if (d.kind === "S" || d.kind === "U") {
    return fc.array(textArb(d), { minLength: n, maxLength: n });
  }
  if (d.kind === "f" && d.itemsize === 2) {
    return fc.array(halfBits, { minLength: n, maxLength: n }).map((hs) => {
      if (F16 !== undefined) {
        // decode() gives a Float16Array holding the bits where the runtime has one.
        const half = new F16(n);
        new Uint16Array(half.buffer).set(hs);
        return half;
      }
      const out = new Float32Array(n);
      new Uint32Array(out.buffer).set(hs.map(modelHalfToFloatBits));
      return out;
    });
  }
  const raw = d.kind === "V" || (d.kind === "f" && d.itemsize > 8) ||
    (d.kind === "c" && d.itemsize > 16);
  if (raw) return fc.uint8Array({ minLength: n * d.itemsize, maxLength: n * d.itemsize });
  const parts = d.kind === "c" ? 2 : 1;
  const size = d.itemsize / parts;
  return fc.array(scalarBits(d), { minLength: n, maxLength: n }).map((els) => {
    const bytes = new Uint8Array(n * d.itemsize);
    els.forEach((pats, i) =>
      pats.forEach((p, j) => putUint(bytes, i * d.itemsize + j * size, size, p, LE))
    );
    return typedFromNative(d, bytes);
  });
}

/** An array as `encode()` takes it. */
export interface ArrayCase {
  dtype: DType;
  shape: number[];
  fortranOrder: boolean;
  data: NpyData;
  bytes?: Uint8Array;
  version?: Version;
}

/** Whole arrays: dtype, shape, order, values (bit patterns) and, for records, raw padding bytes. */
export function arrayArb(
  opts: { maxDepth?: number; maxCount?: number; dtype?: fc.Arbitrary<DType> } = {},
): fc.Arbitrary<ArrayCase> {
  const dt = opts.dtype ?? dtypeArb(opts.maxDepth ?? 3);
  return fc.tuple(dt, shapeArb(opts.maxCount ?? 24), fc.boolean(), versionArb).chain(
    ([dtype, shape, fortranOrder, version]) => {
      const n = countOf(shape);
      const bytes = dtype.kind === "struct"
        ? fc.option(fc.uint8Array({ minLength: n * dtype.itemsize, maxLength: n * dtype.itemsize }))
        : fc.constant(null);
      return fc.tuple(columnArb(dtype, n), bytes).map(([data, b]): ArrayCase => {
        const out: ArrayCase = { dtype, shape, fortranOrder, data };
        if (b) out.bytes = b;
        if (version !== undefined) out.version = version;
        return out;
      });
    },
  );
}

/** `undefined` (numpy's choice) or an explicit version. */
export const versionArb: fc.Arbitrary<Version | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom<Version>(1, 2, 3) },
);

// ---------------------------------------------------------------------------
// raw records and whole files (independent of the codec)
// ---------------------------------------------------------------------------

/** The bytes of one element of `d`, as stored in a file (bit patterns, any byte order). */
export function recordArb(d: DType): fc.Arbitrary<Uint8Array> {
  if (d.kind === "struct") {
    return fc.tuple(
      fc.uint8Array({ minLength: d.itemsize, maxLength: d.itemsize }),
      ...d.fields.map((f) => recordArb(f.dtype)),
    ).map(([pad, ...fs]) => {
      const out = pad.slice();
      d.fields.forEach((f, i) => out.set(fs[i], f.offset));
      return out;
    });
  }
  if (d.kind === "subarray") {
    const n = countOf(d.shape);
    return fc.array(recordArb(d.base), { minLength: n, maxLength: n }).map((els) => {
      const out = new Uint8Array(d.itemsize);
      els.forEach((e, i) => out.set(e, i * d.base.itemsize));
      return out;
    });
  }
  if (d.kind === "S") {
    return textArb(d).map((s) => {
      const out = new Uint8Array(d.itemsize);
      for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
      return out;
    });
  }
  if (d.kind === "U") {
    return textArb(d).map((s) => {
      const out = new Uint8Array(d.itemsize);
      let i = 0;
      for (const ch of s) {
        putUint(out, 4 * i++, 4, BigInt(ch.codePointAt(0)!), d.byteOrder !== ">");
      }
      return out;
    });
  }
  const parts = d.kind === "c" && d.itemsize <= 16 ? 2 : 1;
  const size = d.itemsize / parts;
  const little = d.byteOrder !== ">";
  return scalarBits(d).map((pats) => {
    const out = new Uint8Array(d.itemsize);
    pats.forEach((p, j) => putUint(out, j * size, size, p, little));
    return out;
  });
}

/** A file as numpy's np.save writes it: model header plus raw records. */
export interface FileCase {
  dtype: DType;
  shape: number[];
  fortranOrder: boolean;
  version: Version | undefined;
  file: Uint8Array;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Canonical files (what np.save writes) with bit-pattern data. */
export function fileArb(
  opts: { maxDepth?: number; maxCount?: number; dtype?: fc.Arbitrary<DType> } = {},
): fc.Arbitrary<FileCase> {
  const dt = opts.dtype ?? dtypeArb(opts.maxDepth ?? 3);
  return fc.tuple(dt, shapeArb(opts.maxCount ?? 24), fc.boolean(), versionArb)
    .filter(([d, s, f, v]) => modelHeader(d, s, f, v) !== undefined)
    .chain(([dtype, shape, fortran, version]) => {
      const n = countOf(shape);
      return fc.array(recordArb(dtype), { minLength: n, maxLength: n }).map((recs): FileCase => {
        const fortranOrder = modelFortranFlag(shape, fortran, dtype.itemsize);
        const header = modelHeader(dtype, shape, fortranOrder, version)!;
        return { dtype, shape, fortranOrder, version, file: concat([header, ...recs]) };
      });
    });
}

// ---------------------------------------------------------------------------
// header texts
// ---------------------------------------------------------------------------

/** Builds a file around any header text, with padding to `align` (0: none). */
export function fileWithHeader(
  text: string | Uint8Array,
  opts: { version?: number; data?: Uint8Array; align?: number; tail?: string; lenField?: number } =
    {},
): Uint8Array {
  const version = opts.version ?? 1;
  const body = typeof text === "string"
    ? (version >= 3 ? new TextEncoder().encode(text) : latin1(text))
    : text;
  const tail = latin1(opts.tail ?? "\n");
  const lenBytes = version === 1 ? 2 : 4;
  const align = opts.align ?? 64;
  let pad = 0;
  if (align > 0) {
    const used = 8 + lenBytes + body.length + tail.length;
    pad = (align - (used % align)) % align;
  }
  const hlen = body.length + pad + tail.length;
  const data = opts.data ?? new Uint8Array(0);
  const out = new Uint8Array(8 + lenBytes + hlen + data.length);
  out.set(MAGIC_BYTES);
  out[6] = version;
  out[7] = 0;
  const field = opts.lenField ?? hlen;
  for (let k = 0; k < lenBytes; k++) out[8 + k] = Math.floor(field / 2 ** (8 * k)) & 0xff;
  out.set(body, 8 + lenBytes);
  out.fill(0x20, 8 + lenBytes + body.length, 8 + lenBytes + body.length + pad);
  out.set(tail, 8 + lenBytes + body.length + pad);
  out.set(data, 8 + lenBytes + hlen);
  return out;
}

const MAGIC_BYTES = new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);

/** Latin-1 bytes of a string (chars above 0xff are cut to their low byte). */
export function latin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

// Separators Python's tokenizer skips inside brackets.
const wsArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant("") },
  { weight: 3, arbitrary: fc.constantFrom(" ", "  ", "\t", "\n", " \n ", "\r\n", "\x0c") },
  { weight: 1, arbitrary: fc.constantFrom("  # a comment\n", " \\\n", "\n\n\t") },
);

/** Alternative spellings of a scalar dtype that np.dtype() reads as the same dtype. */
function scalarSpellings(d: ScalarDType): string[] {
  const canonical = modelTypeStr(d);
  const out = [canonical];
  const body = canonical.slice(1);
  const native = d.byteOrder === "<" || d.byteOrder === "|";
  if (d.byteOrder === "<") out.push("=" + body, body);
  if (d.byteOrder === "|" && d.kind !== "V") out.push(body);
  const letters: Record<string, string> = {
    b1: "?",
    i1: "b",
    u1: "B",
    i2: "h",
    u2: "H",
    i4: "i",
    u4: "I",
    i8: "q",
    u8: "Q",
    f2: "e",
    f4: "f",
    f8: "d",
    f16: "g",
    c8: "F",
    c16: "D",
    c32: "G",
  };
  const names: Record<string, string> = {
    b1: "bool",
    i1: "int8",
    u1: "uint8",
    i2: "int16",
    u2: "uint16",
    i4: "int32",
    u4: "uint32",
    i8: "int64",
    u8: "uint64",
    f2: "float16",
    f4: "float32",
    f8: "float64",
    f16: "longdouble",
    c8: "complex64",
    c16: "complex128",
    c32: "clongdouble",
  };
  const key = `${d.kind}${d.itemsize}`;
  if (letters[key]) {
    out.push((d.byteOrder === ">" ? ">" : "") + letters[key]);
    if (native) out.push(names[key]);
  }
  if (d.kind === "S") out.push(`|a${d.itemsize}`, `a${d.itemsize}`, `S${d.itemsize}`);
  if (d.kind === "M" || d.kind === "m") {
    const unit = canonical.slice(3);
    if (native) out.push((d.kind === "M" ? "datetime64" : "timedelta64") + unit);
    if (unit === "") out.push(d.byteOrder + d.kind);
  }
  return out;
}

function strLit(s: string): fc.Arbitrary<string> {
  const plain = pyStr(s);
  const alts: fc.Arbitrary<string>[] = [fc.constant(plain)];
  if (!s.includes('"') && !s.includes("\\") && /^[\x20-\x7e]*$/.test(s)) {
    alts.push(fc.constant(`"${s}"`), fc.constant(`u'${s.replace(/'/g, "\\'")}'`));
    if (s.length >= 2) {
      alts.push(
        fc.integer({ min: 1, max: s.length - 1 }).chain((k) =>
          wsArb.map((w) => `${pyStr(s.slice(0, k))} ${w}${pyStr(s.slice(k))}`)
        ),
      );
    }
  }
  return fc.oneof(...alts);
}

function intLit(n: number, longOk: boolean): fc.Arbitrary<string> {
  const alts: fc.Arbitrary<string>[] = [fc.constant(String(n))];
  alts.push(fc.constant(`0x${n.toString(16)}`), fc.constant(`0o${n.toString(8)}`));
  alts.push(fc.constant(`0b${n.toString(2)}`), fc.constant(`+${n}`));
  if (n >= 10) alts.push(fc.constant(String(n).replace(/^(\d)/, "$1_")));
  if (longOk) alts.push(fc.constant(`${n}L`));
  return fc.oneof(...alts);
}

function tupleLit(items: fc.Arbitrary<string>[], kind: "tuple" | "list"): fc.Arbitrary<string> {
  const [o, c] = kind === "tuple" ? ["(", ")"] : ["[", "]"];
  return fc.tuple(fc.tuple(...items.map((a) => fc.tuple(wsArb, a, wsArb))), fc.boolean()).map(
    ([parts, trailing]) => {
      const body = parts.map(([a, x, b]) => a + x + b).join(",");
      const needComma = kind === "tuple" && parts.length === 1;
      return o + body + (needComma || (trailing && parts.length > 0) ? "," : "") + c;
    },
  );
}

/** The descr in one of the forms numpy's descr_to_dtype reads as `d`. */
export function descrLit(d: DType, longOk: boolean): fc.Arbitrary<string> {
  if (d.kind === "struct") {
    const items: fc.Arbitrary<string>[] = [];
    let at = 0;
    for (const f of d.fields) {
      if (f.offset > at) items.push(fc.constant(`('', '|V${f.offset - at}')`));
      at = f.offset + f.dtype.itemsize;
      const name = f.title === undefined
        ? strLit(f.name)
        : tupleLit([strLit(f.title), strLit(f.name)], "tuple");
      const entry: fc.Arbitrary<string>[] = f.dtype.kind === "subarray"
        ? [
          name,
          descrLit(f.dtype.base, longOk),
          f.dtype.shape.length === 1
            ? fc.oneof(
              intLit(f.dtype.shape[0], longOk),
              tupleLit([intLit(f.dtype.shape[0], longOk)], "tuple"),
            )
            : tupleLit(f.dtype.shape.map((x) => intLit(x, longOk)), "tuple"),
        ]
        : [name, descrLit(f.dtype, longOk)];
      items.push(
        fc.constantFrom<"tuple" | "list">("tuple", "list").chain((k) => tupleLit(entry, k)),
      );
    }
    if (d.itemsize > at) items.push(fc.constant(`('', '|V${d.itemsize - at}')`));
    return tupleLit(items, "list");
  }
  if (d.kind === "subarray") return fc.constant(modelDescrRepr(d));
  return fc.constantFrom(...scalarSpellings(d)).chain(strLit);
}

/** A header text in an odd form numpy accepts, for the given fields. */
export function oddHeaderText(
  d: DType,
  shape: readonly number[],
  fortran: boolean,
  version: Version,
): fc.Arbitrary<string> {
  const longOk = version < 3;
  const entries: [string, fc.Arbitrary<string>][] = [
    ["descr", descrLit(d, longOk)],
    ["fortran_order", fc.constant(fortran ? "True" : "False")],
    ["shape", tupleLit(shape.map((x) => intLit(x, longOk)), "tuple")],
  ];
  return fc.tuple(
    fc.shuffledSubarray(entries, { minLength: 3, maxLength: 3 }),
    fc.boolean(),
    wsArb,
    fc.constantFrom("", " ", "\t", "  \t"),
  ).chain(([order, trailing, ws, lead]) =>
    fc.tuple(
      ...order.map(([k, v]) => fc.tuple(strLit(k), wsArb, wsArb, v, wsArb)),
    ).map((parts) =>
      lead + "{" + ws +
      parts.map(([k, a, b, v, c]) => `${k}${a}:${b}${v}${c}`).join(",") +
      (trailing ? "," : "") + "}"
    )
  );
}

/** A canonical file together with an odd but valid header for the same array. */
export interface OddCase {
  canonical: FileCase;
  text: string;
  file: Uint8Array;
}

/** Files whose header is written in an odd form numpy accepts. */
export function oddFileArb(): fc.Arbitrary<OddCase> {
  return fileArb({ maxDepth: 2, maxCount: 8 }).chain((c) => {
    const data = c.file.subarray(headerEnd(c.file));
    const latin1Ok = isLatin1(modelDescrRepr(c.dtype));
    return fc.tuple(
      fc.constantFrom<Version>(1, 2, 3),
      fc.boolean(),
      fc.constantFrom(64, 16, 1, 0),
      fc.constantFrom("\n", "", " \n", "\t\n"),
    ).filter(([v]) => v === 3 || latin1Ok)
      .chain(([version, flip, align, tail]) => {
        // Where C and Fortran storage coincide, fortran_order may say either.
        const fo = c.fortranOrder || (flip && !modelFortranFlag(c.shape, true, c.dtype.itemsize));
        return oddHeaderText(c.dtype, c.shape, fo, version).map((text): OddCase => ({
          canonical: c,
          text,
          file: fileWithHeader(text, { version, data, align, tail }),
        }));
      });
  });
}

/** Offset of the data in a well-formed file. */
export function headerEnd(file: Uint8Array): number {
  const v = file[6];
  return v === 1 ? 10 + (file[8] | (file[9] << 8)) : 12 +
    (file[8] | (file[9] << 8) | (file[10] << 16)) + file[11] * 2 ** 24;
}

/** Header text of a well-formed file (latin1 or utf8 per version). */
export function headerText(file: Uint8Array): string {
  const start = file[6] === 1 ? 10 : 12;
  const raw = file.subarray(start, headerEnd(file));
  return file[6] >= 3 ? new TextDecoder().decode(raw) : String.fromCharCode(...raw);
}

/** Python's repr of a shape, exported for mutators. */
export { pyIntTuple };
