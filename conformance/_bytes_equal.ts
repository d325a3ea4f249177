// Copyright 2026 the npy authors. MIT license.

/**
 * Whether `b` stands in `a` at byte `at`: the same memory (a view of the
 * same bytes, as a decoded-and-re-encoded array often is) at once, else
 * compared 8 (or 4) bytes at a time where the two are equally aligned, with a
 * byte-by-byte head and tail.
 */
export function bytesEqualAt(a: Uint8Array, b: Uint8Array, at: number): boolean {
  const n = b.length;
  if (at < 0 || at + n > a.length) return false;
  if (a.buffer === b.buffer && a.byteOffset + at === b.byteOffset) return true;
  const ao = a.byteOffset + at, bo = b.byteOffset;
  let i = 0;
  if (n >= 64 && ao % 8 === bo % 8) {
    // Bytes up to the first 8-byte boundary, then words.
    const head = (8 - (ao % 8)) % 8;
    for (; i < head; i++) if (a[at + i] !== b[i]) return false;
    const words = (n - head) >>> 3;
    // Float64 loads are the fastest 8-byte compare in V8; a pair that is not
    // plainly equal (NaN, or a zero, whose sign === ignores) is settled by
    // its two 32-bit halves, which compare bits exactly.
    const fa = new Float64Array(a.buffer, ao + head, words);
    const fb = new Float64Array(b.buffer, bo + head, words);
    const ia = new Int32Array(a.buffer, ao + head, words * 2);
    const ib = new Int32Array(b.buffer, bo + head, words * 2);
    for (let k = 0; k < words; k++) {
      const u = fa[k];
      if (u !== fb[k] || u === 0) {
        if (ia[2 * k] !== ib[2 * k] || ia[2 * k + 1] !== ib[2 * k + 1]) return false;
      }
    }
    i = head + words * 8;
  } else if (n >= 64 && ao % 4 === bo % 4) {
    const head = (4 - (ao % 4)) % 4;
    for (; i < head; i++) if (a[at + i] !== b[i]) return false;
    const words = (n - head) >>> 2;
    const wa = new Int32Array(a.buffer, ao + head, words);
    const wb = new Int32Array(b.buffer, bo + head, words);
    for (let k = 0; k < words; k++) if (wa[k] !== wb[k]) return false;
    i = head + words * 4;
  }
  for (; i < n; i++) if (a[at + i] !== b[i]) return false;
  return true;
}
