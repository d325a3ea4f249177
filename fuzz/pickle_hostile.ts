// Copyright 2026 the npy authors. MIT license.
// Fuzz properties of the safe unpickler (registered in properties.ts, run by
// fuzz/pickle_test.ts): hostile pickles end in an NpyError with their own
// code, in bounded time and memory; numpy-made object arrays decode to the
// values numpy's np.load(allow_pickle=True) returns.

import assert from "node:assert/strict";
import fc from "fast-check";
import { type JsonValue, NpyError, type NpyErrorCode, toJsonValues } from "../mod.ts";
import { OPCODES } from "../pickle/_opcodes.ts";
import { guardedDecode } from "./check.ts";
import { fromBase64 } from "./oracle.ts";
import type { Ctx, PropertyDef } from "./properties.ts";

const TIME_MS = 1000;

// ------------------------------------------------------------- assembler

const CODE = new Map(OPCODES.map((o) => [o.name, o.code]));

/** Pickle bytes from opcode names, numbers (raw bytes) and byte arrays. */
function asm(...parts: (string | number | Uint8Array | number[])[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === "string") {
      const c = CODE.get(p);
      if (c === undefined) throw new Error(`no opcode ${p}`);
      out.push(c);
    } else if (typeof p === "number") out.push(p);
    else for (const b of p) out.push(b);
  }
  return new Uint8Array(out);
}

function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

function u64(hi: number, lo: number): number[] {
  return [...u32(lo), ...u32(hi)];
}

function text(s: string): Uint8Array {
  const b = new TextEncoder().encode(s);
  return asm("BINUNICODE", u32(b.length), b);
}

function line(s: string): number[] {
  return [...new TextEncoder().encode(s + "\n")];
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The prefix numpy writes before an object array's elements (protocol 2), for `n` elements. */
function arrayHead(n: number): Uint8Array {
  return concat([
    asm("PROTO", 2, "GLOBAL", line("numpy.core.multiarray"), line("_reconstruct")),
    asm("GLOBAL", line("numpy"), line("ndarray"), "BININT1", 0, "TUPLE1", "SHORT_BINBYTES", 1),
    asm([0x62], "TUPLE3", "REDUCE", "MARK", "BININT1", 1, "BININT", u32(n), "TUPLE1"),
    asm("GLOBAL", line("numpy"), line("dtype"), "SHORT_BINUNICODE", 2, [0x4f, 0x38]),
    asm("NEWFALSE", "NEWTRUE", "TUPLE3", "REDUCE", "MARK", "BININT1", 3, "SHORT_BINUNICODE", 1),
    asm([0x7c], "NONE", "NONE", "NONE", "BININT", u32(-1), "BININT", u32(-1), "BININT1", 63),
    asm("TUPLE", "BUILD", "NEWFALSE", "EMPTY_LIST", "MARK"),
  ]);
}

/** A whole object-array pickle whose elements are the given pickle fragments. */
function arrayPickle(n: number, elements: Uint8Array[]): Uint8Array {
  return concat([arrayHead(n), ...elements, asm("APPENDS", "TUPLE", "BUILD", "STOP")]);
}

/** A .npy file: '|O' header of `n` elements, then the pickle. */
function npy(n: number, pickle: Uint8Array): Uint8Array {
  let dict = `{'descr': '|O', 'fortran_order': False, 'shape': (${n},), }`;
  dict += " ".repeat(63 - ((10 + dict.length) % 64)) + "\n";
  const out = new Uint8Array(10 + dict.length + pickle.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, dict.length & 0xff, dict.length >> 8]);
  out.set(new TextEncoder().encode(dict), 10);
  out.set(pickle, 10 + dict.length);
  return out;
}

// ------------------------------------------------------------- hostile cases

/** A hostile file and what must happen: an error code, or "ok" (loads; its JSON form may hit a bound). */
export interface HostileCase {
  how: string;
  file: Uint8Array;
  expect: NpyErrorCode | "ok";
}

const UNSAFE: [string, string][] = [
  ["posix", "system"],
  ["os", "system"],
  ["builtins", "eval"],
  ["builtins", "exec"],
  ["builtins", "getattr"],
  ["builtins", "__import__"],
  ["__builtin__", "eval"],
  ["subprocess", "Popen"],
  ["copy_reg", "_reconstructor"],
  ["numpy", "load"],
  ["numpy", "frombuffer"],
  ["numpy.core.multiarray", "_reconstructor"],
  ["builtins", "set.__init__"],
  ["numpy.testing._private.utils", "runstring"],
];

function globalRef(module: string, name: string, stack: boolean): Uint8Array {
  return stack
    ? concat([text(module), text(name), asm("STACK_GLOBAL")])
    : asm("GLOBAL", line(module), line(name));
}

function escapeArb(): fc.Arbitrary<HostileCase> {
  return fc.record({
    g: fc.constantFrom(...UNSAFE),
    via: fc.constantFrom("REDUCE", "NEWOBJ", "NEWOBJ_EX", "BUILD", "INST", "OBJ"),
    stack: fc.boolean(),
    proto: fc.integer({ min: 0, max: 5 }),
  }).map(({ g, via, stack, proto }) => {
    const ref = globalRef(g[0], g[1], stack && proto >= 4);
    const arg = text("true");
    let body: Uint8Array;
    switch (via) {
      case "REDUCE":
        body = concat([ref, arg, asm("TUPLE1", "REDUCE")]);
        break;
      case "NEWOBJ":
        body = concat([ref, arg, asm("TUPLE1", "NEWOBJ")]);
        break;
      case "NEWOBJ_EX":
        body = concat([ref, arg, asm("TUPLE1", "EMPTY_DICT", "NEWOBJ_EX")]);
        break;
      case "BUILD":
        body = concat([ref, asm("EMPTY_DICT", "BUILD")]);
        break;
      case "INST":
        body = concat([asm("MARK"), arg, asm("INST", line(g[0]), line(g[1]))]);
        break;
      default:
        body = concat([asm("MARK"), ref, arg, asm("OBJ")]);
    }
    return {
      how: `${via} of ${g.join(".")} (protocol ${proto}${stack ? ", STACK_GLOBAL" : ""})`,
      file: npy(1, arrayPickle(1, [body])),
      expect: "PICKLE_UNSAFE_GLOBAL" as const,
    };
  });
}

function deep(d: number): Uint8Array {
  const out = new Uint8Array(2 * d);
  out.fill(CODE.get("EMPTY_LIST")!, 0, d);
  out.fill(CODE.get("APPEND")!, d, 2 * d - 1);
  return out.subarray(0, 2 * d - 1);
}

function laughs(levels: number): Uint8Array {
  const parts = [asm("EMPTY_LIST", "MEMOIZE", "POP")];
  for (let k = 1; k <= levels; k++) {
    parts.push(asm("EMPTY_LIST", "MARK", "LONG_BINGET", u32(k - 1), "LONG_BINGET", u32(k - 1)));
    parts.push(asm("APPENDS", "MEMOIZE", "POP"));
  }
  parts.push(asm("LONG_BINGET", u32(levels)));
  return concat(parts);
}

const FIXED: HostileCase[] = [
  ...[
    ["an int", asm("BININT1", 5)],
    ["a str", text("f")],
    ["a list", asm("EMPTY_LIST")],
    ["None", asm("NONE")],
    ["a tuple", asm("EMPTY_TUPLE")],
  ].map(([what, v]) => ({
    how: `REDUCE on ${what}`,
    file: npy(1, arrayPickle(1, [concat([v as Uint8Array, asm("EMPTY_TUPLE", "REDUCE")])])),
    expect: "PICKLE_INVALID" as const,
  })),
  {
    how: "BUILD on a list",
    file: npy(1, arrayPickle(1, [asm("EMPTY_LIST", "BININT1", 1, "BUILD")])),
    expect: "PICKLE_INVALID",
  },
  {
    how: "BUILD of an ndarray state on a dtype",
    file: npy(
      1,
      concat([
        asm("PROTO", 2, "GLOBAL", line("numpy"), line("dtype"), "SHORT_BINUNICODE", 2, [
          0x4f,
          0x38,
        ]),
        asm("TUPLE1", "REDUCE", "MARK", "BININT1", 1, "EMPTY_TUPLE", "NONE", "NEWFALSE"),
        asm("EMPTY_LIST", "TUPLE", "BUILD", "STOP"),
      ]),
    ),
    expect: "PICKLE_INVALID",
  },
  {
    how: "_reconstruct of builtins.dict",
    file: npy(
      1,
      asm(
        "PROTO",
        2,
        "GLOBAL",
        line("numpy.core.multiarray"),
        line("_reconstruct"),
        "GLOBAL",
        line("builtins"),
        line("dict"),
        "EMPTY_TUPLE",
        "SHORT_BINBYTES",
        1,
        0x62,
        "TUPLE3",
        "REDUCE",
        "STOP",
      ),
    ),
    expect: "PICKLE_UNSAFE_GLOBAL",
  },
  {
    how: "_reconstruct of 2^31-1 bytes",
    file: npy(
      1,
      concat([
        asm("PROTO", 2, "GLOBAL", line("numpy.core.multiarray"), line("_reconstruct")),
        asm("GLOBAL", line("numpy"), line("ndarray"), "BININT", u32(0x7fffffff), "TUPLE1"),
        asm("SHORT_BINBYTES", 1, 0x62, "TUPLE3", "REDUCE", "STOP"),
      ]),
    ),
    expect: "PICKLE_LIMIT",
  },
  {
    how: "2^40 elements of S0 from no bytes",
    file: npy(
      1,
      arrayPickle(1, [
        concat([
          asm("GLOBAL", line("numpy.core.multiarray"), line("_reconstruct")),
          asm("GLOBAL", line("numpy"), line("ndarray"), "BININT1", 0, "TUPLE1"),
          asm("SHORT_BINBYTES", 1, 0x62, "TUPLE3", "REDUCE", "MARK", "BININT1", 1),
          asm("LONG1", 6, [0, 0, 0, 0, 0, 1], "TUPLE1"),
          asm("GLOBAL", line("numpy"), line("dtype"), "SHORT_BINUNICODE", 2, [0x53, 0x30]),
          asm("NEWFALSE", "NEWTRUE", "TUPLE3", "REDUCE", "MARK", "BININT1", 3),
          asm("SHORT_BINUNICODE", 1, [0x7c], "NONE", "NONE", "NONE", "BININT1", 0),
          asm("BININT1", 1, "BININT1", 0, "TUPLE", "BUILD", "NEWFALSE", "SHORT_BINBYTES", 0),
          asm("TUPLE", "BUILD"),
        ]),
      ]),
    ),
    expect: "PICKLE_LIMIT",
  },
  {
    how: "a short element list",
    file: npy(3, arrayPickle(3, [asm("NONE")])),
    expect: "PICKLE_ELEMENT_COUNT",
  },
  {
    how: "a long element list",
    file: npy(1, arrayPickle(1, [asm("NONE", "NONE")])),
    expect: "PICKLE_ELEMENT_COUNT",
  },
  { how: "10^5-deep nesting", file: npy(1, arrayPickle(1, [deep(100_000)])), expect: "ok" },
  {
    how: "10^6 open MARKs",
    file: npy(1, concat([new Uint8Array(1_000_000).fill(CODE.get("MARK")!), asm("STOP")])),
    expect: "PICKLE_INVALID",
  },
  {
    how: "LONG4 of 2^31-1 bytes",
    file: npy(1, asm("PROTO", 2, "LONG4", u32(0x7fffffff), 1, 2, 3)),
    expect: "PICKLE_TRUNCATED",
  },
  {
    how: "BINBYTES of 0xFFFFFFFF bytes",
    file: npy(1, asm("PROTO", 3, "BINBYTES", u32(0xffffffff), 1, 2, 3)),
    expect: "PICKLE_TRUNCATED",
  },
  {
    how: "BINUNICODE8 of 2^63 bytes",
    file: npy(1, asm("PROTO", 4, "BINUNICODE8", u64(0x80000000, 0), 0x61)),
    expect: "PICKLE_TRUNCATED",
  },
  {
    how: "FRAME of 2^40 bytes",
    file: npy(1, asm("PROTO", 4, "FRAME", u64(0x100, 0), "NONE", "STOP")),
    expect: "PICKLE_TRUNCATED",
  },
  {
    how: "LONG_BINPUT 0x7FFFFFFF",
    file: npy(1, arrayPickle(1, [asm("NONE", "LONG_BINPUT", u32(0x7fffffff))])),
    expect: "ok",
  },
  {
    how: "missing BINGET",
    file: npy(1, arrayPickle(1, [asm("BINGET", 200)])),
    expect: "PICKLE_INVALID",
  },
  { how: "memo billion laughs", file: npy(1, arrayPickle(1, [laughs(60)])), expect: "ok" },
  {
    how: "odd SETITEMS",
    file: npy(1, arrayPickle(1, [asm("EMPTY_DICT", "MARK", "BININT1", 1, "SETITEMS")])),
    expect: "PICKLE_INVALID",
  },
  {
    how: "a list as a dict key",
    file: npy(1, arrayPickle(1, [asm("EMPTY_DICT", "EMPTY_LIST", "BININT1", 1, "SETITEM")])),
    expect: "PICKLE_INVALID",
  },
  {
    how: "a list holding itself",
    file: npy(1, arrayPickle(1, [asm("EMPTY_LIST", "MEMOIZE", "BINGET", 0, "APPEND")])),
    expect: "ok",
  },
  {
    how: "out-of-band buffer",
    file: npy(1, arrayPickle(1, [asm("NEXT_BUFFER")])),
    expect: "PICKLE_INVALID",
  },
  {
    how: "a persistent id",
    file: npy(1, arrayPickle(1, [asm("PERSID", line("x"))])),
    expect: "PICKLE_INVALID",
  },
  {
    how: "a protocol 6 pickle",
    file: npy(1, asm("PROTO", 6, "NONE", "STOP")),
    expect: "PICKLE_INVALID",
  },
  {
    how: "a plain list, not an array",
    file: npy(1, asm("PROTO", 2, "EMPTY_LIST", "STOP")),
    expect: "PICKLE_NOT_ARRAY",
  },
];

/** Every hostile kind: the fixed cases and the whitelist escapes. */
export function hostileArb(): fc.Arbitrary<HostileCase> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...FIXED) },
    { weight: 3, arbitrary: escapeArb() },
  );
}

/** decode with allowPickle, then the JSON form: only NpyError, the expected code, within 1 s. */
export function checkHostile(c: HostileCase): void {
  const t0 = performance.now();
  const out = guardedDecode(c.file, { allowPickle: true });
  if (c.expect === "ok") {
    assert.ok(out.ok, `${c.how}: ${out.ok ? "" : out.error.message}`);
    try {
      toJsonValues(out.array);
    } catch (e) {
      if (!(e instanceof NpyError)) throw e;
      assert.equal(e.code, "PICKLE_LIMIT", `${c.how}: ${e.message}`);
    }
  } else {
    assert.ok(!out.ok, `${c.how}: decoded, expected ${c.expect}`);
    assert.equal(out.error.code, c.expect, `${c.how}: ${out.error.message}`);
  }
  const ms = performance.now() - t0;
  assert.ok(ms < TIME_MS, `${c.how}: took ${ms.toFixed(0)} ms`);
}

// ------------------------------------------------------------- truncation

/** Object arrays made by numpy 2.4.6's np.save (vectors/gen_object.py cases), base64. */
const NUMPY_FILES: Record<string, string> = {
  object_tutorial:
    "k05VTVBZAQB2AHsnZGVzY3InOiAnfE8nLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMywpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAqABJWkAAAAAAAAAIwWbnVtcHkuX2NvcmUubXVsdGlhcnJheZSMDF9yZWNvbnN0cnVjdJSTlIwFbnVtcHmUjAduZGFycmF5lJOUSwCFlEMBYpSHlFKUKEsBSwOFlGgDjAVkdHlwZZSTlIwCTziUiYiHlFKUKEsDjAF8lE5OTkr/////Sv////9LP3SUYoldlCh9lIwBYZRLAXNdlChLAksDZYwGc3RyaW5nlGV0lGIu",
  object_protocol_0:
    "k05VTVBZAQB2AHsnZGVzY3InOiAnfE8nLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMTcsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIApjbnVtcHkuX2NvcmUubXVsdGlhcnJheQpfcmVjb25zdHJ1Y3QKcDAKKGNudW1weQpuZGFycmF5CnAxCihJMAp0cDIKY19jb2RlY3MKZW5jb2RlCnAzCihWYgpwNApWbGF0aW4xCnA1CnRwNgpScDcKdHA4ClJwOQooSTEKKEkxNwp0cDEwCmNudW1weQpkdHlwZQpwMTEKKFZPOApwMTIKSTAwCkkwMQp0cDEzClJwMTQKKEkzClZ8CnAxNQpOTk5JLTEKSS0xCkk2Mwp0cDE2CmJJMDAKKGxwMTcKTmFJMDEKYUktNQphTDExODA1OTE2MjA3MTc0MTEzMDM0MjRMCmFGMS41CmFWdGV4dApwMTgKYVbpCnAxOQphZzMKKFZhYgpwMjAKZzUKdHAyMQpScDIyCmFjX19idWlsdGluX18KYnl0ZXMKcDIzCih0UnAyNAphY19fYnVpbHRpbl9fCmJ5dGVhcnJheQpwMjUKKGczCihWeApwMjYKZzUKdHAyNwpScDI4CnRwMjkKUnAzMAphKGxwMzEKSTEKYShJMgp0cDMyCmFhKGRwMzMKVmsKcDM0CmNfX2J1aWx0aW5fXwpzZXQKcDM1CigobHAzNgpJMwphdHAzNwpScDM4CnNhY19fYnVpbHRpbl9fCmZyb3plbnNldApwMzkKKChscDQwCkk0CmF0cDQxClJwNDIKYWNfX2J1aWx0aW5fXwpjb21wbGV4CnA0MwooRjEuMApGLTIuMAp0cDQ0ClJwNDUKYWNfX2J1aWx0aW5fXwp4cmFuZ2UKcDQ2CmFnMAooZzEKKEkwCnRwNDcKZzcKdHA0OApScDQ5CihJMQooSTMKdHA1MApnMTEKKFZpMgpwNTEKSTAwCkkwMQp0cDUyClJwNTMKKEkzClY8CnA1NApOTk5JLTEKSS0xCkkwCnRwNTUKYkkwMApnMwooVlx1MDAwMFx1MDAwMAFcdTAwMDACXHUwMDAwCnA1NgpnNQp0cDU3ClJwNTgKdHA1OQpiYWNudW1weS5fY29yZS5tdWx0aWFycmF5CnNjYWxhcgpwNjAKKGcxMQooVmY0CnA2MQpJMDAKSTAxCnRwNjIKUnA2MwooSTMKZzU0Ck5OTkktMQpJLTEKSTAKdHA2NApiZzMKKFZcdTAwMDBcdTAwMDAgQApwNjUKZzUKdHA2NgpScDY3CnRwNjgKUnA2OQphdHA3MApiLg==",
  object_protocol_2:
    "k05VTVBZAQB2AHsnZGVzY3InOiAnfE8nLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMTcsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAqAAmNudW1weS5fY29yZS5tdWx0aWFycmF5Cl9yZWNvbnN0cnVjdApxAGNudW1weQpuZGFycmF5CnEBSwCFcQJjX2NvZGVjcwplbmNvZGUKcQNYAQAAAGJxBFgGAAAAbGF0aW4xcQWGcQZScQeHcQhScQkoSwFLEYVxCmNudW1weQpkdHlwZQpxC1gCAAAATzhxDImIh3ENUnEOKEsDWAEAAAB8cQ9OTk5K/////0r/////Sz90cRBiiV1xEShOiEr7////igkAAAAAAAAAAEBHP/gAAAAAAABYBAAAAHRleHRxElgCAAAAw6lxE2gDWAIAAABhYnEUaAWGcRVScRZjX19idWlsdGluX18KYnl0ZXMKcRcpUnEYY19fYnVpbHRpbl9fCmJ5dGVhcnJheQpxGWgDWAEAAAB4cRpoBYZxG1JxHIVxHVJxHl1xHyhLAUsChXEgZX1xIVgBAAAAa3EiY19fYnVpbHRpbl9fCnNldApxI11xJEsDYYVxJVJxJnNjX19idWlsdGluX18KZnJvemVuc2V0CnEnXXEoSwRhhXEpUnEqY19fYnVpbHRpbl9fCmNvbXBsZXgKcStHP/AAAAAAAABHwAAAAAAAAACGcSxScS1jX19idWlsdGluX18KeHJhbmdlCnEuaABoAUsAhXEvaAeHcTBScTEoSwFLA4VxMmgLWAIAAABpMnEziYiHcTRScTUoSwNYAQAAADxxNk5OTkr/////Sv////9LAHRxN2KJaANYBgAAAAAAAQACAHE4aAWGcTlScTp0cTtiY251bXB5Ll9jb3JlLm11bHRpYXJyYXkKc2NhbGFyCnE8aAtYAgAAAGY0cT2JiIdxPlJxPyhLA2g2Tk5OSv////9K/////0sAdHFAYmgDWAQAAAAAACBAcUFoBYZxQlJxQ4ZxRFJxRWV0cUZiLg==",
  object_struct_fields:
    "k05VTVBZAQC2AHsnZGVzY3InOiBbKCdzJywgJ3xTMicpLCAoJ28nLCAnfE8nKSwgKCdmJywgJzxmOCcpLCAoJ3AnLCAnfE8nKV0sICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgyLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKgASVUgEAAAAAAACMFm51bXB5Ll9jb3JlLm11bHRpYXJyYXmUjAxfcmVjb25zdHJ1Y3SUk5SMBW51bXB5lIwHbmRhcnJheZSTlEsAhZRDAWKUh5RSlChLAUsChZRoA4wFZHR5cGWUk5SMA1YyNpSJiIeUUpQoSwOMAXyUTiiMAXOUjAFvlIwBZpSMAXCUdJR9lChoEWgMjAJTMpSJiIeUUpQoSwNoEE5OTksCSwFLAHSUYksAhpRoEmgMjAJPOJSJiIeUUpQoSwNoEE5OTkr/////Sv////9LP3SUYksChpRoE2gMjAJmOJSJiIeUUpQoSwOMATyUTk5OSv////9K/////0sAdJRiSwqGlGgUaB5LEoaUdUsaSwFLG3SUYoldlCgoQwJhYpSMAXiURz/4AAAAAAAATnSUKEMAlEsBhZRHgAAAAAAAAACKCwAAAAAAAAAAAAABdJRldJRiLg==",
  object_nested_arrays:
    "k05VTVBZAQB2AHsnZGVzY3InOiAnfE8nLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMTEsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAqABJU8BAAAAAAAAIwWbnVtcHkuX2NvcmUubXVsdGlhcnJheZSMDF9yZWNvbnN0cnVjdJSTlIwFbnVtcHmUjAduZGFycmF5lJOUSwCFlEMBYpSHlFKUKEsBSwuFlGgDjAVkdHlwZZSTlIwCTziUiYiHlFKUKEsDjAF8lE5OTkr/////Sv////9LP3SUYoldlChoAmgFSwCFlGgHh5RSlChLAUsDhZRoDIwCaTKUiYiHlFKUKEsDjAE+lE5OTkr/////Sv////9LAHSUYolDBgAAAAEAApR0lGJoAmgFSwCFlGgHh5RSlChLAUsCSwKGlGgMjAJmNJSJiIeUUpQoSwOMATyUTk5OSv////9K/////0sAdJRiiUMQAADAPwAAAEAAAEBAAACAQJR0lGJoAmgFSwCFlGgHh5RSlChLAUsCSwOGlGgMjAJpOJSJiIeUUpQoSwNoJU5OTkr/////Sv////9LAHSUYohDMAAAAAAAAAAAAwAAAAAAAAABAAAAAAAAAAQAAAAAAAAAAgAAAAAAAAAFAAAAAAAAAJR0lGJoAmgFSwCFlGgHh5RSlChLAUsChZRoDIwCVTKUiYiHlFKUKEsDaCVOTk5LCEsESwh0lGKJQxBhAAAAYgAAAGMAAAAAAAAAlHSUYmgCaAVLAIWUaAeHlFKUKEsBSwGFlGgMjAJTM5SJiIeUUpQoSwNoEE5OTksDSwFLAHSUYolDA3gAAJR0lGJoAmgFSwCFlGgHh5RSlChLAUsChZRoDIwDVjEwlImIh5RSlChLA2gQTowBeJSMAXmUhpR9lChoTmgMjAJpMpSJiIeUUpQoSwNoJU5OTkr/////Sv////9LAHSUYksAhpRoT2gMjAJmOJSJiIeUUpQoSwNoGk5OTkr/////Sv////9LAHSUYksChpR1SwpLAUsQdJRiiUMUAAAAAAAAAAAAAAAAAAAAAAAAAACUdJRiaAJoBUsAhZRoB4eUUpQoSwFLAoWUaAyMAmIxlImIh5RSlChLA2gQTk5OSv////9K/////0sAdJRiiUMCAQCUdJRiaAJoBUsAhZRoB4eUUpQoSwFLAYWUaAyMA2MxNpSJiIeUUpQoSwNoJU5OTkr/////Sv////9LAHSUYolDEAAAAAAAAPA/AAAAAAAAAECUdJRiaAJoBUsAhZRoB4eUUpQoSwFLAYWUaAyMAk04lImIh5RSlChLBGglTk5OSv////9K/////0sATihDAUSUSwFLAUsBdJSGlHSUYolDCFZHAAAAAAAAlHSUYmgCaAVLAIWUaAeHlFKUKEsBKWgMjAJ1NJSJiIeUUpQoSwNoJU5OTkr/////Sv////9LAHSUYolDBAcAAACUdJRiaAJoBUsAhZRoB4eUUpQoSwFLAEsDhpRoDIwCZjiUiYiHlFKUKEsDaCVOTk5K/////0r/////SwB0lGKJQwCUdJRiZXSUYi4=",
};

/** A numpy-made object array cut at an offset. */
export interface CutCase {
  name: string;
  at: number;
}

export function cutArb(): fc.Arbitrary<CutCase> {
  return fc.constantFrom(...Object.keys(NUMPY_FILES)).chain((name) =>
    fc.integer({ min: 0, max: fromBase64(NUMPY_FILES[name]).length - 1 }).map((at) => ({
      name,
      at,
    }))
  );
}

/** Every strict prefix is refused: TRUNCATED_HEADER inside the header, else PICKLE_TRUNCATED. */
export function checkCut(c: CutCase): void {
  const file = fromBase64(NUMPY_FILES[c.name]);
  const out = guardedDecode(file.subarray(0, c.at), { allowPickle: true });
  assert.ok(!out.ok, `${c.name} cut at ${c.at} decoded`);
  assert.ok(
    ["TRUNCATED_HEADER", "PICKLE_TRUNCATED"].includes(out.error.code),
    `${c.name} cut at ${c.at}: ${out.error.code} ${out.error.message}`,
  );
}

/** The numpy-made files, for tests that walk every offset. */
export function numpyObjectFiles(): Record<string, Uint8Array> {
  return Object.fromEntries(Object.entries(NUMPY_FILES).map(([k, v]) => [k, fromBase64(v)]));
}

// ------------------------------------------------------------- numpy oracle

/** Sets compare in any order: numpy's set iteration order need not be the pickle's. */
function normalize(v: JsonValue): JsonValue {
  const todo: JsonValue[] = [v];
  while (todo.length) {
    const x = todo.pop()!;
    if (Array.isArray(x)) todo.push(...x);
    else if (x !== null && typeof x === "object") {
      for (const k of Object.keys(x)) {
        if (k === "set" && Array.isArray(x[k])) {
          (x[k] as JsonValue[]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
        }
        todo.push(x[k]);
      }
    }
  }
  return v;
}

async function checkObjGen(seed: number, ctx: Ctx): Promise<void> {
  const ans = await ctx.oracle!.objgen(seed);
  const file = fromBase64(ans.file);
  const out = guardedDecode(file, { allowPickle: true });
  assert.ok(out.ok, `seed ${seed} (protocol ${ans.protocol}): ${out.ok ? "" : out.error.message}`);
  assert.deepStrictEqual(out.array.shape, ans.shape, "shape");
  assert.strictEqual(out.array.fortranOrder, ans.fortran, "fortran_order");
  assert.deepStrictEqual(
    normalize(toJsonValues(out.array)),
    normalize(ans.object_values),
    `values, seed ${seed} (protocol ${ans.protocol})`,
  );
}

/** The pickle properties, added to PROPERTIES. */
export const PICKLE_PROPERTIES: PropertyDef[] = [
  {
    id: "pickle-hostile",
    title: "hostile pickles (whitelist escapes, bad REDUCE/BUILD, huge counts, deep nesting, " +
      "memo tricks) end in an NpyError with their code, within 1 s",
    arb: hostileArb,
    check: (c) => checkHostile(c as HostileCase),
    testRuns: 60,
    examples: FIXED,
    npy: (c) => (c as HostileCase).file,
  },
  {
    id: "pickle-truncated",
    title: "numpy-made object arrays cut at any offset end in TRUNCATED_HEADER or PICKLE_TRUNCATED",
    arb: cutArb,
    check: (c) => checkCut(c as CutCase),
    testRuns: 100,
  },
  {
    id: "pickle-numpy",
    title: "random object arrays numpy saves (every pickle protocol) decode to np.load's values",
    arb: () => fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    check: (s, ctx) => checkObjGen(s as number, ctx),
    oracle: true,
    testRuns: 60,
  },
] as PropertyDef[];
