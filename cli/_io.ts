// Copyright 2026 the npy authors. MIT license.
// What the `npy` command needs from the runtime, through node: APIs only so
// that it runs on Deno, Node and Bun alike.

import {
  closeSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  realpathSync,
  writeSync,
} from "node:fs";
import { resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { NpyError } from "../codec/errors.ts";

/** Output streams, replaceable in tests. */
export interface CliIo {
  /** Writes a line to standard output. */
  out(line: string): void;
  /** Writes a line to standard error. */
  err(line: string): void;
  /** Writes text to standard output as it comes (long output); without it, lines go to `out`. */
  write?(text: string): void;
  /** Writes UTF-8 bytes to standard output before it returns (long output); preferred to `write`. */
  writeBytes?(bytes: Uint8Array): void;
}

const STDOUT_ENCODER = new TextEncoder();
// One buffer for all of `write`: a new one per piece would be garbage V8 frees late.
const STDOUT_BUFFER = new Uint8Array(1 << 18);
const PAUSE = new Int32Array(new SharedArrayBuffer(4));
const WHOLE_WRITES = new Map<number, number>();

/**
 * The most bytes to hand one writeSync on `fd`. Deno's writeSync calls
 * write() until all is written, and when a non-blocking pipe fills midway
 * throws EAGAIN without telling how much it wrote; a pipe takes a write of
 * up to PIPE_BUF bytes whole or not at all (POSIX; 4096 on Linux, at least
 * 512 elsewhere). Node and Bun write once and return the count.
 */
function writeLimit(fd: number): number {
  let limit = WHOLE_WRITES.get(fd);
  if (limit === undefined) {
    limit = Infinity;
    if (process.versions.deno) {
      try {
        const s = fstatSync(fd);
        if (s.isFIFO() || s.isSocket()) limit = process.platform === "linux" ? 4096 : 512;
      } catch {
        // Not a descriptor fstat knows: write as usual.
      }
    }
    WHOLE_WRITES.set(fd, limit);
  }
  return limit;
}

/**
 * Writes all of `bytes` to a file descriptor, however many calls it takes:
 * a pipe may take part of a write, and a non-blocking one (standard output
 * can be, when a process sharing it made it so) refuses with EAGAIN while
 * it is full, until the reader has taken some.
 */
export function writeAll(fd: number, bytes: Uint8Array): void {
  const limit = writeLimit(fd);
  for (let off = 0; off < bytes.length;) {
    try {
      off += writeSync(fd, bytes, off, Math.min(bytes.length - off, limit));
    } catch (e) {
      if ((e as { code?: unknown })?.code !== "EAGAIN") throw e;
      Atomics.wait(PAUSE, 0, 0, 1); // 1 ms, then try again
    }
  }
}

/** Lines to the process's standard output and error. */
export const defaultIo: CliIo = {
  out: (l) => console.log(l),
  err: (l) => console.error(l),
  write: (text) => {
    let rest = text;
    while (rest.length > 0) {
      const { read, written } = STDOUT_ENCODER.encodeInto(rest, STDOUT_BUFFER);
      writeAll(1, STDOUT_BUFFER.subarray(0, written));
      rest = rest.slice(read);
    }
  },
  writeBytes: (bytes) => writeAll(1, bytes),
};

/**
 * The directory relative paths are taken from: where the user stands.
 * `deno task` runs in the repository root and passes the user's directory
 * (its `INIT_CWD`) as `NPY_CWD`; elsewhere it is the working directory.
 */
export function baseDir(): string {
  let dir: string | undefined;
  try {
    dir = process.env.NPY_CWD;
  } catch {
    // Deno without --allow-env: no NPY_CWD.
  }
  return dir || process.cwd();
}

/** A path as given on the command line, resolved against {@linkcode baseDir}. */
export function resolvePath(path: string): string {
  return resolve(baseDir(), path);
}

/** All of standard input. */
export function readStdin(): Uint8Array {
  return readFileSync(0);
}

/** The bytes of a file named on the command line; `-` is standard input. */
export function readInput(path: string): Uint8Array {
  return path === "-" ? readStdin() : readWhole(resolvePath(path));
}

/**
 * The first `n` bytes of a file (fewer if it is shorter), and its size.
 *
 * @param path A path relative to where the user stands.
 * @param n How many bytes.
 * @returns The bytes and the file's size.
 */
export function readHead(path: string, n: number): { head: Uint8Array; size: number } {
  const fd = openSync(resolvePath(path), "r");
  try {
    const size = fstatSync(fd).size;
    const head = new Uint8Array(Math.min(n, size));
    let off = 0;
    while (off < head.length) {
      const k = readSync(fd, head, off, head.length - off, off);
      if (k === 0) break;
      off += k;
    }
    return { head: head.subarray(0, off), size };
  } finally {
    closeSync(fd);
  }
}

/**
 * A whole file in one buffer of exactly its size (a runtime's readFileSync
 * may grow a buffer as it reads and peak at twice the file). A file that
 * grows while it is read is cut at the size it had.
 */
function readWhole(path: string): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const buf = new Uint8Array(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, Math.min(size - off, 1 << 30), off);
      if (n === 0) break;
      off += n;
    }
    return off === size ? buf : buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

const FS_WORDS: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "is a directory",
  ENOTDIR: "not a directory",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EEXIST: "file exists",
  EMFILE: "too many open files",
  ELOOP: "too many levels of symbolic links",
  ENAMETOOLONG: "file name too long",
  EIO: "input/output error",
  EFBIG: "file too large",
};

/**
 * What went wrong, in words that name no path (the caller names the path the
 * user gave): the NpyError's message, or the system error's meaning.
 */
export function errorMessage(e: unknown): string {
  if (e instanceof NpyError) return e.message;
  const code = (e as { code?: unknown })?.code;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return FS_WORDS[code] ?? code;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Whether the module at `url` is the program being run: `import.meta.main`
 * where the runtime has it (Deno, Bun, Node ≥ 24), else the script path.
 */
export function isMain(meta: ImportMeta): boolean {
  const main = (meta as { main?: unknown }).main;
  if (typeof main === "boolean") return main;
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(meta.url));
  } catch {
    return false;
  }
}

/** Runs `main` with the process's arguments and sets the exit status (output is flushed first). */
export async function run(main: (args: string[]) => Promise<number>): Promise<void> {
  process.exitCode = await main(process.argv.slice(2));
}
