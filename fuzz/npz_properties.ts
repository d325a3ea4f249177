// Copyright 2026 the npy authors. MIT license.
// Fuzz properties for .npz archives: archives from the vectors, mutated where
// zip structures live (end records, central entries, local headers, data),
// read by decodeAny() as np.load reads them and compared with the live numpy
// oracle: same verdict, same files, same members, same values. The reader
// must answer with a value or an NpyError, in bounded time.

import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeAny, type NpyArray, NpyError, NpzFile } from "../mod.ts";
import { CASE_MS } from "./check.ts";
import { exclude } from "./exclusions.ts";
import { fromBase64, type LoadAnswer, type NpzAnswer } from "./oracle.ts";
import type { Ctx, PropertyDef } from "./properties.ts";
import { compareWithNumpy } from "./properties.ts";

/** Archives the mutations start from (committed vectors). */
const BASES = [
  "npz_savez_families.npz",
  "npz_savez_compressed_families.npz",
  "npz_unseekable_compressed.npz",
  "zipfile_data_descriptors.npz",
  "npz_zip64_end_records.npz",
  "npz_zip64_central_extra.npz",
  "npz_utf8_names.npz",
  "npz_non_npy_member.npz",
  "npz_empty.npz",
  "npz_comment.npz",
];

let bases: Uint8Array[] | undefined;
function base(i: number): Uint8Array {
  bases ??= BASES.map((n) => Deno.readFileSync(new URL(`../vectors/files/${n}`, import.meta.url)));
  return bases[i % bases.length];
}

/** One edit of an archive. */
export type NpzEdit =
  | { kind: "byte"; at: number; value: number }
  | {
    kind: "field";
    region: "end" | "central" | "local" | "data";
    index: number;
    offset: number;
    width: 1 | 2 | 4;
    value: number;
  }
  | { kind: "cut"; at: number }
  | { kind: "insert"; at: number; bytes: number[] };

/** A mutated archive: a base and its edits. */
export interface NpzCase {
  base: number;
  edits: NpzEdit[];
}

const INTERESTING = [0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0x7fffffff, 0xffffffff];

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;
}

/** Where the structures of a (valid, comment-free or not) base archive are. */
function layout(b: Uint8Array): { end: number; central: number[]; local: number[] } {
  let end = b.length - 22;
  while (end > 0 && u32(b, end) !== 0x06054b50) end--;
  const central: number[] = [];
  const local: number[] = [];
  let pos = end - u32(b, end + 12);
  while (pos >= 0 && pos + 46 <= end && u32(b, pos) === 0x02014b50) {
    central.push(pos);
    const off = u32(b, pos + 42);
    local.push(off === 0xffffffff ? -1 : off);
    pos += 46 + u16(b, pos + 28) + u16(b, pos + 30) + u16(b, pos + 32);
  }
  return { end, central, local: local.filter((x) => x >= 0) };
}

/** The mutated bytes. */
export function applyEdits(c: NpzCase): Uint8Array {
  let b = base(c.base).slice();
  for (const e of c.edits) {
    if (b.length === 0) break;
    if (e.kind === "byte") b[e.at % b.length] = e.value;
    else if (e.kind === "cut") b = b.slice(0, e.at % b.length);
    else if (e.kind === "insert") {
      const at = e.at % (b.length + 1);
      const out = new Uint8Array(b.length + e.bytes.length);
      out.set(b.subarray(0, at));
      out.set(e.bytes, at);
      out.set(b.subarray(at), at + e.bytes.length);
      b = out;
    } else {
      const l = layout(b);
      const starts = e.region === "end"
        ? [l.end]
        : e.region === "central"
        ? l.central
        : l.local.map((x) => e.region === "data" ? x + 30 + u16(b, x + 26) + u16(b, x + 28) : x);
      if (starts.length === 0) continue;
      const span = e.region === "end"
        ? 22
        : e.region === "central"
        ? 46
        : e.region === "local"
        ? 30
        : 64;
      const at = starts[e.index % starts.length] + (e.offset % span);
      const dv = new DataView(b.buffer);
      if (at < 0 || at + e.width > b.length) continue;
      if (e.width === 1) dv.setUint8(at, e.value & 0xff);
      else if (e.width === 2) dv.setUint16(at, e.value & 0xffff, true);
      else dv.setUint32(at, e.value >>> 0, true);
    }
  }
  return b;
}

function editArb(): fc.Arbitrary<NpzEdit> {
  const value = fc.oneof(
    fc.constantFrom(...INTERESTING),
    fc.integer({ min: 0, max: 0xffffffff }),
    fc.integer({ min: 0, max: 300 }),
  );
  return fc.oneof(
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant("byte" as const),
        at: fc.nat(),
        value: fc.integer({ min: 0, max: 255 }),
      }),
    },
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant("field" as const),
        region: fc.constantFrom(
          "end" as const,
          "central" as const,
          "local" as const,
          "data" as const,
        ),
        index: fc.nat(40),
        offset: fc.nat(64),
        width: fc.constantFrom(1 as const, 2 as const, 4 as const),
        value,
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("insert" as const),
        at: fc.nat(),
        bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
      }),
    },
  );
}

/** Codes this reader refuses by design where numpy's zipfile reads on (docs/npz.md). */
const STRICTER_OPEN = new Set(["ZIP_DUPLICATE_NAME", "ZIP_SIZE_OVERFLOW"]);
/** Member codes for entries whose bytes overlap another's or lie outside the member area. */
const STRICTER_MEMBER = new Set(["ZIP_OVERLAP", "ZIP_OUT_OF_RANGE"]);
/** Member codes for bytes numpy never reads: it stops after the array's bytes. */
const WHOLE_MEMBER = new Set(["ZIP_BAD_CRC", "ZIP_TRUNCATED", "ZIP_BOMB"]);

type Ours =
  | { ok: true; npz: NpzFile }
  | { ok: false; error: NpyError };

async function timed<T>(what: string, p: Promise<T>): Promise<T> {
  const t0 = performance.now();
  const v = await p;
  const ms = performance.now() - t0;
  assert.ok(ms <= CASE_MS, `${what} took ${ms.toFixed(0)} ms (limit ${CASE_MS} ms)`);
  return v;
}

async function guarded<T>(
  what: string,
  p: Promise<T>,
): Promise<{ ok: true; v: T } | { ok: false; error: NpyError }> {
  try {
    return { ok: true, v: await timed(what, p) };
  } catch (e) {
    if (e instanceof NpyError) return { ok: false, error: e };
    if (e instanceof assert.AssertionError) throw e;
    assert.fail(
      `${what} threw ${(e as Error)?.constructor?.name}, not NpyError: ${
        (e as Error)?.message ?? e
      }`,
    );
  }
}

/** Compares decodeAny() and its members with numpy's np.load of the same bytes. */
export async function compareNpzWithNumpy(bytes: Uint8Array, ans: NpzAnswer): Promise<void> {
  const opened = await guarded("decodeAny", decodeAny(bytes));
  let ours: Ours;
  if (opened.ok) {
    if (!(opened.v instanceof NpzFile)) {
      // The mutation made a .npy file: compare as np.load of a .npy.
      return;
    }
    ours = { ok: true, npz: opened.v };
  } else ours = { ok: false, error: opened.error };
  if (!ans.ok) {
    if (ans.crashed) assert.fail("numpy crashed on this archive");
    assert.ok(
      !ours.ok,
      `numpy refuses the archive (${ans.error_type}: ${ans.error}) but decodeAny opens it ` +
        `with files ${JSON.stringify(ours.ok ? ours.npz.files : [])}`,
    );
    return;
  }
  if (!ours.ok) {
    if (STRICTER_OPEN.has(ours.error.code) && exclude("DIV_NPZ_STRICTER_OPEN")) return;
    assert.fail(
      `numpy opens the archive but decodeAny throws ${ours.error.code}: ${ours.error.message}`,
    );
  }
  const npz = ours.npz;
  const members: Extract<NpzAnswer, { ok: true }>["members"] = ans.members;
  assert.deepEqual(npz.files, ans.files, "files");
  assert.equal(npz.members.length, ans.members.length, "member count");
  for (let i = 0; i < ans.members.length; i++) {
    const m = members[i];
    const name = npz.members[i].name;
    assert.equal(name, m.name, `member ${i} name`);
    const got = await guarded(`get(${JSON.stringify(name)})`, npz.bytes(name));
    if (!got.ok) {
      if (!m.ok) continue; // both refuse
      if (WHOLE_MEMBER.has(got.error.code) && exclude("DIV_NPZ_WHOLE_MEMBER")) continue;
      if (STRICTER_MEMBER.has(got.error.code) && exclude("DIV_NPZ_STRICTER_MEMBER")) continue;
      if (
        got.error.code === "ZIP_UNSUPPORTED_METHOD" && npz.members[i].size === 0 &&
        exclude("DIV_NPZ_EMPTY_MEMBER_ANY_METHOD")
      ) continue;
      assert.fail(
        `numpy reads member ${JSON.stringify(name)} but this reader throws ` +
          `${got.error.code}: ${got.error.message}`,
      );
    }
    const data = got.v;
    const isNpy = data.length >= 6 && data[0] === 0x93 && data[1] === 0x4e;
    if ("bytes" in m) {
      assert.ok(!isNpy || data[2] !== 0x55, `member ${name}: numpy gives bytes`);
      assert.equal(data.length, m.bytes_size, `member ${name}: length`);
      assert.deepEqual(data.subarray(0, 1 << 20), fromBase64(m.bytes), `member ${name}: bytes`);
      continue;
    }
    if (!m.ok && !isNpy) {
      // numpy refuses a member for a zip reason this reader does not see.
      assert.fail(
        `numpy refuses member ${JSON.stringify(name)} (${m.error_type}: ${m.error}) ` +
          `but this reader reads ${data.length} bytes`,
      );
    }
    // An npy member: decode() against numpy's read of it (verdict, values, re-save).
    compareWithNumpy(data, m as LoadAnswer);
    if (m.ok) {
      const a = await npz.get(name) as NpyArray;
      assert.ok(!(a instanceof Uint8Array));
    }
  }
}

async function checkMutated(c: NpzCase, ctx: Ctx): Promise<void> {
  const bytes = applyEdits(c);
  const ans = await ctx.oracle!.npz(bytes);
  await compareNpzWithNumpy(bytes, ans);
}

/** The .npz properties (ids start with "npz-"). */
export const NPZ_PROPERTIES: PropertyDef[] = [
  {
    id: "npz-mutated",
    title: "mutated .npz archives read as np.load reads them (verdict, files, members, values)",
    arb: () =>
      fc.record({
        base: fc.nat(BASES.length - 1),
        edits: fc.array(editArb(), { minLength: 1, maxLength: 3 }),
      }) as fc.Arbitrary<unknown>,
    check: (x, ctx) => checkMutated(x as NpzCase, ctx),
    oracle: true,
    testRuns: 60,
  },
  {
    id: "npz-unmutated",
    title: "the base archives read as np.load reads them",
    arb: () => fc.nat(BASES.length - 1) as fc.Arbitrary<unknown>,
    check: (x, ctx) => checkMutated({ base: x as number, edits: [] }, ctx),
    oracle: true,
    testRuns: 10,
  },
];
