// Copyright 2026 the npy authors. MIT license.
// Member names as CPython's zipfile decodes them: UTF-8 when flag 0x800 is set, else cp437.

import { NpyError } from "../codec/errors.ts";

const CP437_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Python's `bytes.decode("cp437")`: ASCII below 0x80, the IBM PC set above. */
export function decodeCp437(bytes: Uint8Array): string {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) ascii = false;
  if (ascii) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
  }
  return out;
}

/** The name as zipfile decodes it; strict UTF-8 when `utf8`. */
export function decodeName(raw: Uint8Array, utf8: boolean, at: number): string {
  if (!utf8) return decodeCp437(raw);
  try {
    return UTF8.decode(raw);
  } catch {
    throw new NpyError(
      "ZIP_BAD_NAME",
      `a member name is flagged UTF-8 (flag 0x800) but is not valid UTF-8`,
      at,
    );
  }
}
