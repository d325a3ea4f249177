// Copyright 2026 the npy authors. MIT license.
// Arbitraries for broken and odd files: bit flips, header text edits, random
// bytes, huge or negative dims, deep nesting, giant header length fields,
// object dtypes at any depth, and descr strings from np.dtype's grammar.

import fc from "fast-check";
import type { DType, ScalarDType } from "../mod.ts";
import {
  dtypeArb,
  fileArb,
  type FileCase,
  fileWithHeader,
  headerEnd,
  headerText,
  latin1,
} from "./arbitraries.ts";
import { isLatin1, modelDescrRepr } from "./model.ts";

/** A file to feed to decode, with what was done to it. */
export interface MutantCase {
  file: Uint8Array;
  how: string;
  /** decode's maxHeaderSize, when not the default. */
  maxHeaderSize?: number;
}

const small = () => fileArb({ maxDepth: 2, maxCount: 6 });

// ---------------------------------------------------------------------------
// bit flips
// ---------------------------------------------------------------------------

/** 1 to 6 bit flips, mostly in the header. */
export function bitFlipArb(): fc.Arbitrary<MutantCase> {
  return small().chain((c) => {
    const end = headerEnd(c.file);
    const pos = fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 0, max: Math.max(0, end - 1) }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: c.file.length - 1 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 11 }) },
    );
    return fc.array(fc.tuple(pos, fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 6 })
      .map((flips) => {
        const f = c.file.slice();
        for (const [p, b] of flips) f[p] ^= 1 << b;
        return { file: f, how: `bit flips ${JSON.stringify(flips)}` };
      });
  });
}

// ---------------------------------------------------------------------------
// header text edits
// ---------------------------------------------------------------------------

/** Tokens spliced into header texts. */
export const HEADER_TOKENS = [
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ":",
  "'",
  '"',
  "'''",
  "\\",
  "L",
  "l",
  "j",
  "0",
  "1",
  "-1",
  "-",
  "+",
  "~",
  "9999999999999999999999",
  "18446744073709551616",
  "9223372036854775807",
  "9223372036854775808",
  "9007199254740993",
  "2**64",
  "1e3",
  "1.0",
  "1j",
  "1+2j",
  "True",
  "False",
  "None",
  "...",
  "'|O'",
  "'O'",
  "'<f8'",
  "'>i2'",
  "'S0'",
  "'V0'",
  "'U0'",
  "'S2147483647'",
  "'<M8[s/2]'",
  "'<M8[10ms]'",
  "'<m8[25s]'",
  "'M8[generic]'",
  "'i4,f8'",
  "'(2,3)i4'",
  "'3i4'",
  "'float64'",
  "'int'",
  "'l'",
  "'g'",
  "'a5'",
  "'c'",
  "'?'",
  "'|b1'",
  "'descr'",
  "'shape'",
  "'fortran_order'",
  "b'x'",
  "b'<f8'",
  "u'<f8'",
  "r'\\x'",
  "f'x'",
  "\n",
  "\t",
  " ",
  "  ",
  "#",
  "# c\n",
  "\x00",
  "\x0c",
  "\r",
  "\r\n",
  "\\\n",
  "\\N{DIGIT ONE}",
  "\\x41",
  "\\u0041",
  "\\U00000041",
  "\\101",
  "\\q",
  "\xe9",
  "\xa0",
  "\u4e2d",
  "\u{1f600}",
  "0x10",
  "0o7",
  "0b1",
  "1_0",
  "00",
  "01",
  "()",
  "[]",
  "{}",
  "set()",
  "not",
  "lambda",
  "__import__('os')",
  "'\\\\'",
  ";",
  "=",
  "*",
  "(1,)",
  "(0,)",
  "(-1,)",
  "(2, 3)",
  "[('a', '<i4')]",
  "[('', '|V4')]",
  "[(('t', 'a'), '<i4')]",
  "[((1, 'a'), '<i4')]",
  "[('a', '<i4', 2)]",
  "[('a', '<i4', (2,))]",
  "[('a', '<i4', ())]",
  "[('a', [('b', '|O')])]",
  "('<i4', (2,))",
  "('<i4', ())",
  "('<i4', 0)",
];

/** 1 to 3 edits of the header text, usually with the length field kept consistent. */
export function headerEditArb(): fc.Arbitrary<MutantCase> {
  return small().chain((c) => {
    const text = headerText(c.file);
    const data = c.file.subarray(headerEnd(c.file));
    const edit = fc.tuple(
      fc.integer({ min: 0, max: text.length }),
      fc.integer({ min: 0, max: 6 }),
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...HEADER_TOKENS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
      ),
    );
    return fc.tuple(
      fc.array(edit, { minLength: 1, maxLength: 3 }),
      fc.constantFrom(1, 2, 3),
      fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, {
        weight: 1,
        arbitrary: fc.constant(false),
      }),
      fc.oneof({ weight: 3, arbitrary: fc.constant(64) }, { weight: 1, arbitrary: fc.constant(0) }),
    ).map(([edits, version, consistent, align]) => {
      let t = text.trimEnd();
      for (const [at, del, ins] of edits) {
        const p = Math.min(at, t.length);
        t = t.slice(0, p) + ins + t.slice(p + del);
      }
      const file = fileWithHeader(t, { version, data, align });
      if (!consistent) {
        const lenAt = 8;
        file[lenAt] ^= 0x01;
      }
      return { file, how: `header edits ${JSON.stringify(edits)} v${version}` };
    });
  });
}

// ---------------------------------------------------------------------------
// random bytes
// ---------------------------------------------------------------------------

/** Random bytes, sometimes after a valid magic, version or length field. */
export function randomBytesArb(): fc.Arbitrary<MutantCase> {
  return fc.tuple(
    fc.constantFrom("none", "magic", "version", "length"),
    fc.constantFrom(1, 2, 3),
    fc.uint8Array({ maxLength: 300 }),
  ).map(([prefix, v, rest]) => {
    const head: number[] = [];
    if (prefix !== "none") head.push(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59);
    if (prefix === "version" || prefix === "length") head.push(v, 0);
    if (prefix === "length") {
      const n = rest.length;
      head.push(n & 0xff, (n >> 8) & 0xff);
      if (v > 1) head.push(0, 0);
    }
    const file = new Uint8Array(head.length + rest.length);
    file.set(head);
    file.set(rest, head.length);
    return { file, how: `random bytes after ${prefix}` };
  });
}

// ---------------------------------------------------------------------------
// huge or negative dims
// ---------------------------------------------------------------------------

const DIMS = [
  0n,
  1n,
  2n,
  3n,
  -1n,
  -2n,
  (1n << 31n) - 1n,
  1n << 31n,
  1n << 32n,
  (1n << 32n) + 1n,
  3037000500n,
  (1n << 53n) - 1n,
  1n << 53n,
  (1n << 53n) + 1n,
  1n << 62n,
  (1n << 63n) - 1n,
  1n << 63n,
  1n << 64n,
  -(1n << 63n),
  10n ** 30n,
  10n ** 100n,
];

const DIM_DESCRS = [
  "'<f8'",
  "'|u1'",
  "'|b1'",
  "'|S0'",
  "'|V0'",
  "'<U0'",
  "'|S1'",
  "'>U2'",
  "'|S2147483647'",
  "[]",
  "[('a', '|S0')]",
  "[('a', '<i4', (0,))]",
  "('<i4', (0,))",
  "[('a', '|V0'), ('b', '<U0')]",
  "'<i4'",
];

/** Shapes with huge, negative or many dims over a few dtypes (zero-size ones included). */
export function dimsArb(): fc.Arbitrary<MutantCase> {
  return fc.tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.array(fc.constantFrom(...DIMS), { maxLength: 4 }) },
      {
        weight: 1,
        arbitrary: fc.array(fc.constantFrom(0n, 1n, 2n), { minLength: 60, maxLength: 70 }),
      },
      {
        weight: 1,
        arbitrary: fc.array(fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }), { maxLength: 3 }),
      },
    ),
    fc.constantFrom(...DIM_DESCRS),
    fc.boolean(),
    fc.constantFrom(1, 2, 3),
    fc.uint8Array({ maxLength: 64 }),
  ).map(([dims, descr, fo, v, data]) => {
    const shape = dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(", ")})`;
    const text = `{'descr': ${descr}, 'fortran_order': ${
      fo ? "True" : "False"
    }, 'shape': ${shape}, }`;
    return { file: fileWithHeader(text, { version: v, data }), how: `dims ${shape} of ${descr}` };
  });
}

// ---------------------------------------------------------------------------
// deep nesting
// ---------------------------------------------------------------------------

/** Brackets nested 1 to 100000 deep in the descr, the shape or an extra key. */
export function nestingArb(): fc.Arbitrary<MutantCase> {
  return fc.tuple(
    fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 260 }) },
      { weight: 1, arbitrary: fc.constantFrom(199, 200, 201, 1000, 5000, 100000) },
    ),
    fc.constantFrom("descr-list", "descr-tuple", "descr-struct", "shape", "extra", "mixed", "open"),
    fc.constantFrom(1, 3),
  ).map(([depth, where, v]) => {
    let descr = "'<i4'";
    let shape = "(1,)";
    let extra = "";
    switch (where) {
      case "descr-list":
        descr = "[".repeat(depth) + "'<i4'" + "]".repeat(depth);
        break;
      case "descr-tuple":
        descr = "(".repeat(depth) + "'<i4'" + ", ())".repeat(depth);
        break;
      case "descr-struct":
        descr = "[('a', ".repeat(depth) + "'<i4'" + ")]".repeat(depth);
        break;
      case "shape":
        shape = "(".repeat(depth) + "1," + ")".repeat(depth);
        break;
      case "extra":
        extra = ", 'x': " + "[".repeat(depth) + "]".repeat(depth);
        break;
      case "mixed":
        extra = ", 'x': " + "([{".repeat(depth) + "}])".repeat(depth);
        break;
      case "open":
        descr = "[(".repeat(depth);
        break;
    }
    const text = `{'descr': ${descr}, 'fortran_order': False, 'shape': ${shape}${extra}, }`;
    return {
      file: fileWithHeader(text, { version: v, data: new Uint8Array(64) }),
      how: `nesting ${where} x${depth}`,
      maxHeaderSize: 1 << 30,
    };
  });
}

// ---------------------------------------------------------------------------
// giant header length fields
// ---------------------------------------------------------------------------

/** Header length fields far beyond the input, or just past it. */
export function headerLengthArb(): fc.Arbitrary<MutantCase> {
  return fc.tuple(
    small(),
    fc.oneof(
      fc.constantFrom(0, 1, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe),
      fc.integer({ min: 0, max: 0xffffffff }),
    ),
    fc.integer({ min: -3, max: 3 }),
    fc.oneof(fc.constant(undefined), fc.constantFrom(0, 1, 100, 1 << 30)),
  ).map(([c, big, near, maxHeaderSize]) => {
    const f = c.file.slice();
    const v = f[6];
    const lenBytes = v === 1 ? 2 : 4;
    const actual = headerEnd(f) - 8 - lenBytes;
    // Half the time a value near the real one.
    const value = near !== 0 && big % 2 === 0 ? Math.max(0, actual + near) : big;
    const field = lenBytes === 2 ? value & 0xffff : value;
    for (let k = 0; k < lenBytes; k++) f[8 + k] = Math.floor(field / 2 ** (8 * k)) & 0xff;
    const out: MutantCase = { file: f, how: `header length ${field} (real ${actual})` };
    if (maxHeaderSize !== undefined) out.maxHeaderSize = maxHeaderSize;
    return out;
  });
}

// ---------------------------------------------------------------------------
// truncation
// ---------------------------------------------------------------------------

/** A small canonical file (every prefix of it is then decoded). */
export function truncationArb(): fc.Arbitrary<FileCase> {
  return fileArb({ maxDepth: 2, maxCount: 6 });
}

// ---------------------------------------------------------------------------
// object dtypes at any depth
// ---------------------------------------------------------------------------

const O: ScalarDType = { kind: "O", byteOrder: "|", itemsize: 8 };

function leafCount(d: DType): number {
  if (d.kind === "struct") return d.fields.reduce((a, f) => a + leafCount(f.dtype), 0);
  if (d.kind === "subarray") return leafCount(d.base);
  return 1;
}

/** `d` with its k-th scalar leaf replaced by the object dtype (offsets recomputed). */
export function withObjectLeaf(d: DType, k: number): DType {
  let i = 0;
  const go = (t: DType): DType => {
    if (t.kind === "struct") {
      let shift = 0;
      const fields = t.fields.map((f) => {
        const nd = go(f.dtype);
        const out = { ...f, offset: f.offset + shift, dtype: nd };
        shift += nd.itemsize - f.dtype.itemsize;
        return out;
      });
      return { kind: "struct", fields, itemsize: t.itemsize + shift };
    }
    if (t.kind === "subarray") {
      const base = go(t.base);
      return { ...t, base, itemsize: base.itemsize * t.shape.reduce((a, b) => a * b, 1) };
    }
    return i++ === k ? O : t;
  };
  return go(d);
}

/** Spellings np.dtype() reads as the object dtype. */
export const OBJECT_SPELLINGS = [
  "|O",
  "O",
  "object",
  "O8",
  "|O8",
  "=O",
  "<O",
  ">O",
  "object_",
  "O4",
];

/** Headers whose descr holds `|O` somewhere: top level, in records, subarrays, at any depth. */
export function objectDescrArb(): fc.Arbitrary<MutantCase & { spelling: string }> {
  return fc.tuple(
    dtypeArb(4, 4096),
    fc.nat(),
    fc.constantFrom(...OBJECT_SPELLINGS),
    fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
    fc.constantFrom(1, 3),
    fc.constantFrom<"plain" | "subarray">("plain", "plain", "subarray"),
    fc.uint8Array({ maxLength: 64 }),
  ).filter(([d]) => leafCount(d) > 0).map(([d, k, spelling, shape, version, wrap, data]) => {
    let v = version;
    const od = withObjectLeaf(d, k % leafCount(d));
    let descr = modelDescrRepr(od).replaceAll(
      "'|O'",
      JSON.stringify(spelling).replaceAll('"', "'"),
    );
    if (wrap === "subarray") descr = `(${descr}, (2,))`;
    const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
    const text = `{'descr': ${descr}, 'fortran_order': False, 'shape': ${shapeText}, }`;
    if (!isLatin1(text)) v = 3;
    // A pickle stream as np.save writes for object arrays.
    const pickle = new Uint8Array([0x80, 0x04, 0x95, ...data, 0x2e]);
    return {
      file: fileWithHeader(text, { version: v, data: pickle }),
      how: `object dtype ${descr}`,
      maxHeaderSize: 1 << 30,
      spelling,
    };
  });
}

// ---------------------------------------------------------------------------
// descr strings from np.dtype's grammar
// ---------------------------------------------------------------------------

const TYPE_WORDS = [
  "b1",
  "i1",
  "u1",
  "i2",
  "u2",
  "i4",
  "u4",
  "i8",
  "u8",
  "i16",
  "u3",
  "f2",
  "f4",
  "f8",
  "f10",
  "f12",
  "f16",
  "c8",
  "c16",
  "c20",
  "c24",
  "c32",
  "b",
  "B",
  "h",
  "H",
  "i",
  "I",
  "l",
  "L",
  "q",
  "Q",
  "p",
  "P",
  "n",
  "N",
  "e",
  "f",
  "d",
  "g",
  "F",
  "D",
  "G",
  "?",
  "c",
  "S",
  "a",
  "U",
  "V",
  "O",
  "M",
  "m",
  "M8",
  "m8",
  "S0",
  "S1",
  "S7",
  "a3",
  "U0",
  "U1",
  "U5",
  "V0",
  "V3",
  "V16",
  "O8",
  "O4",
  "bool",
  "bool_",
  "int",
  "int8",
  "int64",
  "uint",
  "uint64",
  "float",
  "float16",
  "float64",
  "float96",
  "float128",
  "complex",
  "complex256",
  "longdouble",
  "clongdouble",
  "str",
  "str_",
  "unicode",
  "bytes",
  "bytes_",
  "void",
  "object",
  "datetime64",
  "timedelta64",
  "int0",
  "Float64",
  "double",
  "half",
  "intp",
  "uintp",
  "b2",
  "S2147483647",
  "S2147483648",
  "U536870911",
  "U536870912",
  "V2147483647",
  "i4 ",
];

const UNIT_TEXT = [
  "",
  "[s]",
  "[ms]",
  "[us]",
  "[μs]",
  "[ns]",
  "[Y]",
  "[M]",
  "[W]",
  "[D]",
  "[h]",
  "[m]",
  "[ps]",
  "[fs]",
  "[as]",
  "[generic]",
  "[10ms]",
  "[25s]",
  "[0s]",
  "[-1s]",
  "[2147483647s]",
  "[2147483648s]",
  "[s/2]",
  "[10s/3]",
  "[ms/1000]",
  "[D/24]",
  "[h/60]",
  "[ s ]",
  "[10 ms]",
  "[]",
  "[x]",
  "[B]",
  "[S]",
  "[1]",
  "[s",
  "[3generic]",
];

/** Type strings as np.dtype() might read them: orders, kinds, sizes, units, commas, shape prefixes. */
export function typeStringArb(): fc.Arbitrary<string> {
  const order = fc.constantFrom("", "", "<", ">", "=", "|", "!", "^", "@");
  const single = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.tuple(order, fc.constantFrom(...TYPE_WORDS)).map(([o, w]) => o + w),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(
        order,
        fc.constantFrom("M8", "m8", "M", "m", "datetime64", "timedelta64", "M4", "m16"),
        fc.constantFrom(...UNIT_TEXT),
      ).map(([o, k, u]) => o + k + u),
    },
  );
  const prefix = fc.constantFrom(
    "",
    "",
    "",
    "2",
    "(2,)",
    "(2,3)",
    "(0,)",
    "()",
    "(2)",
    "( 2 , )",
    "0",
  );
  const item = fc.tuple(prefix, single).map(([p, s]) => p + s);
  return fc.oneof(
    { weight: 3, arbitrary: item },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.array(item, { minLength: 1, maxLength: 3 }), fc.boolean()).map((
        [xs, t],
      ) => xs.join(",") + (t ? "," : "")),
    },
  );
}

/** A valid header around a random type string, with enough data for small itemsizes. */
export function descrStringArb(): fc.Arbitrary<MutantCase> {
  return fc.tuple(
    typeStringArb(),
    fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
    fc.constantFrom(1, 3),
    fc.oneof(
      { weight: 3, arbitrary: fc.uint8Array({ minLength: 256, maxLength: 256 }) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    ),
  ).map(([ts, shape, v, data]) => {
    const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
    const quoted = ts.includes("'") ? `"${ts}"` : `'${ts}'`;
    const text = `{'descr': ${quoted}, 'fortran_order': False, 'shape': ${shapeText}, }`;
    return { file: fileWithHeader(text, { version: v, data }), how: `descr ${quoted}` };
  });
}

/** Files whose header is made of random tokens around a dict. */
export function tokenSoupArb(): fc.Arbitrary<MutantCase> {
  return fc.tuple(
    fc.array(fc.constantFrom(...HEADER_TOKENS), { maxLength: 12 }),
    fc.constantFrom(1, 2, 3),
  ).map(([toks, v]) => {
    const text = "{'descr': '<i4', 'fortran_order': False, 'shape': (1,), " + toks.join("") + "}";
    return {
      file: fileWithHeader(text, { version: v, data: new Uint8Array(8) }),
      how: `token soup ${JSON.stringify(text)}`,
    };
  });
}

/** Any of the mutators (for the differential property). */
export function anyMutantArb(): fc.Arbitrary<MutantCase> {
  return fc.oneof(
    bitFlipArb(),
    headerEditArb(),
    randomBytesArb(),
    dimsArb(),
    nestingArb().filter((m) => m.file.length < 4000).map((m) => ({ file: m.file, how: m.how })),
    headerLengthArb().map((m) => ({ file: m.file, how: m.how })),
    objectDescrArb().filter((m) => m.file.length < 9000).map((m) => ({ file: m.file, how: m.how })),
    descrStringArb(),
    tokenSoupArb(),
    headerLimitArb(),
    tokenEditArb(),
    oddFieldArb(),
  );
}

export { latin1 };

// ---------------------------------------------------------------------------
// headers near numpy's 10000-character limit
// ---------------------------------------------------------------------------

/**
 * Headers of about 10000 characters (numpy's default max_header_size), in
 * every version, with names of multi-byte characters so that bytes and
 * characters differ in 3.0.
 */
export function headerLimitArb(): fc.Arbitrary<MutantCase> {
  return fc.tuple(
    fc.integer({ min: 9960, max: 10040 }),
    fc.constantFrom("a", "\xe9", "\u4e2d", "\u{1f600}"),
    fc.integer({ min: 0, max: 40 }),
    fc.constantFrom(1, 2, 3),
  ).map(([target, ch, nameLen, version]) => {
    const v = ch.codePointAt(0)! > 0xff ? 3 : version;
    const name = ch.repeat(nameLen);
    const text = `{'descr': [('${name}', '<i4')], 'fortran_order': False, 'shape': (1,), }`;
    const chars = [...text].length + 1; // and the newline
    const pad = Math.max(0, target - chars);
    const body = text + " ".repeat(pad);
    return {
      file: fileWithHeader(body, { version: v, align: 0, data: new Uint8Array(4) }),
      how: `header of ${[...body].length + 1} characters, version ${v}`,
    };
  });
}

// ---------------------------------------------------------------------------
// token-level header edits and odd field entries
// ---------------------------------------------------------------------------

const TOKEN_RE =
  /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[0-9][0-9A-Za-z_]*|[A-Za-z_][A-Za-z0-9_]*|\s+|./gs;

const NUMBER_LITERALS = [
  "0",
  "1",
  "2",
  "-1",
  "-0",
  "+2",
  "0x10",
  "0o17",
  "0b101",
  "1_000",
  "2L",
  "007",
  "1.0",
  "1e3",
  "2j",
  "True",
  "False",
  "None",
  "2147483648",
  "4294967296",
  "9223372036854775807",
  "9223372036854775808",
  "-9223372036854775808",
  "18446744073709551616",
  "(2)",
  "(2,)",
  "()",
  "[2]",
];

const STRING_LITERALS = [
  "''",
  "'a'",
  "'<i4'",
  "'>f8'",
  "'|V4'",
  "'S3'",
  "'U2'",
  "'O'",
  "'M8[ms]'",
  "'f8,i2'",
  "'(2,)i4'",
  "b'a'",
  "b'<i4'",
  "u'a'",
  "r'a\\'",
  "'a' 'b'",
  "'''a'''",
  '"a"',
  "'\\x00'",
  "'\\u4e2d'",
  "'\\N{LATIN SMALL LETTER A}'",
  "None",
  "1",
  "('t', 'a')",
  "(1, 'a')",
  "('t', 'a', 'x')",
  "[('a', '<i4')]",
];

/** Edits at token boundaries: replace, duplicate, drop, swap, wrap, or put space between tokens. */
export function tokenEditArb(): fc.Arbitrary<MutantCase> {
  return small().chain((c) => {
    const text = headerText(c.file).trimEnd();
    const toks = text.match(TOKEN_RE) ?? [text];
    const data = c.file.subarray(headerEnd(c.file));
    const op = fc.tuple(
      fc.constantFrom("number", "string", "dup", "drop", "swap", "wrap", "space", "comma"),
      fc.nat(),
      fc.nat(),
      fc.constantFrom(...NUMBER_LITERALS),
      fc.constantFrom(...STRING_LITERALS),
      fc.constantFrom(" ", "\t", "\n", "  # c\n", "\\\n", "\r\n", "\x0c"),
    );
    return fc.tuple(fc.array(op, { minLength: 1, maxLength: 3 }), fc.constantFrom(1, 2, 3)).map(
      ([ops, version]) => {
        const t = [...toks];
        for (const [kind, a, b, num, str, ws] of ops) {
          const i = a % t.length;
          switch (kind) {
            case "number": {
              const nums = t.map((x, k) => [x, k] as const).filter(([x]) => /^[0-9]/.test(x));
              if (nums.length) t[nums[a % nums.length][1]] = num;
              break;
            }
            case "string": {
              const strs = t.map((x, k) => [x, k] as const).filter(([x]) => /^['"]/.test(x));
              if (strs.length) t[strs[a % strs.length][1]] = str;
              break;
            }
            case "dup":
              t.splice(i, 0, t[i]);
              break;
            case "drop":
              t.splice(i, 1);
              break;
            case "swap": {
              const j = b % t.length;
              [t[i], t[j]] = [t[j], t[i]];
              break;
            }
            case "wrap":
              t[i] = `(${t[i]})`;
              break;
            case "space":
              t.splice(i, 0, ws);
              break;
            case "comma":
              t.splice(i, 0, ",");
              break;
          }
        }
        const out = t.join("");
        return {
          file: fileWithHeader(out, { version, data }),
          how: `token edits ${JSON.stringify(ops.map((o) => o.slice(0, 2)))}: ${
            JSON.stringify(out)
          }`,
        };
      },
    );
  });
}

/** Structured descrs with odd field entries: names, titles, shapes and descrs numpy may or may not take. */
export function oddFieldArb(): fc.Arbitrary<MutantCase> {
  const name = fc.constantFrom(
    "'a'",
    "''",
    "u'a'",
    "b'a'",
    "('t', 'a')",
    "('', 'a')",
    "('a', 'a')",
    "(None, 'a')",
    "(1, 'a')",
    "('t', 'a', 'x')",
    "('t',)",
    "1",
    "None",
    "'f0'",
    "'\\u4e2d'",
  );
  const descr = fc.constantFrom(
    "'<i4'",
    "'|V3'",
    "'|V0'",
    "'S0'",
    "'|O'",
    "[('b', '<f8')]",
    "[]",
    "('<i4', (2,))",
    "('<i4', ())",
    "'i4,f8'",
    "'(2,)i4'",
    "1",
    "None",
    "b'<i4'",
  );
  const shape = fc.constantFrom(
    undefined,
    "2",
    "(2,)",
    "()",
    "(0,)",
    "(2, 3)",
    "[2]",
    "(-1,)",
    "(2147483648,)",
    "'2'",
    "None",
    "(2.0,)",
    "True",
  );
  const field = fc.tuple(name, descr, shape, fc.constantFrom("(", "[")).map(([n, d, s, o]) =>
    `${o}${n}, ${d}${s === undefined ? "" : `, ${s}`}${o === "(" ? ")" : "]"}`
  );
  return fc.tuple(
    fc.array(field, { minLength: 0, maxLength: 3 }),
    fc.constantFrom("[", "("),
    fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
    fc.constantFrom(1, 3),
  ).map(([fields, open, dims, version]) => {
    const list = open === "["
      ? `[${fields.join(", ")}]`
      : `(${fields.join(", ")}${fields.length === 1 ? "," : ""})`;
    const shape = dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(", ")})`;
    const text = `{'descr': ${list}, 'fortran_order': False, 'shape': ${shape}, }`;
    return {
      file: fileWithHeader(text, { version, data: new Uint8Array(256) }),
      how: `fields ${list} shape ${shape}`,
    };
  });
}
