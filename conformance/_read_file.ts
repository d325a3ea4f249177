// Copyright 2026 the npy authors. MIT license.

/**
 * A whole file in one buffer of exactly its size, for the command line
 * (`Deno.readFileSync` grows a buffer as it reads and peaks at about twice
 * the file). A file that grows while it is read is cut at the size it had;
 * one that shrinks is returned as long as it was. Errors are Deno's.
 */
export function readWholeSync(path: string): Uint8Array {
  using file = Deno.openSync(path, { read: true });
  const info = file.statSync();
  if (info.isDirectory) throw new Deno.errors.IsADirectory(`is a directory: ${path}`);
  const buf = new Uint8Array(info.size);
  let off = 0;
  while (off < buf.length) {
    const n = file.readSync(buf.subarray(off));
    if (n === null || n === 0) break;
    off += n;
  }
  return off === buf.length ? buf : buf.subarray(0, off);
}
