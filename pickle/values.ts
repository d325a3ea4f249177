// Copyright 2026 the npy authors. MIT license.

/**
 * The JS values that stand for Python objects in an object array: what the
 * safe unpickler returns and what the pickler accepts.
 *
 * | Python | JS |
 * | --- | --- |
 * | `None` | `null` |
 * | `bool` | `boolean` |
 * | `int` | `bigint` (always, so that `1` and `1.0` stay apart) |
 * | `float` | `number` |
 * | `str` | `string` (lone surrogates kept) |
 * | `bytes` | `Uint8Array` |
 * | `bytearray` | {@linkcode PyByteArray} (a `Uint8Array`) |
 * | `list` | `Array` |
 * | `tuple` | {@linkcode PyTuple} |
 * | `dict` | `Map` (any keys, insertion order; `__proto__` is an ordinary key) |
 * | `set` / `frozenset` | `Set` / {@linkcode PyFrozenSet} |
 * | `complex` | {@linkcode PyComplex} |
 * | `numpy.ndarray` | the codec's `NpyArray` |
 * | numpy scalar (`np.float32(1)`) | {@linkcode NpyScalar} |
 * | a global only referenced (`range`) | {@linkcode PyGlobal} |
 *
 * The pickler also takes a plain JS object as a dict with string keys, and a
 * JS number that is an integer only where a float is meant (it writes every
 * `number` as a Python float: write ints as bigints).
 *
 * @module
 */

import type { DType, NpyArray, NpyData } from "../codec/types.ts";

/**
 * A Python tuple: its items, kept apart from a list.
 *
 * @example
 * ```ts
 * import { PyTuple } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const t = new PyTuple([1n, "a"]);
 * assert.equal(t.items.length, 2);
 * ```
 */
export class PyTuple {
  /** The items in order. */
  readonly items: readonly unknown[];
  /**
   * Makes a tuple.
   *
   * @param items The items in order.
   */
  constructor(items: readonly unknown[]) {
    this.items = items;
  }
}

/**
 * A Python frozenset: a `Set` that says it is frozen.
 *
 * @example
 * ```ts
 * import { PyFrozenSet } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * assert.equal(new PyFrozenSet([1n, 2n]).size, 2);
 * ```
 */
export class PyFrozenSet<T = unknown> extends Set<T> {}

/**
 * A Python bytearray: a `Uint8Array` kept apart from `bytes`.
 *
 * @example
 * ```ts
 * import { PyByteArray } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * assert.equal(new PyByteArray([1, 2]).length, 2);
 * ```
 */
export class PyByteArray extends Uint8Array {}

/**
 * A Python complex number.
 *
 * @example
 * ```ts
 * import { PyComplex } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * assert.equal(new PyComplex(1, -2).im, -2);
 * ```
 */
export class PyComplex {
  /** The real part. */
  readonly re: number;
  /** The imaginary part. */
  readonly im: number;
  /**
   * Makes a complex number.
   *
   * @param re The real part.
   * @param im The imaginary part.
   */
  constructor(re: number, im: number) {
    this.re = re;
    this.im = im;
  }
}

/**
 * A numpy scalar such as `np.float32(1.5)` or `np.int64(3)`: its dtype and
 * its one value in the codec's column form (`data` holds one element, as an
 * `NpyArray` of shape `[]` would).
 *
 * @example
 * ```ts
 * import { NpyScalar, parseDescr } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * const s = new NpyScalar(parseDescr("<f4"), new Float32Array([1.5]));
 * assert.equal((s.data as Float32Array)[0], 1.5);
 * ```
 */
export class NpyScalar {
  /** The scalar's dtype. */
  readonly dtype: DType;
  /** The value, as the data of a 0-d array of that dtype. */
  readonly data: NpyData;
  /**
   * Makes a numpy scalar.
   *
   * @param dtype Its dtype.
   * @param data Its value as the data of a 0-d array.
   */
  constructor(dtype: DType, data: NpyData) {
    this.dtype = dtype;
    this.data = data;
  }

  /**
   * The scalar as a 0-d array.
   *
   * @returns An array of shape `[]`.
   */
  toArray(): NpyArray {
    return { dtype: this.dtype, shape: [], fortranOrder: false, data: this.data };
  }
}

/**
 * A Python global (a class or function) that a pickle only refers to and
 * never calls, such as the builtin `range` held as an element. The safe
 * unpickler never imports or calls it.
 *
 * @example
 * ```ts
 * import { PyGlobal } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * assert.equal(String(new PyGlobal("builtins", "range")), "builtins.range");
 * ```
 */
export class PyGlobal {
  /** The module, after Python 2 renames (`__builtin__` → `builtins`). */
  readonly module: string;
  /** The qualified name inside the module. */
  readonly name: string;
  /**
   * Makes a reference.
   *
   * @param module The module.
   * @param name The name.
   */
  constructor(module: string, name: string) {
    this.module = module;
    this.name = name;
  }

  /**
   * `module.name`.
   *
   * @returns The dotted name.
   */
  toString(): string {
    return `${this.module}.${this.name}`;
  }
}

/**
 * A numpy dtype object held as a value (`np.dtype('f4')` stored as an
 * element of an object array).
 *
 * @example
 * ```ts
 * import { parseDescr, PyDType } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * assert.equal(new PyDType(parseDescr("<f4")).dtype.itemsize, 4);
 * ```
 */
export class PyDType {
  /** The dtype. */
  readonly dtype: DType;
  /**
   * Wraps a dtype.
   *
   * @param dtype The dtype.
   */
  constructor(dtype: DType) {
    this.dtype = dtype;
  }
}
