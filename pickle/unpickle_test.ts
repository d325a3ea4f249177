// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  decode,
  NpyDecoderStream,
  NpyError,
  PyGlobal,
  PyTuple,
  stringifyJson,
  toJsonValues,
  unpickle,
} from "../mod.ts";
import { load, loadSync } from "../fs/mod.ts";
import { OPCODES } from "./_opcodes.ts";
import { ALLOWED_GLOBALS } from "./_globals.ts";
import { scanPickle } from "./_scan.ts";
import { numpyObjectFiles } from "../fuzz/pickle_hostile.ts";

const files = numpyObjectFiles();

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof NpyError) return e.code;
    throw e;
  }
  return "returned";
}

function bytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

Deno.test("the opcode table is pickletools' (name, code, protocol, argument)", async () => {
  const out = await new Deno.Command("python3", {
    args: [
      "-c",
      "import pickletools\nfor o in pickletools.opcodes: print(o.name, ord(o.code), o.proto, o.arg.name if o.arg else 'none')",
    ],
  }).output();
  const rows = new TextDecoder().decode(out.stdout).trim().split("\n").map((l) => l.split(" "));
  const ours = new Map(OPCODES.map((o) => [o.name, `${o.code} ${o.proto} ${o.arg}`]));
  assert.equal(rows.length, OPCODES.length);
  for (const [name, c, proto, arg] of rows) {
    assert.equal(ours.get(name), `${c} ${proto} ${arg}`, name);
  }
});

Deno.test("unpickle() reads a protocol 2 dict: Map keys, __proto__ an ordinary key, bytes via _codecs", () => {
  // pickle.dumps({"__proto__": 1, "a": [1, 2.5, None, True, "x", b"y", (1,)]}, 2)
  const p = new Uint8Array([
    128,
    2,
    125,
    113,
    0,
    40,
    88,
    9,
    0,
    0,
    0,
    95,
    95,
    112,
    114,
    111,
    116,
    111,
    95,
    95,
    113,
    1,
    75,
    1,
    88,
    1,
    0,
    0,
    0,
    97,
    113,
    2,
    93,
    113,
    3,
    40,
    75,
    1,
    71,
    64,
    4,
    0,
    0,
    0,
    0,
    0,
    0,
    78,
    136,
    88,
    1,
    0,
    0,
    0,
    120,
    113,
    4,
    99,
    95,
    99,
    111,
    100,
    101,
    99,
    115,
    10,
    101,
    110,
    99,
    111,
    100,
    101,
    10,
    113,
    5,
    88,
    1,
    0,
    0,
    0,
    121,
    113,
    6,
    88,
    6,
    0,
    0,
    0,
    108,
    97,
    116,
    105,
    110,
    49,
    113,
    7,
    134,
    113,
    8,
    82,
    113,
    9,
    75,
    1,
    133,
    113,
    10,
    101,
    117,
    46,
  ]);
  const v = unpickle(p) as Map<string, unknown>;
  assert.ok(v instanceof Map);
  assert.equal(v.get("__proto__"), 1n);
  assert.equal(Object.getPrototypeOf(v), Map.prototype);
  assert.deepEqual(v.get("a"), [
    1n,
    2.5,
    null,
    true,
    "x",
    new Uint8Array([0x79]),
    new PyTuple([1n]),
  ]);
});

Deno.test("unpickle() keeps lone surrogates (CPython's surrogatepass)", () => {
  const p = new Uint8Array([128, 4, 149, 7, 0, 0, 0, 0, 0, 0, 0, 140, 3, 237, 160, 128, 148, 46]);
  assert.equal(unpickle(p), "\ud800");
  assert.equal(code(() => unpickle(new Uint8Array([0x8c, 1, 0xff, 0x2e]))), "PICKLE_INVALID");
});

Deno.test("unpickle() reads Python 2 strings with the encoding numpy's np.load takes", () => {
  const p = bytes("\x80\x02U\x03\xe9t\xe9.");
  assert.equal(code(() => unpickle(p)), "PICKLE_ENCODING");
  try {
    unpickle(p);
  } catch (e) {
    assert.match(
      (e as Error).message,
      /^Unpickling a python object failed: UnicodeDecodeError\('ascii'/,
    );
    assert.match((e as Error).message, /You may need to pass the encoding= option to numpy.load/);
  }
  assert.equal(unpickle(p, { encoding: "latin1" }), "\xe9t\xe9");
  assert.deepEqual(unpickle(p, { encoding: "bytes" }), new Uint8Array([0xe9, 0x74, 0xe9]));
  assert.equal(unpickle(bytes("\x80\x02U\x02ok."), { encoding: "ASCII" }), "ok");
  assert.equal(
    code(() => unpickle(p, { encoding: "utf8" as "ASCII" })),
    "INVALID_OPTION",
  );
  // Protocol 0 STRING with escapes, UNICODE with raw-unicode-escape.
  assert.equal(unpickle(bytes("S'a\\x41\\n\\''\n."), { encoding: "latin1" }), "aA\n'");
  assert.equal(unpickle(bytes("Va\\u00e9\\U0001f600\n.")), "a\u00e9\u{1f600}");
});

Deno.test("unpickle() renames Python 2 globals only with fixImports and protocols below 3", () => {
  const p = bytes("\x80\x02c__builtin__\nxrange\n.");
  assert.equal(String(unpickle(p)), "builtins.range");
  assert.equal(String(unpickle(p, { fixImports: false })), "__builtin__.xrange");
  assert.equal(String(unpickle(bytes("\x80\x03c__builtin__\nxrange\n."))), "__builtin__.xrange");
  assert.ok(unpickle(p) instanceof PyGlobal);
});

Deno.test("unpickle() refuses every call outside the whitelist, naming module.name", () => {
  const cases: [string, string][] = [
    ["\x80\x02cposix\nsystem\nX\x04\x00\x00\x00true\x85R.", "posix.system"],
    ["\x80\x02c__builtin__\neval\nX\x01\x00\x00\x001\x85R.", "builtins.eval"],
    ["\x80\x02cos\nsystem\n)\x81.", "os.system"],
    ["\x80\x02cos\nsystem\n}b.", "os.system"],
    ["(X\x01\x00\x00\x00xios\nsystem\n.", "os.system"],
    ["(cos\nsystem\nX\x01\x00\x00\x00xo.", "os.system"],
  ];
  for (const [p, name] of cases) {
    try {
      unpickle(bytes(p));
      assert.fail(`${name} was not refused`);
    } catch (e) {
      assert.ok(e instanceof NpyError);
      assert.equal(e.code, "PICKLE_UNSAFE_GLOBAL", e.message);
      assert.ok(e.message.includes(name), e.message);
    }
  }
  assert.ok(ALLOWED_GLOBALS.some((g) => g.module === "numpy.core._internal"));
});

Deno.test("unpickle() bounds: memo, stack, integer size and digits", () => {
  assert.equal(
    code(() => unpickle(bytes("((((N."), { limits: { maxStack: 3 } })),
    "PICKLE_LIMIT",
  );
  assert.equal(
    code(() => unpickle(bytes("Nq\x00q\x01q\x02."), { limits: { maxMemo: 2 } })),
    "PICKLE_LIMIT",
  );
  assert.equal(
    code(() =>
      unpickle(bytes("\x8b\x05\x00\x00\x00\x01\x02\x03\x04\x05."), {
        limits: { maxIntBytes: 4 },
      })
    ),
    "PICKLE_LIMIT",
  );
  assert.equal(code(() => unpickle(bytes(`I${"9".repeat(4301)}\n.`))), "PICKLE_LIMIT");
  assert.equal(unpickle(bytes(`I${"9".repeat(30)}\n.`)), 10n ** 30n - 1n);
  assert.equal(unpickle(bytes("\x8a\x02\x00\x80.")), -32768n);
  assert.equal(unpickle(bytes("I01\n.")), true);
  assert.equal(unpickle(bytes("Fnan\n.")), NaN);
  assert.equal(code(() => unpickle(bytes("h\x00."))), "PICKLE_INVALID");
  assert.equal(code(() => unpickle(bytes(""))), "PICKLE_TRUNCATED");
});

Deno.test("decode() reads numpy's object arrays only with allowPickle, even after the header cache saw one", () => {
  const f = files.object_tutorial;
  assert.equal(code(() => decode(f)), "OBJECT_ARRAY");
  const a = decode(f, { allowPickle: true });
  assert.equal(a.dtype.kind, "O");
  assert.equal(a.dtype.itemsize, 8);
  assert.equal(stringifyJson(toJsonValues(a)), '[{"dict":[["a",1]]},[2,3],"string"]');
  assert.deepEqual(a.data, [new Map([["a", 1n]]), [2n, 3n], "string"]);
  assert.equal(code(() => decode(f)), "OBJECT_ARRAY");
});

Deno.test("decode() refuses every strict prefix of numpy's object arrays with a truncation code", () => {
  let n = 0;
  for (const [name, f] of Object.entries(files)) {
    for (let at = 0; at < f.length; at++) {
      const c = code(() => decode(f.subarray(0, at), { allowPickle: true }));
      assert.ok(c === "TRUNCATED_HEADER" || c === "PICKLE_TRUNCATED", `${name} at ${at}: ${c}`);
      n++;
    }
  }
  assert.ok(n > 3000);
});

Deno.test("load(), loadSync() and NpyDecoderStream read object arrays with allowPickle", async () => {
  const f = files.object_struct_fields;
  const path = join(mkdtempSync(join(tmpdir(), "npy-pickle-")), "o.npy");
  writeFileSync(path, f);
  const want = toJsonValues(decode(f, { allowPickle: true }));
  assert.deepEqual(toJsonValues(await load(path, { allowPickle: true })), want);
  assert.deepEqual(toJsonValues(loadSync(path, { allowPickle: true })), want);
  await assert.rejects(
    load(path),
    (e: unknown) => e instanceof NpyError && e.code === "OBJECT_ARRAY",
  );
  const chunks = Array.from(
    { length: Math.ceil(f.length / 7) },
    (_, i) => f.slice(7 * i, 7 * i + 7),
  );
  const blocks = [];
  const dec = new NpyDecoderStream({ allowPickle: true });
  for await (const b of ReadableStream.from(chunks).pipeThrough(dec)) blocks.push(b);
  assert.equal(blocks.length, 1);
  assert.deepEqual(toJsonValues(blocks[0]), want);
});

Deno.test("scanPickle() lists the globals a pickle names and what calls them, running nothing", () => {
  const s = scanPickle(
    bytes("\x80\x02cposix\nsystem\nX\x04\x00\x00\x00true\x85Rc__builtin__\nxrange\n0."),
  );
  assert.deepEqual(
    s.globals.map((g) => [`${g.module}.${g.name}`, g.calledBy, g.allowed]),
    [["posix.system", ["REDUCE"], false], ["builtins.range", [], false]],
  );
  assert.equal(s.error, undefined);
  const t = scanPickle(files.object_nested_arrays.subarray(128));
  assert.ok(t.globals.every((g) => g.allowed), JSON.stringify(t.globals));
});
