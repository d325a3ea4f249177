// Copyright 2026 the npy authors. MIT license.

// The records of a zip archive as CPython's zipfile writes them for numpy's
// `_savez`: `ZipFile(file, "w", allowZip64=True)` and, for each member,
// `zipf.open(name, "w", force_zip64=True)` (zipfile.py: `ZipInfo.FileHeader`,
// `ZipFile._open_to_write`, `_ZipWriteFile.close`, `ZipFile._write_end_record`).

import { NpyError } from "../codec/errors.ts";

/** zipfile's ZIP64_LIMIT: sizes and offsets above it need zip64 fields. */
export const ZIP64_LIMIT = 2 ** 31 - 1;
/** zipfile's ZIP_FILECOUNT_LIMIT: more entries need the zip64 end records. */
export const ZIP_FILECOUNT_LIMIT = 0xffff;

/** Compression methods. */
export const STORED = 0;
export const DEFLATED = 8;

/** General purpose flags. */
const FLAG_DATA_DESCRIPTOR = 0x08;
const FLAG_UTF8 = 0x800;

/** Version 4.5 (zip64), made by Unix (3): what zipfile writes on non-Windows hosts. */
const VERSION = 45;
const MADE_BY = 3 << 8 | VERSION;
/** `0o600 << 16`: the permissions zipfile gives a member opened for writing. */
const EXTERNAL_ATTR = 0o600 * 65536;
/** 1980-01-01 00:00:00, `ZipInfo`'s default date_time, as a DOS date. */
const DOS_DATE = (1 << 5) | 1;
const DOS_TIME = 0;

/** Sizes of the fixed records. */
export const LOCAL_HEADER_SIZE = 30;
const ZIP64_LOCAL_EXTRA = 20;
export const DATA_DESCRIPTOR_SIZE = 24;
const CENTRAL_SIZE = 46;
const ZIP64_END_SIZE = 56;
const ZIP64_LOCATOR_SIZE = 20;
const END_SIZE = 22;

/** One member as the central directory records it. */
export interface ZipEntry {
  /** The name's bytes: ASCII, or UTF-8 with flag 0x800. */
  name: Uint8Array;
  /** Flags: 0x800 for a UTF-8 name, 0x08 when a data descriptor follows the data. */
  flags: number;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header. */
  offset: number;
}

/**
 * The name as zipfile stores it: cut at the first NUL (`ZipInfo`), ASCII if
 * it can be, else UTF-8 with flag 0x800.
 */
export function encodeName(name: string): { bytes: Uint8Array; flags: number; name: string } {
  const nul = name.indexOf("\0");
  if (nul >= 0) name = name.slice(0, nul);
  if (!name.isWellFormed()) {
    throw new NpyError(
      "INVALID_NAME",
      `the member name ${JSON.stringify(name)} holds a lone surrogate, which UTF-8 cannot encode`,
    );
  }
  const bytes = new TextEncoder().encode(name);
  if (bytes.length > 0xffff) {
    throw new NpyError(
      "INVALID_NAME",
      `a member name can hold at most 65535 bytes, found ${bytes.length}`,
    );
  }
  const ascii = bytes.length === name.length;
  return { bytes, flags: ascii ? 0 : FLAG_UTF8, name };
}

/** The flags of a member written to an unseekable output. */
export function withDataDescriptor(flags: number): number {
  return flags | FLAG_DATA_DESCRIPTOR;
}

/** Whether the member's sizes and CRC follow its data. */
export function hasDataDescriptor(e: ZipEntry): boolean {
  return (e.flags & FLAG_DATA_DESCRIPTOR) !== 0;
}

function put64(v: DataView, at: number, n: number): void {
  v.setUint32(at, n >>> 0, true);
  v.setUint32(at + 4, Math.floor(n / 0x100000000), true);
}

/** Length of a member's local header. */
export function localHeaderSize(e: ZipEntry): number {
  return LOCAL_HEADER_SIZE + e.name.length + ZIP64_LOCAL_EXTRA;
}

/**
 * The local header, `FileHeader(zip64=True)`: sizes 0xFFFFFFFF and a zip64
 * extra with both sizes; with a data descriptor, CRC and sizes are zero.
 */
export function localHeader(e: ZipEntry): Uint8Array {
  const out = new Uint8Array(localHeaderSize(e));
  const v = new DataView(out.buffer);
  const dd = hasDataDescriptor(e);
  v.setUint32(0, 0x04034b50, true);
  v.setUint16(4, VERSION, true); // version needed (a byte) and reserved (a byte)
  v.setUint16(6, e.flags, true);
  v.setUint16(8, e.method, true);
  v.setUint16(10, DOS_TIME, true);
  v.setUint16(12, DOS_DATE, true);
  v.setUint32(14, dd ? 0 : e.crc, true);
  v.setUint32(18, 0xffffffff, true);
  v.setUint32(22, 0xffffffff, true);
  v.setUint16(26, e.name.length, true);
  v.setUint16(28, ZIP64_LOCAL_EXTRA, true);
  out.set(e.name, 30);
  const x = 30 + e.name.length;
  v.setUint16(x, 1, true);
  v.setUint16(x + 2, 16, true);
  put64(v, x + 4, dd ? 0 : e.size);
  put64(v, x + 12, dd ? 0 : e.compressedSize);
  return out;
}

/** The 24-byte zip64 data descriptor: signature, CRC, compressed size, size. */
export function dataDescriptor(e: ZipEntry): Uint8Array {
  const out = new Uint8Array(DATA_DESCRIPTOR_SIZE);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x08074b50, true);
  v.setUint32(4, e.crc, true);
  put64(v, 8, e.compressedSize);
  put64(v, 16, e.size);
  return out;
}

function centralExtra(e: ZipEntry): number[] {
  const extra: number[] = [];
  if (e.size > ZIP64_LIMIT || e.compressedSize > ZIP64_LIMIT) {
    extra.push(e.size, e.compressedSize);
  }
  if (e.offset > ZIP64_LIMIT) extra.push(e.offset);
  return extra;
}

/**
 * The central directory and the end records, for a directory starting at
 * `start`: a zip64 extra only for sizes or offsets above 2^31-1, zip64 end
 * records only above 65,535 entries or for a directory whose offset or
 * size is above 2^31-1.
 */
export function centralDirectory(entries: readonly ZipEntry[], start: number): Uint8Array {
  let size = 0;
  for (const e of entries) {
    const n = centralExtra(e).length;
    size += CENTRAL_SIZE + e.name.length + (n === 0 ? 0 : 4 + 8 * n);
  }
  const count = entries.length;
  const zip64 = count > ZIP_FILECOUNT_LIMIT || start > ZIP64_LIMIT || size > ZIP64_LIMIT;
  const out = new Uint8Array(size + (zip64 ? ZIP64_END_SIZE + ZIP64_LOCATOR_SIZE : 0) + END_SIZE);
  const v = new DataView(out.buffer);
  let o = 0;
  for (const e of entries) {
    const extra = centralExtra(e);
    const big = extra.length > 0 && (e.size > ZIP64_LIMIT || e.compressedSize > ZIP64_LIMIT);
    v.setUint32(o, 0x02014b50, true);
    v.setUint16(o + 4, MADE_BY, true);
    v.setUint16(o + 6, VERSION, true);
    v.setUint16(o + 8, e.flags, true);
    v.setUint16(o + 10, e.method, true);
    v.setUint16(o + 12, DOS_TIME, true);
    v.setUint16(o + 14, DOS_DATE, true);
    v.setUint32(o + 16, e.crc, true);
    v.setUint32(o + 20, big ? 0xffffffff : e.compressedSize, true);
    v.setUint32(o + 24, big ? 0xffffffff : e.size, true);
    v.setUint16(o + 28, e.name.length, true);
    v.setUint16(o + 30, extra.length === 0 ? 0 : 4 + 8 * extra.length, true);
    // comment length, disk number, internal attributes: zero
    v.setUint32(o + 38, EXTERNAL_ATTR, true);
    v.setUint32(o + 42, e.offset > ZIP64_LIMIT ? 0xffffffff : e.offset, true);
    out.set(e.name, o + CENTRAL_SIZE);
    o += CENTRAL_SIZE + e.name.length;
    if (extra.length > 0) {
      v.setUint16(o, 1, true);
      v.setUint16(o + 2, 8 * extra.length, true);
      for (let i = 0; i < extra.length; i++) put64(v, o + 4 + 8 * i, extra[i]);
      o += 4 + 8 * extra.length;
    }
  }
  let endCount = count, endSize = size, endOffset = start;
  if (zip64) {
    const at = start + size; // where the zip64 end record starts
    v.setUint32(o, 0x06064b50, true);
    put64(v, o + 4, 44);
    v.setUint16(o + 12, VERSION, true);
    v.setUint16(o + 14, VERSION, true);
    // this disk, the directory's disk: zero
    put64(v, o + 24, count);
    put64(v, o + 32, count);
    put64(v, o + 40, size);
    put64(v, o + 48, start);
    o += ZIP64_END_SIZE;
    v.setUint32(o, 0x07064b50, true);
    v.setUint32(o + 4, 0, true);
    put64(v, o + 8, at);
    v.setUint32(o + 16, 1, true);
    o += ZIP64_LOCATOR_SIZE;
    endCount = Math.min(count, 0xffff);
    endSize = Math.min(size, 0xffffffff);
    endOffset = Math.min(start, 0xffffffff);
  }
  v.setUint32(o, 0x06054b50, true);
  // this disk, the directory's disk: zero
  v.setUint16(o + 8, endCount, true);
  v.setUint16(o + 10, endCount, true);
  v.setUint32(o + 12, endSize, true);
  v.setUint32(o + 16, endOffset, true);
  // comment length: zero
  return out;
}
