// Copyright 2026 the npy authors. MIT license.

/** The CRC-32 of zip (and zlib): polynomial 0xEDB88320, slicing by 8. */

const TABLES: Uint32Array = (() => {
  const t = new Uint32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let k = 1; k < 8; k++) {
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
