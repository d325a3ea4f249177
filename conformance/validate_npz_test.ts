// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { NPZ_READERS, NPZ_RULES, validateNpz } from "./validate.ts";
import { validateCli } from "../cli/validate.ts";

const FILES = new URL("../vectors/files/", import.meta.url);
const read = (name: string) => Deno.readFileSync(new URL(name, FILES));

Deno.test("validateNpz() of np.savez's archive: numpy loads it, cnpy reads stored members", async () => {
  const r = await validateNpz(read("npz_empty.npz"));
  assert.equal(r.numpyLoadable, true);
  assert.deepEqual(r.findings, []);
  const s = await validateNpz(read("npz_comment.npz"));
  assert.equal(s.numpyLoadable, true);
  assert.ok(s.findings.some((f) => f.rule === "zip-comment"));
});

Deno.test("validateNpz() says cnpy fails on np.savez_compressed's zip64 local sizes", async () => {
  const r = await validateNpz(read("npz_savez_compressed_families.npz"));
  assert.equal(r.numpyLoadable, true);
  assert.equal(r.members.length, 20);
  assert.ok(r.members.every((m) => m.kind === "npy" && m.report?.canonical));
  assert.equal(r.readers.cnpy.accepts, false);
  assert.equal(r.readers.cnpy.issues[0].rule, "cnpy/npz-zip64-local-sizes");
  assert.equal(r.readers.npyz.accepts, true);
});

Deno.test("validateNpz() flags data descriptors, which end cnpy's walk", async () => {
  const r = await validateNpz(read("npz_unseekable_stored.npz"));
  assert.equal(r.numpyLoadable, true);
  assert.ok(r.findings.some((f) => f.rule === "zip-data-descriptor"));
  assert.equal(r.readers.cnpy.accepts, false);
  assert.equal(r.readers.cnpy.issues.at(-1)?.rule, "cnpy/npz-data-descriptor");
});

Deno.test("validateNpz() reports refused members and stricter refusals", async () => {
  const crc = await validateNpz(read("npz_bad_crc.npz"));
  assert.equal(crc.numpyLoadable, false);
  assert.equal(crc.members[0].error?.code, "ZIP_BAD_CRC");
  assert.ok(crc.findings.some((f) => f.rule === "npz-member-refused" && f.member === "a.npy"));
  const dup = await validateNpz(read("npz_duplicate_name.npz"));
  assert.equal(dup.numpyLoadable, null);
  assert.equal(dup.error?.code, "ZIP_DUPLICATE_NAME");
  assert.equal(dup.readers.cnpy.accepts, null);
  const notZip = await validateNpz(read("npz_prefixed.npz"));
  assert.equal(notZip.numpyLoadable, false);
  assert.equal(notZip.error?.code, "PICKLED_DATA");
});

Deno.test("every npz rule and reader rule fired by the vectors is documented", async () => {
  const ids = new Set<string>(NPZ_RULES.map((r) => r.id));
  const readerIds = new Set(NPZ_READERS.flatMap((t) => t.rules.map((r) => r.id)));
  for (const e of Deno.readDirSync(FILES)) {
    if (!e.name.endsWith(".npz")) continue;
    const r = await validateNpz(read(e.name));
    for (const f of r.findings) assert.ok(ids.has(f.rule), f.rule);
    for (const v of Object.values(r.readers)) {
      for (const i of v.issues) assert.ok(readerIds.has(i.rule), i.rule);
    }
  }
});

Deno.test("npy validate --json prints an archive's report on one line", async () => {
  const out: string[] = [];
  const path = new URL("npz_object_member.npz", FILES).pathname;
  const status = await validateCli([path], { json: true }, {
    out: (l) => out.push(l),
    err: () => {},
  });
  assert.equal(status, 1);
  const r = JSON.parse(out[0]);
  assert.equal(r.kind, "npz");
  assert.equal(r.numpyLoadable, false);
  assert.deepEqual(r.members.map((m: { key: string; kind: string }) => [m.key, m.kind]), [
    ["a", "npy"],
    ["o", "refused"],
  ]);
  assert.equal(r.members[1].error.code, "OBJECT_ARRAY");
});
