// Copyright 2026 the npy authors. MIT license.

// One test per archive vector (kind "npz") in vectors/manifest.json, made by
// vectors/gen_npz.py. Each is read as np.load reads it (decodeAny: dispatch
// by magic, then every member by name): an archive numpy refuses must be
// refused with the expected code; one numpy opens must list the same files,
// and each member must give the same array values or bytes, or be refused
// with the expected code. A `stricter` case is one numpy accepts and this
// project refuses by design (the entry says why).

import assert from "node:assert/strict";
import { decodeAny, type NpyArray, NpyError, NpzFile, toJsonValues } from "../mod.ts";
import {
  loadManifest,
  type ManifestEntry,
  type NpzManifestMember,
  readVector,
  sha256Hex,
} from "./_manifest.ts";

const manifest = loadManifest();
const counts = { passed: 0, failed: 0 };

async function refusal(p: Promise<unknown>): Promise<NpyError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof NpyError) return e;
    throw e;
  }
  assert.fail("expected a refusal, got a value");
}

async function checkMember(npz: NpzFile, m: NpzManifestMember): Promise<void> {
  const where = `member ${JSON.stringify(m.name)}`;
  const info = npz.info(m.name);
  const compression = info.method === 0 || info.method === 8
    ? info.compression
    : `method ${info.method}`;
  assert.equal(compression, m.compression, `${where}: compression`);
  assert.equal(info.compressedSize, m.compressed_size, `${where}: compressed size`);
  if (m.expected_code !== undefined) {
    const e = await refusal(npz.get(m.name));
    const numpy = m.stricter ? `stricter: ${m.stricter}` : `numpy: ${m.error_type}: ${m.error}`;
    assert.equal(e.code, m.expected_code, `${where}: ${e.message}; ${numpy}`);
    return;
  }
  assert.equal(info.size, m.size, `${where}: size`);
  const v = await npz.get(m.name);
  if (m.kind === "bytes") {
    assert.ok(v instanceof Uint8Array, `${where}: expected bytes`);
    assert.equal(v.length, m.bytes_size, `${where}: length`);
    assert.equal(await sha256Hex(v), m.bytes_sha256, `${where}: sha256`);
    return;
  }
  assert.ok(!(v instanceof Uint8Array), `${where}: expected an array, got bytes`);
  assert.deepStrictEqual(v.shape, m.shape, `${where}: shape`);
  assert.deepStrictEqual(toJsonValues(v), m.values, `${where}: values`);
}

async function check(entry: ManifestEntry): Promise<void> {
  const bytes = readVector(entry);
  if (entry.outcome === "refuse" || entry.stricter !== undefined) {
    const e = await refusal(decodeAny(bytes));
    const numpy = entry.stricter
      ? `stricter: ${entry.stricter}`
      : `numpy: ${entry.error_type}: ${entry.error}`;
    assert.equal(e.code, entry.expected_code, `${e.message}; ${numpy}`);
    return;
  }
  const npz = await decodeAny(bytes);
  assert.ok(npz instanceof NpzFile, "np.load opens it as an archive");
  assert.deepStrictEqual(npz.files, entry.files, "files");
  assert.equal(npz.members.length, entry.members!.length, "member count");
  for (const m of entry.members!) await checkMember(npz, m);
  // The same through a Blob: only slices are read.
  const viaBlob = await decodeAny(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  assert.ok(viaBlob instanceof NpzFile);
  for (const m of entry.members!) {
    if (m.expected_code !== undefined) continue;
    const a = await npz.get(m.name);
    const b: NpyArray | Uint8Array = await viaBlob.get(m.name);
    if (a instanceof Uint8Array) assert.deepStrictEqual(b, a);
    else assert.deepStrictEqual(toJsonValues(b as NpyArray), toJsonValues(a));
  }
}

for (const entry of manifest.vectors) {
  if (entry.kind !== "npz") continue;
  Deno.test(entry.file.replace(/^files\//, ""), async () => {
    try {
      await check(entry);
    } catch (e) {
      counts.failed++;
      throw e;
    }
    counts.passed++;
  });
}

Deno.test("npz conformance summary", () => {
  console.log(`npz conformance: ${counts.passed} archives passed, ${counts.failed} failed`);
});
