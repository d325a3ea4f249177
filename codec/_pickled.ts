// Copyright 2026 the npy authors. MIT license.
// Object arrays: the data after the header is a pickle of the whole array,
// read by the safe unpickler (decode, load and the decoder stream call this).

import { NpyError } from "./errors.ts";
import type { DecodeOptions } from "./decode.ts";
import type { NpyArray } from "./types.ts";
import { unpickle } from "../pickle/unpickle.ts";
import { isPendingArray } from "../pickle/_numpy.ts";

/**
 * The object array in a .npy file's pickle (the data after the header, which
 * starts at `dataOffset` in the file), as `np.load(allow_pickle=True)` reads it.
 */
export function decodePickled(
  pickle: Uint8Array,
  dataOffset: number,
  options: DecodeOptions,
): NpyArray {
  const value = unpickle(pickle, {
    encoding: options.encoding,
    fixImports: options.fixImports,
    limits: options.pickleLimits,
    offset: dataOffset,
  });
  if (!isPendingArray(value)) {
    throw new NpyError(
      "PICKLE_NOT_ARRAY",
      "the pickle of an object array holds a " +
        (value === null ? "None" : Array.isArray(value) ? "list" : typeof value) +
        ", not a numpy array",
      dataOffset,
    );
  }
  return value;
}
