// Copyright 2026 the npy authors. MIT license.

import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";

/**
 * Writes `bytes` to a temporary file beside `path` and renames it over
 * `path`, so that a crash never leaves a half-written file under the final
 * name. Works in Deno, Node and Bun.
 */
export function writeFileAtomic(path: string, ...chunks: Uint8Array[]): void {
  const tmp = `${path}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  const fd = openSync(tmp, "wx");
  try {
    for (const chunk of chunks) {
      let off = 0;
      while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
    }
    fsyncSync(fd);
    closeSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  try {
    renameSync(tmp, path);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
}
