// Copyright 2026 the npy authors. MIT license.

import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { open, rename, unlink } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** A file path as node:fs takes it: a string or a `file:` URL. */
export type FilePath = string | URL;

/** The path as a string. */
export function pathString(path: FilePath): string {
  return typeof path === "string" ? path : fileURLToPath(path);
}

/** A fresh temporary name beside `path`, in the same directory so that rename is atomic. */
export function tempPathFor(path: string): string {
  return `${path}.${crypto.randomUUID().slice(0, 8)}.tmp`;
}

/** Largest count node:fs reads or writes in one call. */
export const IO_CHUNK = 1 << 30;

/** Writes all of `chunk` to `fd` at `position`. */
export function writeAllSync(fd: number, chunk: Uint8Array, position: number): void {
  let off = 0;
  while (off < chunk.length) {
    off += writeSync(fd, chunk, off, Math.min(chunk.length - off, IO_CHUNK), position + off);
  }
}

/**
 * Writes `bytes` to a temporary file beside `path` and renames it over
 * `path`, so that a crash never leaves a half-written file under the final
 * name. Works in Deno, Node and Bun.
 */
export function writeFileAtomic(path: string, ...chunks: Uint8Array[]): void {
  writeChunksAtomic(path, chunks, true);
}

/** Chunks gathered into one write while they add up to no more than this. */
const GATHER = 64 << 10;

/**
 * `chunks` with runs of small ones joined into one buffer of at most
 * {@linkcode GATHER} bytes, so that a small file is one write call (each
 * asynchronous call is a round trip to a worker thread). Each yielded chunk
 * is written before the next is asked for, as the chunks' own contract
 * asks, so the joining buffer is reused.
 */
export function* gathered(chunks: Iterable<Uint8Array>): Generator<Uint8Array> {
  let buf: Uint8Array | undefined, n = 0;
  for (const c of chunks) {
    if (n + c.length <= GATHER) {
      if (buf === undefined || n + c.length > buf.length) {
        const grown = new Uint8Array(Math.min(GATHER, Math.max(4096, 2 * (n + c.length))));
        if (buf !== undefined) grown.set(buf.subarray(0, n));
        buf = grown;
      }
      buf.set(c, n);
      n += c.length;
      continue;
    }
    if (n > 0) yield buf!.subarray(0, n);
    n = 0;
    yield c;
  }
  if (n > 0) yield buf!.subarray(0, n);
}

/**
 * {@linkcode writeFileAtomic} from chunks made one at a time (each may reuse
 * the last one's buffer: it is written before the next is asked for). With
 * `durable` false the file is not fsynced before the rename: the rename is
 * still atomic, but after a power loss the file may be empty or partial.
 */
export function writeChunksAtomic(
  path: string,
  chunks: Iterable<Uint8Array>,
  durable: boolean,
): void {
  const tmp = tempPathFor(path);
  const fd = openSync(tmp, "wx");
  try {
    let pos = 0;
    for (const chunk of gathered(chunks)) {
      writeAllSync(fd, chunk, pos);
      pos += chunk.length;
    }
    if (durable) fsyncSync(fd);
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

/** Like {@linkcode writeFileAtomic}, with node:fs/promises. */
export function writeFileAtomicAsync(path: string, ...chunks: Uint8Array[]): Promise<void> {
  return writeChunksAtomicAsync(path, chunks, true);
}

/** Like {@linkcode writeChunksAtomic}, with node:fs/promises. */
export async function writeChunksAtomicAsync(
  path: string,
  chunks: Iterable<Uint8Array>,
  durable: boolean,
): Promise<void> {
  const tmp = tempPathFor(path);
  const fh = await open(tmp, "wx");
  try {
    let pos = 0;
    for (const chunk of gathered(chunks)) {
      let off = 0;
      while (off < chunk.length) {
        const { bytesWritten } = await fh.write(
          chunk,
          off,
          Math.min(chunk.length - off, IO_CHUNK),
          pos + off,
        );
        off += bytesWritten;
      }
      pos += chunk.length;
    }
    if (durable) await fh.sync();
    await fh.close();
  } catch (e) {
    await fh.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw e;
  }
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
}
