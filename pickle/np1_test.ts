// Copyright 2026 the npy authors. MIT license.
// Object arrays saved by numpy 1.24.2 (pickle protocol 3, numpy.core names),
// made by vectors/testdata/make_np1.py: they decode to what numpy 1.24.2 loads.

import assert from "node:assert/strict";
import { decode, descrOf, toJsonValues } from "../mod.ts";

const DIR = new URL("../vectors/testdata/", import.meta.url);
const expected = JSON.parse(Deno.readTextFileSync(new URL("np1_expected.json", DIR))) as {
  numpy_version: string;
  files: Record<
    string,
    { shape: number[]; fortran_order: boolean; loaded_descr: unknown; values: unknown }
  >;
};

Deno.test(`decode() reads numpy ${expected.numpy_version}'s object arrays as it loads them`, () => {
  const names = Object.keys(expected.files);
  assert.ok(names.length >= 20);
  for (const name of names) {
    const want = expected.files[name];
    const a = decode(Deno.readFileSync(new URL(name, DIR)), { allowPickle: true });
    assert.deepStrictEqual(a.shape, want.shape, name);
    assert.strictEqual(a.fortranOrder, want.fortran_order, name);
    assert.deepStrictEqual(descrOf(a.dtype), want.loaded_descr, name);
    assert.deepStrictEqual(toJsonValues(a), want.values, name);
  }
});
