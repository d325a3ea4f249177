// Copyright 2026 the npy authors. MIT license.

// One test per conformance vector in vectors/manifest.json, named after its
// file. A file numpy loads must decode to the same shape, order and values,
// and re-encode to the same bytes as numpy's re-save; a file numpy refuses
// must be refused with the expected NpyError code.

import assert from "node:assert/strict";
import { decode, descrOf, encode, type NpyArray, NpyError, toJsonValues } from "../mod.ts";
import {
  hostPlatform,
  loadManifest,
  type ManifestEntry,
  readVector,
  sha256Hex,
} from "./_manifest.ts";

const manifest = loadManifest();
const host = hostPlatform();
const counts = { passed: 0, failed: 0, skipped: 0 };

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

async function checkLoaded(entry: ManifestEntry, bytes: Uint8Array, array: NpyArray) {
  assert.deepStrictEqual(array.shape, entry.shape, "shape");
  assert.strictEqual(array.fortranOrder, entry.fortran_order, "fortran_order");
  assert.deepStrictEqual(toJsonValues(array), entry.values, "values");
  const again = encode(array);
  if (entry.canonical) {
    const at = firstDifference(again, bytes);
    assert.strictEqual(
      at,
      -1,
      `re-encoding differs from the file at byte ${at} (${again.length} bytes, file ${bytes.length})`,
    );
  } else {
    assert.strictEqual(await sha256Hex(again), entry.resave_sha256, "sha256 of the re-encoding");
  }
}

/** An object-array vector read with allowPickle: numpy's values, or the reader's own refusal. */
async function checkPickled(entry: ManifestEntry, bytes: Uint8Array): Promise<void> {
  const p = entry.pickle!;
  if (p.expected_code === undefined) {
    const array = decode(bytes, { allowPickle: true });
    assert.deepStrictEqual(array.shape, p.shape, "shape (allowPickle)");
    assert.strictEqual(array.fortranOrder, p.fortran_order, "fortran_order (allowPickle)");
    assert.deepStrictEqual(descrOf(array.dtype), p.loaded_descr, "descr (allowPickle)");
    assert.deepStrictEqual(toJsonValues(array), p.values, "values (allowPickle)");
    // The pickler writes what numpy's re-save writes.
    const again = encode(array, { allowPickle: true });
    assert.strictEqual(await sha256Hex(again), p.resave_sha256, "sha256 of the re-encoding");
    return;
  }
  try {
    decode(bytes, { allowPickle: true });
  } catch (e) {
    if (!(e instanceof NpyError)) throw e;
    assert.strictEqual(e.code, p.expected_code, e.message);
    return;
  }
  assert.fail(`decode(allowPickle) read a vector it must refuse with ${p.expected_code}`);
}

async function check(entry: ManifestEntry): Promise<void> {
  const bytes = readVector(entry);
  if (entry.outcome === "load") {
    await checkLoaded(entry, bytes, decode(bytes));
    return;
  }
  let error: unknown = undefined;
  try {
    decode(bytes);
  } catch (e) {
    error = e;
  }
  const numpy = `numpy: ${entry.error_type}: ${entry.error}`;
  if (!(error instanceof NpyError)) {
    assert.fail(
      `expected NpyError ${entry.expected_code}, got ${
        error === undefined ? "a decoded array" : String(error)
      }; ${numpy}`,
    );
  }
  assert.strictEqual(error.code, entry.expected_code, `${error.message}; ${numpy}`);
  if (entry.pickle !== undefined) await checkPickled(entry, bytes);
  if (entry.loads_with_max_header_size !== undefined) {
    const maxHeaderSize = entry.loads_with_max_header_size;
    await checkLoaded(entry, bytes, decode(bytes, { maxHeaderSize }));
  }
}

for (const entry of manifest.vectors) {
  if (entry.kind === "npz") continue; // conformance/npz_vectors_test.ts
  const name = entry.file.replace(/^files\//, "");
  const skip = entry.platform && manifest.platform !== host;
  if (skip) counts.skipped++;
  Deno.test({
    name: skip
      ? `${name} (ignored: platform-dependent, made on ${manifest.platform}, this is ${host})`
      : name,
    ignore: skip,
    async fn() {
      try {
        await check(entry);
      } catch (e) {
        counts.failed++;
        throw e;
      }
      counts.passed++;
    },
  });
}

Deno.test("conformance summary", () => {
  console.log(
    `conformance: ${counts.passed} vectors passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
});
