// Copyright 2026 the npy authors. MIT license.

import { NpyError } from "./errors.ts";
import { pyRepr, type PyValue } from "./_literal.ts";
import { descrToDType, descrValue, typeStrOf } from "./_descr.ts";
import type { DType, ScalarDType } from "./types.ts";

/**
 * A descr in JSON form: what numpy's `dtype.descr` (or `dtype.str`) holds,
 * with Python tuples written as arrays. A string is a type string such as
 * `"<f8"`; an array of fields `[name, descr]` or `[name, descr, shape]`
 * (name may be `[title, name]`) is a structured dtype; `[descr, shape]` is a
 * subarray.
 */
export type DescrJson = string | DescrJson[] | number;

/**
 * Makes a dtype from a descr in JSON form, with numpy's rules
 * (`numpy.lib.format.descr_to_dtype`): padding entries `('', '|V<n>')` become
 * gaps between field offsets, titles are kept, type strings may be any that
 * `np.dtype()` accepts.
 *
 * @example Structured descr
 * ```ts
 * import { parseDescr } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const dt = parseDescr([["a", "|u1"], ["", "|V3"], ["b", "<i4", [2]]]);
 * assert.equal(dt.kind, "struct");
 * assert.equal(dt.itemsize, 12);
 * ```
 *
 * @param descr The descr, e.g. `"<f8"` or `[["x", "<i4"]]`.
 * @returns The dtype.
 * @throws {NpyError} `INVALID_DESCR` when numpy would refuse it.
 */
export function parseDescr(descr: DescrJson): DType {
  return descrToDType(jsonToPy(descr), 0);
}

function jsonToPy(d: DescrJson): PyValue {
  if (typeof d === "string") return { t: "str", v: d };
  if (typeof d === "number") return { t: "int", v: BigInt(d) };
  if (!Array.isArray(d)) {
    throw new NpyError("INVALID_DESCR", `descr is not a valid dtype descriptor: ${d}`);
  }
  const isShape = (x: DescrJson) =>
    typeof x === "number" || (Array.isArray(x) && x.every((y) => typeof y === "number"));
  if (d.length === 2 && !Array.isArray(d[0]) && isShape(d[1])) {
    return { t: "tuple", items: [jsonToPy(d[0]), shapeToPy(d[1])] };
  }
  if (d.length === 2 && Array.isArray(d[0]) && d[0].length === 0 && isShape(d[1])) {
    return { t: "tuple", items: [jsonToPy(d[0]), shapeToPy(d[1])] };
  }
  return {
    t: "list",
    items: d.map((f): PyValue => {
      if (!Array.isArray(f)) return jsonToPy(f);
      const items: PyValue[] = f.map((x, i) => {
        if (i === 0 && Array.isArray(x)) {
          return { t: "tuple", items: x.map(jsonToPy) } as PyValue;
        }
        if (i === 2) return shapeToPy(x);
        return jsonToPy(x);
      });
      return { t: "tuple", items };
    }),
  };
}

function shapeToPy(x: DescrJson): PyValue {
  if (typeof x === "number") return { t: "int", v: BigInt(x) };
  if (Array.isArray(x)) {
    return { t: "tuple", items: x.map((y) => shapeToPy(y)) };
  }
  return { t: "str", v: x };
}

/**
 * The descr numpy writes for a dtype (`dtype.descr` for structured dtypes,
 * `dtype.str` otherwise), in JSON form.
 *
 * @example
 * ```ts
 * import { descrOf, parseDescr } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * assert.equal(descrOf(parseDescr("float64")), "<f8");
 * assert.deepEqual(descrOf(parseDescr("i4,f8")), [["f0", "<i4"], ["f1", "<f8"]]);
 * ```
 *
 * @param dtype The dtype.
 * @returns Its descr, tuples written as arrays.
 */
export function descrOf(dtype: DType): DescrJson {
  return pyToJson(descrValue(dtype));
}

function pyToJson(v: PyValue): DescrJson {
  switch (v.t) {
    case "str":
      return v.v;
    case "int":
      return Number(v.v);
    case "tuple":
    case "list":
      return v.items.map(pyToJson);
    default:
      throw new TypeError(`unexpected ${v.t} in a descr`);
  }
}

/**
 * The descr as numpy writes it in a header: Python's `repr` of `dtype.descr`.
 *
 * @example
 * ```ts
 * import { formatDescr, parseDescr } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * assert.equal(formatDescr(parseDescr([["a", "<i4", [2]]])), "[('a', '<i4', (2,))]");
 * ```
 *
 * @param dtype The dtype.
 * @returns The Python literal text.
 */
export function formatDescr(dtype: DType): string {
  return pyRepr(descrValue(dtype));
}

/**
 * numpy's `dtype.str` of a scalar dtype, e.g. `<f8`, `|S3`, `>U2`, `<M8[10ms]`.
 *
 * @example
 * ```ts
 * import { parseDescr, typeStr } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const dt = parseDescr("datetime64[10ms]");
 * assert.ok(dt.kind === "M");
 * assert.equal(typeStr(dt), "<M8[10ms]");
 * ```
 *
 * @param dtype A scalar dtype.
 * @returns Its type string.
 */
export function typeStr(dtype: ScalarDType): string {
  return typeStrOf(dtype);
}

/**
 * Whether a dtype holds a platform-defined type (longdouble: `f16`, `f12`,
 * `c32`, `c24`), whose bytes mean different things on different machines.
 *
 * @example
 * ```ts
 * import { isPlatformDefined, parseDescr } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isPlatformDefined(parseDescr("<f16")), true);
 * assert.equal(isPlatformDefined(parseDescr("<f8")), false);
 * ```
 *
 * @param dtype The dtype.
 * @returns true when any part of it is longdouble.
 */
export function isPlatformDefined(dtype: DType): boolean {
  switch (dtype.kind) {
    case "struct":
      return dtype.fields.some((f) => isPlatformDefined(f.dtype));
    case "subarray":
      return isPlatformDefined(dtype.base);
    case "f":
      return dtype.itemsize > 8;
    case "c":
      return dtype.itemsize > 16;
    default:
      return false;
  }
}
