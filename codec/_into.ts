// Copyright 2026 the npy authors. MIT license.
// The `into` option of decode() and load(): a caller's buffer that the data
// is placed in, so that reading many arrays of one shape touches no fresh
// memory (each fresh 4 KiB page costs a page fault).

import { NpyError } from "./errors.ts";

/**
 * The first `nbytes` of `into` as bytes, or an `INVALID_OPTION` error when
 * `into` is smaller.
 */
export function reuseBuffer(into: ArrayBuffer | Uint8Array, nbytes: number): Uint8Array {
  const buf = into instanceof Uint8Array ? into : new Uint8Array(into);
  if (!(buf instanceof Uint8Array)) {
    throw new NpyError("INVALID_OPTION", "into must be an ArrayBuffer or a Uint8Array");
  }
  if (buf.length < nbytes) {
    throw new NpyError(
      "INVALID_OPTION",
      `into holds ${buf.length} bytes, but the data needs ${nbytes}`,
    );
  }
  return buf.subarray(0, nbytes);
}
