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
 * | `numpy.dtype` held as a value | {@linkcode PyDType} |
 * | `datetime.date` / `datetime.datetime` | {@linkcode PyDate} / {@linkcode PyDateTime} |
 * | `datetime.timedelta` / `datetime.timezone` | {@linkcode PyTimedelta} / {@linkcode PyTimezone} |
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

function pad(n: number, w: number): string {
  return String(n).padStart(w, "0");
}

/**
 * A Python `datetime.timedelta`, normalized as Python keeps it: `days`
 * (any sign), `0 <= seconds < 86400`, `0 <= microseconds < 10^6`.
 *
 * @example
 * ```ts
 * import { PyTimedelta } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * assert.equal(String(new PyTimedelta(-1, 5, 7)), "P-1DT5.000007S");
 * ```
 */
export class PyTimedelta {
  /** Days. */
  readonly days: number;
  /** Seconds, 0 to 86399. */
  readonly seconds: number;
  /** Microseconds, 0 to 999999. */
  readonly microseconds: number;
  /**
   * Makes a timedelta from its normalized parts.
   *
   * @param days Days.
   * @param seconds Seconds, 0 to 86399.
   * @param microseconds Microseconds, 0 to 999999.
   */
  constructor(days: number, seconds: number, microseconds: number) {
    this.days = days;
    this.seconds = seconds;
    this.microseconds = microseconds;
  }

  /**
   * An ISO 8601 duration of the normalized parts, `P<days>DT<seconds>[.ffffff]S`.
   *
   * @returns The text.
   */
  toString(): string {
    const us = this.microseconds ? `.${pad(this.microseconds, 6)}` : "";
    return `P${this.days}DT${this.seconds}${us}S`;
  }
}

/**
 * A Python `datetime.timezone`: a fixed offset from UTC, and its name if it has one.
 *
 * @example
 * ```ts
 * import { PyTimedelta, PyTimezone } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * assert.equal(String(new PyTimezone(new PyTimedelta(0, 3600, 0))), "+01:00");
 * ```
 */
export class PyTimezone {
  /** The offset from UTC. */
  readonly offset: PyTimedelta;
  /** The name, when one was given. */
  readonly name: string | undefined;
  /**
   * Makes a timezone.
   *
   * @param offset The offset from UTC (strictly within a day).
   * @param name The name, if any.
   */
  constructor(offset: PyTimedelta, name?: string) {
    this.offset = offset;
    this.name = name;
  }

  /**
   * The offset as Python's `isoformat` writes it: `+HH:MM[:SS[.ffffff]]`.
   *
   * @returns The text.
   */
  toString(): string {
    let total = (this.offset.days * 86400 + this.offset.seconds) * 1e6 + this.offset.microseconds;
    const sign = total < 0 ? "-" : "+";
    total = Math.abs(total);
    const us = total % 1e6;
    const s = Math.floor(total / 1e6);
    let out = `${sign}${pad(Math.floor(s / 3600), 2)}:${pad(Math.floor(s / 60) % 60, 2)}`;
    if (s % 60 || us) out += `:${pad(s % 60, 2)}`;
    if (us) out += `.${pad(us, 6)}`;
    return out;
  }
}

/**
 * A Python `datetime.date`.
 *
 * @example
 * ```ts
 * import { PyDate } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * assert.equal(String(new PyDate(2020, 1, 2)), "2020-01-02");
 * ```
 */
export class PyDate {
  /** The year, 1 to 9999. */
  readonly year: number;
  /** The month, 1 to 12. */
  readonly month: number;
  /** The day of the month. */
  readonly day: number;
  /**
   * Makes a date.
   *
   * @param year The year.
   * @param month The month.
   * @param day The day.
   */
  constructor(year: number, month: number, day: number) {
    this.year = year;
    this.month = month;
    this.day = day;
  }

  /**
   * Python's `isoformat()`: `YYYY-MM-DD`.
   *
   * @returns The text.
   */
  toString(): string {
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }
}

/**
 * A Python `datetime.datetime`, naive or with a fixed-offset timezone.
 *
 * @example
 * ```ts
 * import { PyDateTime } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * assert.equal(String(new PyDateTime(2020, 1, 2, 3, 4, 5, 6)), "2020-01-02T03:04:05.000006");
 * ```
 */
export class PyDateTime extends PyDate {
  /** The hour. */
  readonly hour: number;
  /** The minute. */
  readonly minute: number;
  /** The second. */
  readonly second: number;
  /** The microsecond. */
  readonly microsecond: number;
  /** The timezone, or null for a naive datetime. */
  readonly tzinfo: PyTimezone | null;
  /** Python's `fold` (0 or 1). */
  readonly fold: number;
  /**
   * Makes a datetime.
   *
   * @param year The year.
   * @param month The month.
   * @param day The day.
   * @param hour The hour.
   * @param minute The minute.
   * @param second The second.
   * @param microsecond The microsecond.
   * @param tzinfo The timezone, or null.
   * @param fold Python's fold.
   */
  constructor(
    year: number,
    month: number,
    day: number,
    hour = 0,
    minute = 0,
    second = 0,
    microsecond = 0,
    tzinfo: PyTimezone | null = null,
    fold = 0,
  ) {
    super(year, month, day);
    this.hour = hour;
    this.minute = minute;
    this.second = second;
    this.microsecond = microsecond;
    this.tzinfo = tzinfo;
    this.fold = fold;
  }

  /**
   * Python's `isoformat()`: `YYYY-MM-DDTHH:MM:SS[.ffffff][+HH:MM]`.
   *
   * @returns The text.
   */
  override toString(): string {
    const us = this.microsecond ? `.${pad(this.microsecond, 6)}` : "";
    return `${super.toString()}T${pad(this.hour, 2)}:${pad(this.minute, 2)}:${
      pad(this.second, 2)
    }${us}${this.tzinfo ? String(this.tzinfo) : ""}`;
  }
}
