// Copyright 2026 the npy authors. MIT license.

import assert from "node:assert/strict";
import {
  centralDirectory,
  DEFLATED,
  encodeName,
  localHeader,
  STORED,
  withDataDescriptor,
  type ZipEntry,
} from "./_zip_write.ts";

interface Entry {
  name: string;
  size: number;
  csize: number;
  offset: number;
  crc: number;
  deflated: boolean;
  descriptor: boolean;
}

const cases: {
  directories: { name: string; entries: Entry[]; start: number; bytes: string }[];
  local_headers: { entry: Entry; bytes: string }[];
} = JSON.parse(
  Deno.readTextFileSync(new URL("./testdata/zip64_cases.json", import.meta.url)),
);

function entry(e: Entry): ZipEntry {
  const n = encodeName(e.name);
  return {
    name: n.bytes,
    flags: e.descriptor ? withDataDescriptor(n.flags) : n.flags,
    method: e.deflated ? DEFLATED : STORED,
    crc: e.crc,
    compressedSize: e.csize,
    size: e.size,
    offset: e.offset,
  };
}

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");

for (const c of cases.directories) {
  Deno.test(`centralDirectory() writes zipfile's directory and end records: ${c.name}`, () => {
    assert.equal(hex(centralDirectory(c.entries.map(entry), c.start)), c.bytes);
  });
}

Deno.test("localHeader() writes zipfile's FileHeader(zip64=True) for sizes up to 10 GiB", () => {
  for (const h of cases.local_headers) {
    assert.equal(hex(localHeader(entry(h.entry))), h.bytes, JSON.stringify(h.entry));
  }
});
