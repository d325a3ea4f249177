// Copyright 2026 the npy authors. MIT license.
// The shrunk counterexamples of the bugs the fuzzers found, as plain
// checks. numpy's side was recorded with numpy 2.4.6 (CPython 3.11, x86-64
// Linux). A check throws while its bug is present.
//
// A regression whose `exclusion` is still listed in exclusions.ts is a known
// bug: regressions_test.ts ignores its check and instead asserts that it
// still fails, so a fix is noticed and the exclusion removed.

import assert from "node:assert/strict";
import { decode, descrOf, encode, NpyError, parseDescr, readHeader } from "../mod.ts";
import { fileWithHeader, headerText } from "./arbitraries.ts";
import { assertSameBytes } from "./check.ts";
import { checkReaderTruth } from "./reader_truth.ts";

/** One regression case. */
export interface Regression {
  /** Its exclusion's name in exclusions.ts (or a plain id once fixed). */
  id: string;
  /** The minimal input and what numpy does with it. */
  what: string;
  /** Throws (or rejects) while the bug is present. */
  check: () => void | Promise<void>;
}

function header(descr: string, shape: string, fortran = false): string {
  return `{'descr': ${descr}, 'fortran_order': ${fortran ? "True" : "False"}, 'shape': ${shape}, }`;
}

function refuses(file: Uint8Array, code: string): void {
  try {
    decode(file);
  } catch (e) {
    assert.ok(e instanceof NpyError, `threw ${(e as Error)?.constructor?.name}, not NpyError`);
    assert.equal(e.code, code, e.message);
    return;
  }
  assert.fail(`decode accepts it; numpy refuses (expected ${code})`);
}

function decodesAs(descrText: string, wantDescr: unknown): void {
  const f = fileWithHeader(header(descrText, "()"), { data: new Uint8Array(64) });
  const a = decode(f);
  assert.deepEqual(descrOf(a.dtype), wantDescr);
}

/** decode() in a worker, given `ms` to answer (generous: starting a worker under a loaded test run takes seconds): its verdict, or "hang". */
export function decodeInWorker(file: Uint8Array, ms = 30000): Promise<string> {
  const w = new Worker(new URL("./_hang_worker.ts", import.meta.url).href, { type: "module" });
  return new Promise<string>((resolve) => {
    const timer = setTimeout(() => {
      w.terminate();
      resolve("hang");
    }, ms);
    w.onmessage = (e) => {
      clearTimeout(timer);
      w.terminate();
      resolve(e.data.ok ? "ok" : e.data.code);
    };
    w.postMessage(file);
  });
}

/** Every regression, in the order they were found. */
export const REGRESSIONS: Regression[] = [
  {
    id: "BUG_SUBARRAY_STRUCT_PADDING",
    what: "descr [('x', '|u1'), ('a', [('b', '|u1'), ('', '|V1')], (1,))], shape (1,), data " +
      "07 01 ff: np.save(np.load(f)) keeps the padding byte ff; encode(decode(f)) wrote 00",
    check() {
      const f = fileWithHeader(
        header("[('x', '|u1'), ('a', [('b', '|u1'), ('', '|V1')], (1,))]", "(1,)") +
          " ".repeat(20),
        { data: new Uint8Array([7, 1, 0xff]) },
      );
      assertSameBytes(encode(decode(f)), f, "encode(decode(f))");
    },
  },
  {
    id: "BUG_ZERO_ITEMSIZE_FORTRAN",
    what: "descr [], fortran_order True, shape (5, 2): np.save(np.load(f)) writes " +
      "'fortran_order': False (zero strides are C-contiguous too); encode wrote True",
    check() {
      const f = fileWithHeader(header("[]", "(5, 2)", true));
      const out = encode(decode(f));
      assert.match(headerText(out), /'fortran_order': False/);
    },
  },
  {
    id: "ZERO_SIZE_STRINGS_BOUNDED",
    what: "descr '|S0', shape (10**15,): numpy loads an empty buffer; decode threw RangeError " +
      "(and '<U0' with 10**8 elements allocated 10**8 strings in 14 s); now NpyError TOO_LARGE",
    check() {
      refuses(fileWithHeader(header("'|S0'", "(1000000000000000,)")), "TOO_LARGE");
      const t0 = performance.now();
      refuses(fileWithHeader(header("'<U0'", "(100000000,)")), "TOO_LARGE");
      assert.ok(performance.now() - t0 < 1000, "refused quickly");
    },
  },
  {
    id: "BUG_DESCR_PAREN_REPEAT",
    what: "descr '(2)i4,': numpy reads [('f0', '<i4', (2,))] (a deprecated form); decode " +
      "refused INVALID_DESCR",
    check() {
      decodesAs("'(2)i4,'", [["f0", "<i4", [2]]]);
    },
  },
  {
    id: "BUG_DESCR_REPEAT_FLEXIBLE",
    what: "descr '2S' and '3U': numpy reads '|S2' and '<U3'; decode refused INVALID_DESCR",
    check() {
      decodesAs("'2S'", "|S2");
      decodesAs("'3U'", "<U3");
    },
  },
  {
    id: "BUG_DESCR_GENERIC_MULTIPLE",
    what: "descr 'M8[3generic]': numpy reads '<M8'; decode refused INVALID_DESCR",
    check() {
      decodesAs("'M8[3generic]'", "<M8");
    },
  },
  {
    id: "BUG_DESCR_EMPTY_SHAPE_FLEXIBLE",
    what: "descr '()S': numpy refuses (ValueError: invalid itemsize in generic type tuple); " +
      "decode accepted it as S0",
    check() {
      refuses(fileWithHeader(header("'()S'", "(2,)")), "INVALID_DESCR");
    },
  },
  {
    id: "BUG_FAST_PATH_ZERO_DIM_OVERFLOW",
    what: "after one '<i4' file has been decoded, decode accepted shape (3037000500, 0, " +
      "2147483648) of '<i4' through its cached fast path; readHeader and numpy refuse it " +
      "(array is too big)",
    check() {
      decode(encode(new Int32Array([1])));
      const f = fileWithHeader(header("'<i4'", "(3037000500, 0, 2147483648)") + " ".repeat(10));
      assert.throws(() => readHeader(f), NpyError);
      refuses(f, "TOO_LARGE");
    },
  },
  {
    id: "BUG_FAST_PATH_CACHE",
    what: "after '2h' with shape (0,) has been decoded, decode accepts '2h' with shape () as " +
      "'<i2'; readHeader and numpy refuse it (Failed to read all data: 2 values where 1 " +
      "was expected)",
    check() {
      const data = { data: new Uint8Array(8) };
      decode(fileWithHeader(header("'2h'", "(0,)"), data));
      const g = fileWithHeader(header("'2h'", "()"), data);
      assert.throws(() => readHeader(g), NpyError);
      refuses(g, "INVALID_DESCR");
    },
  },
  {
    id: "BUG_ZERO_SIZE_EMPTY_OVERFLOW",
    what: "descr '|V0' (or '|S0', []), shape (0, 4294967296, 4294967297): numpy loads an " +
      "empty array; decode refuses TOO_LARGE. (4294967296, 4294967297, 0) is refused by " +
      "both: numpy's running product overflows before it reaches the 0",
    check() {
      const a = decode(fileWithHeader(header("'|V0'", "(0, 4294967296, 4294967297)")));
      assert.deepEqual(a.shape, [0, 4294967296, 4294967297]);
      refuses(fileWithHeader(header("'|V0'", "(4294967296, 4294967297, 0)")), "TOO_LARGE");
    },
  },
  {
    id: "BUG_NUL_IN_COMMENT",
    what: "header text {'descr': '<i4', 'fortran_order': False, 'shape': (1,), }#\\x00: " +
      "numpy refuses (source code cannot contain null bytes); decode accepts it",
    check() {
      const text = "{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }#\x00";
      refuses(fileWithHeader(text, { data: new Uint8Array(4) }), "HEADER_SYNTAX");
    },
  },
  {
    id: "BUG_TRAILING_CONTINUATION",
    what: "header text {'descr': '<i4', 'fortran_order': False, 'shape': (1,), } followed by " +
      "a backslash and a newline, and nothing after: numpy refuses (v1: TokenError 'EOF in " +
      "multi-line statement'; v3: Cannot parse header); decode accepts it",
    check() {
      for (const version of [1, 3]) {
        const f = fileWithHeader("{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }\\", {
          version,
          align: 0,
          data: new Uint8Array(4),
        });
        refuses(f, "HEADER_SYNTAX");
      }
    },
  },
  {
    id: "BUG_O4_NOT_OBJECT",
    what: "descr 'O4' (and [('a', 'O4')]): numpy reads the object dtype and refuses with " +
      "'Object arrays cannot be loaded when allow_pickle=False'; decode says INVALID_DESCR",
    check() {
      refuses(fileWithHeader(header("'O4'", "(1,)"), { data: new Uint8Array(8) }), "OBJECT_ARRAY");
      refuses(
        fileWithHeader(header("[('a', 'O4')]", "(1,)"), { data: new Uint8Array(8) }),
        "OBJECT_ARRAY",
      );
    },
  },
  {
    id: "BUG_HANG_BACKSLASH_AT_END",
    what: "the 12-byte file 93 4e 55 4d 50 59 01 00 02 00 27 5c (header text: a quote and a " +
      "backslash) makes decode() loop forever (the lexer's `if (n === undefined) continue` " +
      "does not advance); numpy refuses it (SyntaxError)",
    async check() {
      const f = new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 2, 0, 0x27, 0x5c]);
      assert.equal(await decodeInWorker(f), "HEADER_SYNTAX");
      const g = fileWithHeader("{'descr': [('a\\", { version: 3, align: 0, tail: "" });
      assert.equal(await decodeInWorker(g), "HEADER_SYNTAX");
    },
  },
  {
    id: "BUG_TOPLEVEL_SUBARRAY_OVERFLOW",
    what: "descr ('<i4', (0,)), shape (0, 2147483648, 2147483648): numpy refuses (array is " +
      "too big); decode accepts an empty array",
    check() {
      refuses(
        fileWithHeader(header("('<i4', (0,))", "(0, 2147483648, 2147483648)")),
        "TOO_LARGE",
      );
    },
  },
  {
    id: "BUG_FIELD_SHAPE_NONE",
    what: "descr [('a', 'S0', None)]: numpy reads [('a', '|S8')] (np.dtype(('S0', None)) is " +
      "S8); [('a', '<i8', None)] is [('a', '<i8')]; decode refuses both (a field's shape " +
      "cannot be None)",
    check() {
      decodesAs("[('a', 'S0', None)]", [["a", "|S8"]]);
      decodesAs("[('a', '<i8', None)]", [["a", "<i8"]]);
    },
  },
  {
    id: "BUG_DESCR_TYPENUM_CHARS",
    what: "descr '\\x00' and '>\\x0c' (one control character): numpy reads type numbers, " +
      "'|b1' and '>f8'; decode refuses them (data type not understood)",
    check() {
      decodesAs("'\\x00'", "|b1");
      decodesAs("'>\\x0c'", ">f8");
    },
  },
  {
    id: "BUG_BIGINT_INFER_WRAP",
    what: "encode([2n ** 64n]) writes '<u8' [0] and encode([-(2n ** 63n) - 1n]) '<i8' " +
      "[2**63-1]; np.array of those Python ints is an object array, which np.save cannot " +
      "write without pickle: encode must refuse rather than wrap",
    check() {
      // np.array([-1, 2**63]) is float64: both signs, beyond int64.
      const mixed = decode(encode([-1n, 2n ** 63n]));
      assert.equal(descrOf(mixed.dtype), "<f8");
      assert.deepEqual([...(mixed.data as Float64Array)], [-1, 2 ** 63]);
      for (const v of [[2n ** 64n], [-(2n ** 63n) - 1n]]) {
        let wrote: Uint8Array | undefined;
        try {
          wrote = encode(v);
        } catch (e) {
          assert.ok(e instanceof NpyError);
          continue;
        }
        const back = decode(wrote).data as BigInt64Array | BigUint64Array;
        assert.deepEqual([...back], v, `encode(${v.join(", ")}) wrapped its values`);
      }
    },
  },
  {
    id: "BUG_F16_DOUBLE_ROUNDING",
    what: "encode({dtype: '<f2', data: [1 + 2 ** -11 + 2 ** -30]}) writes 0x3c00; numpy's " +
      "np.array([x]).astype(np.float16) is 0x3c01 (just above the tie, rounds up)",
    check() {
      const f = encode({ dtype: "<f2", data: [1 + 2 ** -11 + 2 ** -30] });
      const d = decode(f);
      assert.equal((d.data as Float32Array)[0], 1 + 2 ** -10);
    },
  },
  {
    id: "BUG_BIGINT_UINT64_WITH_SMALL",
    what: "encode([2n ** 63n, 0n]) writes '<u8'; np.array([2**63, 0]) is float64 " +
      "(np.array([2**63, 2**64 - 1]) is uint64)",
    check() {
      assert.equal(descrOf(decode(encode([2n ** 63n, 0n])).dtype), "<f8");
      assert.equal(descrOf(decode(encode([2n ** 63n, 2n ** 64n - 1n])).dtype), "<u8");
    },
  },
  {
    id: "BUG_TOPLEVEL_SUBARRAY_SHORT_DATA",
    what: "descr '(2,)i4', shape (1, 4), data 16 bytes 00 01 .. 0f: numpy loads int32 (1, 4) " +
      "[[0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c]]; with 24 or 32 bytes it refuses " +
      "(Failed to read all data); decode refused all three. Fixed: readHeader accepts the " +
      "header (4 divides by 2 values per element) and the data-size check that decode, " +
      "load, openNpy and the stream share wants exactly 2 whole elements",
    check() {
      const data = new Uint8Array(32).map((_, i) => i);
      const f = fileWithHeader(header("'(2,)i4'", "(1, 4)"), { data: data.subarray(0, 16) });
      const a = decode(f);
      assert.deepEqual(a.shape, [1, 4]);
      assert.deepEqual([...(a.data as Int32Array)], [
        0x03020100,
        0x07060504,
        0x0b0a0908,
        0x0f0e0d0c,
      ]);
      for (const n of [8, 24, 32]) {
        refuses(
          fileWithHeader(header("'(2,)i4'", "(1, 4)"), { data: data.subarray(0, n) }),
          "TRUNCATED_DATA",
        );
      }
      refuses(fileWithHeader(header("'(2,)i4'", "(3,)"), { data }), "INVALID_DESCR");
    },
  },
  {
    id: "READER_MODEL_NPYJS_BARE_U",
    what: "header { u'fortran_order':True,'shape': (),'descr':\\n\\n\\t'U'  '2'} over 8 NUL " +
      "bytes: numpy reads one empty U2 string (Python joins 'U' '2'); npyjs's regex finds 'U', " +
      "cuts its text with a NaN step and returns one empty string, the same value. The " +
      "validator predicted that npyjs fails (npyjs/first-key)",
    check() {
      const text = "{ u'fortran_order':True,'shape': (),'descr':\n\n\t'U'  '2'}";
      const file = new Uint8Array(88);
      file.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 3, 0, 68, 0, 0, 0]);
      for (let i = 0; i < 68; i++) file[12 + i] = i < text.length ? text.charCodeAt(i) : 0x20;
      assert.deepEqual(decode(file).data, [""]);
      checkReaderTruth({ file, how: "regression" });
    },
  },
];

/** parseDescr, re-exported for tests that build expected dtypes. */
export { parseDescr };
