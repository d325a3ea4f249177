// Copyright 2026 the npy authors. MIT license.

import { blobSource, type ByteSource, bytesSource } from "./source.ts";

/** A source for bytes, a Blob, or a source. */
export function toSource(source: Uint8Array | Blob | ByteSource): ByteSource {
  if (source instanceof Uint8Array) return bytesSource(source);
  if (typeof Blob !== "undefined" && source instanceof Blob) return blobSource(source);
  return source as ByteSource;
}
