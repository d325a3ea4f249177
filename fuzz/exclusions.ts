// Copyright 2026 the npy authors. MIT license.
// Named filters that take known cases out of the properties, so the fuzzers
// can keep finding other bugs. Two sorts:
//
// - `bug`: a codec bug, reported to the lead with a minimal repro in
//   fuzz/regressions.ts. When it is fixed, delete its entry here: its
//   filter then stops matching and its regression test is no longer
//   ignored.
// - `divergence`: a documented, deliberate difference from numpy (or a
//   numpy bug). These stay.
//
// Every filter counts its hits; `deno task fuzz` prints the counts.

import type { DType } from "../mod.ts";
import { readHeader } from "../mod.ts";
import { modelFortranFlag } from "./model.ts";

/** An exclusion. */
export interface Exclusion {
  kind: "bug" | "divergence";
  summary: string;
}

/** The active exclusions, by name. Remove a `bug` entry once the codec is fixed. */
export const EXCLUSIONS: Record<string, Exclusion> = {
  DIV_NPZ_STRICTER_OPEN: {
    kind: "divergence",
    summary: "an archive with a name used twice or sizes beyond 2^53 is refused at open; " +
      "numpy's zipfile opens it (docs/npz.md)",
  },
  DIV_NPZ_STRICTER_MEMBER: {
    kind: "divergence",
    summary: "a member whose bytes overlap the next entry's local header, or whose local " +
      "header lies outside the member area, is refused when read; zipfile reads whatever " +
      "bytes are there (docs/npz.md)",
  },
  DIV_NPZ_WHOLE_MEMBER: {
    kind: "divergence",
    summary: "a member is read whole and its CRC checked (ZIP_BAD_CRC, ZIP_TRUNCATED, " +
      "ZIP_BOMB); numpy reads only the array's bytes and never meets bytes " +
      "past them, nor a size the directory overstates (docs/npz.md)",
  },
  DIV_NPZ_EMPTY_MEMBER_ANY_METHOD: {
    kind: "divergence",
    summary: "an empty member with a method other than stored/deflated (bzip2, lzma) is " +
      "refused; zipfile returns its empty bytes",
  },
  DIV_ZERO_SIZE_STRINGS_LIMIT: {
    kind: "divergence",
    summary: "more than 2**20 zero-size S/U elements ('|S0', shape (10**15,)) are refused " +
      "with TOO_LARGE (numpy holds them in an empty buffer; JS needs one string each)",
  },
  DIV_ZERO_ITEMSIZE_FORTRAN_NUMPY_MADE: {
    kind: "divergence",
    summary: "numpy writes 'fortran_order': True for an array of zero-size elements it made " +
      "in Fortran order, but False for the same array after np.load; encode() follows " +
      "np.save(np.load(f)) and writes False",
  },
  DIV_NAMED_ESCAPES: {
    kind: "divergence",
    summary: "\\N{...} escapes in header strings are not supported",
  },
  DIV_DIMS_ABOVE_2_53: {
    kind: "divergence",
    summary: "shape dims above 2**53-1 are refused (numpy loads such arrays when empty)",
  },
  DIV_NEGATIVE_DIM_WRAP: {
    kind: "divergence",
    summary: "numpy loads a shape with a negative dim when the int64 product of the dims " +
      "wraps to 0, e.g. (2, -2**63) loads as (2, 0) (numpy bug: the count overflows and " +
      "reshape takes the negative dim as unknown); refused with INVALID_SHAPE",
  },
  DIV_DATETIME_DIVISOR_ZERO: {
    kind: "divergence",
    summary: "numpy crashes with SIGFPE on a datetime divisor of 0, like '<M8[s/0]'",
  },
  DIV_FROMFILE_HUGE_ITEMSIZE: {
    kind: "divergence",
    summary: "numpy's fromfile loads 'S2147483647'-sized elements from short data (numpy bug)",
  },
  DIV_NON_STRING_TITLE: {
    kind: "divergence",
    summary: "non-string field titles are refused",
  },
};

const hits = new Map<string, number>();

/** Whether the exclusion is active; counts a hit when it is. */
export function exclude(name: keyof typeof EXCLUSIONS | string): boolean {
  if (!(name in EXCLUSIONS)) return false;
  hits.set(name, (hits.get(name) ?? 0) + 1);
  return true;
}

/** Whether an exclusion is still listed (for regression tests). */
export function isActive(name: string): boolean {
  return name in EXCLUSIONS;
}

/** Hits per exclusion so far. */
export function exclusionHits(): Map<string, number> {
  return hits;
}

// ---------------------------------------------------------------------------
// Predicates
// ---------------------------------------------------------------------------

/** A Fortran-order array of zero-size elements (numpy's flag depends on how it was made). */
export function isZeroItemsizeFortran(
  dtype: DType,
  shape: readonly number[],
  fortran: boolean,
): boolean {
  return dtype.itemsize === 0 && modelFortranFlag(shape, fortran, 1);
}

/** Whether the full header reader refuses a file (the fast path must agree). */
export function readHeaderRefuses(file: Uint8Array): boolean {
  try {
    readHeader(file);
    return false;
  } catch {
    return true;
  }
}

const LATIN1 = new TextDecoder("latin1");

/** Whether a header text uses \N{...} escapes. */
export function hasNamedEscape(file: Uint8Array): boolean {
  return /\\N\{/.test(LATIN1.decode(file.subarray(0, 1 << 20)));
}

/** Whether a header text has a datetime unit with a divisor of zero. */
export function hasZeroDivisor(file: Uint8Array): boolean {
  return /\/\s*[+-]?0+\s*\]/.test(LATIN1.decode(file.subarray(0, 1 << 20)));
}

/** Whether the header text ends with a backslash and a newline (nothing after). */
export function endsWithContinuation(file: Uint8Array): boolean {
  if (file.length < 10) return false;
  const v = file[6];
  const start = v === 1 ? 10 : 12;
  if (file.length < start) return false;
  const len = v === 1
    ? file[8] | (file[9] << 8)
    : (file[8] | (file[9] << 8) | (file[10] << 16)) + file[11] * 2 ** 24;
  const end = start + len;
  if (end > file.length || len < 2) return false;
  const tail = LATIN1.decode(file.subarray(Math.max(start, end - 3), end));
  return /\\\r?\n$|\\\r$/.test(tail);
}

/** Whether the header region of a file holds a NUL byte. */
export function headerHasNul(file: Uint8Array): boolean {
  if (file.length < 10) return false;
  const start = file[6] === 1 ? 10 : 12;
  const len = file[6] === 1
    ? file[8] | (file[9] << 8)
    : (file[8] | (file[9] << 8) | (file[10] << 16)) + file[11] * 2 ** 24;
  return file.subarray(start, Math.min(file.length, start + len)).includes(0);
}

/** Whether the header region ends with a backslash (BUG_HANG_BACKSLASH_AT_END: checked before decoding). */
export function headerEndsWithBackslash(file: Uint8Array): boolean {
  if (file.length < 11) return false;
  const v = file[6];
  const start = v === 1 ? 10 : 12;
  const len = v === 1
    ? file[8] | (file[9] << 8)
    : (file[8] | (file[9] << 8) | (file[10] << 16)) + file[11] * 2 ** 24;
  const end = start + len;
  return len > 0 && end <= file.length && file[end - 1] === 0x5c;
}

/** Whether the header's descr is a top-level tuple (a subarray dtype). */
export function hasTopLevelSubarray(file: Uint8Array): boolean {
  return /['"]descr['"]\s*:\s*\(/.test(LATIN1.decode(file.subarray(0, 1 << 16)));
}
