// Copyright 2026 the npy authors. MIT license.
// `npy show` of an .npz archive: one line (or JSON object) per member.

import { NpyError } from "../codec/errors.ts";
import { type JsonValue, stringifyJson, toJsonValues } from "../codec/json.ts";
import { formatDescr } from "../codec/descr.ts";
import type { NpyArray } from "../codec/types.ts";
import type { FilePath } from "../fs/_atomic.ts";
import { openNpz } from "../fs/npz.ts";
import type { CliIo } from "./_io.ts";

/** How {@linkcode showNpz} prints. */
export interface ShowNpzOptions {
  /** One JSON object per member with all the values. */
  json: boolean;
  /** numpy's max_header_size. */
  maxHeaderSize: number | undefined;
  /** numpy's print() (or repr()) of a member. */
  format: (array: NpyArray) => string;
  /** Read object members with the safe unpickler (numpy's allow_pickle=True). */
  allowPickle?: boolean;
  /** How Python 2 strings in a pickle are read (numpy's encoding=). */
  encoding?: "ASCII" | "latin1" | "bytes";
}

function shapeRepr(shape: number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Prints every member of an archive: with `json` one object per member,
 * `{"file", "member", "name", "compression", "size", "compressed_size",
 * "version", "descr", "fortran_order", "shape", "values"}` (or `"bytes"`
 * for a member without the npy magic, `"error"` for a refused one).
 *
 * @returns 0, or 1 when the archive or a member is refused.
 */
export async function showNpz(
  file: string,
  source: FilePath | Uint8Array,
  options: ShowNpzOptions,
  io: CliIo,
): Promise<number> {
  const { json, maxHeaderSize, format, allowPickle, encoding } = options;
  let status = 0;
  let npz;
  try {
    npz = await openNpz(source, { maxHeaderSize, allowPickle, encoding });
  } catch (e) {
    if (!(e instanceof NpyError)) throw e;
    if (json) io.out(stringifyJson({ file, error: message(e) }));
    else io.err(`error: ${file}: ${message(e)}`);
    return 1;
  }
  if (!json) io.out(`${file}: npz archive, ${npz.files.length} members`);
  for (const m of npz.members) {
    const base = {
      file,
      member: m.key,
      name: m.name,
      compression: m.compression,
      size: m.size,
      compressed_size: m.compressedSize,
    };
    try {
      const v = await npz.get(m.name);
      if (v instanceof Uint8Array) {
        if (json) io.out(stringifyJson({ ...base, bytes: v.length }));
        else io.out(`  ${m.key}: ${v.length} bytes, not a .npy file [${m.compression}]`);
        continue;
      }
      const header = (await npz.header(m.name))!;
      if (json) {
        const values = toJsonValues(v);
        io.out(stringifyJson({
          ...base,
          version: [header.version[0], header.version[1]],
          descr: header.descr as JsonValue,
          fortran_order: header.fortranOrder,
          shape: header.shape,
          values,
        }));
      } else {
        io.out(
          `  ${m.key}: version ${header.version[0]}.0, descr ${formatDescr(header.dtype)}, ` +
            `fortran_order ${header.fortranOrder ? "True" : "False"}, shape ${
              shapeRepr(header.shape)
            } [${m.compression}, ${m.compressedSize} of ${m.size} bytes]`,
        );
        io.out(format(v).replace(/^/gm, "    "));
      }
    } catch (e) {
      if (!(e instanceof NpyError)) throw e;
      status = 1;
      if (json) io.out(stringifyJson({ ...base, error: message(e) }));
      else io.err(`error: ${file}: ${m.key}: ${message(e)}`);
    }
  }
  await npz.close();
  return status;
}
