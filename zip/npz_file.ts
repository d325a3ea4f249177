// Copyright 2026 the npy authors. MIT license.

/**
 * `.npz` archives as `np.load` reads them: {@linkcode openNpz} reads only the
 * zip directory, {@linkcode NpzFile.get} reads one member when asked, and
 * {@linkcode NpzFile.blocks} streams a member larger than memory in blocks
 * of rows. {@linkcode decodeNpz} reads every member of an archive in memory.
 *
 * @module
 */

import type { PickleEncoding } from "../pickle/unpickle.ts";
import { decode } from "../codec/decode.ts";
import { NpyError } from "../codec/errors.ts";
import { MAGIC, MAX_HEADER_SIZE, type NpyHeader, type ReadHeaderOptions } from "../codec/header.ts";
import { readHeaderFast } from "../codec/_fast_header.ts";
import { NpyDecoderStream } from "../codec/stream.ts";
import type { NpyArray } from "../codec/types.ts";
import { readColumn } from "../codec/_layout.ts";
import { dataBytes } from "../codec/_data.ts";
import { crc32 } from "./crc32.ts";
import {
  badCrc,
  COMPRESSION_METHODS,
  memberChunks,
  memberDataOffset,
  memberLength,
  type MemberReadOptions,
  readMember,
  readZipDirectory,
  type ZipDirectory,
  type ZipEntry,
} from "./reader.ts";
import type { ByteSource } from "./source.ts";
import { toSource } from "./_to_source.ts";

/** Options for {@linkcode openNpz} and {@linkcode decodeNpz}. */
export interface NpzOptions extends ReadHeaderOptions, MemberReadOptions {
  /**
   * Read object members (numpy's `allow_pickle`, default false). Without
   * it an object member is refused with `OBJECT_ARRAY` when it is read, as
   * numpy does; as in numpy, `maxHeaderSize` is then ignored.
   */
  allowPickle?: boolean;
  /** How Python 2 strings in a pickle are read (numpy's `encoding`), with `allowPickle`. */
  encoding?: PickleEncoding;
  /** Map Python 2 module names to Python 3 ones (numpy's `fix_imports`, default true). */
  fixImports?: boolean;
  /**
   * Always copy member data. By default numeric data read from bytes in
   * memory may be a view of them, as {@linkcode decode} returns.
   */
  copy?: boolean;
}

/** What one member of an archive is, from the zip directory. */
export interface NpzMemberInfo {
  /** The key in {@linkcode NpzFile.files}: the name with one `.npy` removed. */
  key: string;
  /** The member's name in the archive. */
  name: string;
  /** Bytes once inflated (what the member holds). */
  size: number;
  /** Bytes in the archive. */
  compressedSize: number;
  /** `"stored"`, `"deflated"`, or another method's name (which cannot be read). */
  compression: string;
  /** The zip compression method number. */
  method: number;
  /** The CRC-32 the directory gives. */
  crc32: number;
  /** Byte offset of the member's local header. */
  offset: number;
  /** Whether the entry is a directory (its name ends with `/`). */
  isDirectory: boolean;
}

/** Options for {@linkcode NpzFile.blocks}. */
export interface NpzBlockOptions {
  /** Rows per block; by default about 4 MiB of data per block. */
  rowsPerBlock?: number;
  /** Decode every block into the same buffer (see {@linkcode NpyDecoderStream}). */
  reuse?: boolean;
}

function startsWithMagic(b: Uint8Array): boolean {
  if (b.length < MAGIC.length) return false;
  for (let i = 0; i < MAGIC.length; i++) if (b[i] !== MAGIC[i]) return false;
  return true;
}

/**
 * An open `.npz` archive (or any zip), read lazily: the directory was read
 * at open, each member is read when asked for. Close it when done (it
 * closes the source it was opened on).
 */
export class NpzFile {
  /** The member names with one `.npy` removed, in archive order (numpy's `files`). */
  readonly files: string[];
  /** Every member's sizes, compression and CRC, in archive order. */
  readonly members: readonly NpzMemberInfo[];
  /** The zip directory as read. */
  readonly directory: ZipDirectory;
  #src: ByteSource;
  #options: NpzOptions;
  #keys: Map<string, ZipEntry>;
  #closed = false;

  /** Use {@linkcode openNpz}. */
  private constructor(src: ByteSource, dir: ZipDirectory, options: NpzOptions) {
    this.#src = src;
    this.#options = options;
    this.directory = dir;
    this.files = dir.entries.map((e) => stripNpy(e.name));
    // numpy's _files: stripped names first, then full names, later ones winning.
    this.#keys = new Map();
    for (const e of dir.entries) this.#keys.set(stripNpy(e.name), e);
    for (const e of dir.entries) this.#keys.set(e.name, e);
    this.members = dir.entries.map((e) => ({
      key: stripNpy(e.name),
      name: e.name,
      size: memberLength(e),
      compressedSize: e.compressedSize,
      compression: COMPRESSION_METHODS[e.method] ?? `method ${e.method}`,
      method: e.method,
      crc32: e.crc32,
      offset: e.headerOffset,
      isDirectory: e.isDirectory,
    }));
  }

  /**
   * Opens an archive over a source; the same as {@linkcode openNpz}.
   *
   * @param source The archive.
   * @param options Limits, pickle and CRC checking.
   * @returns The open archive.
   */
  static async open(
    source: Uint8Array | Blob | ByteSource,
    options: NpzOptions = {},
  ): Promise<NpzFile> {
    const src = toSource(source);
    try {
      return new NpzFile(src, await readZipDirectory(src), options);
    } catch (e) {
      await src.close?.();
      throw e;
    }
  }

  #entry(key: string): ZipEntry {
    if (this.#closed) throw new NpyError("INVALID_OPTION", "the archive is closed");
    const e = this.#keys.get(key);
    if (e === undefined) {
      throw new NpyError("NO_SUCH_MEMBER", `${key} is not a file in the archive`);
    }
    return e;
  }

  /**
   * Whether `key` names a member, with or without its `.npy`.
   *
   * @param key The key.
   * @returns Whether {@linkcode NpzFile.get} finds it.
   */
  has(key: string): boolean {
    return this.#keys.has(key);
  }

  /**
   * A member's sizes, compression and CRC.
   *
   * @param key The key, with or without `.npy`.
   * @returns The member's info.
   * @throws {NpyError} `NO_SUCH_MEMBER` for a key that names no member.
   */
  info(key: string): NpzMemberInfo {
    return this.members[this.#entry(key).index];
  }

  /**
   * Reads a member: an array if it starts with the .npy magic, else its
   * bytes, as numpy's `NpzFile[key]`. The CRC-32 is checked (unless
   * `verifyCrc: false`).
   *
   * @param key The key, with or without `.npy`.
   * @returns The array, or the bytes of a member that is not a .npy file.
   * @throws {NpyError} `NO_SUCH_MEMBER`, a zip error, or what {@linkcode decode} refuses.
   */
  async get(key: string): Promise<NpyArray | Uint8Array> {
    const e = this.#entry(key);
    if (e.method === 0 && this.#src.fresh) {
      const a = await this.#storedArray(e);
      if (a !== undefined) return a;
    }
    const bytes = await readMember(this.#src, e, this.#options);
    if (!startsWithMagic(bytes)) return bytes;
    return this.#decode(bytes, e);
  }

  /**
   * A stored .npy member from a file or Blob: the header first, then the
   * data read straight into a buffer of its own (aligned, swapped in place),
   * the CRC taken over both. Undefined sends anything unusual (no magic, a
   * long or refused header, short data) down the general path, which says
   * what is wrong.
   */
  async #storedArray(e: ZipEntry): Promise<NpyArray | undefined> {
    const n = memberLength(e);
    const start = await memberDataOffset(this.#src, e);
    const want = Math.min(n, 4096);
    const prefix = await this.#src.read(start, want);
    if (prefix.length < want || !startsWithMagic(prefix)) return undefined;
    const o = this.#options;
    let h: NpyHeader;
    try {
      h = readHeaderFast(prefix, {
        maxHeaderSize: o.allowPickle ? Number.MAX_SAFE_INTEGER : o.maxHeaderSize,
      });
      dataBytes(h, n);
    } catch {
      return undefined;
    }
    const restLen = n - h.dataOffset;
    const rest = await this.#src.read(start + h.dataOffset, restLen);
    if (rest.length < restLen) return undefined;
    if (o.verifyCrc ?? true) {
      const crcOf = o.crc32 ?? crc32;
      const crc = crcOf(rest, crcOf(prefix.subarray(0, h.dataOffset), 0));
      if (crc !== e.crc32) badCrc(e, crc);
    }
    const nbytes = h.count * h.dtype.itemsize;
    const struct = h.dtype.kind === "struct";
    const data = readColumn(rest, 0, h.dtype.itemsize, h.count, h.dtype, {
      copy: false,
      inPlace: !struct,
    });
    const out: NpyArray = { dtype: h.dtype, shape: h.shape, fortranOrder: h.fortranOrder, data };
    if (struct) out.bytes = rest.subarray(0, nbytes);
    return out;
  }

  #decode(bytes: Uint8Array, e: ZipEntry): NpyArray {
    const o = this.#options;
    const pickle = o.allowPickle ?? false;
    const opts = {
      maxHeaderSize: pickle ? Number.MAX_SAFE_INTEGER : o.maxHeaderSize,
      copy: o.copy ?? false,
      // A stored member read from bytes in memory is a view of them: never swap in place.
      inPlace: this.#src.fresh || e.method !== 0,
      allowPickle: pickle,
      encoding: o.encoding,
      fixImports: o.fixImports,
    };
    return decode(bytes, opts);
  }

  /**
   * Reads a member's bytes as they are in the member (inflated), whatever
   * they hold.
   *
   * @param key The key, with or without `.npy`.
   * @returns The bytes.
   * @throws {NpyError} `NO_SUCH_MEMBER` or a zip error.
   */
  bytes(key: string): Promise<Uint8Array> {
    return readMember(this.#src, this.#entry(key), this.#options);
  }

  /**
   * A member's bytes as a stream of chunks, read (and inflated) as the
   * stream is pulled; the CRC-32 is checked after the last chunk, so a bad
   * CRC errors the stream at its end.
   *
   * @param key The key, with or without `.npy`.
   * @returns The stream.
   * @throws {NpyError} `NO_SUCH_MEMBER`; zip errors error the stream.
   */
  readable(key: string): ReadableStream<Uint8Array> {
    const it = memberChunks(this.#src, this.#entry(key), this.#options);
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        const r = await it.next();
        if (r.done) controller.close();
        else controller.enqueue(r.value);
      },
      async cancel() {
        await it.return();
      },
    }, { highWaterMark: 0 });
  }

  /**
   * Reads a .npy member in blocks of rows, as `openNpy().blocks()` reads a
   * file: only one block (and one chunk of the archive) is held at a time,
   * so a member larger than memory can be read. The CRC-32 is checked after
   * the last block.
   *
   * @example
   * ```ts
   * import { openNpz } from "@npy/npy";
   * import assert from "node:assert/strict";
   *
   * // np.savez_compressed(f, a=np.arange(10, dtype="<i4")), as bytes.
   * const archive = Uint8Array.from(atob(
   *   "UEsDBC0AAAAIAAAAIQBuRS2+//////////8FABQAYS5ucHkBABAAqAAAAAAAAABeAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TaaKuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GoYGOpo6CrUK5AMuBiBgBGImIGYGYhYgZgViNiBmB2IOIOYEYgBQSwECLQMtAAAACAAAACEAbkUtvl4AAACoAAAABQAAAAAAAAAAAAAAgAEAAAAAYS5ucHlQSwUGAAAAAAEAAQAzAAAAlQAAAAAA",
   * ), (c) => c.charCodeAt(0));
   * await using npz = await openNpz(archive);
   * assert.equal(npz.info("a").compression, "deflated");
   * const rows: number[] = [];
   * for await (const b of npz.blocks("a", { rowsPerBlock: 4 })) rows.push(b.shape[0]);
   * assert.deepEqual(rows, [4, 4, 2]);
   * ```
   *
   * @param key The key, with or without `.npy`.
   * @param options Rows per block, and whether to reuse one buffer.
   * @returns The blocks, as arrays.
   * @throws {NpyError} `NO_SUCH_MEMBER`, a zip error, or what the .npy decoder refuses.
   */
  async *blocks(
    key: string,
    options: NpzBlockOptions = {},
  ): AsyncGenerator<NpyArray, void, undefined> {
    // The header's claim is checked against the member's size before any
    // block is allocated for it.
    const h = await this.header(key);
    if (h !== undefined) dataBytes(h, memberLength(this.#entry(key)));
    const decoder = new NpyDecoderStream({
      maxHeaderSize: this.#options.allowPickle
        ? Number.MAX_SAFE_INTEGER
        : this.#options.maxHeaderSize,
      ...options,
    });
    const reader = this.readable(key).pipeThrough(decoder).getReader();
    try {
      while (true) {
        const r = await reader.read();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      await reader.cancel().catch(() => {});
    }
  }

  /**
   * Reads only a .npy member's header (the member is read, or inflated,
   * up to the end of its header).
   *
   * @param key The key, with or without `.npy`.
   * @returns The header, or undefined for a member that is not a .npy file.
   * @throws {NpyError} `NO_SUCH_MEMBER`, a zip error, or what the header reader refuses.
   */
  async header(key: string): Promise<NpyHeader | undefined> {
    const max = this.#options.allowPickle
      ? Number.MAX_SAFE_INTEGER
      : this.#options.maxHeaderSize ?? MAX_HEADER_SIZE;
    const it = memberChunks(this.#src, this.#entry(key), { ...this.#options, verifyCrc: false });
    let head = new Uint8Array(0);
    let need = 12;
    try {
      while (head.length < need) {
        const r = await it.next();
        if (r.done) break;
        const more = new Uint8Array(head.length + r.value.length);
        more.set(head);
        more.set(r.value, head.length);
        head = more;
        if (!startsWithMagic(head.subarray(0, 6)) && head.length >= 6) return undefined;
        if (need === 12 && head.length >= 12) {
          const dv = new DataView(head.buffer);
          const major = head[6];
          const len = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
          const atLeast = major === 3 ? Math.ceil(len / 4) : len;
          if ((major === 1 || major === 2 || major === 3) && atLeast > max) {
            throw new NpyError(
              "HEADER_TOO_LARGE",
              `Header info length (at least ${atLeast}) is large and may not be safe to load ` +
                `securely; the limit is ${max} characters. To load it anyway, pass a larger ` +
                `maxHeaderSize (numpy: max_header_size)`,
              major === 1 ? 10 : 12,
            );
          }
          need = (major === 1 ? 10 : 12) + len;
        }
      }
    } finally {
      await it.return();
    }
    if (!startsWithMagic(head)) return undefined;
    return readHeaderFast(head, { maxHeaderSize: max });
  }

  /** Closes the archive and its source. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#src.close?.();
  }

  /** Closes the archive, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function stripNpy(name: string): string {
  return name.endsWith(".npy") ? name.slice(0, -4) : name;
}

/**
 * Opens a `.npz` archive (any zip) from bytes, a `Blob`/`File`, or a
 * {@linkcode ByteSource}: only the zip directory is read now; members are
 * read when asked for. zip64 archives and members are read; CRCs are
 * checked; a deflated member claiming more than the limits allow is refused
 * before it is inflated.
 *
 * @example
 * ```ts
 * import { openNpz } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * // np.savez(f, a=np.arange(3, dtype="<i2")), as bytes.
 * const archive = Uint8Array.from(atob(
 *   "UEsDBC0AAAAAAAAAIQBqz/JR//////////8FABQAYS5ucHkBABAAhgAAAAAAAACGAAAAAAAAAJNOVU1QWQEAdgB7J2Rlc2NyJzogJzxpMicsICdmb3J0cmFuX29yZGVyJzogRmFsc2UsICdzaGFwZSc6ICgzLCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAKAAABAAIAUEsBAi0DLQAAAAAAAAAhAGrP8lGGAAAAhgAAAAUAAAAAAAAAAAAAAIABAAAAAGEubnB5UEsFBgAAAAABAAEAMwAAAL0AAAAAAA==",
 * ), (c) => c.charCodeAt(0));
 * await using npz = await openNpz(archive);
 * assert.deepEqual(npz.files, ["a"]);
 * assert.equal(npz.info("a.npy").compression, "stored");
 * const a = await npz.get("a");
 * assert.ok(!(a instanceof Uint8Array));
 * assert.deepEqual(a.data, new Int16Array([0, 1, 2]));
 * ```
 *
 * @param source The archive.
 * @param options Limits, pickle and CRC checking.
 * @returns The open archive; close it when done.
 * @throws {NpyError} `NOT_ZIP` and the other zip codes for a bad archive.
 */
export function openNpz(
  source: Uint8Array | Blob | ByteSource,
  options: NpzOptions = {},
): Promise<NpzFile> {
  return NpzFile.open(source, options);
}

/**
 * Reads every member of an archive in memory: `dict(np.load(f))`. Members
 * that are .npy files become arrays, others stay bytes.
 *
 * @example
 * ```ts
 * import { decodeNpz } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * // An empty archive, as np.savez(f) writes it.
 * const empty = new Uint8Array(22);
 * empty.set([0x50, 0x4b, 0x05, 0x06]);
 * assert.equal((await decodeNpz(empty)).size, 0);
 * ```
 *
 * @param bytes The archive.
 * @param options Limits, pickle and CRC checking.
 * @returns Each key (as in `files`) with its array or bytes, in archive order.
 * @throws {NpyError} For a bad archive or member.
 */
export async function decodeNpz(
  bytes: Uint8Array,
  options: NpzOptions = {},
): Promise<Map<string, NpyArray | Uint8Array>> {
  const npz = await openNpz(bytes, options);
  const out = new Map<string, NpyArray | Uint8Array>();
  for (const key of npz.files) out.set(key, await npz.get(key));
  return out;
}
