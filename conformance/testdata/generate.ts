// Copyright 2026 the npy authors. MIT license.

/**
 * Writes the validator's third-party corpus, `conformance/testdata/corpus/`,
 * and its expectations, `conformance/testdata/expected.json`:
 *
 * - `np24_*`: written by numpy 2.x's `np.save` (`python3`);
 * - `np124_*`: written by numpy 1.24 (Debian's `python3-numpy`, `/usr/bin/python3`);
 * - `npyjs_*`: written by npyjs 1.2.0's own writer, `dump()` (npm);
 * - `hand_*`: built here byte by byte, in the styles other writers produce
 *   and with the mistakes they make.
 *
 * numpy's verdict on every file (`np.load` accepts it; it is identical to
 * `np.save(np.load(f))`) comes from running numpy on it. The findings and
 * reader issues each file should raise are this script's `CASES` table,
 * written by hand. npyjs's and numpy-parser's real behaviour on every file
 * is recorded too, by running them (`observed`). The tests read only the
 * committed files.
 *
 * ```sh
 * deno run -A conformance/testdata/generate.ts [--python124 /usr/bin/python3]
 * ```
 *
 * @module
 */

import { encode } from "../../codec/encode.ts";
import type { RuleId } from "../validate.ts";
import { READERS, validate } from "../validate.ts";
import { observeReaders } from "../_reader_truth.ts";

const HERE = new URL(".", import.meta.url).pathname;
const CORPUS = `${HERE}corpus`;

// ------------------------------------------------------------ expectations

interface Case {
  /** How the file was made and what is special about it. */
  note: string;
  /** The finding rule ids the validator must report (each once or more). */
  findings: RuleId[];
  /** The reader rule ids that must fire, or null: readers not evaluated. */
  readers: string[] | null;
}

/** Every reader stops at its object-array rule. */
const OBJECT_READERS = [
  "npyjs",
  "numpy-parser",
  "npyio",
  "ndarray-npy",
  "cnpy",
  "libnpy",
  "npyz",
].map((r) => `${r}/object-array`);

const c = (note: string, findings: RuleId[], readers: string[] | null): Case => ({
  note,
  findings,
  readers,
});

/** Expectations of the numpy-made files, for both numpy versions. */
const NUMPY_CASES: Record<string, Case> = {
  f8_1d: c("np.arange(3.0)", [], ["numpy-parser/shape"]),
  f4_2d: c("float32 2x3", [], []),
  f4_big_fortran: c("'>f4' 2x3, Fortran order", [], [
    "npyjs/big-endian",
    "numpy-parser/fortran",
    "cnpy/big-endian",
    "libnpy/byte-order",
  ]),
  b1: c("bool", [], ["numpy-parser/dtype", "libnpy/descr"]),
  u1_0d: c("0-d uint8", [], []),
  i8: c("int64", [], ["numpy-parser/dtype"]),
  c16: c("complex128", [], ["numpy-parser/dtype"]),
  f2: c("float16", [], [
    "numpy-parser/dtype",
    "npyio/dtype",
    "ndarray-npy/dtype",
    "libnpy/dtype",
  ]),
  u2_empty: c("uint16, shape (0, 3)", [], []),
  S3: c("bytes strings", [], [
    "npyjs/dtype",
    "numpy-parser/dtype",
    "ndarray-npy/dtype",
    "libnpy/descr",
  ]),
  U3_non_bmp: c("unicode with U+1F600", [], [
    "npyjs/non-bmp",
    "numpy-parser/dtype",
    "npyio/unicode",
    "ndarray-npy/dtype",
    "cnpy/word-size",
    "libnpy/descr",
  ]),
  struct: c("structured [('x', '<f4'), ('y', '<i8')]", [], [
    "npyjs/descr",
    "numpy-parser/header",
    "npyio/dtype",
    "ndarray-npy/dtype",
    "cnpy/shape",
    "libnpy/descr",
  ]),
  struct_title: c("structured with a field title", [], [
    "npyjs/descr",
    "numpy-parser/header",
    "npyio/dtype",
    "ndarray-npy/dtype",
    "cnpy/shape",
    "libnpy/descr",
    "npyz/titles",
  ]),
  M8_10ms: c("datetime64[10ms]", [], [
    "npyjs/dtype",
    "numpy-parser/dtype",
    "npyio/dtype",
    "ndarray-npy/dtype",
    "libnpy/descr",
    "npyz/datetime-unit",
  ]),
  M8_D: c("datetime64[D]", [], [
    "npyjs/dtype",
    "numpy-parser/dtype",
    "npyio/dtype",
    "ndarray-npy/dtype",
    "libnpy/descr",
  ]),
  longdouble: c("np.longdouble ('<f16' on x86-64)", ["platform-dtype"], [
    "npyjs/dtype",
    "numpy-parser/dtype",
    "npyio/dtype",
    "ndarray-npy/dtype",
  ]),
  latin1_name: c("a field named 'été': a latin1 header", ["latin1-header"], [
    "npyjs/descr",
    "numpy-parser/header",
    "npyio/dtype",
    "ndarray-npy/ascii",
    "cnpy/shape",
    "libnpy/descr",
    "npyz/utf8",
  ]),
  utf8_name_v3: c("a field named '温度': numpy writes version 3.0", [], [
    "npyjs/descr",
    "numpy-parser/padding-warning",
    "numpy-parser/header",
    "npyio/version",
    "ndarray-npy/dtype",
    "cnpy/version",
    "libnpy/version",
  ]),
  many_fields: c("800 fields: numpy writes a header np.load refuses by default", [
    "header-too-large",
  ], [
    "npyjs/descr",
    "numpy-parser/header",
    "npyio/dtype",
    "ndarray-npy/dtype",
    "cnpy/header-256",
    "libnpy/descr",
  ]),
  b1_raw_2: c("a bool array holding the byte 2 (a view of uint8)", [], [
    "numpy-parser/dtype",
    "ndarray-npy/bool-values",
    "libnpy/descr",
  ]),
  object: c(
    "an object array saved with allow_pickle=True",
    ["object-dtype", "pickle-globals"],
    OBJECT_READERS,
  ),
  f4_60d: c("60 dimensions: a header longer than 255 bytes", [], [
    "cnpy/header-256",
  ]),
  header_v2: c("1700 fields: numpy needs version 2.0, and np.load refuses it by default", [
    "header-too-large",
  ], [
    "npyjs/descr",
    "numpy-parser/padding-warning",
    "numpy-parser/header",
    "npyio/dtype",
    "ndarray-npy/dtype",
    "cnpy/version",
    "libnpy/descr",
  ]),
};

const NPYJS_STYLE = ["growth-padding", "header-form"] as RuleId[];
const NPYJS_READERS = ["numpy-parser/header", "npyio/dict-format", "cnpy/descr-spacing"];

/** Expectations of npyjs's own files. */
const NPYJS_CASES: Record<string, Case> = {
  npyjs_f4_1d: c("dump(new Float32Array([1, 2, 3]))", NPYJS_STYLE, NPYJS_READERS),
  npyjs_f8_2x2: c("dump(new Float64Array([1, 2, 3, 4]), [2, 2])", NPYJS_STYLE, NPYJS_READERS),
  npyjs_f4_7d: c(
    "dump(new Float32Array([1]), [1, 1, 1, 1, 1, 1, 1]): a longer header, padded to 8 bytes",
    [...NPYJS_STYLE, "alignment"],
    NPYJS_READERS,
  ),
  npyjs_f8_11d: c(
    "dump(new Float64Array([1]), Array(11).fill(1)): padded to 8 bytes, not 16",
    [...NPYJS_STYLE, "alignment"],
    ["numpy-parser/padding-warning", ...NPYJS_READERS],
  ),
  npyjs_i1: c("dump(new Int8Array([-1, 2]))", NPYJS_STYLE, NPYJS_READERS),
  npyjs_bool: c("dump([true, false, true]): descr '<b1'", [...NPYJS_STYLE, "descr-form"], [
    ...NPYJS_READERS,
    "ndarray-npy/dtype",
    "libnpy/descr",
  ]),
  npyjs_U2: c(
    'dump(["ab", "c"]): descr \'<U2\' with shape (16,), the byte count: numpy refuses it',
    [...NPYJS_STYLE, "data-truncated"],
    [
      ...NPYJS_READERS,
      "npyjs/truncated",
      "ndarray-npy/dtype",
      "libnpy/descr",
      "npyz/truncated",
    ],
  ),
  npyjs_i8: c("dump(new BigInt64Array([1n, -2n]))", NPYJS_STYLE, NPYJS_READERS),
  npyjs_c8: c(
    "dump(new Float32Array([1, 2, 3, 4]), undefined, { dtype: 'c8' })",
    NPYJS_STYLE,
    NPYJS_READERS,
  ),
  npyjs_0d: c("dump(new Float64Array([5]), []): a 0-d array", ["header-form"], NPYJS_READERS),
};

// ------------------------------------------------------------- hand-built

const F8 = new Uint8Array(new Float64Array([1, 2, 3]).buffer);
const NUMPY_DICT = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }";

function latin1Bytes(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
}

/** A file from a version, the exact header text and the data. */
function file(
  version: number,
  text: Uint8Array | string,
  data: Uint8Array,
  lengthField?: number,
): Uint8Array {
  const body = typeof text === "string" ? latin1Bytes(text) : text;
  const pre = version === 1 ? 10 : 12;
  const out = new Uint8Array(pre + body.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const dv = new DataView(out.buffer);
  const len = lengthField ?? body.length;
  if (version === 1) dv.setUint16(8, len, true);
  else dv.setUint32(8, len, true);
  out.set(body, pre);
  out.set(data, pre + body.length);
  return out;
}

/** Pads a dict with spaces and a newline so that the data starts at a multiple of `align`. */
function padded(dict: string, version = 1, align = 64, end = "\n"): string {
  const pre = version === 1 ? 10 : 12;
  let n = align - ((pre + dict.length + end.length) % align);
  if (n === align) n = 0;
  return dict + " ".repeat(n) + end;
}

const OBJECT_DICT = padded("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }");

const hand: Record<string, [Uint8Array, Case]> = {
  hand_U_inner_nul: [
    file(
      1,
      padded("{'descr': '<U2', 'fortran_order': False, 'shape': (2,), }"),
      new Uint8Array(new Uint32Array([0, 0x61, 0x62, 0]).buffer),
    ),
    c("a U string that starts with NUL: numpy keeps it", [], [
      "cnpy/word-size",
      "libnpy/descr",
      "ndarray-npy/dtype",
      "npyio/unicode",
      "npyjs/nul",
      "numpy-parser/lowercase",
    ]),
  ],
  hand_fortran_quoted: [
    file(
      1,
      padded(`{'descr': '<f8', "fortran_order": True, 'shape': (2, 2), }`),
      new Uint8Array(new Float64Array([1, 2, 3, 4]).buffer),
    ),
    c("fortran_order in double quotes, True", ["header-form"], [
      "libnpy/keys",
      "npyio/dict-format",
      "npyjs/fortran",
      "numpy-parser/fortran",
    ]),
  ],
  hand_bool_no_pipe: [
    file(
      1,
      padded("{'descr': 'b1', 'fortran_order': False, 'shape': (2,), }"),
      Uint8Array.of(0, 2),
    ),
    c("descr 'b1' and a stored byte 2, which numpy reads as True", ["descr-form"], [
      "cnpy/descr-spacing",
      "libnpy/descr",
      "ndarray-npy/dtype",
      "npyjs/bool-bytes",
      "npyz/type-string",
      "numpy-parser/dtype",
    ]),
  ],
  hand_duplicate_descr: [
    file(
      1,
      padded("{'descr': '<i2', 'fortran_order': False, 'shape': (3,), 'descr': '<i4'}"),
      new Uint8Array(new Int32Array([1, 2, 3]).buffer),
    ),
    c("descr written twice: Python's dict keeps the last", ["header-form"], [
      "cnpy/word-size",
      "libnpy/shape",
      "npyio/shape",
      "npyjs/first-key",
      "numpy-parser/header",
    ]),
  ],
  hand_U0: [
    file(1, padded("{'descr': '<U0', 'fortran_order': False, 'shape': (3,), }"), new Uint8Array()),
    c("three empty strings of dtype U0", [], [
      "libnpy/descr",
      "ndarray-npy/dtype",
      "npyio/unicode",
      "npyjs/u0",
      "numpy-parser/dtype",
    ]),
  ],
  hand_U2: [
    file(
      1,
      padded("{'descr': '<U2', 'fortran_order': False, 'shape': (2,), }"),
      new Uint8Array(new Uint32Array([0x61, 0x62, 0x63, 0]).buffer),
    ),
    c("two strings of dtype <U2, as numpy writes them", [], [
      "cnpy/word-size",
      "libnpy/descr",
      "ndarray-npy/dtype",
      "npyio/unicode",
      "numpy-parser/lowercase",
    ]),
  ],
  hand_pickle_unsafe: [
    // protocol 2: GLOBAL posix.system, ('true',), REDUCE: np.load(allow_pickle=True) runs it.
    file(1, OBJECT_DICT, latin1Bytes("\x80\x02cposix\nsystem\nX\x04\x00\x00\x00true\x85R.")),
    c("an object array whose pickle calls posix.system", [
      "object-dtype",
      "pickle-globals",
      "pickle-unsafe-global",
    ], OBJECT_READERS),
  ],
  hand_pickle_truncated: [
    file(1, OBJECT_DICT, latin1Bytes("\x80\x02]q\x00(K\x01")),
    c(
      "an object array whose pickle ends before STOP",
      ["object-dtype", "pickle-data"],
      OBJECT_READERS,
    ),
  ],
  hand_v2_pad16: [
    file(2, padded("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", 2, 16), F8),
    c("version 2.0 for a small header, padded to 16 bytes, no growth room", [
      "version-not-minimal",
      "growth-padding",
      "alignment",
    ], ["numpy-parser/padding-warning", "numpy-parser/shape", "cnpy/version"]),
  ],
  hand_legacy16: [
    file(1, padded(NUMPY_DICT, 1, 16), F8),
    c("older numpy style: 16-byte alignment, no growth padding", [
      "growth-padding",
      "alignment",
    ], ["numpy-parser/shape"]),
  ],
  hand_no_newline: [
    file(1, padded(NUMPY_DICT, 1, 64, " "), F8),
    c("padded to 64 with spaces but no final newline", ["newline"], [
      "numpy-parser/shape",
      "npyio/newline",
      "ndarray-npy/newline",
      "cnpy/newline",
      "libnpy/newline",
    ]),
  ],
  hand_compact: [
    file(1, padded("{'descr':'<f8','fortran_order':False,'shape':(3,)}"), F8),
    c("a compact dict without spaces or trailing comma, padded to 64", [
      "header-form",
      "growth-padding",
    ], [
      "numpy-parser/header",
      "npyio/dict-format",
      "cnpy/descr-spacing",
    ]),
  ],
  hand_compact_fortran: [
    file(
      1,
      padded("{'descr':'<f4','fortran_order':True,'shape':(2,3)}"),
      new Uint8Array(new Float32Array([1, 4, 2, 5, 3, 6]).buffer),
    ),
    c("a compact dict of a Fortran-order array", ["header-form", "growth-padding"], [
      "numpy-parser/header",
      "npyio/dict-format",
      "cnpy/fortran",
    ]),
  ],
  hand_key_order: [
    file(1, padded("{'shape': (3,), 'fortran_order': False, 'descr': '<f8'}"), F8),
    c("keys in reverse order, no trailing comma", ["header-form"], [
      "numpy-parser/header",
      "npyio/layout",
    ]),
  ],
  hand_double_quotes: [
    file(1, padded('{"descr": "<f8", "fortran_order": False, "shape": (3,), }'), F8),
    c("double-quoted strings (as JSON-minded writers produce)", ["header-form"], [
      "npyjs/descr",
      "numpy-parser/shape",
      "npyio/dict-format",
      "libnpy/keys",
    ]),
  ],
  hand_long_suffix: [
    file(
      1,
      padded("{'descr': '<i8', 'fortran_order': False, 'shape': (3L,), }"),
      new Uint8Array(new BigInt64Array([1n, 2n, 3n]).buffer),
    ),
    c("a Python 2 long integer in the shape", ["long-suffix"], [
      "npyjs/shape",
      "numpy-parser/header",
      "npyio/shape",
      "ndarray-npy/literal",
      "npyz/literal",
    ]),
  ],
  hand_hex_shape: [
    file(1, padded("{'descr': '<f8', 'fortran_order': False, 'shape': (0x3,), }"), F8),
    c("the shape written in hexadecimal", ["header-form"], [
      "numpy-parser/header",
      "npyio/shape",
      "cnpy/shape",
      "libnpy/shape",
    ]),
  ],
  hand_shape_space: [
    file(1, padded("{'descr': '<f8', 'fortran_order': False, 'shape': (3, ), }"), F8),
    c("a space inside a 1-tuple: (3, )", ["header-form"], [
      "numpy-parser/header",
      "libnpy/shape",
    ]),
  ],
  hand_2d_compact_shape: [
    file(
      1,
      padded("{'descr': '<f8', 'fortran_order': False, 'shape': (1,3), }"),
      F8,
    ),
    c("a shape written (1,3)", ["header-form"], []),
  ],
  hand_trailing_bytes: [
    (() => {
      const f = encode(new Float32Array([1, 2, 3]));
      const out = new Uint8Array(f.length + 8);
      out.set(f);
      out.set(new Uint8Array(new Float32Array([7, 8]).buffer), f.length);
      return out;
    })(),
    c("8 bytes after the data", ["trailing-bytes"], [
      "npyjs/trailing-bytes",
      "numpy-parser/trailing-bytes",
      "ndarray-npy/trailing-bytes",
    ]),
  ],
  hand_trailing_odd: [
    (() => {
      const f = encode(new Float32Array([1, 2, 3]));
      const out = new Uint8Array(f.length + 3);
      out.set(f);
      return out;
    })(),
    c("3 bytes after the data", ["trailing-bytes"], [
      "npyjs/trailing-bytes",
      "numpy-parser/trailing-bytes",
      "ndarray-npy/trailing-bytes",
    ]),
  ],
  hand_truncated: [
    (() => {
      const f = encode(new Float64Array([1, 2, 3, 4]));
      return f.slice(0, f.length - 8);
    })(),
    c("3 of 4 elements", ["data-truncated"], [
      "npyjs/truncated",
      "numpy-parser/truncated",
      "npyio/truncated",
      "ndarray-npy/truncated",
      "cnpy/truncated",
      "libnpy/truncated",
      "npyz/truncated",
    ]),
  ],
  hand_misaligned: [
    file(1, NUMPY_DICT + " ".repeat(90 - NUMPY_DICT.length - 1) + "\n", F8),
    c("the data at byte 100: not a multiple of 8 (or 64)", [
      "alignment",
      "element-alignment",
    ], [
      "npyjs/alignment",
      "numpy-parser/padding-warning",
      "numpy-parser/alignment",
      "ndarray-npy/view-alignment",
    ]),
  ],
  hand_descr_no_order: [
    file(1, padded("{'descr': 'f8', 'fortran_order': False, 'shape': (3,), }"), F8),
    c("descr 'f8' without a byte order", ["descr-form"], [
      "numpy-parser/dtype",
      "ndarray-npy/dtype",
      "cnpy/descr-spacing",
      "libnpy/descr",
      "npyz/type-string",
    ]),
  ],
  hand_u1_lt: [
    file(
      1,
      padded("{'descr': '<u1', 'fortran_order': False, 'shape': (3,), }"),
      new Uint8Array([1, 2, 3]),
    ),
    c("descr '<u1' where numpy writes '|u1'", ["descr-form"], [
      "numpy-parser/dtype",
      "ndarray-npy/dtype",
      "libnpy/dtype",
    ]),
  ],
  hand_v3_ascii: [
    file(3, padded(NUMPY_DICT, 3), F8),
    c("version 3.0 for an ASCII header", ["version-not-minimal"], [
      "numpy-parser/padding-warning",
      "numpy-parser/shape",
      "npyio/version",
      "cnpy/version",
      "libnpy/version",
    ]),
  ],
  hand_fortran_1d: [
    file(1, padded("{'descr': '<f8', 'fortran_order': True, 'shape': (3,), }"), F8),
    c("fortran_order True for a 1-D array (np.save writes False)", ["header-form"], [
      "numpy-parser/fortran",
    ]),
  ],
  hand_fortran_parens: [
    file(1, padded("{'descr': '<f8', 'fortran_order': (False), 'shape': (3,), }"), F8),
    c("fortran_order written (False): valid Python, unusual", ["header-form"], [
      "numpy-parser/header",
      "npyio/layout",
      "cnpy/shape",
      "libnpy/fortran",
    ]),
  ],
  hand_tab_padding: [
    file(1, NUMPY_DICT + "\t".repeat(128 - 10 - NUMPY_DICT.length - 1) + "\n", F8),
    c("padded with tabs", ["header-form"], ["numpy-parser/shape"]),
  ],
  hand_crlf: [
    file(1, padded(NUMPY_DICT, 1, 64, "\r\n"), F8),
    c("ends with \\r\\n (a Windows writer)", ["header-form"], [
      "numpy-parser/shape",
      "ndarray-npy/literal",
      "libnpy/dict",
      "npyz/literal",
    ]),
  ],
  hand_leading_space: [
    file(1, padded(" " + NUMPY_DICT), F8),
    c("a space before '{'", ["header-form"], ["numpy-parser/shape"]),
  ],
  hand_long_padding: [
    file(1, padded(NUMPY_DICT + " ".repeat(260)), F8),
    c("numpy's dict, padded to 320 bytes", ["header-form"], [
      "numpy-parser/shape",
      "cnpy/header-256",
    ]),
  ],
  hand_nul_padding: [
    file(1, NUMPY_DICT + "\0".repeat(128 - 10 - NUMPY_DICT.length - 1) + "\n", F8),
    c("padded with NUL bytes (a C writer's memset)", ["header-syntax"], null),
  ],
  hand_bad_magic: [
    (() => {
      const f = encode(new Float64Array([1, 2, 3]));
      f[5] = 0x58;
      return f;
    })(),
    c("\\x93NUMPX", ["magic"], null),
  ],
  hand_empty: [new Uint8Array(0), c("an empty file", ["magic"], null)],
  hand_version_4: [
    (() => {
      const f = encode(new Float64Array([1, 2, 3]));
      f[6] = 4;
      return f;
    })(),
    c("version 4.0", ["version"], null),
  ],
  hand_length_beyond_file: [
    file(1, padded(NUMPY_DICT), F8, 4000),
    c("the header length field says 4000 bytes", ["header-length"], null),
  ],
  hand_length_short: [
    file(1, padded(NUMPY_DICT), F8, 40),
    c("the header length field says 40: it cuts the dict", ["header-length"], null),
  ],
  hand_v3_bad_utf8: [
    file(
      3,
      Uint8Array.from([
        ...latin1Bytes("{'descr': [('"),
        0xff,
        ...latin1Bytes(
          padded(
            "', '<f8')], 'fortran_order': False, 'shape': (3,), }",
            3,
            64,
          ).slice(1),
        ),
      ]),
      F8,
    ),
    c("version 3.0 with the byte 0xff in a field name", ["header-encoding"], null),
  ],
  hand_syntax: [
    file(1, padded("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), "), F8),
    c("no closing brace", ["header-syntax"], null),
  ],
  hand_extra_key: [
    file(1, padded("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'x': 1, }"), F8),
    c("a fourth key", ["header-keys"], null),
  ],
  hand_not_dict: [
    file(1, padded("[('descr', '<f8'), ('fortran_order', False), ('shape', (3,))]"), F8),
    c("a list of pairs", ["header-not-dict"], null),
  ],
  hand_bad_descr: [
    file(1, padded("{'descr': '<f3', 'fortran_order': False, 'shape': (3,), }"), F8),
    c("descr '<f3'", ["descr"], null),
  ],
  hand_bad_shape: [
    file(1, padded("{'descr': '<f8', 'fortran_order': False, 'shape': [3], }"), F8),
    c("the shape as a list", ["shape"], null),
  ],
  hand_bad_fortran: [
    file(1, padded("{'descr': '<f8', 'fortran_order': 0, 'shape': (3,), }"), F8),
    c("fortran_order 0", ["fortran-order"], null),
  ],
};

// ------------------------------------------------------------------- run

async function run(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const err = new TextDecoder().decode(out.stderr);
  if (err.trim()) console.error(err.trim());
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed`);
  return new TextDecoder().decode(out.stdout);
}

async function main() {
  const i124 = Deno.args.indexOf("--python124");
  const python124 = i124 >= 0 ? Deno.args[i124 + 1] : "/usr/bin/python3";
  try {
    Deno.removeSync(CORPUS, { recursive: true });
  } catch { /* absent */ }
  Deno.mkdirSync(CORPUS, { recursive: true });
  const script = `${HERE}numpy_corpus.py`;
  const cases: Record<string, Case & { writer: string }> = {};

  await run("python3", [script, "write", CORPUS, "np24"]);
  await run(python124, [script, "write", CORPUS, "np124"]);
  const versions = {
    np24: (await run("python3", ["-c", "import numpy; print(numpy.__version__)"])).trim(),
    np124: (await run(python124, ["-c", "import numpy; print(numpy.__version__)"])).trim(),
  };
  for (const name of Deno.readDirSync(CORPUS)) {
    const m = /^(np24|np124)_(.*)\.npy$/.exec(name.name)!;
    const base = NUMPY_CASES[m[2]];
    if (!base) throw new Error(`no expectations for ${name.name}`);
    cases[name.name] = { ...base, writer: `numpy ${versions[m[1] as "np24" | "np124"]}` };
  }

  const npyjsSpec = "npm:npyjs@1.2.0";
  const npyjs = await import(npyjsSpec);
  const dumps: Record<string, ArrayBuffer> = {
    npyjs_f4_1d: npyjs.dump(new Float32Array([1, 2, 3])),
    npyjs_f8_2x2: npyjs.dump(new Float64Array([1, 2, 3, 4]), [2, 2]),
    npyjs_f4_7d: npyjs.dump(new Float32Array([1]), [1, 1, 1, 1, 1, 1, 1]),
    npyjs_f8_11d: npyjs.dump(new Float64Array([1]), Array(11).fill(1)),
    npyjs_i1: npyjs.dump(new Int8Array([-1, 2])),
    npyjs_bool: npyjs.dump([true, false, true]),
    npyjs_U2: npyjs.dump(["ab", "c"]),
    npyjs_i8: npyjs.dump(new BigInt64Array([1n, -2n])),
    npyjs_c8: npyjs.dump(new Float32Array([1, 2, 3, 4]), undefined, { dtype: "c8" }),
    npyjs_0d: npyjs.dump(new Float64Array([5]), []),
  };
  for (const [name, buf] of Object.entries(dumps)) {
    Deno.writeFileSync(`${CORPUS}/${name}.npy`, new Uint8Array(buf));
    cases[`${name}.npy`] = { ...NPYJS_CASES[name], writer: "npyjs 1.2.0 dump()" };
  }
  for (const [name, [bytes, cs]] of Object.entries(hand)) {
    Deno.writeFileSync(`${CORPUS}/${name}.npy`, bytes);
    cases[`${name}.npy`] = { ...cs, writer: "hand-built (generate.ts)" };
  }

  const names = Object.keys(cases).sort();
  const verdicts = JSON.parse(
    await run("python3", [script, "check", ...names.map((n) => `${CORPUS}/${n}`)]),
  );
  const expected: Record<string, unknown> = {};
  const fatal = new Map(READERS.flatMap((r) => r.rules.map((x) => [x.id, x.fatal] as const)));
  let problems = 0;
  for (const name of names) {
    const bytes = Deno.readFileSync(`${CORPUS}/${name}`);
    const v = verdicts.files[name];
    const cs = cases[name];
    const observed = cs.readers === null ? undefined : observeReaders(bytes);
    expected[name] = {
      writer: cs.writer,
      note: cs.note,
      numpyLoadable: v.loadable,
      canonical: v.canonical,
      numpyError: v.error,
      numpyWarnings: v.warnings,
      findings: [...new Set(cs.findings)].sort(),
      readerIssues: cs.readers === null ? null : [...cs.readers].sort(),
      observed,
    };
    // Self-check: the validator against numpy and the table.
    const r = validate(bytes);
    const say = (what: string) => {
      problems++;
      console.error(`${name}: ${what}`);
    };
    if (r.numpyLoadable !== v.loadable) {
      say(`numpyLoadable ${r.numpyLoadable}, numpy ${v.loadable}`);
    }
    if (r.canonical !== v.canonical) say(`canonical ${r.canonical}, numpy ${v.canonical}`);
    const rules = [...new Set(r.findings.map((f) => f.rule))].sort();
    if (rules.join() !== [...new Set(cs.findings)].sort().join()) {
      say(`findings ${rules.join(",")} expected ${[...new Set(cs.findings)].sort().join(",")}`);
    }
    const issues = Object.values(r.readers).flatMap((x) => x.issues.map((i) => i.rule)).sort();
    if (cs.readers === null) {
      if (Object.values(r.readers).some((x) => x.accepts !== null)) say("readers evaluated");
    } else if (issues.join() !== [...cs.readers].sort().join()) {
      say(`reader issues ${issues.join(",")} expected ${[...cs.readers].sort().join(",")}`);
    }
    for (const reader of ["npyjs", "numpy-parser"] as const) {
      const o = observed?.[reader];
      if (!o) continue;
      const predicted = !(cs.readers ?? []).some((id) =>
        id.startsWith(reader + "/") && fatal.get(id)
      );
      if (o.ok !== predicted) {
        say(`${reader} really: ${o.ok ? "reads it" : o.detail}; table: ${predicted}`);
      }
    }
  }
  Deno.writeTextFileSync(
    `${HERE}expected.json`,
    JSON.stringify({ numpy: versions, files: expected }, null, 1) + "\n",
  );
  console.error(`${names.length} files; ${problems} problems`);
  if (problems > 0) Deno.exit(1);
}

if (import.meta.main) await main();
