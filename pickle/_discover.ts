// Copyright 2026 the npy authors. MIT license.
// The shape that `np.array(nested, dtype=object)` gives nested JS lists, by
// numpy's discovery rules (numpy/_core/src/multiarray/array_coercion.c:
// update_shape, handle_scalar, PyArray_DiscoverDTypeAndShape_Recursive):
// lists and tuples are sequences, arrays and bytearrays array-likes of their
// own shape, everything else a scalar; a sequence whose length or depth
// disagrees with what came before ("ragged") cuts the shape there, and with
// dtype=object that is not an error.

import { NpyError } from "../codec/errors.ts";
import { isNpyArrayValue } from "./_npyarray.ts";
import { PyByteArray, PyTuple } from "./values.ts";

function isSequence(v: unknown): v is readonly unknown[] | PyTuple {
  return Array.isArray(v) || v instanceof PyTuple;
}

function items(v: readonly unknown[] | PyTuple): readonly unknown[] {
  return v instanceof PyTuple ? v.items : v;
}

function arrayLikeShape(v: unknown): readonly number[] | undefined {
  if (v instanceof PyByteArray) return [v.length];
  if (isNpyArrayValue(v)) return v.shape;
  return undefined;
}

/**
 * The shape and C-order elements of `np.array(nested, dtype=object)`.
 *
 * @param input The nested lists.
 * @param maxDims numpy's NPY_MAXDIMS (64 in numpy 2, 32 in numpy 1).
 */
export function discoverObjectArray(
  input: readonly unknown[],
  maxDims: number,
): { shape: number[]; data: unknown[] } {
  let max = maxDims;
  const out: number[] = new Array(maxDims).fill(0);
  let reached = false;

  const update = (curr: number, newShape: readonly number[], sequence: boolean): boolean => {
    let ok = true;
    let n = newShape.length;
    const wasReached = reached;
    if (curr + n > max) {
      ok = false;
      n = max - curr;
    } else if (!sequence && max !== curr + n) {
      max = curr + n;
      if (wasReached) ok = false;
    }
    for (let i = 0; i < n; i++) {
      if (!wasReached) out[curr + i] = newShape[i];
      else if (newShape[i] !== out[curr + i]) {
        ok = false;
        if (!sequence) max -= n - i;
        else max = curr;
        break;
      }
    }
    if (!sequence) reached = true;
    return ok;
  };

  // Iterative depth-first walk (no recursion on user nesting).
  const stack: [unknown, number][] = [[input, 0]];
  while (stack.length > 0) {
    const [obj, curr] = stack.pop()!;
    const arrShape = arrayLikeShape(obj);
    if (arrShape !== undefined) {
      update(curr, arrShape, false);
      continue;
    }
    if (!isSequence(obj) || curr === max) {
      update(curr, [], false);
      continue;
    }
    const list = items(obj);
    if (!update(curr, [list.length], true)) continue;
    if (list.length === 0) {
      reached = true;
      max = curr + 1;
      continue;
    }
    for (let i = list.length - 1; i >= 0; i--) stack.push([list[i], curr + 1]);
  }

  const shape = out.slice(0, max);
  const data: unknown[] = [];
  const walk: [unknown, number][] = [[input, 0]];
  while (walk.length > 0) {
    const [obj, depth] = walk.pop()!;
    if (depth === max) {
      data.push(obj);
      continue;
    }
    if (arrayLikeShape(obj) !== undefined) {
      throw new NpyError(
        "PICKLE_UNSUPPORTED",
        `np.array(..., dtype=object) would unpack the ${
          obj instanceof PyByteArray ? "bytearray" : "array"
        } at depth ${depth} into its elements (shape [${shape.join(", ")}]); ` +
          "give an explicit { dtype: '|O', shape, data } input to keep it as one element",
      );
    }
    const list = items(obj as readonly unknown[] | PyTuple);
    for (let i = list.length - 1; i >= 0; i--) walk.push([list[i], depth + 1]);
  }
  return { shape, data };
}
