// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encode, type NpyArray, NpyError, NpzFile, Pickled, toJsonValues } from "../mod.ts";
import { load, loadAny, loadNpz, openNpz } from "./mod.ts";

const VECTORS = new URL("../vectors/files/", import.meta.url);
const MAKE = new URL("../zip/testdata/make_zips.py", import.meta.url).pathname;
const PICKLE_MESSAGE =
  "This file contains pickled (object) data. If you trust the file you can load it unsafely " +
  "using the `allow_pickle=` keyword argument or `pickle.load()`.";

function tmp(name: string, bytes: Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), "npz-")), name);
  writeFileSync(path, bytes);
  return path;
}

async function refused(p: Promise<unknown>): Promise<NpyError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof NpyError) return e;
    throw e;
  }
  assert.fail("expected a refusal");
}

Deno.test("loadAny() dispatches by magic as np.load does", async () => {
  const npy = tmp("a.npy", encode(new Int16Array([1, 2, 3])));
  const a = await loadAny(npy);
  assert.ok(!(a instanceof NpzFile || a instanceof Pickled));
  assert.deepEqual(a.data, (await load(npy)).data);

  const npzPath = new URL("npz_savez_families.npz", VECTORS);
  const z = await loadAny(npzPath);
  assert.ok(z instanceof NpzFile);
  assert.equal(z.files.length, 20);
  await z.close();

  const pickle = tmp("p.pkl", new Uint8Array([0x80, 0x04, 0x4b, 0x01, 0x2e]));
  const e = await refused(loadAny(pickle));
  assert.equal(e.code, "PICKLED_DATA");
  assert.equal(e.message, `${PICKLE_MESSAGE} (at byte 0)`);
  const unpickled = await loadAny(pickle, { allowPickle: true });
  assert.ok(unpickled instanceof Pickled);
  assert.equal(unpickled.value, 1n);
  assert.equal((await refused(loadAny(tmp("e.npy", new Uint8Array(0))))).code, "EMPTY_FILE");
  // Bytes before a zip hide it from np.load, though zipfile would read it.
  const prefixed = new URL("npz_prefixed.npz", VECTORS);
  assert.equal((await refused(loadAny(prefixed))).code, "PICKLED_DATA");
  assert.ok((await openNpz(prefixed)).files.length === 1);
});

Deno.test("loadNpz() and openNpz() read a file's members as decodeNpz does", async () => {
  const path = new URL("npz_unseekable_compressed.npz", VECTORS);
  const all = await loadNpz(path);
  await using npz = await openNpz(path);
  assert.deepEqual([...all.keys()], npz.files);
  for (const key of npz.files) {
    assert.deepEqual(
      toJsonValues(all.get(key) as NpyArray),
      toJsonValues(await npz.get(key) as NpyArray),
    );
  }
});

const BIG = Deno.env.get("NPY_BIG") === "1";
const BIG_SIZE = 2 ** 32 + 1024;

async function withBig(fn: (path: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "npz-big-"));
  const path = join(dir, "big.npz");
  const out = await new Deno.Command("python3", { args: [MAKE, "big", path], stderr: "piped" })
    .output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  try {
    await fn(path);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("openNpz() reads a sparse archive with a stored member of 4 GiB + 1 KiB (zip64 sizes)", async () => {
  await withBig(async (path) => {
    await using npz = await openNpz(path);
    assert.deepEqual(npz.files, ["big"]);
    const info = npz.info("big");
    assert.equal(info.size, 128 + BIG_SIZE);
    assert.equal(info.compressedSize, 128 + BIG_SIZE);
    assert.deepEqual((await npz.header("big"))?.shape, [BIG_SIZE]);
    for await (const block of npz.blocks("big", { rowsPerBlock: 1 << 20 })) {
      assert.deepEqual(block.shape, [1 << 20]);
      assert.ok((block.data as Uint8Array).every((x) => x === 0));
      break; // the whole member: the NPY_BIG=1 test below
    }
  });
});

Deno.test({
  name: BIG
    ? "NpzFile.blocks() reads all of a 4 GiB + 1 KiB stored member and its CRC (NPY_BIG=1)"
    : "SKIPPED: reading all of a 4 GiB + 1 KiB member and its CRC needs NPY_BIG=1 (minutes of " +
      "CPU, 4 GiB read); not run, not passed",
  ignore: !BIG,
  async fn() {
    await withBig(async (path) => {
      await using npz = await openNpz(path);
      let rows = 0;
      for await (const b of npz.blocks("big", { rowsPerBlock: 64 << 20, reuse: true })) {
        rows += b.shape[0];
      }
      assert.equal(rows, BIG_SIZE);
    });
  },
});

Deno.test("openNpz(path) checks CRCs with node:zlib's native CRC-32 and still finds a bad one", async () => {
  for (const name of ["npz_bad_crc.npz", "npz_bad_crc_compressed.npz"]) {
    await using npz = await openNpz(new URL(`../vectors/files/${name}`, import.meta.url));
    const codes = await Promise.all(
      npz.files.map((k) => npz.get(k).then(() => "read", (e) => e.code)),
    );
    assert.ok(codes.includes("ZIP_BAD_CRC"), `${name}: ${codes.join(", ")}`);
  }
  await using good = await openNpz(
    new URL("../vectors/files/npz_savez_families.npz", import.meta.url),
  );
  for (const k of good.files) await good.get(k);
});
