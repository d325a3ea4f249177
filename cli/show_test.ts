// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { main } from "./main.ts";
import { decode, encode, type EncodeInput, stringifyJson, toJsonValues } from "../mod.ts";

async function run(args: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [], err: string[] = [];
  const status = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out, err };
}

const example = fileURLToPath(new URL("../codec/testdata/example.npy", import.meta.url));

const prints = JSON.parse(
  readFileSync(new URL("testdata/prints.json", import.meta.url), "utf8"),
) as {
  vectors: Record<string, string | { error: string }>;
  extra: Record<string, string>;
  extra_repr: Record<string, string>;
};

Deno.test("npy show prints every loadable vector as numpy's print() does", async () => {
  const wrong: string[] = [];
  let n = 0;
  for (const [file, want] of Object.entries(prints.vectors)) {
    // numpy's print() raises on these (docs/cli.md); cli/print_test.ts pins npy's text.
    if (typeof want !== "string") continue;
    const path = fileURLToPath(new URL(`../vectors/${file}`, import.meta.url));
    const r = await run(["show", path]);
    n++;
    if (r.status !== 0 || r.out.length !== 2 || r.out[1] !== want) {
      wrong.push(`${file}: ${r.err.join("\n")}\n${r.out[1]}\n--- numpy\n${want}`);
    }
  }
  assert.ok(n >= 300, `only ${n} vectors`);
  assert.deepEqual(wrong, []);
});

Deno.test("npy show reads only the printed elements of a large file and prints numpy's summary", async () => {
  for (const [name, want] of Object.entries(prints.extra)) {
    const path = fileURLToPath(new URL(`testdata/print/${name}.npy`, import.meta.url));
    const r = await run(["show", path]);
    assert.equal(r.status, 0, r.err.join("\n"));
    assert.equal(r.out[1], want, name);
  }
});

Deno.test("npy show --repr prints numpy's repr(), reading only the printed elements", async () => {
  for (const [name, want] of Object.entries(prints.extra_repr)) {
    const path = fileURLToPath(new URL(`testdata/print/${name}.npy`, import.meta.url));
    const r = await run(["show", "--repr", path]);
    assert.equal(r.status, 0, r.err.join("\n"));
    assert.equal(r.out[1], want, name);
  }
});

Deno.test("npy show of a file far larger than memory reads only its corners", async () => {
  const dir = mkdtempSync(join(tmpdir(), "npy-cli-"));
  const path = join(dir, "huge.npy");
  // A sparse 64 GiB float64 file: only the header and the last element are written.
  const n = 2 ** 33;
  const head = new TextEncoder().encode(
    `{'descr': '<f8', 'fortran_order': False, 'shape': (${n},), }`,
  );
  const len = 128 - 10;
  const text = new Uint8Array(len).fill(0x20);
  text.set(head);
  text[len - 1] = 0x0a;
  const fd = openSync(path, "w");
  writeSync(fd, new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, len, 0]));
  writeSync(fd, text);
  writeSync(fd, new Uint8Array(new Float64Array([2.5]).buffer), 0, 8, 128 + (n - 1) * 8);
  closeSync(fd);
  const r = await run(["show", path]);
  rmSync(dir, { recursive: true });
  assert.equal(r.status, 0, r.err.join("\n"));
  assert.equal(r.out[1], "[0.  0.  0.  ... 0.  0.  2.5]");
});

Deno.test("npy show takes paths from NPY_CWD (deno task's INIT_CWD) and - as standard input", async () => {
  const before = process.env.NPY_CWD;
  process.env.NPY_CWD = fileURLToPath(new URL("../codec/", import.meta.url));
  try {
    const r = await run(["show", "testdata/example.npy"]);
    assert.equal(r.status, 0, r.err.join("\n"));
    assert.equal(r.out[0].split(":")[0], "testdata/example.npy");
    assert.equal(r.out[1], "[[0. 1. 2.]\n [3. 4. 5.]]");
    const missing = await run(["show", "nope.npy"]);
    assert.deepEqual(missing.err, ["error: nope.npy: no such file or directory"]);
  } finally {
    if (before === undefined) delete process.env.NPY_CWD;
    else process.env.NPY_CWD = before;
  }
});

Deno.test("npy roundtrip blames --out-dir, never the input or a temporary name", async () => {
  const dir = mkdtempSync(join(tmpdir(), "npy-cli-"));
  try {
    const missing = await run(["roundtrip", "--out-dir", join(dir, "absent"), example]);
    assert.equal(missing.status, 1);
    assert.deepEqual(missing.err, [
      `error: --out-dir ${join(dir, "absent")}: no such file or directory`,
    ]);
    // The target name is taken by a directory: the rename fails.
    mkdirSync(join(dir, "example.npy"));
    const blocked = await run(["roundtrip", "--out-dir", dir, example]);
    assert.equal(blocked.status, 1);
    assert.equal(blocked.err.length, 1);
    assert.match(
      blocked.err[0],
      new RegExp(`^error: ${join(dir, "example.npy")}: cannot write into --out-dir ${dir}: `),
    );
    assert.doesNotMatch(blocked.err[0], /\.tmp|codec\/testdata/);
    assert.deepEqual(readdirSync(dir), ["example.npy"]);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

Deno.test("npy show refuses, never hangs on, billions of zero-size elements in a tiny file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "npy-cli-"));
  const path = join(dir, "v0.npy");
  const dict = `{'descr': '|V0', 'fortran_order': False, 'shape': (${"2, ".repeat(40)}), }`;
  const len = Math.ceil((10 + dict.length + 1) / 64) * 64 - 10;
  const text = new Uint8Array(len).fill(0x20);
  text.set(new TextEncoder().encode(dict));
  text[len - 1] = 0x0a;
  const fd = openSync(path, "w");
  writeSync(fd, new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, len & 255, len >> 8]));
  writeSync(fd, text);
  closeSync(fd);
  try {
    for (const args of [["show", path], ["show", "--json", path], ["show", "--repr", path]]) {
      const r = await run(args);
      assert.equal(r.status, 1, args.join(" "));
      assert.match(
        [...r.err, ...r.out].join("\n"),
        /refusing (to print )?more than 16777216/,
        args.join(" "),
      );
    }
  } finally {
    rmSync(dir, { recursive: true });
  }
});

Deno.test("npy show --json of a file read in blocks prints the JSON of the whole array", async () => {
  const dir = mkdtempSync(join(tmpdir(), "npy-cli-"));
  // 2.4 MB each: several of the blocks --json reads, which split the rows of the 1-D file.
  const values = new Float64Array(300000).map((_, i) =>
    i % 997 === 0
      ? NaN
      : i % 1009 === 0
      ? -0
      : i % 1013 === 0
      ? Infinity
      : Math.sin(i) * 10 ** (i % 40 - 20)
  );
  const files: Record<string, EncodeInput> = {
    "c.npy": { dtype: "<f8", shape: [300000], data: values },
    "big_endian.npy": { dtype: ">f8", shape: [600, 500], data: values },
    "fortran.npy": { dtype: "<f8", shape: [600, 500], fortranOrder: true, data: values },
    "fortran_one_row.npy": { dtype: ">f8", shape: [1, 300000], fortranOrder: true, data: values },
    "big_endian_i2.npy": {
      dtype: ">i2",
      shape: [1000, 3, 400],
      data: new Int16Array(1200000).map((_, i) => i * 31),
    },
  };
  try {
    for (const [name, input] of Object.entries(files)) {
      const path = join(dir, name);
      const bytes = encode(input);
      writeFileSync(path, bytes);
      const a = decode(bytes);
      const want = stringifyJson({
        file: path,
        version: [1, 0],
        descr: (input as { dtype: string }).dtype,
        fortran_order: a.fortranOrder,
        shape: a.shape,
        values: toJsonValues(a),
      });
      // As lines (tests), as text and as bytes (standard output).
      const out: string[] = [], text: string[] = [], chunks: Uint8Array[] = [];
      const err: string[] = [];
      const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
      assert.equal(await main(["show", "--json", path], io), 0, err.join("\n"));
      assert.equal(await main(["show", "--json", path], { ...io, write: (t) => text.push(t) }), 0);
      assert.equal(
        await main(["show", "--json", path], { ...io, writeBytes: (b) => chunks.push(b.slice()) }),
        0,
      );
      assert.ok(out[0] === want, name);
      assert.ok(text.join("") === want + "\n", name);
      const all = new Uint8Array(chunks.reduce((n, b) => n + b.length, 0));
      chunks.reduce((at, b) => (all.set(b, at), at + b.length), 0);
      assert.ok(new TextDecoder().decode(all) === want + "\n", name);
      assert.ok(chunks.length > 10, `${name}: ${chunks.length} writes`);
    }
  } finally {
    rmSync(dir, { recursive: true });
  }
});

Deno.test("npy show --json writes all its output, once, to a non-blocking pipe that fills", async () => {
  const dir = mkdtempSync(join(tmpdir(), "npy-cli-"));
  const path = join(dir, "a.npy");
  writeFileSync(path, encode(new Float64Array(200000).map((_, i) => Math.cos(i))));
  const chunks: Uint8Array[] = [];
  const io = {
    out: () => {},
    err: () => {},
    writeBytes: (b: Uint8Array) => void chunks.push(b.slice()),
  };
  await main(["show", "--json", path], io);
  const want = new TextDecoder().decode(
    chunks.reduce((all, b) => {
      const next = new Uint8Array(all.length + b.length);
      next.set(all);
      next.set(b, all.length);
      return next;
    }, new Uint8Array(0)),
  );
  // Python gives the CLI a pipe made non-blocking, and reads it only once it is full.
  const script = `
import fcntl, os, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
p = subprocess.Popen(sys.argv[1:], stdout=w)
os.close(w)
time.sleep(0.3)
while True:
    b = os.read(r, 1 << 16)
    if not b:
        break
    sys.stdout.buffer.write(b)
    time.sleep(0.001)
sys.exit(p.wait())
`;
  const cli = fileURLToPath(new URL("./main.ts", import.meta.url));
  try {
    const r = await new Deno.Command("python3", {
      args: [
        "-c",
        script,
        Deno.execPath(),
        "run",
        `--allow-read=${dir}`,
        cli,
        "show",
        "--json",
        path,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(r.code, 0, new TextDecoder().decode(r.stderr));
    const got = new TextDecoder().decode(r.stdout);
    assert.equal(got.length, want.length);
    assert.ok(got === want);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
