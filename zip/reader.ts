// Copyright 2026 the npy authors. MIT license.

/**
 * A zip reader over a random-access {@linkcode ByteSource}: the central
 * directory is read at open (and nothing else), a member's bytes when they
 * are asked for. It reads archives as CPython's `zipfile` (and so
 * `np.load`) reads them: the end record is searched for in the last 64 KiB
 * + 22 bytes, bytes prepended to the archive are allowed, zip64 records and
 * extra fields are honoured, names are UTF-8 when flag 0x800 is set and
 * cp437 otherwise, sizes and CRC come from the central directory (so data
 * descriptors need no reading), and a local header's name must equal the
 * directory's. It refuses more than zipfile: entries whose bytes overlap or
 * lie outside the member area, a name used twice, sizes beyond 2^53, and a
 * deflated member that claims more than the limits allow, before inflating it.
 *
 * @module
 */

import { NpyError } from "../codec/errors.ts";
import { reprStr } from "../codec/_literal.ts";
import { crc32 } from "./crc32.ts";
import type { ByteSource } from "./source.ts";
import { decodeName } from "./_names.ts";
import { Inflate } from "pako";

const EOCD_SIG = 0x06054b50;
const EOCD64_SIG = 0x06064b50;
const LOCATOR64_SIG = 0x07064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_LEN = 22;
const LOCATOR64_LEN = 20;
const EOCD64_LEN = 56;
const CENTRAL_LEN = 46;
const LOCAL_LEN = 30;
const MAX_COMMENT = 0xffff;
/** zipfile's MAX_EXTRACT_VERSION: 6.3. */
const MAX_EXTRACT_VERSION = 63;

/** Compression methods by number, for messages. */
export const COMPRESSION_METHODS: Readonly<Record<number, string>> = {
  0: "stored",
  1: "shrunk",
  6: "imploded",
  8: "deflated",
  9: "deflate64",
  12: "bzip2",
  14: "lzma",
  93: "zstandard",
  95: "xz",
  98: "ppmd",
  99: "aes",
};

/** Default of {@linkcode ZipLimits.maxRatio}: deflate's own ceiling, about 1032 to 1. */
export const DEFAULT_MAX_RATIO = 1032;
/** Default of {@linkcode ZipLimits.maxInflatedSize}: 4 GiB. */
export const DEFAULT_MAX_INFLATED_SIZE: number = 2 ** 32;
/** Bytes read from the source at a time when a member is streamed. */
export const MEMBER_BLOCK_BYTES: number = 4 << 20;

/** Limits that refuse a zip bomb before it is inflated. */
export interface ZipLimits {
  /**
   * Largest size, in bytes, a deflated member may claim
   * (default {@linkcode DEFAULT_MAX_INFLATED_SIZE}, 4 GiB). Stored members
   * are not limited: their bytes are in the archive.
   */
  maxInflatedSize?: number;
  /**
   * Largest ratio of a deflated member's claimed size to its compressed
   * size (default {@linkcode DEFAULT_MAX_RATIO}, 1032: deflate cannot do
   * better, so only a lying header is refused). Lower it for untrusted
   * input: 100 refuses an array of zeros that numpy compresses 1000 to 1.
   */
  maxRatio?: number;
}

/** Options for reading members. */
export interface MemberReadOptions extends ZipLimits {
  /** Check each member's CRC-32 against the directory's (default true). */
  verifyCrc?: boolean;
  /**
   * The CRC-32 to check with, continuing `crc` over `bytes` (default the
   * core's, in JavaScript; `@npy/npy/fs` passes `node:zlib`'s native one
   * where the runtime has it).
   */
  crc32?: (bytes: Uint8Array, crc: number) => number;
}

/** One entry of the central directory. */
export interface ZipEntry {
  /** Position in the directory, from 0. */
  readonly index: number;
  /** The name as zipfile gives it (`ZipInfo.filename`: cut at the first NUL). */
  readonly name: string;
  /** The whole decoded name (`ZipInfo.orig_filename`). */
  readonly fullName: string;
  /** The name's bytes in the directory. */
  readonly rawName: Uint8Array;
  /** General-purpose flags: 0x1 encrypted, 0x8 data descriptor, 0x800 UTF-8 name. */
  readonly flags: number;
  /** Compression method: 0 stored, 8 deflated. */
  readonly method: number;
  /** The CRC-32 the directory gives. */
  readonly crc32: number;
  /** Bytes of data in the archive. */
  readonly compressedSize: number;
  /** Bytes of the member once inflated. */
  readonly size: number;
  /** Byte offset of the local header in the source. */
  readonly headerOffset: number;
  /** "Version made by" (high byte: the system; 3 is Unix). */
  readonly madeBy: number;
  /** "Version needed to extract". */
  readonly versionNeeded: number;
  /** External file attributes (Unix mode in the high 16 bits). */
  readonly externalAttributes: number;
  /** Whether the entry has a zip64 extra field. */
  readonly zip64: boolean;
  /** Whether the name ends with `/` (a directory entry). */
  readonly isDirectory: boolean;
  /** Where the next entry (or the directory) starts: the member's bytes end before it. */
  readonly limit: number;
}

/** What {@linkcode readZipDirectory} finds. */
export interface ZipDirectory {
  /** The entries, in directory order. */
  readonly entries: ZipEntry[];
  /** The archive comment. */
  readonly comment: Uint8Array;
  /** Whether zip64 end records were found. */
  readonly zip64: boolean;
  /** Bytes before the archive (a self-extractor's stub), 0 for most archives. */
  readonly prefix: number;
  /** Byte offset of the central directory in the source. */
  readonly directoryOffset: number;
  /** Bytes of the central directory. */
  readonly directorySize: number;
  /** The entry count the end record gives (zipfile reads the directory by size, not by this). */
  readonly declaredCount: number;
  /** Byte offset of the end-of-central-directory record. */
  readonly endOffset: number;
}

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
}
function u64(b: Uint8Array, i: number, what: string, at: number): number {
  const lo = u32(b, i), hi = u32(b, i + 4);
  if (hi >= 0x200000) {
    const v = (BigInt(hi) << 32n) | BigInt(lo);
    throw new NpyError(
      "ZIP_SIZE_OVERFLOW",
      `${what} is ${v}, beyond 2^53 - 1, which a JavaScript number cannot hold exactly`,
      at,
    );
  }
  return hi * 2 ** 32 + lo;
}

async function readAt(src: ByteSource, offset: number, length: number): Promise<Uint8Array> {
  return length === 0 ? new Uint8Array(0) : await src.read(offset, length);
}

function notZip(): never {
  throw new NpyError("NOT_ZIP", "File is not a zip file: no end of central directory record");
}

/** The end record's offset in the source, found as zipfile finds it. */
function findEnd(tail: Uint8Array, tailStart: number): number {
  const n = tail.length;
  if (n < EOCD_LEN) notZip();
  if (u32(tail, n - EOCD_LEN) === EOCD_SIG && u16(tail, n - 2) === 0) {
    return tailStart + n - EOCD_LEN;
  }
  // The last signature in the tail; it must have a whole record after it.
  for (let i = n - 4; i >= 0; i--) {
    if (tail[i] === 0x50 && u32(tail, i) === EOCD_SIG) {
      if (i + EOCD_LEN > n) notZip();
      return tailStart + i;
    }
  }
  notZip();
}

/**
 * Reads the central directory of a zip archive: only the end records and
 * the directory are read from the source.
 *
 * @param src The archive.
 * @returns The entries and where things are.
 * @throws {NpyError} `NOT_ZIP`, `ZIP_BAD_DIRECTORY`, `ZIP_TRUNCATED`, ... for a bad archive.
 */
export async function readZipDirectory(src: ByteSource): Promise<ZipDirectory> {
  const size = src.size;
  if (size < EOCD_LEN) notZip();
  const tailLen = Math.min(size, MAX_COMMENT + EOCD_LEN);
  const tail = await readAt(src, size - tailLen, tailLen);
  if (tail.length < tailLen) {
    throw new NpyError("ZIP_TRUNCATED", "the source gave fewer bytes than its size", size);
  }
  const endOffset = findEnd(tail, size - tailLen);
  const e = tail.subarray(endOffset - (size - tailLen));
  let declaredCount = u16(e, 10);
  let cdSize = u32(e, 12);
  let cdOffset = u32(e, 16);
  const comment = e.slice(EOCD_LEN, EOCD_LEN + u16(e, 20));
  let zip64 = false;
  if (endOffset >= LOCATOR64_LEN) {
    const loc = await readAt(src, endOffset - LOCATOR64_LEN, LOCATOR64_LEN);
    if (u32(loc, 0) === LOCATOR64_SIG) {
      if (u32(loc, 4) !== 0 || u32(loc, 16) > 1) {
        throw new NpyError(
          "ZIP_UNSUPPORTED",
          "zipfiles that span multiple disks are not supported",
          endOffset - LOCATOR64_LEN,
        );
      }
      const at = endOffset - LOCATOR64_LEN - EOCD64_LEN;
      if (at < 0) notZip();
      const r = await readAt(src, at, EOCD64_LEN);
      if (u32(r, 0) === EOCD64_SIG) {
        zip64 = true;
        declaredCount = u64(r, 32, "the zip64 entry count", at + 32);
        cdSize = u64(r, 40, "the zip64 central directory size", at + 40);
        cdOffset = u64(r, 48, "the zip64 central directory offset", at + 48);
      }
    }
  }
  // As zipfile: the directory ends where the end records begin; the offset
  // it claims only tells how many bytes were prepended to the archive.
  const directoryOffset = endOffset - cdSize - (zip64 ? LOCATOR64_LEN + EOCD64_LEN : 0);
  const prefix = directoryOffset - cdOffset;
  if (directoryOffset < 0) {
    throw new NpyError(
      "ZIP_BAD_DIRECTORY",
      `Bad offset for central directory: its size (${cdSize}) is more than the ${endOffset} ` +
        `bytes before the end record`,
      endOffset,
    );
  }
  const cd = await readAt(src, directoryOffset, cdSize);
  const entries = parseDirectory(cd, directoryOffset, prefix);
  checkLayout(entries, directoryOffset);
  return {
    entries,
    comment,
    zip64,
    prefix,
    directoryOffset,
    directorySize: cdSize,
    declaredCount,
    endOffset,
  };
}

type MutableEntry = { -readonly [K in keyof ZipEntry]: ZipEntry[K] };

function parseDirectory(cd: Uint8Array, base: number, prefix: number): MutableEntry[] {
  const entries: MutableEntry[] = [];
  const seen = new Set<string>();
  let pos = 0;
  while (pos < cd.length) {
    const at = base + pos;
    if (pos + CENTRAL_LEN > cd.length) {
      throw new NpyError(
        "ZIP_TRUNCATED",
        `Truncated central directory: an entry needs ${CENTRAL_LEN} bytes, ` +
          `${cd.length - pos} are left`,
        at,
      );
    }
    if (u32(cd, pos) !== CENTRAL_SIG) {
      throw new NpyError(
        "ZIP_BAD_DIRECTORY",
        "Bad magic number for central directory: expected PK\\x01\\x02",
        at,
      );
    }
    const versionNeeded = u16(cd, pos + 6);
    const flags = u16(cd, pos + 8);
    const nameLen = u16(cd, pos + 28), extraLen = u16(cd, pos + 30), commentLen = u16(cd, pos + 32);
    // As zipfile: a name, extra field or comment running past the directory
    // is cut short there (its member then fails the local header check).
    const end = pos + CENTRAL_LEN + nameLen + extraLen + commentLen;
    const nameEnd = Math.min(cd.length, pos + CENTRAL_LEN + nameLen);
    const extraEnd = Math.min(cd.length, nameEnd + extraLen);
    if ((versionNeeded & 0xff) > MAX_EXTRACT_VERSION) {
      throw new NpyError(
        "ZIP_UNSUPPORTED",
        `zip file version ${((versionNeeded & 0xff) / 10).toFixed(1)} is not supported ` +
          `(zipfile reads up to 6.3)`,
        at + 6,
      );
    }
    const rawName = cd.subarray(pos + CENTRAL_LEN, nameEnd);
    const fullName = decodeName(rawName, (flags & 0x800) !== 0, at + CENTRAL_LEN);
    const nul = fullName.indexOf("\0");
    const name = nul >= 0 ? fullName.slice(0, nul) : fullName;
    let size = u32(cd, pos + 24), compressedSize = u32(cd, pos + 20);
    let offset = u32(cd, pos + 42);
    // The extra fields, as zipfile's _decodeExtra reads them.
    let x = nameEnd;
    const xEnd = extraEnd;
    let zip64 = false;
    while (xEnd - x >= 4) {
      const tp = u16(cd, x), ln = u16(cd, x + 2);
      if (x + 4 + ln > xEnd) {
        throw new NpyError(
          "ZIP_BAD_EXTRA",
          `Corrupt extra field ${tp.toString(16).padStart(4, "0")} (size=${ln}): ` +
            `it runs past the entry's ${xEnd - nameEnd}-byte extra area`,
          base + x,
        );
      }
      if (tp === 1) {
        zip64 = true;
        let d = x + 4;
        const dEnd = x + 4 + ln;
        const take = (field: string): number => {
          if (d + 8 > dEnd) {
            throw new NpyError(
              "ZIP_BAD_EXTRA",
              `Corrupt zip64 extra field. ${field} not found.`,
              base + x,
            );
          }
          const v = u64(cd, d, `the zip64 ${field.toLowerCase()}`, base + d);
          d += 8;
          return v;
        };
        if (size === 0xffffffff) size = take("File size");
        if (compressedSize === 0xffffffff) compressedSize = take("Compress size");
        if (offset === 0xffffffff) offset = take("Header offset");
      }
      x += 4 + ln;
    }
    if (seen.has(name)) {
      throw new NpyError(
        "ZIP_DUPLICATE_NAME",
        `the name ${reprStr(name)} is used by two entries (zipfile would read only the last)`,
        at,
      );
    }
    seen.add(name);
    entries.push({
      index: entries.length,
      name,
      fullName,
      rawName,
      flags,
      method: u16(cd, pos + 10),
      crc32: u32(cd, pos + 16),
      compressedSize,
      size,
      headerOffset: offset + prefix,
      madeBy: u16(cd, pos + 4),
      versionNeeded,
      externalAttributes: u32(cd, pos + 38),
      zip64,
      isDirectory: name.endsWith("/"),
      limit: 0,
    });
    pos = end;
  }
  return entries;
}

/**
 * Where each entry's bytes must end: at the next entry's local header, or
 * at the directory. Overlapping or out-of-range entries are refused when
 * they are read (numpy's zipfile opens such archives too, and refuses
 * their members only when read, if at all).
 */
function checkLayout(entries: MutableEntry[], directoryOffset: number): void {
  const order = [...entries].sort((a, b) => a.headerOffset - b.headerOffset);
  for (let i = 0; i < order.length; i++) {
    order[i].limit = i + 1 < order.length ? order[i + 1].headerOffset : directoryOffset;
  }
}

/**
 * Reads a member's local header, checks it against the directory entry as
 * zipfile does (signature, name, encryption, method) and that its data lies
 * within the archive before the next entry; returns where the data starts.
 *
 * @param src The archive.
 * @param e The entry.
 * @returns Byte offset of the member's data.
 * @throws {NpyError} For a bad local header, an encrypted member, an unsupported method.
 */
export async function memberDataOffset(src: ByteSource, e: ZipEntry): Promise<number> {
  if (e.headerOffset < 0 || e.headerOffset + LOCAL_LEN + e.rawName.length > e.limit) {
    throw new NpyError(
      "ZIP_OUT_OF_RANGE",
      `the local header of ${reprStr(e.name)} at byte ${e.headerOffset} is outside the ` +
        `member area: it must end before byte ${e.limit} (the next entry or the directory)`,
      e.headerOffset,
    );
  }
  const h = await readAt(src, e.headerOffset, LOCAL_LEN);
  if (h.length < LOCAL_LEN) {
    throw new NpyError(
      "ZIP_TRUNCATED",
      `Truncated file header of ${reprStr(e.name)}: ${h.length} of ${LOCAL_LEN} bytes`,
      e.headerOffset,
    );
  }
  if (u32(h, 0) !== LOCAL_SIG) {
    throw new NpyError(
      "ZIP_BAD_LOCAL_HEADER",
      `Bad magic number for file header of ${reprStr(e.name)}: expected PK\\x03\\x04`,
      e.headerOffset,
    );
  }
  const nameLen = u16(h, 26), extraLen = u16(h, 28);
  const rawName = await readAt(src, e.headerOffset + LOCAL_LEN, nameLen);
  if (e.flags & 0x20) {
    throw new NpyError(
      "ZIP_UNSUPPORTED",
      `compressed patched data (flag bit 5) in ${reprStr(e.name)} is not supported`,
      e.headerOffset,
    );
  }
  if (e.flags & 0x40) {
    throw new NpyError(
      "ZIP_ENCRYPTED",
      `strong encryption (flag bit 6) in ${reprStr(e.name)} is not supported`,
      e.headerOffset,
    );
  }
  const local = rawName.length < nameLen
    ? undefined
    : decodeName(rawName, (u16(h, 6) & 0x800) !== 0, e.headerOffset + LOCAL_LEN);
  if (local !== e.fullName) {
    throw new NpyError(
      "ZIP_BAD_LOCAL_HEADER",
      `File name in directory ${reprStr(e.fullName)} and header ${
        local === undefined ? "(truncated)" : reprStr(local)
      } differ.`,
      e.headerOffset + LOCAL_LEN,
    );
  }
  if (e.flags & 0x1) {
    throw new NpyError(
      "ZIP_ENCRYPTED",
      `File ${reprStr(e.name)} is encrypted, password required for extraction`,
      e.headerOffset,
    );
  }
  if (e.method !== 0 && e.method !== 8) {
    const label = COMPRESSION_METHODS[e.method];
    throw new NpyError(
      "ZIP_UNSUPPORTED_METHOD",
      `compression type ${e.method}${label ? ` (${label})` : ""} of ${
        reprStr(e.name)
      } is not supported: only stored (0) and deflated (8)`,
      e.headerOffset + 8,
    );
  }
  const start = e.headerOffset + LOCAL_LEN + nameLen + extraLen;
  // The bytes that will be read: a stored member's shorter size, as zipfile reads it.
  const end = start + (e.method === 0 ? memberLength(e) : e.compressedSize);
  if (end > src.size) {
    throw new NpyError(
      "ZIP_TRUNCATED",
      `the data of ${reprStr(e.name)} needs bytes [${start}, ${end}), the archive has ${src.size}`,
      start,
    );
  }
  if (end > e.limit) {
    throw new NpyError(
      "ZIP_OVERLAP",
      `the data of ${reprStr(e.name)}, bytes [${start}, ${end}), runs into the next entry or ` +
        `the directory at byte ${e.limit}`,
      start,
    );
  }
  return start;
}

/** How many bytes a member yields: zipfile stops a stored member at the shorter of its sizes. */
export function memberLength(e: ZipEntry): number {
  return e.method === 0 ? Math.min(e.size, e.compressedSize) : e.size;
}

function checkLimits(e: ZipEntry, options: ZipLimits): void {
  if (e.method !== 8) return;
  const maxSize = options.maxInflatedSize ?? DEFAULT_MAX_INFLATED_SIZE;
  const maxRatio = options.maxRatio ?? DEFAULT_MAX_RATIO;
  if (e.size > maxSize) {
    throw new NpyError(
      "ZIP_BOMB",
      `${reprStr(e.name)} claims ${e.size} bytes once inflated, more than maxInflatedSize ` +
        `(${maxSize}); pass a larger maxInflatedSize to read it`,
      e.headerOffset,
    );
  }
  if (e.size > Math.max(1, e.compressedSize) * maxRatio) {
    throw new NpyError(
      "ZIP_BOMB",
      `${reprStr(e.name)} claims ${e.size} bytes from ${e.compressedSize} compressed, a ratio ` +
        `above maxRatio (${maxRatio})`,
      e.headerOffset,
    );
  }
}

/** Throws the bad-CRC refusal for a member. */
export function badCrc(e: ZipEntry, got: number): never {
  throw new NpyError(
    "ZIP_BAD_CRC",
    `Bad CRC-32 for file ${reprStr(e.name)}: the directory gives ${
      e.crc32.toString(16).padStart(8, "0")
    }, the data has ${got.toString(16).padStart(8, "0")}`,
    e.headerOffset,
  );
}

function short(e: ZipEntry, got: number, want: number): never {
  throw new NpyError(
    "ZIP_TRUNCATED",
    `the member ${reprStr(e.name)} ends after ${got} of the ${want} bytes the directory gives`,
    e.headerOffset,
  );
}

async function* storedChunks(
  src: ByteSource,
  e: ZipEntry,
  start: number,
  block: number,
): AsyncGenerator<Uint8Array> {
  const n = memberLength(e);
  for (let off = 0; off < n; off += block) {
    const want = Math.min(block, n - off);
    const c = await readAt(src, start + off, want);
    if (c.length < want) short(e, off + c.length, n);
    yield c;
  }
}

async function* inflatedChunks(
  src: ByteSource,
  e: ZipEntry,
  start: number,
  block: number,
): AsyncGenerator<Uint8Array> {
  const want = e.size;
  if (want === 0) return;
  const ds = new DecompressionStream("deflate-raw");
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  let failure: unknown;
  const feeding = (async () => {
    try {
      for (let off = 0; off < e.compressedSize; off += block) {
        const n = Math.min(block, e.compressedSize - off);
        const c = await readAt(src, start + off, n);
        if (c.length < n) short(e, off + c.length, e.compressedSize);
        await writer.write(c as Uint8Array<ArrayBuffer>);
      }
      await writer.close();
    } catch (err) {
      failure ??= err;
      await writer.abort(err).catch(() => {});
    }
  })();
  let got = 0;
  try {
    while (got < want) {
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (err) {
        if (failure instanceof NpyError) throw failure;
        if (err instanceof NpyError) throw err;
        // DecompressionStream also refuses bytes after the end of the
        // deflate stream (a compressed size too large, running into a data
        // descriptor), which zlib, under Python's zipfile, ignores.
        yield* inflateToSize(src, e, start, got);
        return;
      }
      if (r.done) break;
      const c = got + r.value.length > want ? r.value.subarray(0, want - got) : r.value;
      got += c.length;
      yield c;
    }
    if (failure instanceof NpyError) throw failure;
    if (got < want) short(e, got, want);
  } finally {
    failure ??= "stopped";
    await reader.cancel().catch(() => {});
    await feeding;
  }
}

/** Compressed bytes handed to pako at a time: at most about 1032× as many come out of one. */
const PAKO_PIECE = 16 << 10;
/** zlib's flush mode that hands over all the output the input so far gives. */
const Z_SYNC_FLUSH = 2;

/**
 * A deflated member's bytes from byte `skip` of its output, inflated by
 * pako as far as the compressed bytes go, each piece flushed: like zlib
 * under Python's zipfile, it stops at the member's size or the stream's
 * end, whichever comes first. Data that is not deflate is refused.
 */
async function* inflateToSize(
  src: ByteSource,
  e: ZipEntry,
  start: number,
  skip: number,
): AsyncGenerator<Uint8Array> {
  const inflate = new Inflate({ raw: true });
  const out: Uint8Array[] = [];
  inflate.onData = (c) => void out.push(c);
  let got = 0; // bytes inflated, those skipped included
  for (let off = 0; off < e.compressedSize && !inflate.ended && got < e.size; off += PAKO_PIECE) {
    const n = Math.min(PAKO_PIECE, e.compressedSize - off);
    const c = await readAt(src, start + off, n);
    if (c.length < n) short(e, off + c.length, e.compressedSize);
    inflate.push(c, Z_SYNC_FLUSH);
    if (inflate.err) {
      throw new NpyError(
        "ZIP_BAD_DEFLATE",
        `the data of ${reprStr(e.name)} is not a valid deflate stream after ${got} bytes ` +
          `inflated: ${inflate.msg}`,
        start,
      );
    }
    for (const chunk of out.splice(0)) {
      const c = chunk.subarray(Math.max(0, skip - got), Math.max(0, e.size - got));
      got += chunk.length;
      if (c.length > 0) yield c;
    }
  }
  if (got < e.size) short(e, got, e.size);
}

/**
 * A member's bytes in chunks, inflated if deflated, exactly
 * {@linkcode memberLength} of them; the CRC-32 is checked after the last.
 *
 * @param src The archive.
 * @param e The entry.
 * @param options Limits and CRC checking.
 * @param block Compressed bytes read at a time.
 * @returns The chunks.
 * @throws {NpyError} For a bad local header or data, a bad CRC, a bomb.
 */
export async function* memberChunks(
  src: ByteSource,
  e: ZipEntry,
  options: MemberReadOptions = {},
  block: number = MEMBER_BLOCK_BYTES,
): AsyncGenerator<Uint8Array, void, undefined> {
  const start = await memberDataOffset(src, e);
  checkLimits(e, options);
  const verify = options.verifyCrc ?? true;
  const crcOf = options.crc32 ?? crc32;
  let crc = 0;
  const chunks = e.method === 0 ? storedChunks(src, e, start, block) : inflatedChunks(
    src,
    e,
    start,
    block,
  );
  for await (const c of chunks) {
    if (verify) crc = crcOf(c, crc);
    yield c;
  }
  if (verify && crc !== e.crc32) badCrc(e, crc);
}

/**
 * A member's bytes, whole. A stored member is one read of its bytes; a
 * deflated one is inflated into a buffer that grows as bytes arrive (never
 * sized by the claim alone).
 *
 * @param src The archive.
 * @param e The entry.
 * @param options Limits and CRC checking.
 * @returns The bytes; views of the source's memory when the source is not fresh.
 * @throws {NpyError} For a bad local header or data, a bad CRC, a bomb.
 */
export async function readMember(
  src: ByteSource,
  e: ZipEntry,
  options: MemberReadOptions = {},
): Promise<Uint8Array> {
  const n = memberLength(e);
  if (e.method === 0) {
    const start = await memberDataOffset(src, e);
    const bytes = await readAt(src, start, n);
    if (bytes.length < n) short(e, bytes.length, n);
    if (options.verifyCrc ?? true) {
      const crc = (options.crc32 ?? crc32)(bytes, 0);
      if (crc !== e.crc32) badCrc(e, crc);
    }
    return bytes;
  }
  // Inflated chunks are kept as they come and joined once: memory grows
  // with the bytes that arrive, never with what the directory claims.
  const chunks: Uint8Array[] = [];
  let got = 0;
  for await (const c of memberChunks(src, e, options)) {
    chunks.push(c);
    got += c.length;
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(got);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** A member's local header as written (sizes as the 32-bit fields give them). */
export interface LocalHeader {
  /** Byte offset of the header. */
  readonly offset: number;
  /** "Version needed to extract". */
  readonly versionNeeded: number;
  /** General-purpose flags. */
  readonly flags: number;
  /** Compression method. */
  readonly method: number;
  /** DOS time and date. */
  readonly time: number;
  /** DOS date. */
  readonly date: number;
  /** The CRC-32 field (0 when a data descriptor follows). */
  readonly crc32: number;
  /** The 32-bit compressed size field (0xFFFFFFFF with zip64, 0 with a descriptor). */
  readonly compressedSize32: number;
  /** The 32-bit size field. */
  readonly size32: number;
  /** The sizes of a zip64 extra field, when there is one. */
  readonly zip64?: { size?: number; compressedSize?: number };
  /** Byte offset of the member's data. */
  readonly dataOffset: number;
}

/**
 * Reads a member's local header without judging it (for the validator).
 *
 * @param src The archive.
 * @param e The entry.
 * @returns The header, or undefined when there is no local header signature there.
 */
export async function readLocalHeader(
  src: ByteSource,
  e: ZipEntry,
): Promise<LocalHeader | undefined> {
  const h = await readAt(src, e.headerOffset, LOCAL_LEN);
  if (h.length < LOCAL_LEN || u32(h, 0) !== LOCAL_SIG) return undefined;
  const nameLen = u16(h, 26), extraLen = u16(h, 28);
  const extra = await readAt(src, e.headerOffset + LOCAL_LEN + nameLen, extraLen);
  let zip64: { size?: number; compressedSize?: number } | undefined;
  for (let x = 0; x + 4 <= extra.length;) {
    const tp = u16(extra, x), ln = u16(extra, x + 2);
    if (tp === 1 && x + 4 + ln <= extra.length) {
      zip64 = {};
      let d = x + 4;
      const hi = (i: number) => u32(extra, i + 4) * 2 ** 32 + u32(extra, i);
      if (u32(h, 22) === 0xffffffff && d + 8 <= x + 4 + ln) zip64.size = hi(d), d += 8;
      if (u32(h, 18) === 0xffffffff && d + 8 <= x + 4 + ln) zip64.compressedSize = hi(d);
    }
    x += 4 + ln;
  }
  return {
    offset: e.headerOffset,
    versionNeeded: u16(h, 4),
    flags: u16(h, 6),
    method: u16(h, 8),
    time: u16(h, 10),
    date: u16(h, 12),
    crc32: u32(h, 14),
    compressedSize32: u32(h, 18),
    size32: u32(h, 22),
    zip64,
    dataOffset: e.headerOffset + LOCAL_LEN + nameLen + extraLen,
  };
}
