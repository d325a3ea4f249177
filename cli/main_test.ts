// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { main } from "./main.ts";
import { encode } from "../mod.ts";

async function run(args: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [], err: string[] = [];
  const status = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out, err };
}

const example = new URL("../codec/testdata/example.npy", import.meta.url).pathname;

Deno.test("npy show --json prints one JSON object per file", async () => {
  const r = await run(["show", "--json", example]);
  assert.equal(r.status, 0);
  assert.deepEqual(JSON.parse(r.out[0]), {
    file: example,
    version: [1, 0],
    descr: "<f8",
    fortran_order: true,
    shape: [2, 3],
    values: [[0, 1, 2], [3, 4, 5]],
  });
});

Deno.test("npy show reports a refused file on stderr and exits 1", async () => {
  const dir = Deno.makeTempDirSync();
  const bad = `${dir}/bad.npy`;
  Deno.writeFileSync(bad, encode([1, 2]).subarray(0, 130));
  const r = await run(["show", example, bad]);
  assert.equal(r.status, 1);
  assert.equal(r.out.length, 2);
  assert.equal(r.err.length, 1);
  assert.match(r.err[0], new RegExp(`^error: ${bad}: Failed to read all data`));
  const j = await run(["show", "--json", bad]);
  assert.equal(j.status, 1);
  assert.match(JSON.parse(j.out[0]).error, /Failed to read all data/);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("npy show --max-header-size lets a long header through", async () => {
  const dir = Deno.makeTempDirSync();
  const fields = Array.from({ length: 500 }, (_, i) => [`a_long_field_name_${i}`, "<i2"]);
  const path = `${dir}/wide.npy`;
  Deno.writeFileSync(
    path,
    encode({ dtype: fields, shape: [0], data: Object.fromEntries(fields.map(([n]) => [n, []])) }),
  );
  assert.equal((await run(["show", path])).status, 1);
  assert.equal((await run(["show", "--max-header-size", "100000", path])).status, 0);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("npy roundtrip writes byte-identical files into --out-dir", async () => {
  const dir = Deno.makeTempDirSync();
  const r = await run(["roundtrip", "--out-dir", dir, example]);
  assert.equal(r.status, 0, r.err.join("\n"));
  assert.deepEqual(Deno.readFileSync(`${dir}/example.npy`), Deno.readFileSync(example));
  assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["example.npy"]);
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("npy exits 2 with the usage text on bad usage", async () => {
  for (
    const args of [[], ["show"], ["show", "--bogus", "x"], ["roundtrip", example], [
      "show",
      "--max-header-size",
      "x",
      example,
    ]]
  ) {
    const r = await run(args);
    assert.equal(r.status, 2, args.join(" "));
    assert.match(r.err.join("\n"), /usage:/);
  }
});

Deno.test("npy validate reports numpy's verdict and exits 0 for a loadable file", async () => {
  const r = await run(["validate", "--json", example]);
  assert.equal(r.status, 0, r.err.join("\n"));
  const report = JSON.parse(r.out[0]);
  assert.equal(report.numpyLoadable, true);
  assert.equal(report.canonical, true);
});
