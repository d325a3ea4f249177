// Copyright 2026 the npy authors. MIT license.
// Fuzz: encode() of object arrays against numpy's np.save(allow_pickle=True),
// byte for byte: numpy 2 (the shared oracle) and numpy 1.x (/usr/bin/python3).
//
// Random JSON-like values (deep nesting, big ints, NaN/-0.0/inf, lone
// surrogates, lists and dicts of 999-2001 items, strings over 64 KiB, '|'
// and other one-character strings, repeated references, tuples, sets,
// complex, bytes, nested numeric and object arrays, numpy scalars, globals)
// travel to the oracle as tagged JSON that says which objects are the same
// object; Python builds them without other sharing and np.save()s them.

import assert from "node:assert/strict";
import fc from "fast-check";
import { encode, encodeParts } from "../codec/encode.ts";
import { decode } from "../codec/decode.ts";
import { type DescrJson, parseDescr } from "../codec/descr.ts";
import { writeHeader } from "../codec/header.ts";
import { NpyError } from "../codec/errors.ts";
import type { NpyArray } from "../codec/types.ts";
import {
  NpyScalar,
  PyByteArray,
  PyComplex,
  PyFrozenSet,
  PyGlobal,
  PyTuple,
} from "../pickle/values.ts";
import type { PickleFormat } from "../pickle/pickle.ts";
import { pyKey } from "../pickle/_pyhash.ts";
import { fromBase64, Oracle } from "./oracle.ts";
import type { Ctx, PropertyDef } from "./properties.ts";

/** One case: the top-level array, explicit or as nested lists. */
export interface PickleCase {
  mode: "explicit" | "nested" | "records";
  /** For "records": the structured dtype (with object fields) and one seed per field value. */
  records?: { descr: DescrJson; seeds: number[] };
  shape: number[];
  fortran: boolean;
  items: unknown[];
}

class Ref {
  constructor(readonly k: number) {}
}

const f64hex = (x: number): string => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, x, false);
  return [...b].map((v) => v.toString(16).padStart(2, "0")).join("");
};
const hex = (b: Uint8Array): string => [...b].map((v) => v.toString(16).padStart(2, "0")).join("");

const utf16 = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  ),
  maxLength: 12,
});

const oneChar = fc.oneof(
  fc.constantFrom("|", "<", ">", "", "a", "\u00ff", "\u0100", "\ud800", "\x00"),
  fc.integer({ min: 0, max: 0x2ff }).map((c) => String.fromCharCode(c)),
);

const bigString = fc.tuple(
  fc.integer({ min: 0, max: 300 }),
  fc.constantFrom("x", "é", "\ud83d\ude00"),
)
  .map(([k, c]) => c.repeat(Math.ceil((65536 - 260 + k) / c.length)));

const bigints = fc.oneof(
  fc.bigInt({ min: -300n, max: 70000n }),
  fc.constantFrom(
    -(2n ** 31n),
    2n ** 31n - 1n,
    2n ** 31n,
    -(2n ** 31n) - 1n,
    255n,
    256n,
    65535n,
    65536n,
    -1n,
    -128n,
    -129n,
    2n ** 63n,
    -(2n ** 63n),
    -(2n ** 39n),
  ),
  fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }),
  fc.bigInt({ min: 2n ** 2100n, max: 2n ** 2101n }), // LONG4
);

const doubles = fc.oneof(
  fc.double(),
  fc.constantFrom(NaN, -0, 0, Infinity, -Infinity, 1.5, 1, 2),
);

const hashable: fc.Arbitrary<unknown> = fc.oneof(
  utf16,
  oneChar,
  bigints,
  doubles.filter((x) => !Number.isNaN(x)),
  fc.boolean(),
  fc.constant(null),
  fc.uint8Array({ maxLength: 3 }),
);

const hashableKey: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hashable },
  { weight: 1, arbitrary: fc.array(hashable, { maxLength: 4 }).map((x) => new PyTuple(x)) },
);

const NUMERIC_DESCRS: DescrJson[] = [
  "<i4",
  ">f8",
  "|b1",
  "<U3",
  "|S2",
  "<M8[D]",
  ">m8[3s]",
  "<f2",
  "<c16",
  "|u1",
  "<i8",
  "|i1",
  ">U1",
  "|V3",
  "<m8",
  [["a", "<i4"], ["b", ">f8"]],
  [["a", "|u1"], ["", "|V3"], ["b", "<i2", [2]]],
  [[["t", "n"], "<f4"], ["m", "<U2"]],
  [["x", [["y", "|b1"], ["z", "<m8[s]"]]]],
  [["p", "|S3", [2, 1]], ["q", "<c8"]],
];
/** Structured dtypes with object fields (records are tuples of Python values). */
const RECORD_DESCRS: DescrJson[] = [
  [["a", "|O"], ["b", "<i4"]],
  [["o", "|O"]],
  [["x", "<f8"], ["y", "|O"], ["z", "|b1"]],
  [["s", "|S2"], ["u", "<U3"], ["c", "<c8"], ["p", "|O"]],
  [["a", "|O"], ["", "|V2"], ["b", "<u2"]],
  [[["t", "n"], "|O"], ["m", "<i8"], ["f", "<f4"], ["h", "<f2"]],
];

const SCALAR_DESCRS = ["<i4", "<f8", "|b1", "|u1", "<i8", "<c8", "<f2", "|i1", "<u2"];

const shapeArb = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
  fc.constant<number[]>([1]),
);

function count(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A numeric array with canonical bytes (decode of random bytes, as the codec writes them). */
const numericArray = fc.record({
  descr: fc.constantFrom(...NUMERIC_DESCRS),
  shape: shapeArb,
  fortran: fc.boolean(),
  seed: fc.uint8Array({ minLength: 64, maxLength: 64 }),
}).map(({ descr, shape, fortran, seed }): NpyArray => {
  const dtype = parseDescr(descr);
  const n = count(shape) * dtype.itemsize;
  const raw = new Uint8Array(n);
  for (let i = 0; i < n; i++) raw[i] = seed[i % 64] ^ (i * 7);
  if (dtype.kind === "b") raw.forEach((_, i) => (raw[i] &= 1));
  const header = writeHeader({ dtype, shape, fortranOrder: fortran });
  const file = new Uint8Array(header.length + n);
  file.set(header);
  file.set(raw, header.length);
  return decode(file);
});

const scalar = fc.record({
  descr: fc.constantFrom(...SCALAR_DESCRS),
  seed: fc.uint8Array({ minLength: 16, maxLength: 16 }),
}).map(({ descr, seed }) => {
  const dtype = parseDescr(descr);
  const raw = seed.slice(0, dtype.itemsize);
  if (dtype.kind === "b") raw[0] &= 1;
  const header = writeHeader({ dtype, shape: [], fortranOrder: false });
  const file = new Uint8Array(header.length + raw.length);
  file.set(header);
  file.set(raw, header.length);
  return new NpyScalar(dtype, decode(file).data);
});

const GLOBALS: [string, string][] = [
  ["builtins", "range"],
  ["builtins", "complex"],
  ["builtins", "set"],
  ["collections", "OrderedDict"],
  ["numpy", "ndarray"],
  ["numpy", "dtype"],
];

function uniqueKeys(entries: [unknown, unknown][]): [unknown, unknown][] {
  const seen = new Set<string>();
  return entries.filter(([k]) => {
    const h = pyKey(k)!;
    if (seen.has(h)) return false;
    seen.add(h);
    return true;
  });
}

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 12, arbitrary: hashable },
    { weight: 2, arbitrary: oneChar },
    { weight: 1, arbitrary: doubles },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 1000 }).map((k) => new Ref(k)) },
    { weight: 4, arbitrary: fc.array(tie("value"), { maxLength: 5 }) },
    { weight: 2, arbitrary: fc.array(tie("value"), { maxLength: 5 }).map((x) => new PyTuple(x)) },
    {
      weight: 3,
      arbitrary: fc.array(fc.tuple(hashableKey, tie("value")), { maxLength: 4 })
        .map((e) => new Map(uniqueKeys(e))),
    },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(utf16, tie("value")), { maxLength: 3 })
        .map((e) => Object.fromEntries(e.filter(([k]) => k !== "__proto__"))),
    },
    {
      weight: 1,
      arbitrary: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 5 })
        .map((x) => x.sort((a, b) => a - b).map(BigInt))
        .chain((x) => fc.constantFrom(new Set(x), new PyFrozenSet(x))),
    },
    { weight: 1, arbitrary: fc.tuple(doubles, doubles).map(([a, b]) => new PyComplex(a, b)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 3 }).map((b) => new PyByteArray(b)) },
    { weight: 1, arbitrary: numericArray },
    { weight: 1, arbitrary: scalar },
    { weight: 1, arbitrary: fc.constantFrom(...GLOBALS).map(([m, n]) => new PyGlobal(m, n)) },
    {
      weight: 1,
      arbitrary: fc.tuple(shapeArb, fc.boolean(), fc.array(tie("value"), { maxLength: 27 }))
        .map(([shape, fortran, xs]): NpyArray => {
          const n = count(shape);
          const data = Array.from({ length: n }, (_, i) => xs.length ? xs[i % xs.length] : null);
          return { dtype: parseDescr("|O"), shape, fortranOrder: fortran, data };
        }),
    },
  ),
}));

/** Rare big things: long lists and dicts, a string over 64 KiB, deep nesting. */
const bigValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.tuple(fc.integer({ min: 995, max: 2005 }), fc.constantFrom(999, 1000, 1001, 2000, 2001))
    .chain(([n, m]) => fc.constantFrom(n, m))
    .chain((n) =>
      fc.constantFrom(
        Array.from({ length: n }, (_, i) => BigInt(i)),
        new Map(Array.from({ length: n }, (_, i) => [BigInt(i), i % 3 === 0 ? "|" : null])),
        new Set(Array.from({ length: Math.min(n, 7) }, (_, i) => BigInt(i))),
      )
    ),
  bigString,
  fc.uint8Array({ minLength: 65530, maxLength: 65540 }),
  fc.tuple(fc.integer({ min: 1, max: 420 }), fc.constantFrom("list", "tuple", "dict"))
    .map(([depth, kind]) => {
      let x: unknown = "|";
      for (let i = 0; i < depth; i++) {
        x = kind === "list" ? [x] : kind === "tuple" ? new PyTuple([x, 1n]) : new Map([["k", x]]);
      }
      return x;
    }),
);

const pickleCaseArb = (): fc.Arbitrary<PickleCase> =>
  fc.record({
    mode: fc.constantFrom<"explicit" | "nested" | "records">(
      "explicit",
      "explicit",
      "nested",
      "records",
    ),
    records: fc.record({
      descr: fc.constantFrom(...RECORD_DESCRS),
      seeds: fc.array(fc.integer(), { minLength: 64, maxLength: 64 }),
    }),
    shape: shapeArb,
    fortran: fc.boolean(),
    items: fc.array(
      fc.oneof({ weight: 15, arbitrary: value }, { weight: 1, arbitrary: bigValue }),
      {
        maxLength: 12,
      },
    ),
  });

/** A structured array with object fields: JS columns, and the records for the oracle. */
function recordsCase(c: PickleCase, items: unknown[]) {
  const dtype = parseDescr(c.records!.descr);
  if (dtype.kind !== "struct") throw new Error("records need a structured descr");
  const n = count(c.shape);
  const seeds = c.records!.seeds;
  let k = 0;
  const seed = () => seeds[k++ % seeds.length];
  const columns: Record<string, unknown> = {};
  const rows: unknown[][] = Array.from({ length: n }, () => []);
  const ids = new Map<object, number>();
  for (const f of dtype.fields) {
    const dt = f.dtype as { kind: string; itemsize: number };
    const values: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const s = seed();
      let v: unknown;
      let t: unknown;
      switch (dt.kind) {
        case "O":
          v = items.length ? items[(i + Math.abs(s)) % items.length] : null;
          t = tagged(v, ids);
          break;
        case "i":
        case "u":
          v = dt.kind === "u" ? BigInt(Math.abs(s) % 65536) : BigInt(s);
          t = { i: String(v) };
          break;
        case "f": {
          const x = dt.itemsize === 2
            ? (s % 2048) / 8
            : dt.itemsize === 4
            ? Math.fround(s / 7)
            : s / 7;
          v = x;
          t = { f: f64hex(x) };
          break;
        }
        case "b":
          v = s % 2 === 0;
          t = v;
          break;
        case "c": {
          const re = Math.fround(s / 3), im = Math.fround(-s / 5);
          v = [re, im];
          t = { c: [f64hex(re), f64hex(im)] };
          break;
        }
        case "S": {
          const str = String.fromCharCode(0x41 + Math.abs(s) % 26).repeat(Math.abs(s) % 3);
          v = str;
          t = { b: hex(Uint8Array.from(str, (ch) => ch.charCodeAt(0))) };
          break;
        }
        default: { // U
          const str = ["", "é", "|", "ab\ud800", "xyz", "\u{1F600}"][Math.abs(s) % 6];
          v = str;
          t = str;
        }
      }
      values.push(v);
      rows[i].push(t);
    }
    if (dt.kind === "c") {
      const flat = (values as number[][]).flat();
      columns[f.name] = dt.itemsize === 8 ? Float32Array.from(flat) : Float64Array.from(flat);
    } else if (dt.kind === "i" || dt.kind === "u" || dt.kind === "b" || dt.kind === "f") {
      columns[f.name] = values.map((x) => typeof x === "boolean" ? Number(x) : x);
    } else columns[f.name] = values;
  }
  // Storage order is Fortran when asked; the oracle fills in storage order too.
  return {
    input: { dtype, shape: c.shape, fortranOrder: c.fortran, data: columns },
    req: { records: rows, descr: descrStr(dtype), shape: c.shape, fortran: c.fortran },
  };
}

/** Resolves Ref leaves to objects met earlier (never an ancestor), as a DAG. */
function resolveRefs(c: PickleCase): unknown[] {
  const done: object[] = [];
  const fix = (v: unknown): unknown => {
    if (v instanceof Ref) return done.length ? done[v.k % done.length] : null;
    let out = v;
    if (Array.isArray(v)) out = v.map(fix);
    else if (v instanceof PyTuple) out = new PyTuple(v.items.map(fix));
    else if (v instanceof Map) out = new Map([...v].map(([k, x]) => [k, fix(x)]));
    else if (typeof v === "object" && v !== null && "dtype" in v && "shape" in v) {
      const a = v as NpyArray;
      if (a.dtype.kind === "O") out = { ...a, data: (a.data as unknown[]).map(fix) };
    } else if (
      typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype
    ) {
      out = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fix(x)]));
    }
    if (typeof out === "object" && out !== null && !(out instanceof PyGlobal)) done.push(out);
    return out;
  };
  return c.items.map(fix);
}

/** The tagged JSON of a value; objects met twice become {"ref": id}. */
function tagged(v: unknown, ids: Map<object, number>): unknown {
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "bigint") return { i: v.toString() };
  if (typeof v === "number") return { f: f64hex(v) };
  const o = v as object;
  const seen = ids.get(o);
  if (seen !== undefined) return { ref: seen };
  const id = ids.size;
  ids.set(o, id);
  const node = (tag: string, body: unknown) => ({ id, [tag]: body });
  if (Array.isArray(o)) return node("list", o.map((x) => tagged(x, ids)));
  if (o instanceof PyTuple) return node("tuple", o.items.map((x) => tagged(x, ids)));
  if (o instanceof PyByteArray) return node("ba", hex(o));
  if (o instanceof Uint8Array) return node("b", hex(o));
  if (o instanceof PyFrozenSet) return node("fset", [...o].map((x) => tagged(x, ids)));
  if (o instanceof Set) return node("set", [...o].map((x) => tagged(x, ids)));
  if (o instanceof Map) {
    return node("dict", [...o].map(([k, x]) => [tagged(k, ids), tagged(x, ids)]));
  }
  if (o instanceof PyComplex) return node("c", [f64hex(o.re), f64hex(o.im)]);
  if (o instanceof PyGlobal) return node("g", [o.module, o.name]);
  if (o instanceof NpyScalar) {
    const { data } = encodeParts(o.toArray());
    return node("sc", { descr: descrStr(o.dtype), hex: hex(data) });
  }
  if ("dtype" in o && "shape" in o) {
    const a = o as NpyArray;
    if (a.dtype.kind === "O") {
      return node("oarr", {
        shape: a.shape,
        fortran: a.fortranOrder,
        items: (a.data as unknown[]).map((x) => tagged(x, ids)),
      });
    }
    const { data } = encodeParts(a);
    return node("arr", {
      descr: descrStr(a.dtype),
      shape: a.shape,
      fortran: a.fortranOrder,
      hex: hex(data),
    });
  }
  return node("dict", Object.entries(o).map(([k, x]) => [k, tagged(x, ids)]));
}

function descrStr(dt: NpyArray["dtype"]): string {
  const h = writeHeader({ dtype: dt, shape: [], fortranOrder: false }, { allowPickle: true });
  const text = String.fromCharCode(...h.subarray(10));
  return /'descr': (.*), 'fortran_order'/.exec(text)![1].replace(/^'(.*)'$/, "$1");
}

function firstDiff(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

async function checkPickle(c: PickleCase, oracle: Oracle, format: PickleFormat): Promise<void> {
  const items = resolveRefs(c);
  let input: unknown;
  let req: Parameters<Oracle["pickle"]>[0];
  if (c.mode === "records") {
    const r = recordsCase(c, items);
    input = r.input;
    req = r.req;
  } else if (c.mode === "nested") {
    input = items;
    req = { nested: tagged(items, new Map()) };
  } else {
    const n = count(c.shape);
    const data = Array.from({ length: n }, (_, i) => items.length ? items[i % items.length] : null);
    input = { dtype: "|O", shape: c.shape, fortranOrder: c.fortran, data };
    const ids = new Map<object, number>();
    req = { items: data.map((x) => tagged(x, ids)), shape: c.shape, fortran: c.fortran };
  }
  let mine: Uint8Array | NpyError;
  try {
    mine = encode(input as never, { allowPickle: true, pickleFormat: format });
  } catch (e) {
    if (!(e instanceof NpyError)) throw e;
    mine = e;
  }
  const ans = await oracle.pickle(req);
  if (ans.refused !== undefined) {
    tally(mine instanceof NpyError ? "both refused" : "numpy refused");
    assert.ok(
      mine instanceof NpyError,
      `numpy refused (${ans.refused}) but encode wrote ${(mine as Uint8Array).length} bytes`,
    );
    return;
  }
  if (c.mode === "nested" && !(mine instanceof NpyError) && !isObjectFile(mine)) {
    tally("fixed-width (no pickle)");
    return; // values with a fixed-width dtype: encode writes them without pickle
  }
  if (mine instanceof NpyError) {
    tally(`we refuse: ${/nest too deeply|would unpack|up to 32/.exec(mine.message)?.[0]}`);
    // Deliberate, documented refusals of what numpy writes.
    assert.match(
      mine.message,
      /nest too deeply|would unpack|up to 32/,
      `encode refused: ${mine.message}`,
    );
    return;
  }
  const theirs = fromBase64(ans.file!);
  tally(theirs.length > 65536 ? "compared, > 64 KiB" : "compared");
  if (!sameBytes(mine, theirs)) {
    const at = firstDiff(mine, theirs);
    assert.fail(
      `bytes differ at ${at} (ours ${mine.length}, numpy ${theirs.length} bytes): ours ${
        hex(mine.subarray(Math.max(0, at - 16), at + 16))
      } numpy ${hex(theirs.subarray(Math.max(0, at - 16), at + 16))}`,
    );
  }
}

function isObjectFile(f: Uint8Array): boolean {
  return new TextDecoder("latin1").decode(f.subarray(0, 64)).includes("'descr': '|O'");
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** How the checked cases ended (for measuring the generator). */
export const pickleStats: Record<string, number> = {};
const tally = (k: string) => void (pickleStats[k] = (pickleStats[k] ?? 0) + 1);

let numpy1: Promise<Oracle | string> | undefined;

/** The numpy 1.x oracle (/usr/bin/python3), started on first use. */
export function numpy1Oracle(): Promise<Oracle | string> {
  numpy1 ??= Oracle.start("/usr/bin/python3", 1).then(async (o) => {
    if (typeof o !== "string" && !o.numpy.startsWith("1.")) {
      await o.close();
      return `/usr/bin/python3 has numpy ${o.numpy}, not 1.x`;
    }
    return o;
  });
  return numpy1;
}

/** Stops the numpy 1.x oracle, if started. */
export async function closeNumpy1Oracle(): Promise<void> {
  if (!numpy1) return;
  const o = await numpy1;
  numpy1 = undefined;
  if (typeof o !== "string") await o.close();
}

/** The pickle encode properties (ids start with `encode-pickle`). */
export const PICKLE_ENCODE_PROPERTIES: PropertyDef<unknown>[] = [
  {
    id: "encode-pickle-numpy2",
    title: "encode(object array, {allowPickle}) writes np.save's bytes (numpy 2, protocol 4)",
    arb: pickleCaseArb as () => fc.Arbitrary<unknown>,
    check: (c: unknown, ctx: Ctx) => checkPickle(c as PickleCase, ctx.oracle!, "numpy2"),
    oracle: true,
    testRuns: 60,
  },
  {
    id: "encode-pickle-numpy1",
    title: "encode(object array, {pickleFormat: 'numpy1'}) writes numpy 1.x np.save's bytes",
    arb: pickleCaseArb as () => fc.Arbitrary<unknown>,
    check: async (c: unknown) => {
      const o = await numpy1Oracle();
      if (typeof o === "string") throw new Error(`no numpy 1.x oracle: ${o}`);
      await checkPickle(c as PickleCase, o, "numpy1");
    },
    oracle: true,
    testRuns: 40,
  },
];
