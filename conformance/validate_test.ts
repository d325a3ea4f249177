// Copyright 2026 the npy authors. MIT license.
// The validator against its third-party corpus (conformance/testdata/):
// numpy's recorded verdict for every file, the hand-written findings and
// reader issues, and what npyjs and numpy-parser really did with each file.

import assert from "node:assert/strict";
import { decode, encode, NpyError, readHeader } from "../mod.ts";
import {
  READER_NAMES,
  type ReaderName,
  READERS,
  type RuleId,
  RULES,
  validate,
  type ValidationReport,
} from "./validate.ts";
import { validateCli, validateMain } from "../cli/validate.ts";

const DIR = new URL("./testdata/", import.meta.url).pathname;
const CORPUS = `${DIR}corpus`;

interface Expected {
  writer: string;
  note: string;
  numpyLoadable: boolean;
  canonical: boolean;
  numpyError: string | null;
  numpyWarnings: string[];
  findings: RuleId[];
  readerIssues: string[] | null;
  observed?: Record<string, { ok: boolean; detail: string }>;
}

const EXPECTED: Record<string, Expected> = JSON.parse(
  Deno.readTextFileSync(`${DIR}expected.json`),
).files;
const NAMES = Object.keys(EXPECTED).sort();
const FATAL = new Map(READERS.flatMap((r) => r.rules.map((x) => [x.id, x.fatal] as const)));

function load(name: string): Uint8Array {
  return Deno.readFileSync(`${CORPUS}/${name}`);
}

function lines(): {
  out: string[];
  err: string[];
  io: { out(l: string): void; err(l: string): void };
} {
  const out: string[] = [], err: string[] = [];
  return { out, err, io: { out: (l) => out.push(l), err: (l) => err.push(l) } };
}

Deno.test("corpus: every file has expectations and every expectation a file", () => {
  const files = [...Deno.readDirSync(CORPUS)].map((e) => e.name).filter((n) => n.endsWith(".npy"));
  assert.deepEqual(files.sort(), NAMES);
  const writers = new Set(NAMES.map((n) => EXPECTED[n].writer.split(" ")[0]));
  assert.deepEqual([...writers].sort(), ["hand-built", "npyjs", "numpy"]);
  const numpys = new Set(NAMES.map((n) => EXPECTED[n].writer).filter((w) => w.startsWith("numpy")));
  assert.equal(numpys.size, 2, "files from two numpy versions");
});

for (const name of NAMES) {
  Deno.test(`corpus: ${name}`, () => {
    const e = EXPECTED[name];
    const bytes = load(name);
    const copy = bytes.slice();
    const r = validate(bytes);
    assert.deepEqual(bytes, copy, "validate() leaves its input alone");
    // numpy's verdict, recorded by running numpy on the file.
    assert.equal(r.numpyLoadable, e.numpyLoadable, `numpyLoadable (numpy: ${e.numpyError})`);
    assert.equal(r.canonical, e.canonical, "canonical");
    // The findings.
    assert.deepEqual([...new Set(r.findings.map((f) => f.rule))].sort(), e.findings);
    for (const f of r.findings) {
      assert.equal(f.severity, RULES[f.rule].severity, `${f.rule} severity`);
      assert.ok(f.offset >= 0 && f.offset <= Math.max(bytes.length, 8), `${f.rule} offset`);
      assert.ok(f.message.length > 20, `${f.rule} message`);
    }
    assert.deepEqual(
      r.findings.map((f) => f.offset),
      r.findings.map((f) => f.offset).sort((a, b) => a - b),
    );
    assert.equal(r.numpyLoadable, !r.findings.some((f) => f.severity === "error"));
    if (!r.canonical && r.numpyLoadable) {
      assert.ok(r.findings.length > 0, "non-canonical is explained");
    }
    // The readers.
    assert.deepEqual(Object.keys(r.readers), [...READER_NAMES]);
    if (e.readerIssues === null) {
      for (const v of Object.values(r.readers)) assert.deepEqual(v, { accepts: null, issues: [] });
    } else {
      const issues = Object.values(r.readers).flatMap((v) => v.issues.map((i) => i.rule)).sort();
      assert.deepEqual(issues, e.readerIssues);
      for (const reader of READER_NAMES) {
        const v = r.readers[reader];
        const fatal: string[] = e.readerIssues.filter((id) =>
          id.startsWith(`${reader}/`) && FATAL.get(id)
        );
        assert.equal(v.accepts, fatal.length === 0, `${reader} accepts`);
        assert.ok(fatal.length <= 1, "a reader stops at its first fatal rule");
        for (const i of v.issues) assert.equal(i.fatal, FATAL.get(i.rule));
      }
    }
    // What npyjs and numpy-parser really did with the file (run by generate.ts).
    for (const [reader, o] of Object.entries(e.observed ?? {})) {
      assert.equal(r.readers[reader as ReaderName].accepts, o.ok, `${reader} really: ${o.detail}`);
    }
  });
}

Deno.test("corpus: every validator rule and every reader rule is exercised", () => {
  const rules = new Set(NAMES.flatMap((n) => EXPECTED[n].findings));
  assert.deepEqual([...rules].sort(), Object.keys(RULES).sort());
  const readerRules = new Set(NAMES.flatMap((n) => EXPECTED[n].readerIssues ?? []));
  const all = READERS.flatMap((r) => r.rules.map((x) => x.id));
  assert.deepEqual(all.filter((id) => !readerRules.has(id)), []);
  assert.deepEqual([...readerRules].filter((id) => !all.includes(id)), []);
});

Deno.test("corpus: numpy verdicts recorded for both numpy versions", () => {
  const versions = JSON.parse(Deno.readTextFileSync(`${DIR}expected.json`)).numpy;
  assert.match(versions.np24, /^2\./);
  assert.match(versions.np124, /^1\.24\./);
  // numpy writes headers that its own np.load refuses by default.
  assert.equal(EXPECTED["np24_many_fields.npy"].numpyLoadable, false);
  assert.equal(EXPECTED["np24_many_fields.npy"].canonical, true);
});

Deno.test("validate: offsets and messages of some findings", () => {
  const at = (name: string, rule: RuleId) =>
    validate(load(name)).findings.find((f) => f.rule === rule)!;
  const noNewline = load("hand_no_newline.npy");
  assert.equal(at("hand_no_newline.npy", "newline").offset, readHeader(noNewline).dataOffset - 1);
  const trailing = load("hand_trailing_bytes.npy");
  assert.equal(at("hand_trailing_bytes.npy", "trailing-bytes").offset, trailing.length - 8);
  assert.match(
    at("hand_trailing_bytes.npy", "trailing-bytes").message,
    /^8 bytes follow the 12 bytes/,
  );
  assert.match(at("hand_length_short.npy", "header-length").message, /says 40 bytes.*byte 127/);
  assert.equal(at("hand_version_4.npy", "version").offset, 6);
  assert.equal(at("hand_bad_magic.npy", "magic").offset, 5);
  assert.match(at("hand_empty.npy", "magic").message, /0 bytes/);
  assert.match(at("hand_legacy16.npy", "alignment").message, /multiple of 16/);
  assert.match(
    at("hand_misaligned.npy", "element-alignment").message,
    /byte 100, not a multiple of 8/,
  );
  assert.match(at("hand_long_suffix.npy", "long-suffix").message, /3L/);
  assert.match(at("hand_key_order.npy", "header-form").message, /shape, fortran_order, descr/);
  assert.match(at("npyjs_bool.npy", "descr-form").message, /'<b1'.*'\|b1'/);
  assert.match(at("hand_v2_pad16.npy", "version-not-minimal").message, /version 2\.0/);
  assert.match(at("hand_v3_ascii.npy", "version-not-minimal").message, /version 3\.0/);
  assert.match(at("np24_many_fields.npy", "header-too-large").message, /max_header_size=13622/);
  assert.match(at("np24_latin1_name.npy", "latin1-header").message, /0xe9/);
  assert.match(
    at("hand_fortran_1d.npy", "header-form").message,
    /fortran_order True for shape \(3,\)/,
  );
  assert.match(at("hand_long_padding.npy", "header-form").message, /padding where numpy writes/);
});

Deno.test("validate: maxHeaderSize is numpy's max_header_size", () => {
  const big = load("np24_many_fields.npy");
  const r = validate(big, { maxHeaderSize: 20000 });
  assert.equal(r.numpyLoadable, true);
  assert.deepEqual(r.findings.map((f) => [f.rule, f.severity]), [["header-too-large", "warning"]]);
  const small = encode(new Float64Array([1]));
  const refused = validate(small, { maxHeaderSize: 100 });
  assert.equal(refused.numpyLoadable, false);
  assert.equal(refused.canonical, true);
  assert.deepEqual(refused.findings.map((f) => f.rule), ["header-too-large"]);
  assert.throws(
    () => validate(small, { maxHeaderSize: -1 }),
    (e) => e instanceof NpyError && e.code === "INVALID_OPTION",
  );
});

Deno.test("validate: readers report caveats without failing", () => {
  const r = validate(load("hand_misaligned.npy"));
  assert.equal(r.readers["ndarray-npy"].accepts, true);
  assert.deepEqual(r.readers["ndarray-npy"].issues.map((i) => [i.rule, i.fatal]), [[
    "ndarray-npy/view-alignment",
    false,
  ]]);
  const oneD = validate(load("np24_f8_1d.npy"));
  assert.equal(oneD.readers["numpy-parser"].accepts, false);
  assert.match(oneD.readers["numpy-parser"].issues[0].message, /shape \[3,1\] for \(3,\)/);
});

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

Deno.test("validate: never throws on damaged files, and agrees with decode()", () => {
  const random = rng(5);
  const sources = NAMES.filter((n) => load(n).length < 4096).map(load);
  for (let i = 0; i < 1500; i++) {
    const src = sources[Math.floor(random() * sources.length)];
    const bytes = src.slice(
      0,
      Math.max(0, src.length - (random() < 0.2 ? Math.floor(random() * 16) : 0)),
    );
    const flips = Math.floor(random() * 3);
    for (let k = 0; k < flips && bytes.length > 0; k++) {
      const at = Math.floor(random() * Math.min(bytes.length, 140));
      bytes[at] = random() < 0.5 ? Math.floor(random() * 256) : " ',:()[]{}\nL<>|"
        .charCodeAt(Math.floor(random() * 15));
    }
    let r: ValidationReport;
    try {
      r = validate(bytes);
    } catch (e) {
      assert.fail(`validate threw ${e} on ${JSON.stringify([...bytes.subarray(0, 140)])}`);
    }
    let decodes = true;
    try {
      decode(bytes);
    } catch (e) {
      assert.ok(e instanceof NpyError);
      decodes = false;
    }
    assert.equal(r.numpyLoadable, decodes);
    if (r.canonical) assert.deepEqual(encode(decode(bytes, { maxHeaderSize: Infinity })), bytes);
  }
});

Deno.test("validateCli --json agrees with numpy on the whole corpus", async () => {
  const { out, err, io } = lines();
  const status = await validateCli([CORPUS], { json: true }, io);
  assert.equal(status, 1, "some corpus files are refused");
  assert.deepEqual(err, []);
  assert.equal(out.length, NAMES.length);
  for (const line of out) {
    const j = JSON.parse(line);
    assert.deepEqual(Object.keys(j), ["file", "numpyLoadable", "canonical", "findings", "readers"]);
    const name = j.file.slice(j.file.lastIndexOf("/") + 1);
    assert.equal(j.numpyLoadable, EXPECTED[name].numpyLoadable, name);
    assert.equal(j.canonical, EXPECTED[name].canonical, name);
    for (const f of j.findings) {
      assert.deepEqual(Object.keys(f), ["rule", "severity", "offset", "message"]);
    }
    assert.deepEqual(Object.keys(j.readers), [...READER_NAMES]);
  }
});

Deno.test("validateCli: exit status, human output, directories and errors", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.mkdirSync(`${dir}/sub`);
    Deno.writeFileSync(`${dir}/a.npy`, load("np24_f8_1d.npy"));
    Deno.writeFileSync(`${dir}/sub/b.NPY`, load("npyjs_f4_1d.npy"));
    Deno.writeFileSync(`${dir}/notes.txt`, new Uint8Array([1, 2, 3]));
    let { out, err, io } = lines();
    assert.equal(await validateCli([dir], { json: false }, io), 0);
    assert.deepEqual(err, []);
    assert.equal(out[0], `${dir}/a.npy: numpy loads it, byte for byte what np.save writes`);
    assert.ok(out.includes("  readers:"));
    assert.ok(out.some((l) => /^ {4}numpy-parser {2}no {3}numpy-parser\/shape/.test(l)));
    const b = out.indexOf(`${dir}/sub/b.NPY: numpy loads it, not as np.save writes it`);
    assert.ok(b > 0);
    assert.match(out[b + 1], /^ {2}warning header-form at byte \d+: /);
    assert.ok(!out.some((l) => l.includes("notes.txt")));

    ({ out, err, io } = lines());
    Deno.writeFileSync(`${dir}/c.npy`, load("hand_truncated.npy"));
    assert.equal(await validateCli([`${dir}/c.npy`], { json: false }, io), 1);
    assert.equal(out[0], `${dir}/c.npy: numpy refuses it`);
    assert.match(out[1], /^ {2}error {3}data-truncated at byte \d+/);

    ({ out, err, io } = lines());
    assert.equal(await validateCli([`${dir}/missing.npy`, `${dir}/a.npy`], { json: true }, io), 1);
    assert.deepEqual(JSON.parse(out[0]), {
      file: `${dir}/missing.npy`,
      error: "no such file or directory",
    });
    assert.equal(JSON.parse(out[1]).numpyLoadable, true);

    ({ out, err, io } = lines());
    assert.equal(await validateCli([`${dir}/missing.npy`], { json: false }, io), 1);
    assert.deepEqual(err, [`error: ${dir}/missing.npy: no such file or directory`]);

    ({ out, err, io } = lines());
    Deno.writeFileSync(`${dir}/big.npy`, load("np24_many_fields.npy"));
    assert.equal(await validateCli([`${dir}/big.npy`], { json: true }, io), 1);
    assert.equal(
      await validateCli([`${dir}/big.npy`], { json: true, maxHeaderSize: 13622 }, io),
      0,
    );
    assert.equal(JSON.parse(out[1]).findings[0].severity, "warning");

    ({ out, err, io } = lines());
    assert.equal(await validateCli([], { json: false }, io), 2);
    assert.match(err[0], /no FILE given/);
    assert.equal(await validateCli([dir], { json: false, maxHeaderSize: -3 }, io), 2);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("validateMain: arguments", async () => {
  const path = `${CORPUS}/np24_f4_2d.npy`;
  let { out, err, io } = lines();
  assert.equal(await validateMain(["--json", path], io), 0);
  assert.equal(JSON.parse(out[0]).canonical, true);
  ({ out, err, io } = lines());
  assert.equal(await validateMain(["--max-header-size", "100", "--json", "--", path], io), 1);
  assert.equal(JSON.parse(out[0]).findings[0].rule, "header-too-large");
  ({ out, err, io } = lines());
  assert.equal(await validateMain(["--max-header-size=20000", path], io), 0);
  assert.match(out[0], /byte for byte/);
  for (
    const bad of [[], ["--json"], ["--max-header-size", "x", path], ["--max-header-size"], [
      "-x",
      path,
    ]]
  ) {
    ({ out, err, io } = lines());
    assert.equal(await validateMain(bad, io), 2, bad.join(" "));
    assert.match(err.join("\n"), /usage: validate/);
  }
  ({ out, err, io } = lines());
  assert.equal(await validateMain(["--help"], io), 0);
  assert.match(out[0], /^usage: validate/);
});

Deno.test("validate: object arrays have a valid header, load only with allow_pickle, and name their globals", () => {
  const read = (name: string) =>
    Deno.readFileSync(new URL(`../vectors/files/${name}.npy`, import.meta.url));
  const tutorial = validate(read("object_tutorial"));
  assert.equal(tutorial.numpyLoadable, false);
  assert.deepEqual(tutorial.findings.map((f) => [f.rule, f.severity]), [
    ["object-dtype", "error"],
    ["pickle-globals", "info"],
  ]);
  assert.match(tutorial.findings[0].message, /header is valid/);
  assert.match(tutorial.findings[0].message, /allow_pickle=True/);
  for (const v of Object.values(tutorial.readers)) {
    assert.equal(v.accepts, false);
    assert.match(v.issues[0].rule, /\/object-array$/);
  }
  const globals = validate(read("object_globals"));
  const unsafe = globals.findings.filter((f) => f.rule === "pickle-unsafe-global");
  assert.deepEqual(unsafe.map((f) => f.severity), ["warning", "warning"]);
  assert.match(unsafe[0].message, /builtins\.range/);
  const call = validate(read("object_hostile_unsafe_call"));
  const err = call.findings.find((f) => f.rule === "pickle-unsafe-global")!;
  assert.equal(err.severity, "error");
  assert.match(err.message, /posix\.system .*can run code/);
  const short = validate(read("object_hostile_short_list"));
  assert.ok(short.findings.some((f) => f.rule === "pickle-data" && /2 items/.test(f.message)));
});
