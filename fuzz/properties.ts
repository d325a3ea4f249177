// Copyright 2026 the npy authors. MIT license.
// Every fuzz property, in one registry: the *_test.ts files register them as
// tests with a few runs each, and `deno task fuzz` (fuzz/main.ts) runs them
// long.

import assert from "node:assert/strict";
import fc from "fast-check";
import {
  decode,
  type DType,
  encode,
  type JsonValue,
  NpyError,
  type NpyVersion,
  parseDescr,
  readHeader,
  toJsonValues,
  writeHeader,
} from "../mod.ts";
import {
  arrayArb,
  type ArrayCase,
  dtypeArb,
  fileArb,
  type FileCase,
  fileWithHeader,
  headerEnd,
  type OddCase,
  oddFileArb,
  shapeArb,
} from "./arbitraries.ts";
import { assertSameBytes, assertSameData, guardedDecode, paddingMask, sameBytes } from "./check.ts";
import {
  endsWithContinuation,
  exclude,
  hasNamedEscape,
  hasTopLevelSubarray,
  hasZeroDivisor,
  headerEndsWithBackslash,
  headerHasNul,
  isZeroItemsizeFortran,
  readHeaderRefuses,
} from "./exclusions.ts";
import { countOf, modelDescrRepr, modelFortranFlag, modelHeader, type Version } from "./model.ts";
import {
  anyMutantArb,
  bitFlipArb,
  descrStringArb,
  dimsArb,
  headerEditArb,
  headerLengthArb,
  type MutantCase,
  nestingArb,
  objectDescrArb,
  randomBytesArb,
  tokenSoupArb,
  truncationArb,
  withObjectLeaf,
} from "./mutations.ts";
import { checkReaderTruth, readerTruthArb, type ReaderTruthCase } from "./reader_truth.ts";
import { fromBase64, type LoadAnswer, type Oracle } from "./oracle.ts";
import { NPZ_PROPERTIES } from "./npz_properties.ts";
import { NPZ_WRITE_PROPERTIES } from "./npz_write.ts";
import { PICKLE_PROPERTIES } from "./pickle_hostile.ts";
import { ucs4Arb, type Ucs4Case } from "./ucs4.ts";
import { PICKLE_ENCODE_PROPERTIES } from "./pickle_encode.ts";

/** What a property may use while it runs. */
export interface Ctx {
  /** The numpy oracle; properties with `oracle: true` only run when there is one. */
  oracle?: Oracle;
}

/** One property. */
export interface PropertyDef<T = unknown> {
  /** Short id, used to select it: `deno task fuzz <id>`. */
  id: string;
  /** What it checks. */
  title: string;
  /** The generator (built lazily). */
  arb: () => fc.Arbitrary<T>;
  /** Throws when the property does not hold. */
  check: (x: T, ctx: Ctx) => void | Promise<void>;
  /** Needs the numpy oracle. */
  oracle?: boolean;
  /** Runs under `deno task test`. */
  testRuns: number;
  /** Counterexamples found before, always run first (fast-check `examples`). */
  examples?: T[];
  /** The file under test, to save a counterexample as .npy. */
  npy?: (x: T) => Uint8Array | undefined;
}

function def<T>(p: PropertyDef<T>): PropertyDef<unknown> {
  return p as unknown as PropertyDef<unknown>;
}

function versionOpt(v: Version | undefined): { version?: NpyVersion } {
  return v === undefined ? {} : { version: [v, 0] as unknown as NpyVersion };
}

function describeArray(x: { dtype: DType; shape: number[] }): string {
  return `${modelDescrRepr(x.dtype)} ${JSON.stringify(x.shape)}`;
}

function safeEncode(x: ArrayCase): Uint8Array | undefined {
  try {
    return encode(x, versionOpt(x.version));
  } catch {
    return undefined;
  }
}

/** Equality of an encoded file with the expected one. */
function assertSameFile(actual: Uint8Array, expected: Uint8Array, what: string) {
  assertSameBytes(actual, expected, what);
}

// ---------------------------------------------------------------------------
// round trip
// ---------------------------------------------------------------------------

function checkValueRoundTrip(x: ArrayCase): void {
  const opts = versionOpt(x.version);
  const header = modelHeader(x.dtype, x.shape, x.fortranOrder, x.version);
  if (!header) {
    assert.throws(() => encode(x, opts), NpyError, "numpy cannot write this header version");
    return;
  }
  const f = encode(x, opts);
  const a = decode(f);
  assert.deepEqual(a.dtype, x.dtype, "dtype");
  assert.deepEqual(a.shape, x.shape, "shape");
  assert.equal(
    a.fortranOrder,
    modelFortranFlag(x.shape, x.fortranOrder, x.dtype.itemsize),
    `fortranOrder for ${describeArray(x)}`,
  );
  assertSameData(a.data, x.data);
  if (x.dtype.kind === "struct") {
    assert.ok(a.bytes, "decoded records carry their bytes");
    const mask = paddingMask(x.dtype);
    const n = countOf(x.shape);
    const size = x.dtype.itemsize;
    for (let r = 0; r < n; r++) {
      for (let k = 0; k < size; k++) {
        if (!mask[k]) continue;
        const want = x.bytes ? x.bytes[r * size + k] : 0;
        const got: number = a.bytes![r * size + k];
        if (got === want) continue;
        assert.fail(`padding byte ${k} of record ${r}: ${got} instead of ${want}`);
      }
    }
  }
  assertSameBytes(encode(a, opts), f, "encode(decode(encode(x)))");
}

function checkByteRoundTrip(c: FileCase): void {
  const a = decode(c.file);
  assert.deepEqual(a.dtype, c.dtype, "dtype");
  assert.deepEqual(a.shape, c.shape, "shape");
  assertSameFile(encode(a, versionOpt(c.version)), c.file, "encode(decode(f))");
}

interface OptionsCase {
  c: FileCase;
  /** Where the file starts inside a larger buffer (odd offsets misalign the data). */
  offset: number;
}

/** decode's copy and inPlace options, on files at any byte offset of a larger buffer. */
function checkDecodeOptions({ c, offset }: OptionsCase): void {
  const place = () => {
    const buf = new Uint8Array(offset + c.file.length + 3).fill(0xee);
    buf.set(c.file, offset);
    return buf.subarray(offset, offset + c.file.length);
  };
  const expected = toJsonValues(decode(c.file));
  const view = place();
  const before = view.slice();
  const a = decode(view);
  assertSameBytes(view, before, "decode() without inPlace changed its input");
  assert.deepEqual(toJsonValues(a), expected, "values at an odd offset");
  const b = decode(view, { copy: true });
  view.fill(0x5a);
  assert.deepEqual(toJsonValues(b), expected, "copy: true must not alias the input");
  const inPlace = place();
  const d = decode(inPlace, { inPlace: true });
  assert.deepEqual(toJsonValues(d), expected, "inPlace: true values");
  assertSameBytes(encode(d, versionOpt(c.version)), c.file, "encode(decode(f, {inPlace}))");
}

// ---------------------------------------------------------------------------
// header
// ---------------------------------------------------------------------------

function checkHeaderModel(x: ArrayCase): void {
  const opts = versionOpt(x.version);
  const header = modelHeader(x.dtype, x.shape, x.fortranOrder, x.version);
  if (!header) {
    const e = assert.throws(() => encode(x, opts));
    return void e;
  }
  const f = encode(x, opts);
  assertSameBytes(f.subarray(0, header.length), header, `header of ${describeArray(x)}`);
  // The rules, checked on the codec's output directly.
  const v = f[6];
  assert.ok(v === 1 || v === 2 || v === 3, "version");
  assert.equal(f[7], 0);
  const lenBytes = v === 1 ? 2 : 4;
  let hlen = 0;
  for (let k = 0; k < lenBytes; k++) hlen += f[8 + k] * 2 ** (8 * k);
  const dataAt = 8 + lenBytes + hlen;
  assert.equal(dataAt % 64, 0, "data starts at a multiple of 64");
  assert.equal(f[dataAt - 1], 0x0a, "header ends with a newline");
  assert.equal(f.length - dataAt, countOf(x.shape) * x.dtype.itemsize, "data length");
  if (x.version === undefined) {
    const text = new TextDecoder().decode(f.subarray(8 + lenBytes, dataAt));
    const latin1 = [...text].every((ch) => ch.codePointAt(0)! <= 0xff);
    if (v === 3) assert.ok(!latin1, "3.0 only for headers that are not latin1");
    if (v === 2) assert.ok(hlen > 0xffff - 64, "2.0 only for headers too long for 1.0");
  }
  // writeHeader writes the fields it is given; np.save's flag is the model's.
  const fortranOrder = modelFortranFlag(x.shape, x.fortranOrder, x.dtype.itemsize);
  const w = writeHeader({ dtype: x.dtype, shape: x.shape, fortranOrder }, opts);
  assertSameBytes(w, header, "writeHeader()");
  const h = readHeader(f);
  assert.equal(h.dataOffset, header.length, "readHeader().dataOffset");
}

interface LongHeaderCase {
  fields: number;
  nameLength: number;
  suffix: string;
  version: Version | undefined;
}

function longStruct(c: LongHeaderCase): DType {
  const fields = [];
  for (let i = 0; i < c.fields; i++) {
    const name = `f${i}`.padEnd(c.nameLength, "x") + c.suffix;
    fields.push({ name, offset: i, dtype: { kind: "b", byteOrder: "|", itemsize: 1 } as DType });
  }
  return { kind: "struct", fields, itemsize: c.fields };
}

function checkLongHeader(c: LongHeaderCase): void {
  const dtype = longStruct(c);
  const data: Record<string, Uint8Array> = {};
  for (let i = 0; i < c.fields; i++) {
    Object.defineProperty(data, `f${i}`.padEnd(c.nameLength, "x") + c.suffix, {
      value: new Uint8Array(0),
      enumerable: true,
    });
  }
  const x = { dtype, shape: [0], fortranOrder: false, data };
  const opts = versionOpt(c.version);
  const header = modelHeader(dtype, [0], false, c.version);
  if (!header) {
    assert.throws(() => encode(x, opts), NpyError);
    return;
  }
  const f = encode(x, opts);
  assertSameBytes(f, header, "long header");
  const a = decode(f, { maxHeaderSize: Infinity });
  assert.deepEqual(a.dtype, dtype);
}

function checkOdd(c: OddCase): void {
  const out = guardedDecode(c.file);
  if (!out.ok) {
    assert.fail(
      `decode refuses an odd header numpy reads: ${out.error.code}: ${out.error.message}\n` +
        `  header: ${JSON.stringify(c.text)}`,
    );
  }
  const a = out.array;
  const b = decode(c.canonical.file);
  assert.deepEqual(a.dtype, b.dtype, "dtype");
  assert.deepEqual(a.shape, b.shape, "shape");
  assert.deepEqual(toJsonValues(a), toJsonValues(b), "values");
  assertSameFile(
    encode(a, versionOpt(c.canonical.version)),
    c.canonical.file,
    "encode(decode(odd)) is the canonical file",
  );
}

// ---------------------------------------------------------------------------
// robustness
// ---------------------------------------------------------------------------

function checkMutant(m: MutantCase): void {
  guardedDecode(m.file, m.maxHeaderSize === undefined ? {} : { maxHeaderSize: m.maxHeaderSize });
}

/** decode() (with its cached fast path) must agree with the full readHeader(). */
function checkAgreesWithReadHeader(m: MutantCase): void {
  if (headerEndsWithBackslash(m.file) && exclude("BUG_HANG_BACKSLASH_AT_END")) return;
  const opts = m.maxHeaderSize === undefined ? {} : { maxHeaderSize: m.maxHeaderSize };
  let h: ReturnType<typeof readHeader> | NpyError;
  try {
    h = readHeader(m.file, opts);
  } catch (e) {
    assert.ok(e instanceof NpyError, `readHeader threw ${(e as Error)?.constructor?.name}`);
    h = e;
  }
  const d = guardedDecode(m.file, opts);
  if (h instanceof NpyError) {
    if (d.ok && exclude("BUG_FAST_PATH_CACHE")) return;
    assert.ok(!d.ok, `readHeader refuses (${h.code}: ${h.message}) but decode accepts`);
    assert.equal(d.error.code, h.code, `decode: ${d.error.message}; readHeader: ${h.message}`);
    return;
  }
  if (!d.ok) {
    assert.ok(
      ["TRUNCATED_DATA", "TOO_LARGE"].includes(d.error.code),
      `readHeader accepts but decode throws ${d.error.code}: ${d.error.message}`,
    );
    return;
  }
  assert.deepEqual(d.array.shape, h.shape, "shape");
  assert.deepEqual(d.array.dtype, h.dtype, "dtype");
  assert.equal(d.array.fortranOrder, h.fortranOrder, "fortranOrder");
}

function checkTruncation(c: FileCase): void {
  const end = headerEnd(c.file);
  for (let n = 0; n < c.file.length; n++) {
    const out = guardedDecode(c.file.subarray(0, n));
    assert.ok(!out.ok, `a ${n}-byte prefix of a ${c.file.length}-byte file decodes`);
    const want = n < end ? "TRUNCATED_HEADER" : "TRUNCATED_DATA";
    assert.equal(out.error.code, want, `code for a ${n}-byte prefix (data at ${end})`);
  }
  const full = guardedDecode(c.file);
  assert.ok(full.ok, "the whole file decodes");
  const longer = new Uint8Array(c.file.length + 7).fill(0xab);
  longer.set(c.file);
  const tail = guardedDecode(longer);
  assert.ok(tail.ok, "bytes after the data are ignored");
  assert.deepEqual(toJsonValues(tail.array), toJsonValues(full.array));
}

// ---------------------------------------------------------------------------
// pickle
// ---------------------------------------------------------------------------

function checkObjectRead(m: MutantCase): void {
  const out = guardedDecode(m.file, { maxHeaderSize: m.maxHeaderSize });
  assert.ok(!out.ok, `decode accepts an object dtype: ${m.how}`);
  if (
    out.error.code === "INVALID_DESCR" && /'O4'/.test(out.error.message) &&
    exclude("BUG_O4_NOT_OBJECT")
  ) return;
  assert.equal(out.error.code, "OBJECT_ARRAY", `${m.how}: ${out.error.message}`);
}

/** A descr in JSON form (tuples as arrays), written from the dtype model. */
function descrJson(d: DType): unknown {
  if (d.kind === "struct") {
    const items: unknown[] = [];
    let at = 0;
    for (const f of d.fields) {
      if (f.offset > at) items.push(["", `|V${f.offset - at}`]);
      at = f.offset + f.dtype.itemsize;
      const name = f.title === undefined ? f.name : [f.title, f.name];
      if (f.dtype.kind === "subarray") {
        items.push([name, descrJson(f.dtype.base), [...f.dtype.shape]]);
      } else items.push([name, descrJson(f.dtype)]);
    }
    if (d.itemsize > at) items.push(["", `|V${d.itemsize - at}`]);
    return items;
  }
  if (d.kind === "subarray") return [descrJson(d.base), [...d.shape]];
  if (d.kind === "O") return "|O";
  return modelDescrRepr(d).slice(1, -1);
}

type ObjectWrite =
  | { how: "descr"; dtype: DType; k: number; asJson: boolean; shape: number[] }
  | { how: "values"; value: unknown };

const OBJECTY: unknown[] = [
  null,
  undefined,
  {},
  { a: 1 },
  () => 1,
  Symbol("s"),
  new Date(0),
  new Map(),
  /x/,
  new ArrayBuffer(2),
];

function objectWriteArb(): fc.Arbitrary<ObjectWrite> {
  const plain = fc.oneof(
    fc.double(),
    fc.boolean(),
    fc.string({ maxLength: 3 }),
    fc.bigInt({ min: -5n, max: 5n }),
  );
  // Nested lists with one object-like value, or with mixed types, or ragged.
  const nested = fc.tuple(
    shapeArb(12).filter((s) => s.length > 0 && countOf(s) > 0),
    plain,
    fc.constantFrom(...OBJECTY, "mixed", "ragged"),
    fc.nat(),
  ).map(([shape, fill, bad, at]) => {
    const n = countOf(shape);
    const flat: unknown[] = new Array(n).fill(fill);
    let ragged = false;
    if (bad === "mixed" && n >= 2) flat[at % n] = typeof fill === "number" ? "x" : 1;
    else if (bad === "mixed" || bad === "ragged") ragged = true;
    else flat[at % n] = bad;
    let i = 0;
    const build = (axis: number): unknown => {
      if (axis === shape.length) return flat[i++];
      const out = [];
      for (let k = 0; k < shape[axis]; k++) out.push(build(axis + 1));
      return out;
    };
    const built = build(0) as unknown[];
    // Ragged: a list next to a scalar at the top level.
    const value = ragged ? [built, fill] : built;
    return { how: "values" as const, value };
  });
  const descr = fc.tuple(dtypeArb(3), fc.nat(), fc.boolean(), shapeArb(4)).map((
    [dtype, k, asJson, shape],
  ) => ({ how: "descr" as const, dtype, k, asJson, shape }));
  return fc.oneof(nested, descr);
}

function leafTotal(d: DType): number {
  if (d.kind === "struct") return d.fields.reduce((a, f) => a + leafTotal(f.dtype), 0);
  if (d.kind === "subarray") return leafTotal(d.base);
  return 1;
}

function checkObjectWrite(w: ObjectWrite): void {
  let input: unknown;
  if (w.how === "values") {
    input = w.value;
  } else {
    const n = leafTotal(w.dtype);
    if (n === 0) return;
    const od = withObjectLeaf(w.dtype, w.k % n);
    input = { dtype: w.asJson ? descrJson(od) : od, shape: w.shape, data: [] };
  }
  try {
    encode(input as never);
  } catch (e) {
    assert.ok(
      e instanceof NpyError,
      `encode threw ${(e as Error)?.constructor?.name}, not NpyError`,
    );
    assert.equal(e.code, "OBJECT_ARRAY", e.message);
    return;
  }
  assert.fail("encode accepted an object-like value");
}

// ---------------------------------------------------------------------------
// differential
// ---------------------------------------------------------------------------

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * numpy's messages that name one cause unambiguously, the codec's code for
 * it, and whether the code also implies the message (np.load says "This
 * file contains pickled data" for every file without the magic, so
 * BAD_MAGIC does not imply numpy's magic message).
 */
const NUMPY_CAUSES: [RegExp, string, boolean][] = [
  [/^Object arrays cannot be loaded when allow_pickle=False/, "OBJECT_ARRAY", true],
  [/^the magic string is not correct/, "BAD_MAGIC", false],
  [/^we only support format version/, "UNSUPPORTED_VERSION", true],
  [/^Header info length/, "HEADER_TOO_LARGE", true],
];

function assertSameCause(numpyError: string, ours: NpyError): void {
  // Refused for a reason found first (numpy would refuse the object dtype).
  if (/titles must be strings/.test(ours.message) && exclude("DIV_NON_STRING_TITLE")) return;
  for (const [re, code, both] of NUMPY_CAUSES) {
    const numpySays = re.test(numpyError);
    const weSay = ours.code === code;
    if (numpySays === weSay || (!both && !numpySays)) continue;
    if (
      code === "OBJECT_ARRAY" && ours.code === "INVALID_DESCR" && /'O4'/.test(ours.message) &&
      exclude("BUG_O4_NOT_OBJECT")
    ) return;
    assert.fail(
      `numpy refuses with "${numpyError.slice(0, 200)}" but decode with ${ours.code}: ` +
        ours.message.slice(0, 300),
    );
  }
}

/** Compares decode() with np.load() on one file; both must agree on verdict, values and re-save. */
export function compareWithNumpy(file: Uint8Array, ans: LoadAnswer): void {
  const ours = guardedDecode(file);
  if (!ans.ok) {
    if (ans.crashed) {
      if (hasZeroDivisor(file) && exclude("DIV_DATETIME_DIVISOR_ZERO")) return;
      assert.fail("numpy crashed on this file");
    }
    if (ours.ok) {
      if (readHeaderRefuses(file) && exclude("BUG_FAST_PATH_CACHE")) return;
      if (
        /array is too big/.test(ans.error) && hasTopLevelSubarray(file) &&
        exclude("BUG_TOPLEVEL_SUBARRAY_OVERFLOW")
      ) return;
      if (endsWithContinuation(file) && exclude("BUG_TRAILING_CONTINUATION")) return;
      if (headerHasNul(file) && exclude("BUG_NUL_IN_COMMENT")) return;
      assert.fail(
        `numpy refuses (${ans.error_type}: ${ans.error}) but decode accepts it as ` +
          describeArray(ours.array),
      );
    }
    assertSameCause(ans.error, ours.error);
    return;
  }
  if (!ours.ok) {
    if (hasNamedEscape(file) && exclude("DIV_NAMED_ESCAPES")) return;
    if (
      ans.shape.some((d) => typeof d === "string" || d > MAX_SAFE) &&
      exclude("DIV_DIMS_ABOVE_2_53")
    ) return;
    if (
      ours.error.code === "TRUNCATED_DATA" && ans.itemsize >= 0x7fffffff &&
      exclude("DIV_FROMFILE_HUGE_ITEMSIZE")
    ) return;
    if (/titles must be strings/.test(ours.error.message) && exclude("DIV_NON_STRING_TITLE")) {
      return;
    }
    if (
      ours.error.code === "TOO_LARGE" && ans.itemsize === 0 && ans.shape.includes(0) &&
      exclude("BUG_ZERO_SIZE_EMPTY_OVERFLOW")
    ) return;
    if (
      ours.error.code === "INVALID_SHAPE" && /negative/.test(ours.error.message) &&
      exclude("DIV_NEGATIVE_DIM_WRAP")
    ) return;
    if (
      ours.error.code === "TOO_LARGE" && /zero-size string/.test(ours.error.message) &&
      exclude("DIV_ZERO_SIZE_STRINGS_LIMIT")
    ) return;
    assert.fail(
      `numpy loads it (descr ${ans.descr}, shape ${JSON.stringify(ans.shape)}) but decode ` +
        `throws ${ours.error.code}: ${ours.error.message}`,
    );
  }
  const a = ours.array;
  assert.deepEqual(a.shape, ans.shape, "shape");
  if (ans.values_error) assert.fail(`numpy values: ${ans.values_error}`);
  if (ans.values !== undefined) {
    assert.deepEqual(toJsonValues(a), ans.values as JsonValue, "values");
  }
  if (ans.resave !== undefined) {
    let ours2: Uint8Array;
    try {
      ours2 = encode(a);
    } catch (e) {
      assert.fail(
        `encode(decode(f)) throws where np.save(np.load(f)) writes: ${(e as Error).message}`,
      );
    }
    assertSameFile(ours2, fromBase64(ans.resave), "encode(decode(f)) vs np.save(np.load(f))");
  }
}

async function checkOracleFile(file: Uint8Array, ctx: Ctx): Promise<void> {
  if (hasZeroDivisor(file) && exclude("DIV_DATETIME_DIVISOR_ZERO")) return;
  const ans = await ctx.oracle!.load(file);
  compareWithNumpy(file, ans);
}

type CanonicalCase = { from: "file"; c: FileCase } | { from: "encode"; x: ArrayCase };

function canonicalFile(c: CanonicalCase): Uint8Array | undefined {
  return c.from === "file" ? c.c.file : safeEncode(c.x);
}

async function checkCanonical(c: CanonicalCase, ctx: Ctx): Promise<void> {
  const file = canonicalFile(c);
  if (!file) return; // the header version cannot be written (checked by header-model)
  const ans = await ctx.oracle!.load(file);
  assert.ok(ans.ok, `numpy refuses a canonical file: ${!ans.ok && ans.error}`);
  compareWithNumpy(file, ans);
  if (c.from === "file" && ans.ok && ans.resave && c.c.version === undefined) {
    assertSameFile(fromBase64(ans.resave), file, "the model's file vs np.save");
  }
}

async function checkGen(seed: number, ctx: Ctx): Promise<void> {
  const g = await ctx.oracle!.gen(seed);
  const file = fromBase64(g.file);
  const out = guardedDecode(file);
  if (!out.ok) {
    assert.fail(
      `decode refuses numpy's ${g.dtype} ${JSON.stringify(g.shape)}: ${out.error.code}: ` +
        out.error.message,
    );
  }
  assert.deepEqual(toJsonValues(out.array), g.values, `values of ${g.dtype}`);
  const version = g.version ?? undefined;
  const again = encode(out.array, versionOpt(version));
  const a = out.array;
  if (
    !sameBytes(again, file) && isZeroItemsizeFortran(a.dtype, a.shape, true) &&
    exclude("DIV_ZERO_ITEMSIZE_FORTRAN_NUMPY_MADE")
  ) return;
  assertSameFile(
    again,
    file,
    `encode(decode(f)) vs numpy's file for ${g.dtype}`,
  );
}

async function checkF16(bits: number[], ctx: Ctx): Promise<void> {
  const want = await ctx.oracle!.f16(bits);
  const f32 = new Float32Array(new Uint32Array(bits).buffer);
  const f = encode({ dtype: "<f2", shape: [bits.length], data: f32 });
  const got = new Uint16Array(f.slice(headerEnd(f)).buffer);
  for (let i = 0; i < bits.length; i++) {
    if (got[i] !== want[i]) {
      assert.fail(
        `float32 0x${bits[i].toString(16)} -> float16 0x${got[i].toString(16)}, numpy 0x${
          want[i].toString(16)
        }`,
      );
    }
  }
}

interface NestedCase {
  kind: "f" | "i" | "b" | "U";
  shape: number[];
  flat: (number | bigint | boolean | string)[];
}

function nestedArb(): fc.Arbitrary<NestedCase> {
  const f64 = fc.oneof(
    fc.double(),
    fc.constantFrom(-0, NaN, Infinity, -Infinity, 5e-324, Number.MAX_VALUE),
  );
  const big = fc.oneof(
    fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
    fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }),
    fc.constantFrom(-(1n << 63n), (1n << 63n) - 1n, 1n << 63n, (1n << 64n) - 1n, 1n << 64n),
  );
  const text = fc.string({
    unit: fc.constantFrom("a", "Z", "\0", "\xe9", "\u4e2d", "\u{1f600}", " ", "'"),
    maxLength: 4,
  });
  return fc.tuple(shapeArb(12), fc.constantFrom<"f" | "i" | "b" | "U">("f", "i", "b", "U"))
    .chain(([shape, kind]) => {
      const n = countOf(shape);
      const leaf: fc.Arbitrary<number | bigint | boolean | string> = kind === "f"
        ? f64
        : kind === "i"
        ? big
        : kind === "b"
        ? fc.boolean()
        : text;
      return fc.array(leaf, { minLength: n, maxLength: n }).map((flat) => ({ kind, shape, flat }));
    });
}

function buildNested(c: NestedCase): unknown {
  let i = 0;
  const build = (axis: number): unknown => {
    if (axis === c.shape.length) return c.flat[i++];
    const out = [];
    for (let k = 0; k < c.shape[axis]; k++) out.push(build(axis + 1));
    return out;
  };
  return build(0);
}

async function checkNested(c: NestedCase, ctx: Ctx): Promise<void> {
  // A zero-length axis hides the leaves: numpy and encode both make float64.
  const flat = c.flat.map((x) => {
    if (c.kind === "f") {
      const b = new Uint8Array(new Float64Array([x as number]).buffer);
      return [...b].map((v) => v.toString(16).padStart(2, "0")).join("");
    }
    return c.kind === "i" ? String(x) : x as boolean | string;
  });
  const want = await ctx.oracle!.array(c.kind, c.shape, flat);
  let ours: Uint8Array | NpyError;
  try {
    ours = encode(buildNested(c) as never);
  } catch (e) {
    assert.ok(e instanceof NpyError, `encode threw ${(e as Error)?.constructor?.name}`);
    ours = e;
  }
  if (want.refused !== undefined) {
    if (ours instanceof NpyError) return;
    assert.fail(`numpy cannot save it (${want.refused}) but encode writes ${headerTextOf(ours)}`);
  }
  const file = fromBase64(want.file!);
  if (ours instanceof NpyError) {
    assert.fail(`encode refuses (${ours.code}: ${ours.message}) what np.save writes`);
  }
  if (
    !sameBytes(ours, file) && c.kind === "i" && /'<u8'/.test(headerTextOf(ours)) &&
    /'<f8'/.test(headerTextOf(file)) && exclude("BUG_BIGINT_UINT64_WITH_SMALL")
  ) return;
  assertSameBytes(ours, file, "encode(nested) vs np.save(np.array(nested))");
}

function headerTextOf(f: Uint8Array): string {
  return new TextDecoder().decode(f.subarray(10, Math.min(f.length, 90)));
}

async function checkF16FromDoubles(xs: number[], ctx: Ctx): Promise<void> {
  const f64 = new Float64Array(xs);
  const hex = [...f64].map((_, i) =>
    [...new Uint8Array(f64.buffer, i * 8, 8)].map((v) => v.toString(16).padStart(2, "0")).join("")
  );
  const want = await ctx.oracle!.f16d(hex);
  // What rounding through float32 first gives (BUG_F16_DOUBLE_ROUNDING).
  const via32 = await ctx.oracle!.f16([...new Uint32Array(new Float32Array(xs).buffer)]);
  for (const data of [xs, f64]) {
    const f = encode({ dtype: "<f2", shape: [xs.length], data });
    const got = new Uint16Array(f.slice(headerEnd(f)).buffer);
    for (let i = 0; i < xs.length; i++) {
      if (got[i] === want[i]) continue;
      if (got[i] === via32[i] && exclude("BUG_F16_DOUBLE_ROUNDING")) continue;
      assert.fail(
        `float64 ${xs[i]} (0x${hex[i]}) -> float16 0x${got[i].toString(16)}, numpy 0x${
          want[i].toString(16)
        }`,
      );
    }
  }
}

/** Doubles near float16 rounding ties, where rounding through float32 first goes wrong. */
const nearHalfTies = fc.tuple(
  fc.integer({ min: 0, max: 0x7bff }),
  fc.integer({ min: -40, max: 40 }),
  fc.boolean(),
).map(([h, nudge, neg]) => {
  const lo = halfValue(h);
  const hi = halfValue(h + 1);
  const mid = (lo + hi) / 2;
  const v = mid + nudge * Math.abs(mid) * 2 ** -40;
  return neg ? -v : v;
});

function halfValue(h: number): number {
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  return e === 0 ? m * 2 ** -24 : (1 + m / 1024) * 2 ** (e - 15);
}

const f32Bits = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.float().map((x) => new Uint32Array(new Float32Array([x]).buffer)[0]),
  fc.constantFrom(
    0x7f800001,
    0x7fc00000,
    0xffc00001,
    0x7f802000,
    0x33000000,
    0x33000001,
    0x477fefff,
    0x477ff000,
  ),
);

/** Shrunk counterexample: padding of a struct inside a subarray field (fixed). */
function paddingExample(): FileCase {
  const dtype = parseDescr([["x", "|u1"], ["a", [["b", "|u1"], ["", "|V1"]], [1]]]);
  const header = modelHeader(dtype, [1], false)!;
  const file = new Uint8Array(header.length + 3);
  file.set(header);
  file.set([7, 1, 0xff], header.length);
  return { dtype, shape: [1], fortranOrder: false, version: undefined, file };
}

// ---------------------------------------------------------------------------
// the registry
// ---------------------------------------------------------------------------

/** Every property, in the order they run. */
export const PROPERTIES: PropertyDef[] = [
  def<ReaderTruthCase>({
    id: "readers-truth",
    title: "the validator's npyjs and numpy-parser predictions match the real packages",
    arb: readerTruthArb,
    check: checkReaderTruth,
    testRuns: 150,
    npy: (c) => c.file,
  }),
  def<ArrayCase>({
    id: "roundtrip-values",
    title: "decode(encode(x)) is x bit for bit (dtype, shape, order, values, padding)",
    arb: () => arrayArb(),
    check: checkValueRoundTrip,
    testRuns: 150,
    npy: safeEncode,
  }),
  def<FileCase>({
    id: "roundtrip-bytes",
    title: "encode(decode(f)) is f byte for byte, for files as np.save writes them",
    arb: () => fileArb(),
    examples: [paddingExample()],
    check: checkByteRoundTrip,
    testRuns: 150,
    npy: (c) => c.file,
  }),
  def<OptionsCase>({
    id: "roundtrip-options",
    title: "decode's copy and inPlace options, at any byte offset: same values, no aliasing",
    arb: () => fc.record({ c: fileArb({ maxCount: 12 }), offset: fc.integer({ min: 0, max: 9 }) }),
    check: checkDecodeOptions,
    testRuns: 100,
    npy: (x) => x.c.file,
  }),
  def<ArrayCase>({
    id: "header-model",
    title: "encode and writeHeader write numpy's header (independent model)",
    arb: () => arrayArb({ maxCount: 4 }),
    check: checkHeaderModel,
    testRuns: 150,
    npy: safeEncode,
  }),
  def<LongHeaderCase>({
    id: "header-long",
    title: "version choice and limits for long and non-latin1 headers",
    arb: () =>
      fc.record({
        fields: fc.oneof(
          { weight: 3, arbitrary: fc.integer({ min: 1, max: 40 }) },
          { weight: 1, arbitrary: fc.integer({ min: 2900, max: 3700 }) },
        ),
        nameLength: fc.integer({ min: 1, max: 12 }),
        suffix: fc.constantFrom("", "", "\xe9", "\u4e2d"),
        version: fc.constantFrom<Version | undefined>(undefined, undefined, 1, 2, 3),
      }),
    check: checkLongHeader,
    testRuns: 12,
  }),
  def<OddCase>({
    id: "header-odd",
    title: "odd header forms numpy accepts decode like the canonical file",
    arb: oddFileArb,
    check: checkOdd,
    testRuns: 150,
    npy: (c) => c.file,
  }),
  def<MutantCase>({
    id: "robust-bitflip",
    title: "bit flips: decode returns or throws NpyError, in bounded time and memory",
    arb: bitFlipArb,
    check: checkMutant,
    testRuns: 200,
    npy: (m) => m.file,
  }),
  def<FileCase>({
    id: "robust-truncate",
    title: "truncation at every length throws TRUNCATED_HEADER / TRUNCATED_DATA",
    arb: truncationArb,
    check: checkTruncation,
    testRuns: 40,
    npy: (c) => c.file,
  }),
  def<MutantCase>({
    id: "robust-header-edit",
    title: "header text edits: decode returns or throws NpyError",
    arb: () => fc.oneof(headerEditArb(), tokenSoupArb()),
    check: checkMutant,
    testRuns: 200,
    npy: (m) => m.file,
  }),
  def<MutantCase>({
    id: "robust-readheader",
    title: "decode (with its cached fast path) agrees with the full readHeader",
    arb: () =>
      fc.oneof(
        dimsArb(),
        bitFlipArb(),
        headerEditArb(),
        descrStringArb(),
        fileArb({ maxCount: 6 }).map((c): MutantCase => ({ file: c.file, how: "canonical" })),
      ),
    check: checkAgreesWithReadHeader,
    testRuns: 200,
    npy: (m) => m.file,
    examples: [
      { file: encode(new Int32Array([1])), how: "warms the fast path for '<i4'" },
      {
        file: fileWithHeader(
          "{'descr': '<i4', 'fortran_order': False, 'shape': (3037000500, 0, 2147483648), }",
        ),
        how: "BUG_FAST_PATH_CACHE",
      },
    ],
  }),
  def<MutantCase>({
    id: "robust-random",
    title: "random bytes: decode throws NpyError",
    arb: randomBytesArb,
    check: checkMutant,
    testRuns: 200,
    npy: (m) => m.file,
  }),
  def<MutantCase>({
    id: "robust-dims",
    title: "huge, negative and many dims: decode returns or throws NpyError, no huge allocation",
    arb: dimsArb,
    check: checkMutant,
    testRuns: 200,
    npy: (m) => m.file,
  }),
  def<MutantCase>({
    id: "robust-nesting",
    title: "deep nesting in descr, shape and extra keys: NpyError, never a stack overflow",
    arb: nestingArb,
    check: checkMutant,
    testRuns: 60,
    npy: (m) => m.file,
  }),
  def<MutantCase>({
    id: "robust-header-length",
    title: "giant or off-by-a-few header length fields: NpyError",
    arb: headerLengthArb,
    check: checkMutant,
    testRuns: 150,
    npy: (m) => m.file,
  }),
  def<MutantCase>({
    id: "pickle-read",
    title: "|O anywhere in a descr, at any depth, is refused with OBJECT_ARRAY",
    arb: objectDescrArb,
    check: checkObjectRead,
    testRuns: 150,
    npy: (m) => m.file,
  }),
  def<ObjectWrite>({
    id: "pickle-write",
    title: "object dtypes and object-like values are refused on write with OBJECT_ARRAY",
    arb: objectWriteArb,
    check: checkObjectWrite,
    testRuns: 150,
  }),
  def<CanonicalCase>({
    id: "numpy-canonical",
    title: "numpy loads our files with the same values and re-saves the same bytes",
    arb: () =>
      fc.oneof(
        fileArb().map((c): CanonicalCase => ({ from: "file", c })),
        arrayArb().map((x): CanonicalCase => ({ from: "encode", x })),
      ),
    check: checkCanonical,
    oracle: true,
    testRuns: 150,
    npy: canonicalFile,
  }),
  def<MutantCase>({
    id: "numpy-mutants",
    title: "odd and broken files: same verdict as np.load, same values and re-save",
    arb: () =>
      fc.oneof(
        { weight: 4, arbitrary: anyMutantArb() },
        {
          weight: 1,
          arbitrary: oddFileArb().map((c): MutantCase => ({ file: c.file, how: "odd" })),
        },
      ),
    check: (m, ctx) => checkOracleFile(m.file, ctx),
    oracle: true,
    testRuns: 250,
    npy: (m) => m.file,
  }),
  def<MutantCase>({
    id: "numpy-descr",
    title: "descr type strings: same verdict and values as np.load",
    arb: descrStringArb,
    // Shrunk counterexamples of bugs fixed in the codec.
    examples: ["(2)i4,", "(2)f8,g", "2S", "3U", "0void", "M8[3generic]", "()S", "()U0"].map(
      (d): MutantCase => ({
        file: fileWithHeader(`{'descr': '${d}', 'fortran_order': False, 'shape': (2,), }`, {
          data: new Uint8Array(256),
        }),
        how: `descr '${d}'`,
      }),
    ),
    check: (m, ctx) => checkOracleFile(m.file, ctx),
    oracle: true,
    testRuns: 200,
    npy: (m) => m.file,
  }),
  def<Ucs4Case>({
    id: "numpy-ucs4",
    title: "U data with any 32-bit code units: numpy's values, and encode(decode(f)) is " +
      "np.save(np.load(f))",
    arb: ucs4Arb,
    check: (c, ctx) => checkOracleFile(c.file, ctx),
    oracle: true,
    testRuns: 60,
    npy: (c) => c.file,
  }),
  def<number>({
    id: "numpy-generated",
    title: "arrays numpy makes decode to numpy's values and re-encode to numpy's bytes",
    arb: () => fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    check: checkGen,
    oracle: true,
    testRuns: 150,
  }),
  def<NestedCase>({
    id: "numpy-nested",
    title: "encode(nested JS arrays) writes what np.save(np.array(nested)) writes, or refuses",
    arb: nestedArb,
    check: checkNested,
    oracle: true,
    testRuns: 100,
  }),
  def<number[]>({
    id: "numpy-f16-doubles",
    title: "encode narrows JS numbers to float16 as numpy's float64 astype does",
    arb: () => fc.array(fc.oneof(fc.double(), nearHalfTies), { minLength: 1, maxLength: 32 }),
    check: checkF16FromDoubles,
    oracle: true,
    testRuns: 100,
    examples: [[1 + 2 ** -11 + 2 ** -30]],
  }),
  def<number[]>({
    id: "numpy-f16",
    title: "encode narrows float32 data to float16 as numpy's astype does",
    arb: () => fc.array(f32Bits, { minLength: 1, maxLength: 32 }),
    check: checkF16,
    oracle: true,
    testRuns: 100,
  }),
  ...NPZ_PROPERTIES,
  ...NPZ_WRITE_PROPERTIES.map((p) => def(p)),
  ...PICKLE_PROPERTIES,
  ...PICKLE_ENCODE_PROPERTIES,
];
