// Copyright 2026 the npy authors. MIT license.

/** The CRC-32 of zip (and zlib): polynomial 0xEDB88320, slicing by 16. */

const LITTLE = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const TABLES: Uint32Array = (() => {
  const t = new Uint32Array(256 * 16);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let k = 1; k < 16; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

/**
 * Continues a CRC-32 over more bytes: `crc32(b)` of a whole, or
 * `crc32(b2, crc32(b1))` of two parts in turn.
 *
 * @example
 * ```ts
 * import { crc32 } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const b = new TextEncoder().encode("123456789");
 * assert.equal(crc32(b), 0xcbf43926);
 * assert.equal(crc32(b.subarray(4), crc32(b.subarray(0, 4))), 0xcbf43926);
 * ```
 *
 * @param bytes The bytes.
 * @param crc The CRC of the bytes before these; 0 to start.
 * @returns The CRC-32 as an unsigned 32-bit number.
 */
export function crc32(bytes: Uint8Array, crc = 0): number {
  const t = TABLES;
  let c = ~crc >>> 0;
  let i = 0;
  const n = bytes.length;
  if (LITTLE && n >= 64) {
    // Bytes up to a 4-byte boundary, then 16 bytes per step read as 4 words.
    while (((bytes.byteOffset + i) & 3) !== 0) c = t[(c ^ bytes[i++]) & 0xff] ^ (c >>> 8);
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (n - i) >>> 2);
    const nw = words.length & ~3;
    for (let w = 0; w < nw; w += 4) {
      const a = (c ^ words[w]) >>> 0, b = words[w + 1], d = words[w + 2], e = words[w + 3];
      c = t[3840 + (a & 0xff)] ^ t[3584 + ((a >>> 8) & 0xff)] ^ t[3328 + ((a >>> 16) & 0xff)] ^
        t[3072 + (a >>> 24)] ^ t[2816 + (b & 0xff)] ^ t[2560 + ((b >>> 8) & 0xff)] ^
        t[2304 + ((b >>> 16) & 0xff)] ^ t[2048 + (b >>> 24)] ^ t[1792 + (d & 0xff)] ^
        t[1536 + ((d >>> 8) & 0xff)] ^ t[1280 + ((d >>> 16) & 0xff)] ^ t[1024 + (d >>> 24)] ^
        t[768 + (e & 0xff)] ^ t[512 + ((e >>> 8) & 0xff)] ^ t[256 + ((e >>> 16) & 0xff)] ^
        t[e >>> 24];
    }
    i += nw * 4;
  }
  for (; i + 8 <= n; i += 8) {
    const a = (c ^ (bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16 | bytes[i + 3] << 24)) >>>
      0;
    c = t[1792 + (a & 0xff)] ^ t[1536 + ((a >>> 8) & 0xff)] ^ t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^ t[768 + bytes[i + 4]] ^ t[512 + bytes[i + 5]] ^
      t[256 + bytes[i + 6]] ^ t[bytes[i + 7]];
  }
  for (; i < n; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
