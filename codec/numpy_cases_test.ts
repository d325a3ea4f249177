// Copyright 2026 the npy authors. MIT license.
// Holds the header reader, the descr parser and the header writer to tables
// recorded from real numpy by testdata/make_cases.py.

import assert from "node:assert/strict";
import { decode, descrOf, encode, NpyError, readHeader, writeHeader } from "../mod.ts";

/**
 * Where this codec knowingly differs from numpy 2.4.6 on x86-64, and why.
 * Each entry must still differ: a fixed divergence fails the test until it
 * is removed from this list.
 */
const DIVERGENCES: Record<string, string> = {
  esc_N: "\\N{...} escapes need Unicode's name table, which is not shipped",
  esc_N_lower: "\\N{...} escapes need Unicode's name table, which is not shipped",
  esc_key_N: "\\N{...} escapes need Unicode's name table, which is not shipped",
  descr_list_str3: "numpy unpacks a 3-character string as (name, descr, shape); refused here",
  shape_0_2pow62m1_i2: "dimensions above 2**53-1 cannot be JS numbers",
  shape_0_2pow63m1_u1: "dimensions above 2**53-1 cannot be JS numbers",
  shape_0_2pow63m1_V0: "dimensions above 2**53-1 cannot be JS numbers",
  shape_2pow63m1_V0: "dimensions above 2**53-1 cannot be JS numbers",
  shape_zero_itemsize_huge: "dimensions above 2**53-1 cannot be JS numbers",
  "[((1, 'n'), '<i4')]": "field titles other than strings are refused",
  "['abc']": "numpy unpacks a 3-character string as (name, descr, shape); refused here",
  "['ab']": "numpy unpacks a 2-character string as (name, descr); refused here",
  "'<U536870911'/2": "numpy's fromfile loads 4 GiB elements from 4 KiB of data (a numpy bug)",
  "'S2147483647'/2": "numpy's fromfile loads 2 GiB elements from 4 KiB of data (a numpy bug)",
};

interface HeaderCase {
  name: string;
  version: [number, number];
  header: string;
  data_len: number;
  outcome: "load" | "refuse" | "crash";
  error?: string;
  descr?: unknown;
  shape?: number[];
  fortran_order?: boolean;
}

interface DescrLoad {
  outcome: "load" | "refuse" | "crash" | "skipped";
  error?: string;
  descr?: unknown;
  shape?: number[];
}

interface DescrCase {
  descr: string;
  outcome: "load" | "refuse" | "crash";
  load0: DescrLoad;
  load2: DescrLoad;
}

interface ReprCase {
  expression: string;
  header: string;
  version: [number, number];
  file_hex: string | null;
}

const dir = new URL("./testdata/", import.meta.url);
const headerCases: HeaderCase[] = JSON.parse(
  Deno.readTextFileSync(new URL("header_cases.json", dir)),
);
const descrCases: DescrCase[] = JSON.parse(
  Deno.readTextFileSync(new URL("descr_cases.json", dir)),
);
const reprCases: ReprCase[] = JSON.parse(Deno.readTextFileSync(new URL("repr_cases.json", dir)));

/** Builds a file the way make_cases.py does. */
export function buildFile(version: [number, number], header: string, dataLen: number): Uint8Array {
  const body = version[0] >= 3
    ? new TextEncoder().encode(header)
    : Uint8Array.from(header, (c) => c.charCodeAt(0));
  const lenSize = version[0] === 1 ? 2 : 4;
  const out = new Uint8Array(8 + lenSize + body.length + dataLen);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version[0], version[1]]);
  const dv = new DataView(out.buffer);
  if (lenSize === 2) dv.setUint16(8, body.length, true);
  else dv.setUint32(8, body.length, true);
  out.set(body, 8 + lenSize);
  return out;
}

function verdict(bytes: Uint8Array): { ok: true; a: ReturnType<typeof decode> } | {
  ok: false;
  e: unknown;
} {
  try {
    return { ok: true, a: decode(bytes) };
  } catch (e) {
    return { ok: false, e };
  }
}

function hexToBytes(h: string): Uint8Array {
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

Deno.test("decode() agrees with np.load on every recorded header case", async (t) => {
  const failures: string[] = [];
  for (const c of headerCases) {
    const v = verdict(buildFile(c.version, c.header, c.data_len));
    if (c.name in DIVERGENCES) {
      if (v.ok === (c.outcome === "load")) failures.push(`${c.name}: no longer diverges`);
      continue;
    }
    // numpy crashes (SIGFPE) on some descrs; refusing them is right.
    if (c.outcome === "refuse" || c.outcome === "crash") {
      if (v.ok) failures.push(`${c.name}: numpy refuses (${c.error}) but decode() loads it`);
      else if (!(v.e instanceof NpyError)) {
        failures.push(`${c.name}: threw a non-NpyError ${v.e}`);
      }
      continue;
    }
    if (!v.ok) {
      failures.push(`${c.name}: numpy loads it but decode() refuses: ${(v.e as Error).message}`);
      continue;
    }
    try {
      assert.deepEqual(descrOf(v.a.dtype), c.descr);
      assert.deepEqual(v.a.shape, c.shape);
    } catch (e) {
      failures.push(`${c.name}: ${(e as Error).message.split("\n").slice(0, 6).join(" ")}`);
    }
  }
  await t.step(`${headerCases.length} cases`, () => {
    assert.deepEqual(failures, []);
  });
});

Deno.test("descr parsing agrees with np.load on every recorded descr", () => {
  const failures: string[] = [];
  for (const c of descrCases) {
    for (const [n, rec] of [[0, c.load0], [2, c.load2]] as const) {
      if (!rec || rec.outcome === "skipped") continue;
      const header = `{'descr': ${c.descr}, 'fortran_order': False, 'shape': (${n},), }`;
      const v = verdict(buildFile([3, 0], header, 4096));
      const why = DIVERGENCES[c.descr] ?? DIVERGENCES[`${c.descr}/${n}`];
      if (why) {
        if (v.ok === (rec.outcome === "load")) failures.push(`${c.descr}: no longer diverges`);
        continue;
      }
      if (rec.outcome === "refuse" || rec.outcome === "crash") {
        if (v.ok) failures.push(`${c.descr} shape (${n},): numpy refuses (${rec.error})`);
        else if (!(v.e instanceof NpyError)) failures.push(`${c.descr}: threw ${v.e}`);
        continue;
      }
      if (!v.ok) {
        failures.push(
          `${c.descr} shape (${n},): numpy loads, we refuse: ${(v.e as Error).message}`,
        );
        continue;
      }
      try {
        assert.deepEqual(descrOf(v.a.dtype), rec.descr);
        assert.deepEqual(v.a.shape, rec.shape);
      } catch (e) {
        failures.push(
          `${c.descr} shape (${n},): ${(e as Error).message.split("\n").slice(0, 6).join(" ")}`,
        );
      }
    }
  }
  assert.deepEqual(failures, []);
});

Deno.test("writeHeader() and encode() write what np.save writes", () => {
  const failures: string[] = [];
  for (const c of reprCases) {
    if (c.file_hex === null) continue;
    const file = hexToBytes(c.file_hex);
    if (c.expression.includes("dtype=object")) {
      assert.throws(() => decode(file), (e) => e instanceof NpyError && e.code === "OBJECT_ARRAY");
      continue;
    }
    try {
      const h = readHeader(file);
      const header = writeHeader(h);
      assert.deepEqual(header, file.subarray(0, h.dataOffset));
      assert.deepEqual(encode(decode(file)), file);
    } catch (e) {
      failures.push(`${c.expression}: ${(e as Error).message.split("\n").slice(0, 4).join(" ")}`);
    }
  }
  assert.deepEqual(failures, []);
});
