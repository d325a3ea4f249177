// Copyright 2026 the npy authors. MIT license.
// Reader compatibility: one rule table per third-party reader, each
// simulating what that reader's code does with a file's bytes. A table is
// evaluated in the reader's own order and stops at the first fatal rule
// (where the reader throws, panics or returns wrong data). Tables are only
// evaluated when numpy can read the header.

import type { DescrJson } from "../codec/descr.ts";
import { hasObject } from "../codec/_descr.ts";
import type { Facts } from "./_rules.ts";
import type { ReaderIssue, ReaderName, ReaderReport, ReaderVerdict } from "./_catalog.ts";

/** One rule of a reader table. */
interface ReaderRule<S> {
  /** `<reader>/<rule>`, stable. */
  id: string;
  /** The reader fails or returns wrong data (rather than a caveat). */
  fatal: boolean;
  /** One line for the documentation. */
  summary: string;
  /** The message when the file trips the rule, else undefined. */
  check(f: Facts, s: S): string | undefined;
}

/** A reader's rule table. */
interface ReaderTable<S> {
  name: ReaderName;
  /** The version and the source the table was read from. */
  source: string;
  prepare(f: Facts): S;
  rules: ReaderRule<S>[];
}

/** A reader rule as documented: id, whether it is fatal, what it checks. */
export interface ReaderRuleInfo {
  /** `<reader>/<rule>`. */
  readonly id: string;
  /** Whether the reader fails or returns wrong data when the rule fires. */
  readonly fatal: boolean;
  /** What the rule checks. */
  readonly summary: string;
}

/** A reader and its rule table. */
export interface ReaderInfo {
  /** The reader's name. */
  readonly name: ReaderName;
  /** The version modelled and where its behaviour was read. */
  readonly source: string;
  /** Its rules, in the order the reader meets them. */
  readonly rules: readonly ReaderRuleInfo[];
}

// ---------------------------------------------------------------- helpers

/**
 * The first rule of every table: none of the readers modelled reads object
 * arrays (their data is a pickle; each would need a pickle interpreter).
 */
function objectRule<S>(): ReaderRule<S> {
  return {
    id: "object-array",
    fatal: true,
    summary: "object arrays (dtype 'O', data pickled) are not read",
    check: (f) =>
      hasObject(f.header.dtype)
        ? `has no pickle reader: the object array's data (${f.available} bytes of pickle) cannot be read`
        : undefined,
  };
}

function shapeRepr(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function descrString(f: Facts): string | undefined {
  return typeof f.header.descr === "string" ? f.header.descr : undefined;
}

function short(f: Facts): boolean {
  return f.available < f.nbytes;
}

/** Whether the header, minus a final newline, has literal syntax Python 3 parsers refuse. */
function py3LiteralProblem(f: Facts): string | undefined {
  const text = f.text.endsWith("\n") ? f.text.slice(0, -1) : f.text;
  const long = f.scanned?.tokens.find((t) => t.kind === "num" && t.long);
  if (long) return `the Python 2 long integer ${long.text}`;
  const nl = text.search(/[\r\n]/);
  if (nl >= 0) return `a line break inside the header (character ${nl})`;
  const prefixed = f.scanned?.tokens.find((t) => t.kind === "str" && /^[uUrR]/.test(t.text));
  if (prefixed) return `the prefixed string ${prefixed.text}`;
  return undefined;
}

/** C `atoi`: leading spaces, a sign, digits; 0 when there are none. */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  return m ? parseInt(m[1], 10) : 0;
}

/** C++ `std::stoul`, or undefined where it throws `invalid_argument`. */
function stoul(s: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(s);
  if (!m) return undefined;
  const v = parseInt(m[2], 10);
  return m[1] === "-" ? -v : v;
}

/** Shortens long values (a structured descr) in messages. */
function clip(s: string, n = 60): string {
  return s.length > n ? s.slice(0, n - 1) + "…" : s;
}

function typedArrayName(unit: number): string {
  return ({ 1: "Uint8Array", 2: "Uint16Array", 4: "Uint32Array", 8: "Float64Array" } as Record<
    number,
    string
  >)[unit] ?? "typed array";
}

/** What a JS reader that makes `new TypedArray(buffer, offset)` does with the data length. */
function viewLength(
  f: Facts,
  unit: number,
  name: string,
): { truncated?: string; trailing?: string } {
  const { available, nbytes } = f;
  if (available === nbytes) return {};
  const rangeError = available % unit !== 0
    ? `new ${typedArrayName(unit)}(buffer, ${f.dataOffset}) throws RangeError: the ${available} ` +
      `bytes after the header are not a multiple of ${unit}`
    : undefined;
  if (available < nbytes) {
    return {
      truncated: rangeError ??
        `${name} makes a typed array of all ${available} bytes after the header without a length, ` +
          `so it returns ${Math.ceil(available / f.header.dtype.itemsize)} elements where the ` +
          `header declares ${f.header.count}, without an error`,
    };
  }
  return {
    trailing: rangeError ??
      `${name} makes a typed array of all bytes after the header without a length, so the ` +
        `${available - nbytes} trailing bytes come back as ${
          Math.ceil((available - nbytes) / f.header.dtype.itemsize)
        } extra elements`,
  };
}

// ------------------------------------------------------------------ npyjs

const NPYJS_UNITS: Record<string, number> = {
  b1: 1,
  i1: 1,
  u1: 1,
  i2: 2,
  u2: 2,
  f2: 2,
  i4: 4,
  u4: 4,
  f4: 4,
  c8: 4,
  i8: 8,
  u8: 8,
  f8: 8,
  c16: 8,
};

interface NpyjsState {
  dtype: string | undefined;
  fortran: boolean;
  shape: number[];
  unit: number | undefined;
}

// Source: npm npyjs@1.2.0, dist/index.js (github.com/aplbrain/npyjs):
// readHeader(), parseDict() (regexes on the trimmed latin1 header),
// dtypeToArray() (`new Float32Array(buf, offset)` etc. without a length).
const npyjs: ReaderTable<NpyjsState> = {
  name: "npyjs",
  source: "npyjs 1.2.0 (npm), dist/index.js: parseDict() and dtypeToArray()",
  prepare(f) {
    const header = f.raw.trim();
    const dtype = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
    const shapeMatch = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1] ?? "";
    const shape = shapeMatch.split(",").map((s) => s.trim()).filter(Boolean).map((n) => Number(n));
    let unit: number | undefined;
    if (dtype !== undefined) {
      const little = dtype.startsWith("<") || dtype.startsWith("|");
      const code = little ? dtype.substring(1) : dtype;
      unit = code[0] === "U" ? 4 : NPYJS_UNITS[code];
    }
    const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1] === "True";
    return { dtype, fortran, shape, unit };
  },
  rules: [
    objectRule(),
    {
      id: "npyjs/descr",
      fatal: true,
      summary: "descr must be a single-quoted type string (found by regex); no structured dtypes",
      check: (_f, s) =>
        s.dtype === undefined
          ? `throws "Malformed .npy header": it finds descr with /'descr'\\s*:\\s*'([^']+)'/, ` +
            `so it needs a single-quoted type string (not double quotes, not a structured dtype)`
          : undefined,
    },
    {
      id: "npyjs/big-endian",
      fatal: true,
      summary: "no big-endian data",
      check: (_f, s) =>
        s.dtype!.startsWith(">")
          ? `throws "Unsupported dtype: ${s.dtype}": npyjs reads little-endian data only`
          : undefined,
    },
    {
      id: "npyjs/dtype",
      fatal: true,
      summary: "dtypes b1, i1-i8, u1-u8, f2, f4, f8, c8, c16 and U only",
      check: (_f, s) =>
        s.unit === undefined
          ? `throws "Unsupported dtype: ${s.dtype}": npyjs reads b1, i1-i8, u1-u8, f2, f4, f8, ` +
            `c8, c16 and U only`
          : undefined,
    },
    {
      id: "npyjs/first-key",
      fatal: true,
      summary: "npyjs's regex finds another descr than numpy: a key written twice (it takes the " +
        "first, Python's dict the last), or adjacent string literals (Python joins them)",
      check: (f, s) => {
        const d = descrString(f);
        if (d === undefined || s.dtype === d) return undefined;
        // A bare 'U' has no size: npyjs cuts its text with a NaN step and returns one empty
        // string, numpy's value exactly when the array is one element of NULs.
        if (
          /^[<>|]?U$/.test(s.dtype!) && f.header.count === 1 && f.available === f.nbytes &&
          f.bytes.subarray(f.dataOffset, f.dataOffset + f.nbytes).every((b) => b === 0)
        ) {
          return undefined;
        }
        return `reads descr '${s.dtype}' where numpy reads '${d}': its regex takes the first ` +
          `quoted string after the first 'descr' key (Python's dict keeps the last key, and ` +
          `Python joins adjacent string literals)`;
      },
    },
    {
      id: "npyjs/shape",
      fatal: true,
      summary: "the shape must be a tuple of plain decimal integers (no L suffix)",
      check: (f, s) =>
        sameShape(s.shape, f.header.shape)
          ? undefined
          : `reads the shape as [${s.shape.join(", ")}] where the header says ${
            shapeRepr(f.header.shape)
          } (it applies Number() to each item)`,
    },
    {
      id: "npyjs/fortran",
      fatal: true,
      summary: "fortran_order is found by regex: `'fortran_order': True` exactly, else C order",
      check: (f, s) =>
        s.fortran !== f.header.fortranOrder && f.header.shape.filter((d) => d > 1).length > 1
          ? `reports fortranOrder ${s.fortran} where numpy reads ${
            f.header.fortranOrder ? "True" : "False"
          }: it looks for /'fortran_order'\s*:\s*(True|False)/ in the header text`
          : undefined,
    },
    {
      id: "npyjs/bool-bytes",
      fatal: true,
      summary: "a bool descr without '|' ('b1', '?') returns the raw bytes, not booleans",
      check(f, s) {
        if (s.unit !== 1 || f.header.dtype.kind !== "b" || s.dtype!.startsWith("|")) {
          return undefined;
        }
        const n = Math.min(f.nbytes, f.available);
        for (let i = 0; i < n; i++) {
          const b = f.bytes[f.dataOffset + i];
          if (b > 1) {
            return `returns the raw byte ${b} (element ${i}) where numpy reads True: for descr ` +
              `'${s.dtype}' (no '|' or '<') it returns the bytes, not booleans`;
          }
        }
        return undefined;
      },
    },
    {
      id: "npyjs/alignment",
      fatal: true,
      summary: "the data offset must be a multiple of the element size (typed-array view)",
      check: (f, s) =>
        f.dataOffset % s.unit! !== 0
          ? `new ${typedArrayName(s.unit!)}(buffer, ${f.dataOffset}) throws RangeError: ` +
            `the data offset is not a multiple of ${s.unit}`
          : undefined,
    },
    {
      id: "npyjs/truncated",
      fatal: true,
      summary: "short data is returned short, without an error",
      check: (f, s) => short(f) ? viewLength(f, s.unit!, "npyjs").truncated : undefined,
    },
    {
      id: "npyjs/trailing-bytes",
      fatal: true,
      summary: "trailing bytes become extra elements (or a RangeError)",
      check: (f, s) => viewLength(f, s.unit!, "npyjs").trailing,
    },
    {
      id: "npyjs/u0",
      fatal: true,
      summary: "U0 strings: no strings come back",
      check: (f, s) =>
        /^[<>|]?U0$/.test(s.dtype!) && f.header.count > 0
          ? `returns no strings for the ${f.header.count} empty strings of dtype ${s.dtype} ` +
            `(it cuts the text into strings of 0 characters)`
          : undefined,
    },
    {
      id: "npyjs/nul",
      fatal: true,
      summary: "U strings lose every NUL character, not only the trailing ones",
      check(f, s) {
        if (!s.dtype!.includes("U") || s.dtype!.startsWith(">")) return undefined;
        const per = f.header.dtype.itemsize / 4;
        const n = Math.min(f.nbytes, f.available) >> 2;
        const dv = new DataView(f.bytes.buffer, f.bytes.byteOffset + f.dataOffset, n * 4);
        for (let e = 0; e * per < n; e++) {
          let nul = false;
          for (let i = e * per; i < Math.min(n, (e + 1) * per); i++) {
            const u = dv.getUint32(i * 4, true);
            if (u === 0) nul = true;
            else if (nul) {
              return `element ${e} holds a NUL before other characters; npyjs removes every NUL ` +
                `(numpy strips only trailing ones)`;
            }
          }
        }
        return undefined;
      },
    },
    {
      id: "npyjs/non-bmp",
      fatal: true,
      summary: "U strings with characters beyond U+FFFF are split wrongly",
      check(f, s) {
        if (!s.dtype!.includes("U") || s.dtype!.startsWith(">")) return undefined;
        const n = Math.min(f.nbytes, f.available, f.bytes.length - f.dataOffset) >> 2;
        const dv = new DataView(f.bytes.buffer, f.bytes.byteOffset + f.dataOffset, n * 4);
        for (let i = 0; i < n; i++) {
          if (dv.getUint32(i * 4, true) > 0xffff) {
            return `character U+${dv.getUint32(i * 4, true).toString(16).toUpperCase()} (element ${
              Math.floor(i / (f.header.dtype.itemsize / 4))
            }) ` +
              `becomes two UTF-16 units before npyjs cuts the text into fixed-size strings, so ` +
              `the strings from there on are split wrongly`;
          }
        }
        return undefined;
      },
    },
  ],
};

// ----------------------------------------------------------- numpy-parser

const NUMPY_PARSER_TYPES: Record<string, number> = {
  "|u1": 1,
  "<u2": 2,
  "<u4": 4,
  "|i1": 1,
  "<i2": 2,
  "<i4": 4,
  "<f4": 4,
  "<f8": 8,
};

interface NumpyParserState {
  parsed: { descr?: unknown; fortran_order?: unknown; shape?: unknown } | undefined;
  error: string | undefined;
  unit: number | undefined;
}

// Source: npm numpy-parser@1.2.3, dist/main.js (github.com/ludwigschubert/js-numpy-parser):
// fromArrayBuffer(), parseHeaderStr() (string replaces, then JSON.parse),
// typedArrayConstructorForDescription() (8 type strings).
const numpyParser: ReaderTable<NumpyParserState> = {
  name: "numpy-parser",
  source: "numpy-parser 1.2.3 (npm), dist/main.js: fromArrayBuffer() and parseHeaderStr()",
  prepare(f) {
    const json = f.raw.toLowerCase().replace("(", "[").replace("),", "]").replace("[,", "[1,]")
      .replace(",]", ",1]").replace(/'/g, '"');
    try {
      const parsed = JSON.parse(json);
      const unit = typeof parsed?.descr === "string" ? NUMPY_PARSER_TYPES[parsed.descr] : undefined;
      return { parsed, error: undefined, unit };
    } catch (e) {
      return { parsed: undefined, error: (e as Error).message, unit: undefined };
    }
  },
  rules: [
    objectRule(),
    {
      id: "numpy-parser/padding-warning",
      fatal: false,
      summary: "logs a warning unless 10 + the header length is a multiple of 16",
      check: (f) =>
        (10 + f.headerLen) % 16 !== 0
          ? `logs "NPY file header is incorrectly padded. (${
            10 + f.headerLen
          } is not evenly divisible by 16.)" (it counts 10 bytes before the header in every version)`
          : undefined,
    },
    {
      id: "numpy-parser/header",
      fatal: true,
      summary: "the header must become JSON after its replaces: needs `'shape': (...), }`, no L",
      check: (_f, s) =>
        s.error !== undefined
          ? `throws from JSON.parse (${s.error}): numpy-parser makes JSON of the header by ` +
            `replacing the first '(' and the first '),' and all single quotes, so it needs ` +
            `numpy's \`'shape': (...), }\` ending, True/False and plain integers`
          : undefined,
    },
    {
      id: "numpy-parser/fortran",
      fatal: true,
      summary: "no Fortran-order arrays",
      check: (_f, s) =>
        s.parsed!.fortran_order
          ? `throws "NPY file is written in Fortran byte order, support for this byte order is ` +
            `not yet implemented."`
          : undefined,
    },
    {
      id: "numpy-parser/lowercase",
      fatal: true,
      summary:
        "it lowercases the whole header, so '<U2' is read as '<u2' (code units as numbers); no values, no harm",
      check: (f, s) => {
        const descr = descrString(f);
        return descr !== undefined && s.unit !== undefined && descr !== s.parsed!.descr &&
            f.header.count > 0
          ? `reads descr '${descr}' as '${s.parsed!.descr}' because it lowercases the whole ` +
            `header, and returns the ${typedArrayName(s.unit)} of its bytes`
          : undefined;
      },
    },
    {
      id: "numpy-parser/dtype",
      fatal: true,
      summary: "dtypes <f4, <f8, |i1, <i2, <i4, |u1, <u2, <u4 only",
      check: (_f, s) =>
        s.unit === undefined
          ? `throws for descr ${
            clip(JSON.stringify(s.parsed!.descr))
          }: numpy-parser reads only '<f4', '<f8', '|i1', '<i2', '<i4', '|u1', '<u2', '<u4'`
          : undefined,
    },
    {
      id: "numpy-parser/alignment",
      fatal: true,
      summary: "the data offset must be a multiple of the element size (typed-array view)",
      check: (f, s) =>
        f.dataOffset % s.unit! !== 0
          ? `new ${typedArrayName(s.unit!)}(buffer, ${f.dataOffset}) throws RangeError: the data ` +
            `offset is not a multiple of ${s.unit}`
          : undefined,
    },
    {
      id: "numpy-parser/truncated",
      fatal: true,
      summary: "short data is returned short, without an error",
      check: (f, s) => short(f) ? viewLength(f, s.unit!, "numpy-parser").truncated : undefined,
    },
    {
      id: "numpy-parser/trailing-bytes",
      fatal: true,
      summary: "trailing bytes become extra elements (or a RangeError)",
      check: (f, s) => viewLength(f, s.unit!, "numpy-parser").trailing,
    },
    {
      id: "numpy-parser/shape",
      fatal: true,
      summary: "the shape comes back changed: (n,) as [n, 1], (5, 2,) as [5, 2, 1]",
      check: (f, s) => {
        const shape = s.parsed!.shape;
        return Array.isArray(shape) && sameShape(shape as number[], f.header.shape)
          ? undefined
          : `returns shape ${JSON.stringify(shape)} for ${
            shapeRepr(f.header.shape)
          } (it makes JSON of the tuple by replacing '(' with '[' and ',]' with ',1]')`;
      },
    },
  ],
};

// ------------------------------------------------------------------ npyio

const NPYIO_TYPES = new Set(
  [
    "b1 <b1 |b1 bool",
    "u1 <u1 |u1 uint8",
    "u2 <u2 |u2 >u2 uint16",
    "u4 <u4 |u4 >u4 uint32",
    "u8 <u8 |u8 >u8 uint64",
    "i1 <i1 |i1 >i1 int8",
    "i2 <i2 |i2 >i2 int16",
    "i4 <i4 |i4 >i4 int32",
    "i8 <i8 |i8 >i8 int64",
    "f4 <f4 |f4 >f4 float32",
    "f8 <f8 |f8 >f8 float64",
    "c8 <c8 |c8 >c8 complex64",
    "c16 <c16 |c16 >c16 complex128",
  ].join(" ").split(" "),
);

interface NpyioState {
  fail?: { rule: string; message: string };
  descr?: string;
  shape?: number[];
}

function npyioSimulate(f: Facts): NpyioState {
  if (f.major !== 1 && f.major !== 2) {
    return {
      fail: {
        rule: "version",
        message: `returns "npy: invalid major version number (${f.major})"`,
      },
    };
  }
  const hdr = f.raw;
  const idx = hdr.lastIndexOf("\n");
  if (idx < 0) {
    return {
      fail: {
        rule: "newline",
        message: "panics: the header has no '\\n', so bytes.LastIndexByte returns -1 and " +
          "hdr[:-1] is out of range",
      },
    };
  }
  const buf = hdr.slice(0, idx);
  const bD = buf.indexOf("'descr': ");
  const bO = buf.indexOf("'fortran_order': ");
  const bS = buf.indexOf("'shape': ");
  const eD = buf.indexOf("}");
  if (bD < 0 || bO < 0 || bS < 0) {
    return {
      fail: {
        rule: "dict-format",
        message: `returns "npy: invalid dictionary format": it searches for the exact texts ` +
          `'descr': , 'fortran_order': and 'shape': (single quotes, one space after the colon)`,
      },
    };
  }
  // Go slices of buf may reach up to its capacity, the whole header.
  const slice = (lo: number, hi: number) =>
    lo >= 0 && lo <= hi && hi <= hdr.length ? hdr.slice(lo, hi) : undefined;
  const layout = (what: string) => ({
    fail: {
      rule: "layout",
      message: `${what}: npyio cuts the values out by position, assuming numpy's exact ` +
        `\`{'descr': '…', 'fortran_order': …, 'shape': (…), }\``,
    },
  });
  const descr = slice(bD + 10, bO - 3);
  const order = slice(bO + 17, bS - 2);
  let shape = slice(bS + 9, eD - 2);
  if (descr === undefined || order === undefined || shape === undefined) {
    return layout("panics: slice bounds out of range");
  }
  if (order !== "True" && order !== "False") {
    return layout(`returns "npy: invalid 'fortran_order' value (${order})"`);
  }
  const dims: number[] = [];
  if (shape !== "()") {
    if (shape.length < 2) return layout("panics: slice bounds out of range");
    shape = shape.slice(1, -1);
    for (let tok of shape.split(",")) {
      tok = tok.trim();
      if (tok === "") continue;
      if (!/^[+-]?\d+$/.test(tok)) {
        return {
          fail: {
            rule: "shape",
            message: `returns strconv.Atoi: parsing ${JSON.stringify(tok)}: invalid syntax`,
          },
        };
      }
      dims.push(parseInt(tok, 10));
    }
  }
  return { descr, shape: dims };
}

// Source: github.com/sbinet/npyio at 154c003 (2025-03), npy/reader.go
// readHeader() and readDescr() (bytes.Index and fixed slicing), npy/npy.go
// newDtype(), Reader.Read() (io.ReadFull per element; io.EOF ignored).
const npyio: ReaderTable<NpyioState> = {
  name: "npyio",
  source:
    "sbinet/npyio 154c003 (Go): npy/reader.go readHeader(), readDescr(); npy/npy.go newDtype()",
  prepare: npyioSimulate,
  rules: [
    objectRule(),
    {
      id: "npyio/version",
      fatal: true,
      summary: "versions 1.0 and 2.0 only",
      check: (_f, s) => s.fail?.rule === "version" ? s.fail.message : undefined,
    },
    {
      id: "npyio/newline",
      fatal: true,
      summary: "panics on a header with no newline",
      check: (_f, s) => s.fail?.rule === "newline" ? s.fail.message : undefined,
    },
    {
      id: "npyio/dict-format",
      fatal: true,
      summary: "needs the exact texts 'descr': , 'fortran_order': , 'shape': (compact dicts fail)",
      check: (_f, s) => s.fail?.rule === "dict-format" ? s.fail.message : undefined,
    },
    {
      id: "npyio/layout",
      fatal: true,
      summary: "cuts values by position: numpy's key order and `, ` separators and `, }` ending",
      check: (_f, s) => s.fail?.rule === "layout" ? s.fail.message : undefined,
    },
    {
      id: "npyio/shape",
      fatal: true,
      summary: "shape items must be plain decimal integers (strconv.Atoi)",
      check: (f, s) =>
        s.fail?.rule === "shape"
          ? s.fail.message
          : !sameShape(s.shape!, f.header.shape)
          ? `reads the shape as [${s.shape!.join(", ")}] where the header says ${
            shapeRepr(f.header.shape)
          }`
          : undefined,
    },
    {
      id: "npyio/dtype",
      fatal: true,
      summary: "dtypes b1, i1-i8, u1-u8, f4, f8, c8, c16, S and U only",
      check: (_f, s) =>
        NPYIO_TYPES.has(s.descr!) || /^[|]*?(\d.*)[Sa]$|^[|]*?[Sa](\d.*)$/.test(s.descr!) ||
          /^[<|>]*?(\d.*)U$|^[<|>]*?U(\d.*)$/.test(s.descr!)
          ? undefined
          : `returns "npy: no reflect.Type for dtype=${
            clip(s.descr!)
          }": npyio reads b1, i1-i8, u1-u8, ` +
            `f4, f8, c8, c16, S and U`,
    },
    {
      id: "npyio/unicode",
      fatal: true,
      summary: "U strings are decoded as UTF-8, not UCS-4",
      check: (f) =>
        f.header.dtype.kind === "U"
          ? "decodes the UCS-4 data of U strings as UTF-8: strings come back with NUL " +
            "characters, and non-ASCII characters are lost"
          : undefined,
    },
    {
      id: "npyio/truncated",
      fatal: true,
      summary: "short data is an error, or zeros when it stops between elements",
      check: (f) => {
        if (!short(f)) return undefined;
        const size = f.header.dtype.itemsize;
        return f.available % size === 0
          ? `the data stops after ${f.available / size} of ${f.header.count} elements; ` +
            `npyio ignores the io.EOF and returns zeros for the rest`
          : "returns io.ErrUnexpectedEOF";
      },
    },
  ],
};

// ------------------------------------------------------------ ndarray-npy

const NDARRAY_TYPES = new Set(
  "|i1 i1 b |u1 u1 B <i2 >i2 <i4 >i4 <i8 >i8 <u2 >u2 <u4 >u4 <u8 >u8 <f4 >f4 <f8 >f8 <c8 >c8 <c16 >c16 |b1"
    .split(" "),
);

// Source: github.com/jturner314/ndarray-npy at e403bc7 (0.10.0), src/npy/header.rs
// Header::from_reader(), src/npy/elements/{num,bool,complex}.rs (exact type
// strings, check_for_extra_bytes, check_valid_for_bool); py_literal 0.4 grammar.
const ndarrayNpy: ReaderTable<undefined> = {
  name: "ndarray-npy",
  source:
    "ndarray-npy 0.10.0 (Rust) e403bc7: src/npy/header.rs, src/npy/elements/*.rs; py_literal 0.4",
  prepare: () => undefined,
  rules: [
    objectRule(),
    {
      id: "ndarray-npy/newline",
      fatal: true,
      summary: "the header must end with a newline",
      check: (f) =>
        f.text.endsWith("\n") ? undefined : `fails with "newline missing at end of header"`,
    },
    {
      id: "ndarray-npy/ascii",
      fatal: true,
      summary: "version 1.0 and 2.0 headers must be ASCII",
      check: (f) =>
        f.major !== 3 && /[\x80-\xff]/.test(f.raw)
          ? `fails with "non-ascii in array format string; this is not supported in .npy ` +
            `format versions 1.0 and 2.0"`
          : undefined,
    },
    {
      id: "ndarray-npy/literal",
      fatal: true,
      summary: "the header must be a Python 3 literal on one line (py_literal): no L suffix",
      check: (f) => {
        const p = py3LiteralProblem(f);
        return p ? `fails with "error parsing metadata dict": py_literal refuses ${p}` : undefined;
      },
    },
    {
      id: "ndarray-npy/dtype",
      fatal: true,
      summary: "descr must be numpy's type string of a bool, integer, float or complex",
      check: (f) => {
        const d = descrString(f);
        return d !== undefined && NDARRAY_TYPES.has(d)
          ? undefined
          : `no element type reads descr ${
            clip(JSON.stringify(f.header.descr))
          } (WrongDescriptor): ndarray-npy reads exactly '|b1', '|i1', '|u1', '<i2'/'>i2' ... ` +
            `'<f8'/'>f8', '<c8'/'>c8', '<c16'/'>c16'`;
      },
    },
    {
      id: "ndarray-npy/view-alignment",
      fatal: false,
      summary: "zero-copy views (view_npy) need data aligned for the element type",
      check: (f) => {
        const size = f.header.dtype.kind === "c"
          ? f.header.dtype.itemsize / 2
          : f.header.dtype.itemsize;
        return f.dataOffset % size !== 0
          ? `read_npy works, but view_npy on a memory map fails with "start of data is not ` +
            `properly aligned for the element type" (offset ${f.dataOffset})`
          : undefined;
      },
    },
    {
      id: "ndarray-npy/truncated",
      fatal: true,
      summary: "short data fails",
      check: (f) => short(f) ? `fails with "reached EOF before reading all data"` : undefined,
    },
    {
      id: "ndarray-npy/trailing-bytes",
      fatal: true,
      summary: "no bytes may follow the data",
      check: (f) =>
        f.available > f.nbytes
          ? `fails with "file had ${f.available - f.nbytes} extra bytes before EOF"`
          : undefined,
    },
    {
      id: "ndarray-npy/bool-values",
      fatal: true,
      summary: "bool bytes must be 0 or 1",
      check: (f) => {
        if (f.header.dtype.kind !== "b") return undefined;
        const data = f.bytes.subarray(f.dataOffset, f.dataOffset + f.nbytes);
        const i = data.findIndex((b) => b > 1);
        return i >= 0
          ? `fails: element ${i} is the byte ${data[i]}, and a bool must be 0 or 1 ` +
            `(numpy keeps and writes any byte)`
          : undefined;
      },
    },
  ],
};

// ------------------------------------------------------------------- cnpy

interface CnpyState {
  /** The header string cnpy sees: from byte 11, through fgets' 255 bytes, up to a NUL. */
  header: string;
  /** The file position after fgets. */
  end: number;
}

// Source: github.com/rogersce/cnpy at 4e8810b (2018-05), cnpy.cpp
// parse_npy_header(FILE*) (fread 11 bytes, fgets(buffer, 256), find()-based
// parsing, assert(littleEndian)) and load_the_npy_file().
const cnpy: ReaderTable<CnpyState> = {
  name: "cnpy",
  source: "cnpy 4e8810b (C++): cnpy.cpp parse_npy_header(FILE*), load_the_npy_file()",
  prepare(f) {
    const b = f.bytes;
    let end = 11;
    const max = Math.min(b.length, 11 + 255);
    while (end < max) if (b[end++] === 0x0a) break;
    const line = b.subarray(11, end);
    const nul = line.indexOf(0);
    const header = String.fromCharCode(...(nul >= 0 ? line.subarray(0, nul) : line));
    return { header, end };
  },
  rules: [
    objectRule(),
    {
      id: "cnpy/version",
      fatal: true,
      summary: "version 1.0 only (it never reads the version or the length field)",
      check: (f) =>
        f.major !== 1
          ? `fails: cnpy skips 11 bytes and reads the header with fgets, so the 4-byte length ` +
            `field of version ${f.major}.0 leaves it reading a NUL byte as the header`
          : undefined,
    },
    {
      id: "cnpy/newline",
      fatal: true,
      summary: "the header's only newline must be its last byte (fgets reads one line)",
      check: (f) => {
        const nl = f.raw.indexOf("\n");
        if (nl === f.raw.length - 1) return undefined;
        return nl < 0
          ? "fgets reads past the header into the data looking for a newline, so the data " +
            "is read from the wrong offset"
          : `fgets stops at the newline at byte ${f.headerStart + nl}, before the end of the ` +
            "header, so the data is read from the wrong offset";
      },
    },
    {
      id: "cnpy/header-256",
      fatal: true,
      summary: "the header must end by byte 266 (fgets into a 256-byte buffer)",
      check: (f, s) =>
        s.end !== f.dataOffset
          ? `the header ends at byte ${f.dataOffset}, but cnpy reads it with fgets(buffer, 256) ` +
            `from byte 11 and stops at byte ${s.end}, so the data is read from the wrong offset`
          : undefined,
    },
    {
      id: "cnpy/fortran",
      fatal: true,
      summary: "reads fortran_order from the 4 characters 16 after 'fortran_order'",
      check: (f, s) => {
        const loc = s.header.indexOf("fortran_order");
        if (loc < 0) return `throws "failed to find header keyword: 'fortran_order'"`;
        const read = s.header.substr(loc + 16, 4) === "True";
        return read !== f.header.fortranOrder
          ? `reads fortran_order as ${read ? "True" : "False"} (it takes the 4 characters 16 ` +
            `after 'fortran_order', which fits only \`'fortran_order': True\`)`
          : undefined;
      },
    },
    {
      id: "cnpy/shape",
      fatal: true,
      summary: "takes the shape from the first '(' ... ')' of the header (no structured dtypes)",
      check: (f, s) => {
        const l1 = s.header.indexOf("("), l2 = s.header.indexOf(")");
        if (l1 < 0 || l2 < 0) return `throws "failed to find header keyword: '(' or ')'"`;
        const inner = l2 > l1 ? s.header.slice(l1 + 1, l2) : s.header.slice(l1 + 1);
        const shape = (inner.match(/[0-9]+/g) ?? []).map(Number);
        return sameShape(shape, f.header.shape)
          ? undefined
          : `reads the shape as [${
            shape.join(", ")
          }] from the first parentheses of the header, where the header says ${
            shapeRepr(f.header.shape)
          }`;
      },
    },
    {
      id: "cnpy/big-endian",
      fatal: true,
      summary: "little-endian data only (assert)",
      check: (f) =>
        descrString(f)?.startsWith(">")
          ? "assert(littleEndian) fails: cnpy reads little-endian data only"
          : undefined,
    },
    {
      id: "cnpy/descr-spacing",
      fatal: true,
      summary: "expects `descr': '<` or `descr': '|` exactly (9 characters after 'descr')",
      check: (_f, s) => {
        const loc = s.header.indexOf("descr");
        if (loc < 0) return `throws "failed to find header keyword: 'descr'"`;
        const c = s.header[loc + 9];
        return c === "<" || c === "|" ? undefined : `assert(littleEndian) fails: the character ` +
          `9 after 'descr' is ${JSON.stringify(c ?? "")}, not '<' or '|' (cnpy expects ` +
          `numpy's \`'descr': '<\`)`;
      },
    },
    {
      id: "cnpy/word-size",
      fatal: true,
      summary: "the element size is the number in the type string (wrong for U)",
      check: (f, s) => {
        const loc = s.header.indexOf("descr") + 9;
        const ws = s.header.slice(loc + 2);
        const q = ws.indexOf("'");
        const size = atoi(q >= 0 ? ws.slice(0, q) : ws);
        return size !== f.header.dtype.itemsize
          ? `takes the element size from the type string: ${size} bytes, where ${
            clip(JSON.stringify(f.header.descr))
          } elements are ${f.header.dtype.itemsize} bytes`
          : undefined;
      },
    },
    {
      id: "cnpy/truncated",
      fatal: true,
      summary: "short data fails",
      check: (f) => short(f) ? `throws "load_the_npy_file: failed fread"` : undefined,
    },
  ],
};

// ----------------------------------------------------------------- libnpy

/** (byte order, kind, size) of the C++ types of libnpy's dtype_map on a little-endian LP64 host. */
const LIBNPY_HOST = new Set([
  "<f4",
  "<f8",
  "<f16",
  "|i1",
  "<i2",
  "<i4",
  "<i8",
  "|u1",
  "<u2",
  "<u4",
  "<u8",
  "<c8",
  "<c16",
  "<c32",
]);

interface LibnpyState {
  fail?: { rule: string; message: string };
  typestring?: string;
}

function cppTrim(s: string): string {
  return s.replace(/^[ \t]+|[ \t]+$/g, "");
}

function libnpySimulate(f: Facts): LibnpyState {
  const fail = (rule: string, message: string) => ({ fail: { rule, message } });
  if (f.major !== 1 && f.major !== 2) {
    return fail("version", `throws "unsupported file format version" (${f.major}.0)`);
  }
  if (!f.raw.endsWith("\n")) return fail("newline", `throws "invalid header": no final newline`);
  let inner = cppTrim(f.raw.slice(0, -1));
  if (!(inner.startsWith("{") && inner.endsWith("}"))) {
    return fail(
      "dict",
      `throws "Not a Python dictionary.": after trimming spaces and tabs the header must ` +
        `start with '{' and end with '}'`,
    );
  }
  inner = inner.slice(1, -1);
  const keys = ["descr", "fortran_order", "shape"];
  const pos: [number, string][] = [];
  for (const k of keys) {
    const p = inner.indexOf(`'${k}'`);
    if (p < 0) {
      return fail("keys", `throws "Missing '${k}' key.": it searches for the key in single quotes`);
    }
    pos.push([p, k]);
  }
  pos.sort((a, b) => a[0] - b[0]);
  const map: Record<string, string> = {};
  for (let i = 0; i < pos.length; i++) {
    let raw = cppTrim(inner.slice(pos[i][0], i + 1 < pos.length ? pos[i + 1][0] : undefined));
    if (raw.endsWith(",")) raw = raw.slice(0, -1);
    const sep = raw.indexOf(":");
    map[pos[i][1]] = sep < 0 ? "" : cppTrim(raw.slice(sep + 1));
  }
  const d = map.descr;
  if (!(d.length >= 2 && d.startsWith("'") && d.endsWith("'"))) {
    return fail(
      "descr",
      `throws "Invalid python string.": descr ${clip(d)} is not a single-quoted type string`,
    );
  }
  const ts = d.slice(1, -1);
  if (ts.length < 3) return fail("descr", `throws "invalid typestring (length)" for '${ts}'`);
  if (!"<>|".includes(ts[0])) {
    return fail("descr", `throws "invalid typestring (byteorder)" for '${ts}'`);
  }
  if (!"fiuc".includes(ts[1])) {
    return fail(
      "descr",
      `throws "invalid typestring (kind)" for '${ts}': libnpy reads kinds f, i, u and c only`,
    );
  }
  if (!/^\d+$/.test(ts.slice(2))) {
    return fail("descr", `throws "invalid typestring (itemsize)" for '${ts}'`);
  }
  if (map.fortran_order !== "True" && map.fortran_order !== "False") {
    return fail("fortran", `throws "Invalid python boolan." for ${map.fortran_order}`);
  }
  const st = cppTrim(map.shape);
  if (!(st.startsWith("(") && st.endsWith(")"))) {
    return fail("shape", `throws "Invalid Python tuple." for ${st}`);
  }
  const toks = st.slice(1, -1).split(",");
  if (toks[toks.length - 1] === "") toks.pop();
  const shape: number[] = [];
  for (const t of toks) {
    const v = stoul(t);
    if (v === undefined) {
      return fail(
        "shape",
        `std::stoul throws invalid_argument for the shape item ${JSON.stringify(t)}`,
      );
    }
    shape.push(v);
  }
  if (!sameShape(shape, f.header.shape)) {
    return fail(
      "shape",
      `reads the shape as [${shape.join(", ")}] where the header says ${shapeRepr(f.header.shape)}`,
    );
  }
  return { typestring: ts };
}

// Source: github.com/llohse/libnpy at 471fe48 (2024-03), include/npy.hpp
// read_header(), parse_header(), pyparse::parse_dict/parse_str/parse_tuple,
// parse_descr(), dtype_map and read_npy() (typestrings must match the C++ type).
const libnpy: ReaderTable<LibnpyState> = {
  name: "libnpy",
  source: "libnpy 471fe48 (C++): include/npy.hpp parse_header(), parse_descr(), dtype_map; " +
    "little-endian LP64 host",
  prepare: libnpySimulate,
  rules: [
    objectRule(),
    ...["version", "newline", "dict", "keys", "descr", "fortran", "shape"].map((r) => ({
      id: `libnpy/${r}`,
      fatal: true,
      summary: ({
        version: "versions 1.0 and 2.0 only",
        newline: "the header must end with a newline",
        dict: "the trimmed header must be `{...}`",
        keys: "keys written in single quotes",
        descr: "descr must be a single-quoted type string of kind f, i, u or c",
        fortran: "fortran_order exactly True or False",
        shape: "shape items parsed with std::stoul: no empty items such as `(3, )`",
      } as Record<string, string>)[r],
      check: (_f: Facts, s: LibnpyState) => s.fail?.rule === r ? s.fail.message : undefined,
    })),
    {
      id: "libnpy/byte-order",
      fatal: true,
      summary: "the byte order must be the host's (little-endian)",
      check: (_f, s) =>
        s.typestring!.startsWith(">") && s.typestring !== ">i1" && s.typestring !== ">u1"
          ? `throws "formatting error: typestrings not matching": ${s.typestring} is big-endian ` +
            `and libnpy reads the host's byte order only`
          : undefined,
    },
    {
      id: "libnpy/dtype",
      fatal: true,
      summary: "the type string must be one of a C++ type's: '<f4', '|i1', '<u8', '<c16' ...",
      check: (_f, s) =>
        LIBNPY_HOST.has(s.typestring!) ? undefined : `throws "formatting error: typestrings not ` +
          `matching": no C++ type is written as '${s.typestring}' (libnpy expects e.g. ` +
          `'|i1', '|u1', '<i4', '<f8')`,
    },
    {
      id: "libnpy/truncated",
      fatal: true,
      summary: "short data is not detected",
      check: (f) =>
        short(f)
          ? "does not check the length read, so the missing elements keep whatever the " +
            "vector held"
          : undefined,
    },
  ],
};

// ------------------------------------------------------------------- npyz

const NPYZ_UNITS = new Set(["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"]);
const NPYZ_SIZES: Record<string, number[]> = {
  b: [1],
  i: [1, 2, 4, 8],
  u: [1, 2, 4, 8],
  f: [2, 4, 8, 16],
  c: [8, 16, 32],
  m: [8],
  M: [8],
};

/** npyz's TypeStr::from_str + validate: [rule, message] when it refuses. */
function npyzTypeStr(s: string): [string, string] | undefined {
  const bad = (why: string): [string, string] => ["type-string", `'${s}' ${why}`];
  if (s.length < 2) return bad("is too short");
  const order = s[0], kind = s[1];
  if (!"<>|".includes(order)) return bad("has no byte-order character '<', '>' or '|'");
  if (!"biufcmMSaUOV".includes(kind)) return bad("has an unknown type character");
  const m = /^(\d*)(.*)$/.exec(s.slice(2))!;
  const size = m[1], rest = m[2];
  if (kind === "O" ? size !== "" : size === "") return bad("has no size");
  const timed = kind === "m" || kind === "M";
  if (rest !== "") {
    const unit = /^\[(.*)\]$/.exec(rest)?.[1];
    if (unit === undefined || !NPYZ_UNITS.has(unit)) {
      return timed
        ? [
          "datetime-unit",
          `'${s}': npyz knows the units Y M W D h m s ms us ns ps fs as, with no multiple`,
        ]
        : bad("has trailing characters");
    }
  } else if (timed) {
    return ["datetime-unit", `'${s}': npyz needs a unit (the generic datetime has none)`];
  }
  const n = Number(size);
  const needsOrder = "biufcmM".includes(kind) ? n !== 1 : kind === "U";
  if (needsOrder && order === "|") return bad("needs '<' or '>'");
  const sizes = NPYZ_SIZES[kind];
  if (sizes && !sizes.includes(n)) {
    return bad(`has a size npyz does not know (${sizes.join(", ")})`);
  }
  return undefined;
}

function npyzDescr(d: DescrJson): [string, string] | undefined {
  if (typeof d === "string") return npyzTypeStr(d);
  if (typeof d === "number" || !d.every((x) => Array.isArray(x))) {
    return [
      "type-string",
      `descr ${JSON.stringify(d)} is neither a type string nor a list of fields`,
    ];
  }
  for (const field of d as DescrJson[][]) {
    if (typeof field[0] !== "string") {
      return [
        "titles",
        `the field ${JSON.stringify(field[0])} has a title; npyz wants a plain name`,
      ];
    }
    const inner = npyzDescr(field[1]);
    if (inner) return inner;
  }
  return undefined;
}

// Source: github.com/ExpHP/npyz at 59f1b54 (0.9.1), src/header.rs
// read_header() (UTF-8 for every version, optional final newline),
// DType::from_descr(), src/type_str.rs TypeStr::from_str() and validate().
const npyz: ReaderTable<[string, string] | undefined> = {
  name: "npyz",
  source: "npyz 0.9.1 (Rust) 59f1b54: src/header.rs read_header(), src/type_str.rs; py_literal 0.4",
  prepare: (f) => npyzDescr(f.header.descr),
  rules: [
    objectRule(),
    {
      id: "npyz/utf8",
      fatal: true,
      summary: "the header must be UTF-8 in every version (latin1 bytes fail)",
      check: (f) => {
        const body = f.bytes.subarray(f.headerStart, f.dataOffset);
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(body);
          return undefined;
        } catch {
          return `fails with "could not parse utf-8": npyz decodes every header as UTF-8, ` +
            `and this version ${f.major}.0 header has latin1 bytes`;
        }
      },
    },
    {
      id: "npyz/literal",
      fatal: true,
      summary: "the header must be a Python 3 literal on one line (py_literal): no L suffix",
      check: (f) => {
        const p = py3LiteralProblem(f);
        return p
          ? `fails with "could not parse Python expression": py_literal refuses ${p}`
          : undefined;
      },
    },
    {
      id: "npyz/titles",
      fatal: true,
      summary: "no field titles",
      check: (_f, s) => s?.[0] === "titles" ? `fails: ${s[1]}` : undefined,
    },
    {
      id: "npyz/datetime-unit",
      fatal: true,
      summary: "datetimes need a plain unit: no generic M8, no multiples like [10ms]",
      check: (_f, s) =>
        s?.[0] === "datetime-unit" ? `fails with "invalid type string": ${s[1]}` : undefined,
    },
    {
      id: "npyz/type-string",
      fatal: true,
      summary: "type strings need '<', '>' or '|', a known kind and size (no f12, no 'f8')",
      check: (_f, s) =>
        s?.[0] === "type-string" ? `fails with "invalid type string": ${s[1]}` : undefined,
    },
    {
      id: "npyz/truncated",
      fatal: true,
      summary: "short data fails when read",
      check: (f) =>
        short(f)
          ? "fails with an unexpected-EOF error when the missing elements are read"
          : undefined,
    },
  ],
};

// ------------------------------------------------------------- evaluation

// deno-lint-ignore no-explicit-any
const TABLES: ReaderTable<any>[] = [npyjs, numpyParser, npyio, ndarrayNpy, cnpy, libnpy, npyz];

/** A rule id as `<reader>/<rule>` (shared rules are written without the reader). */
function qualify(reader: string, id: string): string {
  return id.includes("/") ? id : `${reader}/${id}`;
}

/** The reader tables as documentation. */
export const READER_TABLES: readonly ReaderInfo[] = TABLES.map((t) => ({
  name: t.name,
  source: t.source,
  rules: t.rules.map((r) => ({ id: qualify(t.name, r.id), fatal: r.fatal, summary: r.summary })),
}));

/** Every reader's verdict on a file; null verdicts when numpy cannot read the header. */
export function evaluateReaders(f: Facts | undefined): ReaderReport {
  const out = {} as ReaderReport;
  for (const t of TABLES) {
    if (!f) {
      out[t.name] = { accepts: null, issues: [] };
      continue;
    }
    // Object arrays stop at the first rule; the simulations expect fixed-size data.
    const state = hasObject(f.header.dtype) ? undefined : t.prepare(f);
    const issues: ReaderIssue[] = [];
    let accepts = true;
    for (const r of t.rules) {
      const message = r.check(f, state);
      if (message === undefined) continue;
      issues.push({
        rule: qualify(t.name, r.id),
        fatal: r.fatal,
        message: message.replace(/[\n\r]/g, " "),
      });
      if (r.fatal) {
        accepts = false;
        break;
      }
    }
    out[t.name] = { accepts, issues } satisfies ReaderVerdict;
  }
  return out;
}
