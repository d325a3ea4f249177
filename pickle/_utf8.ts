// Copyright 2026 the npy authors. MIT license.
// UTF-8 as CPython's pickler writes str: 'surrogatepass', so a lone
// surrogate becomes its own three bytes (ED A0 80 for U+D800).

const encoder = new TextEncoder();

/** The UTF-8 bytes of a string, lone surrogates encoded as code points. */
export function utf8SurrogatePass(s: string): Uint8Array {
  if (s.isWellFormed()) return encoder.encode(s);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else {
      out.push(
        0xf0 | (c >> 18),
        0x80 | ((c >> 12) & 63),
        0x80 | ((c >> 6) & 63),
        0x80 | (c & 63),
      );
    }
  }
  return new Uint8Array(out);
}
