// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { encode } from "../codec/encode.ts";
import { decode } from "../codec/decode.ts";
import { type DescrJson, parseDescr } from "../codec/descr.ts";
import { NpyError } from "../codec/errors.ts";
import type { NpyArray } from "../codec/types.ts";
import { MAX_PICKLE_DEPTH, pickleObjectArray } from "./pickle.ts";
import { NpyScalar, PyByteArray, PyComplex, PyFrozenSet, PyGlobal, PyTuple } from "./values.ts";

const DIR = new URL("./testdata/", import.meta.url);

type Tagged = null | boolean | string | { [tag: string]: unknown };

function fromHex(h: string): Uint8Array {
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function f64(h: string): number {
  return new DataView(fromHex(h).buffer).getFloat64(0, false);
}

/** A version 1.0 header around a descr given as numpy's text (structured descrs included). */
function rawHeader(descr: string, shape: number[], fortran: boolean): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let text = `{'descr': ${descr.startsWith("[") ? descr : `'${descr}'`}, 'fortran_order': ${
    fortran ? "True" : "False"
  }, 'shape': ${shapeText}, }`;
  text += " ".repeat(63 - ((10 + text.length) % 64)) + "\n";
  const out = new Uint8Array(10 + text.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length & 0xff, text.length >> 8]);
  for (let i = 0; i < text.length; i++) out[10 + i] = text.charCodeAt(i);
  return out;
}

function numericArray(descr: string, shape: number[], fortran: boolean, raw: Uint8Array): NpyArray {
  const header = rawHeader(descr, shape, fortran);
  const file = new Uint8Array(header.length + raw.length);
  file.set(header);
  file.set(raw, header.length);
  return decode(file);
}

/** The JS value of a tagged JSON node (see testdata/make_pickles.py). */
function build(node: Tagged, refs: Map<number, unknown>): unknown {
  if (node === null || typeof node === "boolean" || typeof node === "string") return node;
  if ("ref" in node) return refs.get(node.ref as number);
  const [tag, body] = Object.entries(node).find(([k]) => k !== "id")!;
  const b = body as never;
  let out: unknown;
  const keep = (v: unknown) => {
    if ("id" in node) refs.set(node.id as number, v);
    return v;
  };
  switch (tag) {
    case "i":
      return BigInt(b);
    case "f":
      return f64(b);
    case "rep":
      return (b[0] as string).repeat(b[1]);
    case "ilist":
      return Array.from({ length: b }, (_, i) => BigInt(i));
    case "idict": {
      const [n, v] = b as [number, Tagged];
      return new Map(Array.from({ length: n }, (_, i) => [BigInt(i), build(v, refs)]));
    }
    case "list": {
      const list: unknown[] = [];
      keep(list);
      for (const x of b as Tagged[]) list.push(build(x, refs));
      return list;
    }
    case "dict": {
      const map = new Map();
      keep(map);
      for (const [k, v] of b as [Tagged, Tagged][]) map.set(build(k, refs), build(v, refs));
      return map;
    }
    case "b":
      out = fromHex(b);
      break;
    case "brep": {
      const unit = fromHex(b[0]);
      const bytes = new Uint8Array(unit.length * (b[1] as number));
      for (let i = 0; i < b[1]; i++) bytes.set(unit, i * unit.length);
      out = bytes;
      break;
    }
    case "ba":
      out = new PyByteArray(fromHex(b));
      break;
    case "c":
      out = new PyComplex(build(b[0], refs) as number, build(b[1], refs) as number);
      break;
    case "tuple":
      out = new PyTuple((b as Tagged[]).map((x) => build(x, refs)));
      break;
    case "set":
      out = new Set((b as Tagged[]).map((x) => build(x, refs)));
      break;
    case "fset":
      out = new PyFrozenSet((b as Tagged[]).map((x) => build(x, refs)));
      break;
    case "g":
      out = new PyGlobal(b[0], b[1]);
      break;
    case "arr": {
      const a = b as { descr: string; shape: number[]; fortran: boolean; hex: string };
      out = numericArray(a.descr, a.shape, a.fortran, fromHex(a.hex));
      break;
    }
    case "oarr": {
      const a = b as { shape: number[]; fortran: boolean; items: Tagged[] };
      out = {
        dtype: parseDescr("|O"),
        shape: a.shape,
        fortranOrder: a.fortran,
        data: a.items.map((x) => build(x, refs)),
      };
      break;
    }
    case "sc": {
      const s = b as { descr: string; hex: string };
      const a = numericArray(s.descr, [], false, fromHex(s.hex));
      out = new NpyScalar(a.dtype, a.data);
      break;
    }
    default:
      throw new Error(`unknown tag ${tag}`);
  }
  return keep(out);
}

interface Case {
  records?: Tagged[][];
  descr?: DescrJson;
  nested?: Tagged;
  items?: Tagged[];
  shape?: number[];
  fortran?: boolean;
}

const { cases } = JSON.parse(Deno.readTextFileSync(new URL("cases.json", DIR))) as {
  cases: Record<string, Case>;
};

/** Columns of a structured array with object fields, from its records. */
function recordColumns(c: Case, refs: Map<number, unknown>): unknown {
  const dtype = parseDescr(c.descr!);
  if (dtype.kind !== "struct") throw new Error("records need a structured descr");
  const columns: Record<string, unknown[]> = {};
  dtype.fields.forEach((f, j) => {
    const col: unknown[] = [];
    for (const r of c.records!) {
      const v = build(r[j], refs);
      if (f.dtype.kind === "c") col.push((v as PyComplex).re, (v as PyComplex).im);
      else if (f.dtype.kind === "S") col.push(String.fromCharCode(...(v as Uint8Array)));
      else if (f.dtype.kind === "b") col.push(v ? 1 : 0);
      else col.push(v);
    }
    columns[f.name] = col;
  });
  return { dtype, shape: c.shape, fortranOrder: c.fortran, data: columns };
}

function input(c: Case): unknown {
  const refs = new Map<number, unknown>();
  if (c.records !== undefined) return recordColumns(c, refs);
  if (c.nested !== undefined) return build(c.nested, refs);
  return {
    dtype: "|O",
    shape: c.shape,
    fortranOrder: c.fortran,
    data: c.items!.map((x) => build(x, refs)),
  };
}

function firstDiff(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

for (const [name, c] of Object.entries(cases)) {
  for (const [format, suffix] of [["numpy2", ".npy"], ["numpy1", ".np1.npy"]] as const) {
    Deno.test(`encode() writes numpy's bytes for object array '${name}' (${format})`, () => {
      const want = Deno.readFileSync(new URL(name + suffix, DIR));
      const got = encode(input(c) as never, { allowPickle: true, pickleFormat: format });
      assert.equal(firstDiff(got, want), -1, `first difference at byte ${firstDiff(got, want)}`);
    });
  }
}

Deno.test("encode() refuses object arrays without allowPickle, in numpy's words", () => {
  assert.throws(
    () => encode([new Map([["a", 1n]]), [2n, 3n], "string"]),
    (e) =>
      e instanceof NpyError && e.code === "OBJECT_ARRAY" && /allow_pickle=False/.test(e.message),
  );
  assert.throws(
    () => encode({ dtype: "|O", data: [null] }),
    (e) => e instanceof NpyError && e.code === "OBJECT_ARRAY",
  );
});

Deno.test("encode() shares one-character strings with the dtype's '|' (a memo BINGET)", () => {
  const f = encode(["|", 1n, 2n ** 70n], { allowPickle: true });
  // '|' is written once (SHORT_BINUNICODE, in the dtype state), then fetched with BINGET.
  let n = 0;
  for (let i = 0; i + 2 < f.length; i++) {
    if (f[i] === 0x8c && f[i + 1] === 1 && f[i + 2] === 0x7c) n++;
  }
  assert.equal(n, 1);
});

function refusal(v: unknown, re: RegExp, code = "PICKLE_UNSUPPORTED") {
  assert.throws(
    () => encode({ dtype: "|O", data: [v] }, { allowPickle: true }),
    (e) => e instanceof NpyError && e.code === code && re.test(e.message),
  );
}

Deno.test("encode() refuses values Python cannot hold or numpy cannot write", () => {
  refusal(new Map([[[1n], "x"]]), /not hashable/);
  refusal(new Map<unknown, string>([[1n, "a"], [1, "b"]]), /equal in Python/);
  refusal(new Set<unknown>([true, 1n]), /equal in Python/);
  refusal(new Set([new Set()]), /not hashable/);
  refusal(undefined, /cannot pickle a JS undefined/);
  refusal(new Int32Array(2), /cannot pickle a Int32Array/);
  refusal(() => 1, /cannot pickle a JS function/);
  let deep: unknown = null;
  for (let i = 0; i < MAX_PICKLE_DEPTH; i++) deep = [deep];
  refusal(deep, /nest too deeply/);
  refusal(
    { dtype: parseDescr([["a", "|O"]]), shape: [1], fortranOrder: false, data: { a: [null] } },
    /structured dtypes with object fields/,
  );
  refusal(new NpyScalar(parseDescr(">i4"), new Int32Array([1])), /native byte order/);
});

Deno.test("encode() writes object fields only beside scalar fields, and refuses the rest clearly", () => {
  const ok = encode({ dtype: [["a", "|O"], ["b", "<i4"]], data: { a: ["x"], b: [5] } }, {
    allowPickle: true,
  });
  assert.match(new TextDecoder().decode(ok.subarray(10, 80)), /\('a', '\|O'\), \('b', '<i4'\)/);
  assert.throws(
    () =>
      encode({ dtype: [["a", "|O"], ["t", "<M8[s]"]], data: { a: [null], t: [0n] } }, {
        allowPickle: true,
      }),
    (e) =>
      e instanceof NpyError && e.code === "PICKLE_UNSUPPORTED" &&
      /field 't' of kind M/.test(e.message),
  );
  assert.throws(
    () => encode({ dtype: [["a", "|O"]], data: { a: [null] } }),
    (e) => e instanceof NpyError && e.code === "OBJECT_ARRAY",
  );
});

Deno.test("encode() refuses a shape that disagrees with the element count", () => {
  assert.throws(
    () => encode({ dtype: "|O", shape: [3], data: [1n] }, { allowPickle: true }),
    (e) => e instanceof NpyError && e.code === "INVALID_ARRAY",
  );
  assert.throws(
    () => pickleObjectArray({ shape: [2], data: [1n] }),
    (e) => e instanceof NpyError && e.code === "INVALID_ARRAY",
  );
});

Deno.test("encode() infers shapes as np.array(nested, dtype=object)", () => {
  const shapeOf = (x: unknown[]) => {
    const f = encode(x as never, { allowPickle: true });
    return /'shape': \(([^)]*)\)/.exec(new TextDecoder().decode(f.subarray(0, 128)))![1];
  };
  assert.equal(shapeOf([[1n, 2n], [3n]]), "2,");
  assert.equal(shapeOf([[1n, 2n], 3n, "a"]), "3,");
  assert.equal(shapeOf([[[1n], [2n]], [[3n], 4n]]), "2, 2");
  assert.equal(shapeOf([[], [null]]), "2,");
  assert.equal(shapeOf([[null], [2n]]), "2, 1");
  assert.equal(shapeOf([new PyTuple([1n, null]), [3n, 4n]]), "2, 2");
  assert.equal(shapeOf([new Map(), "x"]), "2,");
  assert.throws(
    () =>
      encode(
        [[1n, 2n], {
          dtype: parseDescr("<i8"),
          shape: [2],
          fortranOrder: false,
          data: new BigInt64Array(2),
        }] as never,
        { allowPickle: true },
      ),
    (e) => e instanceof NpyError && /would unpack/.test(e.message),
  );
});

Deno.test("pickleObjectArray() rejects an unknown pickleFormat", () => {
  assert.throws(
    () => pickleObjectArray({ shape: [0], data: [] }, { pickleFormat: "numpy3" as never }),
    (e) => e instanceof NpyError && e.code === "INVALID_OPTION",
  );
});

Deno.test("saveSync() with allowPickle writes numpy's object-array file", async () => {
  const { saveSync } = await import("../fs/file.ts");
  const path = await Deno.makeTempFile({ suffix: ".npy" });
  try {
    saveSync(path, [{ a: 1n }, [2n, 3n], "string"], { allowPickle: true });
    assert.deepEqual(Deno.readFileSync(path), Deno.readFileSync(new URL("tutorial.npy", DIR)));
  } finally {
    Deno.removeSync(path);
  }
});
