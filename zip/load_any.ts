// Copyright 2026 the npy authors. MIT license.

/**
 * `np.load`'s dispatch by magic: a .npy file becomes an array, a zip an
 * {@linkcode NpzFile}, anything else is refused as numpy refuses a pickle.
 *
 * @module
 */

import { unpickle } from "../pickle/unpickle.ts";
import { decode } from "../codec/decode.ts";
import { NpyError } from "../codec/errors.ts";
import { MAGIC } from "../codec/header.ts";
import type { NpyArray } from "../codec/types.ts";
import { type NpzFile, type NpzOptions, openNpz } from "./npz_file.ts";
import type { ByteSource } from "./source.ts";
import { toSource } from "./_to_source.ts";

/** numpy's words for a file that is neither .npy nor zip, without allow_pickle. */
export const PICKLE_MESSAGE: string =
  "This file contains pickled (object) data. If you trust the file you can load it unsafely " +
  "using the `allow_pickle=` keyword argument or `pickle.load()`.";

/** What the first bytes of a file say it is, as `np.load` decides. */
export type FileKind = "npy" | "npz" | "pickle" | "empty";

/**
 * What `np.load` takes a file for, from its first six bytes: `"npz"` for
 * `PK\x03\x04` or `PK\x05\x06`, `"npy"` for `\x93NUMPY`, `"empty"` for no
 * bytes, else `"pickle"`.
 *
 * @example
 * ```ts
 * import { encode, sniff } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sniff(encode(new Uint8Array(2))), "npy");
 * assert.equal(sniff(new Uint8Array([0x50, 0x4b, 5, 6])), "npz");
 * assert.equal(sniff(new Uint8Array([0x80, 4])), "pickle");
 * ```
 *
 * @param head The file's first bytes (six are enough).
 * @returns The kind.
 */
export function sniff(head: Uint8Array): FileKind {
  if (head.length === 0) return "empty";
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b) {
    if ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6)) return "npz";
  }
  if (head.length >= MAGIC.length && MAGIC.every((b, i) => head[i] === b)) return "npy";
  return "pickle";
}

/**
 * The refusal for a file of the given kind that is neither .npy nor zip.
 *
 * @param kind What {@linkcode sniff} said.
 * @param allowPickle Whether the caller allowed pickles.
 * @returns The error to throw.
 */
export function notArrayError(kind: "pickle" | "empty"): NpyError {
  if (kind === "empty") return new NpyError("EMPTY_FILE", "No data left in file", 0);
  return new NpyError("PICKLED_DATA", PICKLE_MESSAGE, 0);
}

/**
 * What `np.load(f, allow_pickle=True)` returns for a file that is neither
 * .npy nor zip: the unpickled value, read by the safe unpickler (which never
 * runs code).
 *
 * @example
 * ```ts
 * import { decodeAny, Pickled } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * // pickle.dumps([1, "a"], protocol=2)
 * const bytes = new Uint8Array([0x80, 2, 0x5d, 0x71, 0, 0x28, 0x4b, 1, 0x58, 1, 0, 0, 0, 0x61, 0x71, 1, 0x65, 0x2e]);
 * const v = await decodeAny(bytes, { allowPickle: true });
 * assert.ok(v instanceof Pickled);
 * assert.deepEqual(v.value, [1n, "a"]);
 * ```
 */
export class Pickled {
  /** The unpickled value, as the JS values of the pickle module's table. */
  readonly value: unknown;
  /**
   * Wraps a value.
   *
   * @param value The unpickled value.
   */
  constructor(value: unknown) {
    this.value = value;
  }
}

/**
 * Unpickles a whole file for `np.load(f, allow_pickle=True)`.
 *
 * @param bytes The file.
 * @param options The encoding and fixImports options.
 * @returns The value.
 */
export function unpickleFile(bytes: Uint8Array, options: NpzOptions): Pickled {
  return new Pickled(
    unpickle(bytes, { encoding: options.encoding, fixImports: options.fixImports }),
  );
}

/**
 * Reads a file as `np.load` does, choosing by its magic: a .npy file is
 * decoded to an array, a zip is opened as an {@linkcode NpzFile} (lazily:
 * close it when done), anything else is refused with numpy's pickle
 * message (`PICKLED_DATA`), or, with `allowPickle`, unpickled by the safe
 * unpickler into a {@linkcode Pickled} value; an empty file is `EMPTY_FILE`.
 *
 * @example
 * ```ts
 * import { decodeAny, encode, NpzFile, Pickled } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const a = await decodeAny(encode(new Float32Array([1, 2])));
 * assert.ok(!(a instanceof NpzFile || a instanceof Pickled));
 * assert.deepEqual(a.data, new Float32Array([1, 2]));
 * const empty = new Uint8Array(22);
 * empty.set([0x50, 0x4b, 0x05, 0x06]);
 * const z = await decodeAny(empty);
 * assert.ok(z instanceof NpzFile);
 * assert.deepEqual(z.files, []);
 * await assert.rejects(decodeAny(new Uint8Array([0x80, 4, 0x95])), { code: "PICKLED_DATA" });
 * ```
 *
 * @param source The file's bytes, a Blob, or a source.
 * @param options Limits, pickle and CRC checking.
 * @returns The array, the open archive, or the unpickled value.
 * @throws {NpyError} What np.load refuses.
 */
export async function decodeAny(
  source: Uint8Array | Blob | ByteSource,
  options: NpzOptions = {},
): Promise<NpyArray | NpzFile | Pickled> {
  const src = toSource(source);
  const kind = sniff(await src.read(0, MAGIC.length));
  if (kind === "npz") return openNpz(src, options);
  try {
    const pickle = options.allowPickle ?? false;
    if (kind === "empty" || (kind === "pickle" && !pickle)) throw notArrayError(kind);
    const bytes = source instanceof Uint8Array ? source : await src.read(0, src.size);
    if (kind === "pickle") return unpickleFile(bytes, options);
    return decode(bytes, {
      maxHeaderSize: pickle ? Number.MAX_SAFE_INTEGER : options.maxHeaderSize,
      copy: options.copy,
      inPlace: src.fresh,
      allowPickle: pickle,
      encoding: options.encoding,
      fixImports: options.fixImports,
    });
  } finally {
    await src.close?.();
  }
}
