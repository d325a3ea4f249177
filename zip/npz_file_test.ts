// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import {
  type ByteSource,
  bytesSource,
  decodeNpz,
  type NpyArray,
  NpyError,
  NpzFile,
  openNpz,
  toJsonValues,
} from "../mod.ts";

const VECTORS = new URL("../vectors/files/", import.meta.url);
const TESTDATA = new URL("./testdata/", import.meta.url);
const MAKE = new URL("./testdata/make_zips.py", import.meta.url).pathname;
const DESCRIBE = new URL("../vectors/gen_npz.py", import.meta.url).pathname;

function vector(name: string): Uint8Array {
  return Deno.readFileSync(new URL(name, VECTORS));
}

async function python(...args: string[]): Promise<string> {
  const out = await new Deno.Command("python3", { args, stdout: "piped", stderr: "piped" })
    .output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof NpyError) return e.code;
    throw e;
  }
  return "accepted";
}

function array(v: NpyArray | Uint8Array): NpyArray {
  assert.ok(!(v instanceof Uint8Array), "expected an array, got bytes");
  return v;
}

function patch32(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const out = bytes.slice();
  new DataView(out.buffer).setUint32(at, value, true);
  return out;
}

/** Offset of the central directory entry `index` of an archive without comment. */
function central(bytes: Uint8Array, index: number): number {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = dv.getUint32(bytes.length - 6, true);
  for (let i = 0; i < index; i++) {
    pos += 46 + dv.getUint16(pos + 28, true) + dv.getUint16(pos + 30, true) +
      dv.getUint16(pos + 32, true);
  }
  return pos;
}

interface Described {
  outcome: string;
  files: string[];
  members: {
    name: string;
    outcome: string;
    kind?: string;
    shape?: number[];
    values?: unknown;
    error?: string;
  }[];
}

const INFOZIP = ["stored", "deflated", "zip64", "stdin", "encrypted"];
let infozipDescribed: Promise<Described[]> | undefined;
function describeInfozip(): Promise<Described[]> {
  // One python3 for all five archives.
  infozipDescribed ??= python(
    DESCRIBE,
    "--describe",
    ...INFOZIP.map((n) => new URL(`infozip_${n}.zip`, TESTDATA).pathname),
  ).then((out) => out.trim().split("\n").map((l) => JSON.parse(l) as Described));
  return infozipDescribed;
}

for (const [i, name] of INFOZIP.entries()) {
  Deno.test(`openNpz() reads Info-ZIP's infozip_${name}.zip as np.load does`, async () => {
    const path = new URL(`infozip_${name}.zip`, TESTDATA).pathname;
    const want = (await describeInfozip())[i];
    assert.equal(want.outcome, "load");
    await using npz = await openNpz(Deno.readFileSync(path));
    assert.deepEqual(npz.files, want.files);
    for (const m of want.members) {
      if (m.outcome === "refuse") {
        assert.match(m.error!, /encrypted/);
        assert.equal(await code(npz.get(m.name)), "ZIP_ENCRYPTED");
        continue;
      }
      const a = array(await npz.get(m.name));
      assert.deepEqual(a.shape, m.shape);
      assert.deepEqual(toJsonValues(a), m.values);
    }
  });
}

Deno.test("openNpz() reads 65,537 members (zip64 end records) as np.load does", async () => {
  const path = await Deno.makeTempFile({ suffix: ".npz" });
  try {
    const numpy = (await python(MAKE, "many", "65537", path)).trim();
    await using npz = await openNpz(Deno.readFileSync(path));
    assert.ok(npz.directory.zip64, "zip64 end records");
    const last = array(await npz.get("m65536"));
    assert.equal(
      `${npz.files.length} ${npz.files.at(-1)} [${[...last.data as Int16Array].join(", ")}]`,
      numpy,
    );
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("openNpz() of a Blob reads only the end of the archive and its directory", async () => {
  // 256 KiB of bytes before the archive (allowed, as zipfile allows them).
  const archive = vector("npz_savez_compressed_families.npz");
  const bytes = new Uint8Array(archive.length + (256 << 10));
  bytes.set(archive, 256 << 10);
  let read = 0;
  const inner = bytesSource(bytes);
  const counting: ByteSource = {
    size: inner.size,
    fresh: false,
    read(offset, length) {
      read += Math.min(length, inner.size - offset);
      return inner.read(offset, length);
    },
  };
  const npz = await openNpz(counting);
  assert.ok(read <= 2 * 22 + 20 + 56 + npz.directory.directorySize + 0xffff);
  assert.ok(read < bytes.length, `read ${read} of ${bytes.length} bytes`);
  const blob = await openNpz(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  assert.deepEqual(
    toJsonValues(array(await blob.get("f8_be"))),
    toJsonValues(array(await npz.get("f8_be"))),
  );
});

Deno.test("NpzFile keys work with or without .npy, and unknown keys are refused", async () => {
  await using npz = await openNpz(vector("npz_utf8_names.npz"));
  assert.deepEqual(npz.files, ["é", "日本", "x.npy"]);
  assert.ok(npz.has("é") && npz.has("é.npy") && npz.has("x.npy") && npz.has("x.npy.npy"));
  assert.ok(!npz.has("x"));
  assert.equal(npz.info("x.npy").name, "x.npy.npy");
  assert.equal(await code(npz.get("x")), "NO_SUCH_MEMBER");
  assert.throws(() => npz.info("nope"), { code: "NO_SUCH_MEMBER" });
  await npz.close();
  assert.equal(await code(npz.get("é")), "INVALID_OPTION");
});

Deno.test("NpzFile.blocks() streams stored and deflated members in blocks", async () => {
  for (const file of ["npz_savez_families.npz", "npz_savez_compressed_families.npz"]) {
    await using npz = await openNpz(vector(file));
    const whole = array(await npz.get("i4_be"));
    const shapes: number[][] = [];
    const values: unknown[] = [];
    for await (const b of npz.blocks("i4_be", { rowsPerBlock: 1 })) {
      shapes.push(b.shape);
      values.push(...(toJsonValues(b) as unknown[]));
    }
    assert.deepEqual(shapes, [[1, 3], [1, 3]]);
    assert.deepEqual(values, toJsonValues(whole));
    const h = await npz.header("i4_be");
    assert.deepEqual(h?.shape, [2, 3]);
    assert.equal(h?.descr, ">i4");
  }
});

Deno.test("NpzFile.blocks() errors at the end of a member whose CRC is wrong", async () => {
  await using npz = await openNpz(vector("npz_bad_crc.npz"));
  let blocks = 0;
  const c = await code((async () => {
    for await (const _ of npz.blocks("a", { rowsPerBlock: 2 })) blocks++;
  })());
  assert.equal(c, "ZIP_BAD_CRC");
  assert.equal(blocks, 3, "the blocks before the end are yielded");
  await using lax = await openNpz(vector("npz_bad_crc.npz"), { verifyCrc: false });
  assert.deepEqual(array(await lax.get("a")).data, new Int32Array([0, 1, 2, 3, 4, 5]));
});

Deno.test("openNpz() refuses a deflated member beyond maxRatio or maxInflatedSize, before inflating", async () => {
  // An npy header of spaces compresses well: within the default ratio, beyond 1.5.
  const zeros = vector("npz_savez_compressed_families.npz");
  await using dflt = await openNpz(zeros);
  assert.equal(array(await dflt.get("empty")).shape[0], 0);
  await using strict = await openNpz(zeros, { maxRatio: 1.5 });
  assert.equal(await code(strict.get("bool")), "ZIP_BOMB");
  await using small = await openNpz(zeros, { maxInflatedSize: 100 });
  assert.equal(await code(small.get("bool")), "ZIP_BOMB");
  await using raised = await openNpz(zeros, { maxInflatedSize: 1000 });
  assert.ok(array(await raised.get("bool")));
});

Deno.test("a deflated member's claimed size is never allocated up front", async () => {
  // The claim is 4 GiB - 1 with the limits lifted: inflating ends after the
  // real bytes, and the member is refused as truncated, not allocated.
  const bytes = patch32(
    vector("npz_savez_compressed_families.npz"),
    central(
      vector("npz_savez_compressed_families.npz"),
      0,
    ) + 24,
    0xffffffff,
  );
  await using npz = await openNpz(bytes, { maxRatio: Infinity, maxInflatedSize: Infinity });
  assert.equal(await code(npz.get("bool")), "ZIP_TRUNCATED");
});

Deno.test("decodeNpz() reads every member: arrays, and bytes for non-npy members", async () => {
  const all = await decodeNpz(vector("zipfile_data_descriptors.npz"));
  assert.deepEqual([...all.keys()], ["d/", "a", "b", "README"]);
  assert.deepEqual(all.get("d/"), new Uint8Array(0));
  assert.deepEqual(all.get("README"), new TextEncoder().encode("read me"));
  assert.deepEqual(array(all.get("a")!).data, new Int32Array([0, 1, 2, 3, 4, 5]));
});

Deno.test("an object member is refused when read, and read by the safe unpickler with allowPickle", async () => {
  await using npz = await openNpz(vector("npz_object_member.npz"));
  assert.ok(array(await npz.get("a")));
  assert.equal(await code(npz.get("o")), "OBJECT_ARRAY");
  await using pickled = await openNpz(vector("npz_object_member.npz"), { allowPickle: true });
  assert.equal(array(await pickled.get("o")).dtype.kind, "O");
});

Deno.test("members report sizes, compression and CRC from the directory", async () => {
  await using npz = await openNpz(vector("npz_savez_compressed_families.npz"));
  const info = npz.info("f4");
  assert.equal(info.key, "f4");
  assert.equal(info.name, "f4.npy");
  assert.equal(info.compression, "deflated");
  assert.equal(info.method, 8);
  assert.equal(info.size, 128 + 12);
  assert.ok(info.compressedSize > 0);
  assert.equal(typeof info.crc32, "number");
  assert.ok(npz instanceof NpzFile);
});

Deno.test("NpzFile.blocks() refuses a header that claims more rows than the member holds", async () => {
  // a.npy's header says (6,) of <i4; a member cut to 150 bytes holds 5.5 of them.
  await using npz = await openNpz(vector("npz_bad_crc.npz"), { verifyCrc: false });
  const ok: number[] = [];
  for await (const b of npz.blocks("a")) ok.push(b.shape[0]);
  assert.deepEqual(ok, [6]);
  const big = vector("npz_savez_families.npz").slice();
  // The i8 member's header: shape (3,) becomes (9,) in place, same length.
  const text = new TextDecoder("latin1").decode(big);
  const at = text.indexOf("'shape': (3,)", text.indexOf("i8.npy"));
  big[at + 10] = "9".charCodeAt(0);
  await using bad = await openNpz(big, { verifyCrc: false });
  assert.equal(
    await code((async () => {
      for await (const _ of bad.blocks("i8")) { /* never reached */ }
    })()),
    "TRUNCATED_DATA",
  );
});

Deno.test("a deflated member whose directory size runs past its deflate stream reads as np.load reads it", async () => {
  // In an archive with data descriptors the bytes after a member's data are
  // its descriptor, so a compressed size a few bytes too large overlaps no
  // other entry. zlib, under Python's zipfile, stops at the end of the
  // stream and ignores the rest; DecompressionStream refuses it.
  const good = vector("npz_unseekable_compressed.npz");
  const at = central(good, 0) + 20;
  const size = new DataView(good.buffer, good.byteOffset).getUint32(at, true);
  await using before = await openNpz(good);
  const want = toJsonValues(array(await before.get("bool")));
  const path = await Deno.makeTempFile({ suffix: ".npz" });
  for (const extra of [1, 4, 16]) {
    const bytes = patch32(good, at, size + extra);
    await using npz = await openNpz(bytes);
    assert.deepEqual(toJsonValues(array(await npz.get("bool"))), want, `${extra}`);
    await Deno.writeFile(path, bytes);
    const numpy = await python(
      "-c",
      "import json, sys, numpy as np; print(json.dumps(np.load(sys.argv[1])['bool'].tolist()))",
      path,
    );
    assert.deepEqual(JSON.parse(numpy), want, `numpy, ${extra}`);
  }
  // Data that is not deflate at all is still refused.
  const bad = patch32(good, at, size + 4);
  const dv = new DataView(bad.buffer);
  const local = dv.getUint32(at + 22, true);
  const data = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
  bad.fill(0xff, data, data + 8);
  await using broken = await openNpz(bad);
  assert.equal(await code(broken.get("bool")), "ZIP_BAD_DEFLATE");
});
