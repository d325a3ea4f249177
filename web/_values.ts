// Copyright 2026 the npy authors. MIT license.
// The values as text: numpy's print(), by the same formatter as `npy show`.

import type { NpyArray } from "../mod.ts";
import { formatArray, printedIndices } from "../cli/print.ts";

export { printedIndices };

/**
 * An array's values as numpy's `print()` writes them. With `fullShape`,
 * `array` holds only the elements {@linkcode printedIndices} selects for
 * that shape (C order), and the text is numpy's summary of the whole array.
 */
export function formatValues(array: NpyArray, fullShape?: readonly number[]): string {
  return formatArray(array, fullShape ? { fullShape } : {});
}

/**
 * The one element of a 1-element array as numpy prints it as a scalar
 * (`print(a[0])`): the array's text without its brackets.
 */
export function formatElement(array: NpyArray): string {
  return formatArray(array).slice(1, -1).trim();
}
