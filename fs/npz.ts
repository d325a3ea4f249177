// Copyright 2026 the npy authors. MIT license.

/**
 * `.npz` archives on disk: {@linkcode openNpz} reads only the zip directory
 * of a file (members are read when asked for, through one file handle),
 * {@linkcode loadNpz} reads every member, and {@linkcode loadAny} is
 * `np.load`: an array for a .npy file, an open archive for a zip, numpy's
 * pickle refusal for anything else.
 *
 * @module
 */

import { type FileHandle, open } from "node:fs/promises";
import type { NpyArray } from "../codec/types.ts";
import { NpyError } from "../codec/errors.ts";
import { MAGIC } from "../codec/header.ts";
import { IO_CHUNK } from "./_atomic.ts";
import type { FilePath } from "./_atomic.ts";
import { load } from "./file.ts";
import { decodeAny, notArrayError, type Pickled, sniff, unpickleFile } from "../zip/load_any.ts";
import { type NpzFile, type NpzOptions, openNpz as openNpzSource } from "../zip/npz_file.ts";
import type { ByteSource } from "../zip/source.ts";
import { nativeCrc32 } from "./_crc32.ts";

/** The options, checking CRCs with node:zlib's native CRC-32 unless one is given. */
function withCrc(o: NpzOptions): NpzOptions {
  return o.crc32 || !nativeCrc32 ? o : { ...o, crc32: nativeCrc32 };
}

function isPath(x: unknown): x is FilePath {
  return typeof x === "string" || x instanceof URL;
}

async function readFully(fh: FileHandle, buf: Uint8Array, position: number): Promise<number> {
  let off = 0;
  while (off < buf.length) {
    const n = Math.min(buf.length - off, IO_CHUNK);
    const { bytesRead } = await fh.read(buf, off, n, position + off);
    if (bytesRead === 0) break;
    off += bytesRead;
  }
  return off;
}

/**
 * A {@linkcode ByteSource} over a file: each read is one positioned read
 * into a new buffer; `close()` closes the file.
 *
 * @example
 * ```ts
 * import { fileSource } from "@npy/npy/fs";
 * import assert from "node:assert/strict";
 * import { mkdtempSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const path = join(mkdtempSync(join(tmpdir(), "npy-")), "b.bin");
 * writeFileSync(path, new Uint8Array([1, 2, 3, 4]));
 * const src = await fileSource(path);
 * assert.equal(src.size, 4);
 * assert.deepEqual(await src.read(2, 9), new Uint8Array([3, 4]));
 * await src.close!();
 * ```
 *
 * @param path The file.
 * @returns The source; close it when done.
 */
export async function fileSource(path: FilePath): Promise<ByteSource> {
  const fh = await open(path, "r");
  let size: number;
  try {
    size = (await fh.stat()).size;
  } catch (e) {
    await fh.close();
    throw e;
  }
  let closed = false;
  return {
    size,
    fresh: true,
    async read(offset: number, length: number): Promise<Uint8Array> {
      if (closed) throw new NpyError("INVALID_OPTION", "the file is closed");
      const start = Math.min(Math.max(0, offset), size);
      const n = Math.min(length, size - start);
      let buf: Uint8Array;
      try {
        buf = new Uint8Array(n);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        throw new NpyError(
          "TOO_LARGE",
          `${n} bytes do not fit in one JavaScript buffer; read the member in blocks`,
          start,
        );
      }
      const got = await readFully(fh, buf, start);
      return got < n ? buf.subarray(0, got) : buf;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await fh.close();
    },
  };
}

/**
 * Opens a `.npz` archive: a file (only its zip directory is read now; the
 * file stays open until `close()`), bytes, or a `Blob`.
 *
 * @example
 * ```ts
 * import { openNpz } from "@npy/npy/fs";
 * import assert from "node:assert/strict";
 * import { mkdtempSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * // An empty archive, as np.savez(f) writes it.
 * const path = join(mkdtempSync(join(tmpdir(), "npy-")), "e.npz");
 * const empty = new Uint8Array(22);
 * empty.set([0x50, 0x4b, 0x05, 0x06]);
 * writeFileSync(path, empty);
 * await using npz = await openNpz(path);
 * assert.deepEqual(npz.files, []);
 * ```
 *
 * @param source A path, bytes, a Blob, or a source.
 * @param options Limits, pickle and CRC checking.
 * @returns The open archive; close it when done.
 * @throws {NpyError} `NOT_ZIP` and the other zip codes for a bad archive.
 */
export async function openNpz(
  source: FilePath | Uint8Array | Blob | ByteSource,
  options: NpzOptions = {},
): Promise<NpzFile> {
  return openNpzSource(isPath(source) ? await fileSource(source) : source, withCrc(options));
}

/**
 * Reads every member of a `.npz` file: `dict(np.load(path))`. Members that
 * are .npy files become arrays, others stay bytes.
 *
 * @example
 * ```ts
 * import { loadNpz } from "@npy/npy/fs";
 * import assert from "node:assert/strict";
 * import { mkdtempSync, writeFileSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const path = join(mkdtempSync(join(tmpdir(), "npy-")), "e.npz");
 * const empty = new Uint8Array(22);
 * empty.set([0x50, 0x4b, 0x05, 0x06]);
 * writeFileSync(path, empty);
 * assert.equal((await loadNpz(path)).size, 0);
 * ```
 *
 * @param path The file.
 * @param options Limits, pickle and CRC checking.
 * @returns Each key (as in `files`) with its array or bytes, in archive order.
 * @throws {NpyError} For a bad archive or member.
 */
export async function loadNpz(
  path: FilePath,
  options: NpzOptions = {},
): Promise<Map<string, NpyArray | Uint8Array>> {
  await using npz = await openNpz(path, options);
  const out = new Map<string, NpyArray | Uint8Array>();
  for (const key of npz.files) out.set(key, await npz.get(key));
  return out;
}

/**
 * Reads a file as `np.load` does, choosing by its magic: a .npy file
 * becomes an array (read as {@linkcode load} reads it), a zip an open
 * {@linkcode NpzFile} (close it when done), anything else is refused with
 * numpy's pickle message (`PICKLED_DATA`; with `allowPickle` it is
 * unpickled by the safe unpickler into a {@linkcode Pickled} value) and an
 * empty file with `EMPTY_FILE`. `load()` stays the .npy reader; this is the one entry for
 * files whose kind is not known.
 *
 * @example
 * ```ts
 * import { loadAny, save } from "@npy/npy/fs";
 * import { NpzFile, Pickled } from "@npy/npy";
 * import assert from "node:assert/strict";
 * import { mkdtempSync } from "node:fs";
 * import { tmpdir } from "node:os";
 * import { join } from "node:path";
 *
 * const path = join(mkdtempSync(join(tmpdir(), "npy-")), "a.npy");
 * await save(path, new Int8Array([1, 2]));
 * const a = await loadAny(path);
 * assert.ok(!(a instanceof NpzFile || a instanceof Pickled));
 * assert.deepEqual(a.data, new Int8Array([1, 2]));
 * ```
 *
 * @param source A path, bytes, or a Blob.
 * @param options Limits, pickle and CRC checking.
 * @returns The array, the open archive, or the unpickled value.
 * @throws {NpyError} What np.load refuses.
 */
export async function loadAny(
  source: FilePath | Uint8Array | Blob,
  options: NpzOptions = {},
): Promise<NpyArray | NpzFile | Pickled> {
  if (!isPath(source)) return decodeAny(source, options);
  const src = await fileSource(source);
  let kind;
  try {
    kind = sniff(await src.read(0, MAGIC.length));
  } catch (e) {
    await src.close!();
    throw e;
  }
  if (kind === "npz") return openNpzSource(src, withCrc(options));
  const pickle = options.allowPickle ?? false;
  if (kind === "pickle" && pickle) {
    try {
      return unpickleFile(await src.read(0, src.size), options);
    } finally {
      await src.close!();
    }
  }
  await src.close!();
  if (kind !== "npy") throw notArrayError(kind);
  return await load(source, {
    maxHeaderSize: pickle ? Number.MAX_SAFE_INTEGER : options.maxHeaderSize,
    allowPickle: pickle,
    encoding: options.encoding,
    fixImports: options.fixImports,
  });
}
