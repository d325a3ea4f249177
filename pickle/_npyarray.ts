// Copyright 2026 the npy authors. MIT license.

import type { NpyArray } from "../codec/types.ts";

/** Whether a value is an `NpyArray` (a nested array), not a dict. */
export function isNpyArrayValue(v: unknown): v is NpyArray {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const a = v as Partial<NpyArray>;
  return typeof a.dtype === "object" && a.dtype !== null && typeof a.dtype.kind === "string" &&
    Array.isArray(a.shape) && "data" in a;
}
