// Copyright 2026 the npy authors. MIT license.

// formatArray() against numpy 2.4's print() of every vector numpy loads and
// of the arrays cli/testdata/make_prints.py adds (expected text recorded by
// that script in cli/testdata/prints.json, so numpy is not needed here).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { decode, NpyError } from "../mod.ts";
import { formatArray, formatRepr, printedIndices } from "./print.ts";

const here = new URL(".", import.meta.url);
const prints = JSON.parse(readFileSync(new URL("testdata/prints.json", here), "utf8")) as {
  numpy_version: string;
  vectors: Record<string, string | { error: string }>;
  extra: Record<string, string>;
  vectors_repr: Record<string, string | { error: string }>;
  extra_repr: Record<string, string>;
  objects: Record<string, string>;
  objects_repr: Record<string, string>;
};

/**
 * Where the printer differs from numpy, with the reason (listed in
 * docs/cli.md): pinned here so a change is seen.
 */
const DIFFERENCES: Record<string, { why: string; prints: string }> = {
  "files/datetime64_generic_le.npy": {
    why: "numpy's print() raises ValueError for a generic-unit datetime other than NaT; " +
      "npy prints the counts",
    prints: `[                   '0'                    '1'                   '-1'
                 '1000'  '9223372036854775807' '-9223372036854775807'
                  'NaT']`,
  },
  "files/datetime64_generic_be.npy": {
    why: "as datetime64_generic_le.npy",
    prints: `[                   '0'                    '1'                   '-1'
                 '1000'  '9223372036854775807' '-9223372036854775807'
                  'NaT']`,
  },
};

/** Where formatRepr() differs from numpy's repr() (listed in docs/cli.md), pinned. */
const REPR_DIFFERENCES: Record<string, { why: string; prints: string }> = {
  "files/datetime64_generic_le.npy": {
    why: "numpy's repr() raises ValueError for a generic-unit datetime other than NaT",
    prints: `array([                   '0',                    '1',
                         '-1',                 '1000',
        '9223372036854775807', '-9223372036854775807',
                        'NaT'], dtype=datetime64)`,
  },
  "files/datetime64_generic_be.npy": {
    why: "as datetime64_generic_le.npy",
    prints: `array([                   '0',                    '1',
                         '-1',                 '1000',
        '9223372036854775807', '-9223372036854775807',
                        'NaT'], dtype='>M8')`,
  },
  "files/odd_descr_alias_q_is_i8.npy": {
    why: "descr 'q' is np.longlong, a type apart from np.int64 (long) on Linux, so numpy " +
      "names it; a DType keeps kind and size only",
    prints: "array([0, 1, 2])",
  },
};

Deno.test("prints.json was made by numpy 2.4", () => {
  assert.match(prints.numpy_version, /^2\.4\./);
});

Deno.test("formatArray() prints every loadable vector as numpy's print() does", () => {
  const wrong: string[] = [];
  let n = 0;
  for (const [file, want] of Object.entries(prints.vectors)) {
    const got = formatArray(decode(readFileSync(new URL(`../vectors/${file}`, here))));
    const pinned = DIFFERENCES[file];
    n++;
    if (pinned !== undefined) {
      assert.notEqual(got, want, `${file} now matches numpy: drop it from DIFFERENCES`);
      assert.equal(got, pinned.prints, `${file}: the listed difference changed`);
      continue;
    }
    if (got !== want) wrong.push(`${file}\n--- npy\n${got}\n--- numpy\n${want}`);
  }
  assert.ok(n >= 300, `only ${n} vectors`);
  assert.deepEqual(wrong, []);
});

Deno.test("formatArray() and formatRepr() print every object-array vector as numpy does", () => {
  const wrong: string[] = [];
  const objects = Object.entries(prints.objects);
  for (const [file, want] of objects) {
    const a = decode(readFileSync(new URL(`../vectors/${file}`, here)), { allowPickle: true });
    const got = formatArray(a);
    if (got !== want) wrong.push(`${file}\n--- npy\n${got}\n--- numpy\n${want}`);
    const gotRepr = formatRepr(a);
    const wantRepr = prints.objects_repr[file];
    if (gotRepr !== wantRepr) wrong.push(`${file}\n--- npy\n${gotRepr}\n--- numpy\n${wantRepr}`);
  }
  assert.ok(objects.length >= 25, `only ${objects.length} object vectors`);
  assert.deepEqual(wrong, []);
});

Deno.test("formatRepr() gives numpy's repr() of every loadable vector", () => {
  const wrong: string[] = [];
  for (const [file, want] of Object.entries(prints.vectors_repr)) {
    const got = formatRepr(decode(readFileSync(new URL(`../vectors/${file}`, here))));
    const pinned = REPR_DIFFERENCES[file];
    if (pinned !== undefined) {
      assert.notEqual(got, want, `${file} now matches numpy: drop it from REPR_DIFFERENCES`);
      assert.equal(got, pinned.prints, `${file}: the listed difference changed`);
    } else if (got !== want) wrong.push(`${file}\n--- npy\n${got}\n--- numpy\n${want}`);
  }
  for (const [name, want] of Object.entries(prints.extra_repr)) {
    const got = formatRepr(decode(readFileSync(new URL(`testdata/print/${name}.npy`, here))));
    if (got !== want) wrong.push(`${name}\n--- npy\n${got}\n--- numpy\n${want}`);
  }
  assert.deepEqual(wrong, []);
});

for (const [name, want] of Object.entries(prints.extra)) {
  Deno.test(`formatArray() prints ${name} as numpy's print() does`, () => {
    const a = decode(readFileSync(new URL(`testdata/print/${name}.npy`, here)));
    assert.equal(formatArray(a), want);
  });
}

Deno.test("formatArray() prints the same from only the printed elements (fullShape)", () => {
  for (const name of ["arange_2000_f8", "big_cube_11x11x11_f4", "fortran_big_f8", "records_1100"]) {
    const a = decode(readFileSync(new URL(`testdata/print/${name}.npy`, here)));
    const kept = printedIndices(a.shape);
    // Build the corner array by hand from a C-order copy.
    const full = formatArray(a);
    const dims = kept.map((k) => k.length);
    const strides = a.shape.map((_, i) =>
      a.fortranOrder
        ? a.shape.slice(0, i).reduce((x, y) => x * y, 1)
        : a.shape.slice(i + 1).reduce((x, y) => x * y, 1)
    );
    let pos = [0];
    for (let ax = 0; ax < kept.length; ax++) {
      pos = pos.flatMap((p) => kept[ax].map((k) => p + k * strides[ax]));
    }
    const pick = (col: unknown, per: number): unknown => {
      if (col instanceof Float64Array || col instanceof Float32Array || col instanceof Int32Array) {
        const out = new (col.constructor as Float64ArrayConstructor)(pos.length * per);
        pos.forEach((p, i) => {
          for (let j = 0; j < per; j++) out[i * per + j] = col[p * per + j];
        });
        return out;
      }
      throw new Error("unexpected column");
    };
    const data = a.dtype.kind === "struct"
      ? {
        a: pick((a.data as Record<string, unknown>).a, 1),
        b: pick((a.data as Record<string, unknown>).b, 2),
      }
      : pick(a.data, 1);
    const corners = { ...a, shape: dims, fortranOrder: false, data } as typeof a;
    assert.equal(formatArray(corners, { fullShape: a.shape }), full, name);
  }
});

Deno.test("formatArray() refuses to print billions of elements of short axes", () => {
  const a = {
    dtype: { kind: "V", byteOrder: "|", itemsize: 0 },
    shape: new Array(40).fill(2),
    fortranOrder: false,
    data: new Uint8Array(0),
  } as const;
  for (const f of [formatArray, formatRepr]) {
    assert.throws(
      () => f({ ...a, shape: [...a.shape] }),
      (e) => e instanceof NpyError && e.code === "TOO_LARGE",
    );
  }
});
