// Copyright 2026 the npy authors. MIT license.
// What a header lets a reader allocate, checked against the bytes there are.

import { NpyError } from "./errors.ts";
import type { NpyHeader } from "./header.ts";
import type { DType } from "./types.ts";

/** Default bytes per block when reading rows in blocks. */
export const DEFAULT_BLOCK_BYTES: number = 4 << 20;

const MAX_EMPTY_STRINGS = 1 << 20;

function stringLeaves(dt: DType): number {
  switch (dt.kind) {
    case "S":
    case "U":
      return 1;
    case "struct":
      return dt.fields.reduce((n, f) => n + stringLeaves(f.dtype), 0);
    case "subarray":
      return dt.shape.reduce((a, b) => a * b, 1) * stringLeaves(dt.base);
    default:
      return 0;
  }
}

/**
 * Checks that `available` bytes of data (those after the header, up to
 * `at`, the end seen) are what numpy reads the array from: at least the
 * data's size, and for a top-level subarray descr no further whole element
 * (numpy's fromfile would read it, and find more values than it wants).
 */
export function checkDataSize(h: NpyHeader, available: number, at: number): void {
  const nbytes = h.count * h.dtype.itemsize;
  const per = h.subarrayItemsize ?? h.dtype.itemsize;
  const values = h.subarrayItemsize === undefined ? 1 : h.subarrayItemsize / h.dtype.itemsize;
  const whole = per === 0 ? 0 : Math.floor(available / per);
  if (nbytes <= available && (values === 1 || whole * values <= h.count)) return;
  const got = Math.min(whole, h.count) * values;
  const why = values === 1 ? "" : ` (a top-level subarray descr: numpy reads elements of ${per} ` +
    `bytes holding ${values} values each, and needs exactly ${h.count / values} of them)`;
  throw new NpyError(
    "TRUNCATED_DATA",
    `Failed to read all data for array. Expected (${h.shape.join(", ")}${
      h.shape.length === 1 ? "," : ""
    }) = ${h.count} elements of ${h.dtype.itemsize} bytes, could only read ${got} elements ` +
      `(${available} bytes)${why}. (file seems not fully written?)`,
    at,
  );
}

/**
 * The data's size in bytes, after checking that `size` bytes of file (from
 * its start) hold it (see {@linkcode checkDataSize}), and that zero-size
 * string elements do not make the header alone allocate more than a bound.
 */
export function dataBytes(h: NpyHeader, size: number): number {
  const nbytes = h.count * h.dtype.itemsize;
  checkDataSize(h, size - h.dataOffset, size);
  // Zero-size S/U elements take no bytes but one JS string each.
  const strings = h.count * stringLeaves(h.dtype);
  if (h.dtype.itemsize === 0 && strings > MAX_EMPTY_STRINGS) {
    throw new NpyError(
      "TOO_LARGE",
      `${h.count} elements of a zero-size string dtype would need ${strings} JS strings; ` +
        `refusing more than ${MAX_EMPTY_STRINGS} (numpy holds them in an empty buffer)`,
      h.dataOffset,
    );
  }
  return nbytes;
}
