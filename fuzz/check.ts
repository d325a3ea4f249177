// Copyright 2026 the npy authors. MIT license.
// Assertions the properties share: bit-exact comparison of values, guarded
// decoding (only NpyError, bounded time, bounded allocation).

import assert from "node:assert/strict";
import { exclude, headerEndsWithBackslash } from "./exclusions.ts";
import {
  decode,
  type DecodeOptions,
  type DType,
  type NpyArray,
  type NpyData,
  NpyError,
} from "../mod.ts";

/** The bytes of a typed array (a view, no copy). */
export function bytesOf(v: ArrayBufferView): Uint8Array {
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

/** Whether two byte arrays are equal. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Asserts two byte arrays are equal, naming the first difference. */
export function assertSameBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  if (sameBytes(actual, expected)) return;
  let i = 0;
  while (i < actual.length && i < expected.length && actual[i] === expected[i]) i++;
  assert.fail(
    `${what}: ${actual.length} bytes vs ${expected.length} expected; first difference at byte ${i}: ` +
      `${actual[i]?.toString(16) ?? "end"} vs ${expected[i]?.toString(16) ?? "end"}\n` +
      `  actual:   ${hexSpan(actual, i)}\n  expected: ${hexSpan(expected, i)}`,
  );
}

function hexSpan(b: Uint8Array, at: number): string {
  const from = Math.max(0, at - 8);
  return `@${from} ` + [...b.subarray(from, at + 16)].map((x) => x.toString(16).padStart(2, "0"))
    .join(" ");
}

/** Asserts that two NpyData values are the same bit for bit (typed arrays by bytes). */
export function assertSameData(actual: NpyData, expected: NpyData, path = "data"): void {
  if (ArrayBuffer.isView(expected)) {
    assert.ok(ArrayBuffer.isView(actual), `${path}: expected a typed array, got ${typeof actual}`);
    assert.equal(
      actual.constructor.name,
      expected.constructor.name,
      `${path}: typed array type`,
    );
    assertSameBytes(bytesOf(actual), bytesOf(expected), path);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected string[]`);
    assert.deepEqual(actual, expected, `${path}: strings`);
    return;
  }
  assert.ok(
    actual !== null && typeof actual === "object" && !Array.isArray(actual) &&
      !ArrayBuffer.isView(actual),
    `${path}: expected field columns`,
  );
  const ak = Object.keys(actual).sort();
  const ek = Object.keys(expected).sort();
  assert.deepEqual(ak, ek, `${path}: field names`);
  for (const k of ek) {
    assertSameData(
      (actual as Record<string, NpyData>)[k],
      (expected as Record<string, NpyData>)[k],
      `${path}[${JSON.stringify(k)}]`,
    );
  }
}

/** Which bytes of a record of `d` no field covers (numpy's padding). */
export function paddingMask(d: DType): boolean[] {
  const mask = new Array<boolean>(d.itemsize).fill(true);
  const cover = (t: DType, at: number): void => {
    if (t.kind === "struct") {
      for (const f of t.fields) cover(f.dtype, at + f.offset);
    } else if (t.kind === "subarray") {
      const n = t.shape.reduce((a, b) => a * b, 1);
      for (let k = 0; k < n; k++) cover(t.base, at + k * t.base.itemsize);
    } else {
      for (let k = 0; k < t.itemsize; k++) mask[at + k] = false;
    }
  };
  cover(d, 0);
  return mask;
}

/**
 * A rough size in bytes of the JS values of `data`: typed arrays by their
 * length, string arrays at 8 bytes per slot plus 2 per character.
 */
export function footprint(data: NpyData): number {
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (Array.isArray(data)) {
    let n = 8 * data.length;
    for (const s of data as string[]) n += 2 * (s?.length ?? 0);
    return n;
  }
  let n = 0;
  for (const k of Object.keys(data)) n += footprint((data as Record<string, NpyData>)[k]);
  return n;
}

/** Allowed values' footprint for an input of `n` bytes: 16 per input byte plus 1 MiB. */
export function footprintBound(n: number): number {
  return 16 * n + (1 << 20);
}

/** Per-case time limit in ms (NPY_FUZZ_CASE_MS, default 2000). */
export const CASE_MS = (() => {
  try {
    const v = Number(Deno.env.get("NPY_FUZZ_CASE_MS"));
    return Number.isFinite(v) && v > 0 ? v : 2000;
  } catch {
    return 2000;
  }
})();

/** The outcome of a guarded decode. */
export type Outcome = { ok: true; array: NpyArray; ms: number } | {
  ok: false;
  error: NpyError;
  ms: number;
};

/**
 * decode() that asserts the robustness contract: it returns or throws
 * NpyError, within CASE_MS, with values no larger than footprintBound.
 */
export function guardedDecode(bytes: Uint8Array, options?: DecodeOptions): Outcome {
  if (headerEndsWithBackslash(bytes) && exclude("BUG_HANG_BACKSLASH_AT_END")) {
    // decode() would never return; answer as numpy does.
    return {
      ok: false,
      error: new NpyError("HEADER_SYNTAX", "excluded: BUG_HANG_BACKSLASH_AT_END"),
      ms: 0,
    };
  }
  const t0 = performance.now();
  let out: Outcome;
  try {
    const array = decode(bytes, options);
    out = { ok: true, array, ms: performance.now() - t0 };
  } catch (e) {
    const ms = performance.now() - t0;
    if (!(e instanceof NpyError)) {
      assert.fail(
        `decode threw ${(e as Error)?.constructor?.name ?? typeof e}, not NpyError: ${
          (e as Error)?.message ?? e
        }`,
      );
    }
    out = { ok: false, error: e, ms };
  }
  assert.ok(out.ms <= CASE_MS, `decode took ${out.ms.toFixed(0)} ms (limit ${CASE_MS} ms)`);
  if (out.ok) {
    const fp = footprint(out.array.data);
    assert.ok(
      fp <= footprintBound(bytes.length),
      `decode of ${bytes.length} bytes returned values of about ${fp} bytes ` +
        `(bound ${footprintBound(bytes.length)})`,
    );
  }
  return out;
}

/** Lowercase hex of bytes. */
export function toHex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
}

/** Bytes of a hex string. */
export function fromHex(h: string): Uint8Array {
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}
