// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { main } from "./main.ts";

const FILES = new URL("../vectors/files/", import.meta.url);

async function run(...args: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [], err: string[] = [];
  const status = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { status, out, err };
}

Deno.test("npy show --json prints one line per member of an .npz", async () => {
  const path = new URL("zipfile_data_descriptors.npz", FILES).pathname;
  const r = await run("show", "--json", path);
  assert.equal(r.status, 0);
  const lines = r.out.map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => [l.file, l.member]), [
    [path, "d/"],
    [path, "a"],
    [path, "b"],
    [path, "README"],
  ]);
  assert.equal(lines[0].bytes, 0);
  assert.deepEqual(lines[1].values, [0, 1, 2, 3, 4, 5]);
  assert.equal(lines[1].compression, "deflated");
});

Deno.test("npy show reports a refused member and exits 1", async () => {
  const r = await run("show", new URL("npz_object_member.npz", FILES).pathname);
  assert.equal(r.status, 1);
  assert.match(r.out[0], /npz archive, 2 members/);
  assert.match(r.err[0], /o: Object arrays cannot be loaded/);
});
