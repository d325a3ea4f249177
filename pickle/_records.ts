// Copyright 2026 the npy authors. MIT license.
// The records of a structured array with object fields, as numpy pickles
// them: each record is a tuple of its fields' Python values (what
// `arr[i].item()` gives: ints, floats, bools, complex, bytes, str, objects).

import { NpyError } from "../codec/errors.ts";
import type { DType, StructDType } from "../codec/types.ts";
import { PyComplex, PyTuple } from "./values.ts";

function refuse(message: string): never {
  throw new NpyError("PICKLE_UNSUPPORTED", message);
}

/** Whether numpy turns this field into a plain Python value in a pickled record. */
function plainField(dt: DType): boolean {
  switch (dt.kind) {
    case "O":
    case "b":
    case "i":
    case "u":
    case "U":
    case "S":
      return true;
    case "f":
      return dt.itemsize <= 8;
    case "c":
      return dt.itemsize <= 16;
    default:
      return false;
  }
}

/**
 * The records as tuples, in storage order.
 *
 * @param dtype A structured dtype holding an object field.
 * @param data Its columns (field name to values).
 * @param count How many records.
 */
export function objectRecords(dtype: StructDType, data: unknown, count: number): PyTuple[] {
  for (const f of dtype.fields) {
    if (!plainField(f.dtype)) {
      refuse(
        `field '${f.name}' of kind ${f.dtype.kind}: structured arrays with object fields are written only with object, bool, int, float, complex, S and U fields`,
      );
    }
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new NpyError(
      "INVALID_ARRAY",
      "data: a structured dtype needs an object of field columns",
    );
  }
  const cols = data as Record<string, ArrayLike<unknown>>;
  const getters = dtype.fields.map((f) => {
    if (!Object.hasOwn(cols, f.name)) {
      throw new NpyError("INVALID_ARRAY", `data: missing field '${f.name}'`);
    }
    const col = cols[f.name];
    const per = f.dtype.kind === "c" ? 2 : 1;
    if (col?.length !== count * per) {
      throw new NpyError(
        "INVALID_ARRAY",
        `data.${f.name}: needs ${count * per} values, found ${col?.length}`,
      );
    }
    switch (f.dtype.kind) {
      case "i":
      case "u":
        return (i: number) => BigInt(col[i] as number | bigint);
      case "b":
        return (i: number) => Boolean(col[i]);
      case "c":
        return (i: number) => new PyComplex(col[2 * i] as number, col[2 * i + 1] as number);
      case "S":
        return (i: number) => Uint8Array.from(col[i] as string, (c) => c.charCodeAt(0));
      default:
        return (i: number) => col[i];
    }
  });
  const out: PyTuple[] = [];
  for (let i = 0; i < count; i++) out.push(new PyTuple(getters.map((g) => g(i))));
  return out;
}
