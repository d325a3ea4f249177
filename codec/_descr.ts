// Copyright 2026 the npy authors. MIT license.
// numpy's descr_to_dtype and dtype.descr over parsed Python literals.

import { NpyError } from "./errors.ts";
import { pyRepr, type PyValue } from "./_literal.ts";
import { parseTypeString, subarrayOf, withCount, withNone } from "./_type_string.ts";
import type { DType, ScalarDType, StructField } from "./types.ts";

function invalid(descr: PyValue, why?: string): never {
  let text: string;
  try {
    text = pyRepr(descr);
  } catch {
    text = `<${descr.t}>`;
  }
  throw new NpyError(
    "INVALID_DESCR",
    `descr is not a valid dtype descriptor: ${text}${why ? ` (${why})` : ""}`,
  );
}

// The literal parser allows 200 nested brackets; parseDescr() input is bounded here.
const MAX_DESCR_DEPTH = 256;

/** numpy's `descr_to_dtype` over a parsed header literal. */
export function descrToDType(descr: PyValue, depth: number): DType {
  if (depth > MAX_DESCR_DEPTH) invalid(descr, "nested too deeply");
  if (descr.t === "str") {
    const dt = parseTypeString(descr.v);
    if (dt === undefined) invalid(descr, `data type '${descr.v}' not understood`);
    return dt;
  }
  if (descr.t === "tuple") {
    if (descr.items.length < 2) invalid(descr);
    const base = descrToDType(descr.items[0], depth + 1);
    return makeSubarray(base, descr.items[1], descr);
  }
  // numpy iterates over whatever else it is given as a list of fields.
  let items: PyValue[];
  if (descr.t === "list") items = descr.items;
  else if (descr.t === "dict") items = descr.entries.map(([k]) => k);
  else if (
    (descr.t === "bytes" && descr.v.length === 0) || (descr.t === "set" && descr.items.length === 0)
  ) {
    items = [];
  } else invalid(descr);
  const fields: StructField[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const field of items) {
    if ((field.t !== "tuple" && field.t !== "list") || field.items.length < 2) {
      invalid(descr, "each field must be (name, descr) or (name, descr, shape)");
    }
    if (field.items.length > 3) invalid(descr, "a field has more than 3 items");
    const [nameV, fdescr, shapeV] = field.items;
    let dt = descrToDType(fdescr, depth + 1);
    if (shapeV !== undefined) dt = makeSubarray(dt, shapeV, descr);
    const isPad = nameV.t === "str" && nameV.v === "" &&
      (dt.kind === "subarray" || (dt.kind === "V"));
    if (!isPad) {
      let name: string;
      let title: string | undefined;
      if (nameV.t === "str") {
        name = nameV.v;
      } else if (nameV.t === "tuple" && nameV.items.length === 2) {
        const [t, n] = nameV.items;
        if (n.t !== "str") invalid(descr, "field names must be strings");
        name = n.v;
        if (t.t === "str") title = t.v;
        else if (t.t !== "none") invalid(descr, "field titles must be strings");
      } else {
        invalid(descr, "field names must be strings");
      }
      if (seen.has(name)) invalid(descr, "name already used as a name or title");
      seen.add(name);
      if (title !== undefined) {
        if (seen.has(title)) invalid(descr, "title already used as a name or title");
        seen.add(title);
      }
      fields.push(
        title === undefined ? { name, offset, dtype: dt } : {
          name,
          title,
          offset,
          dtype: dt,
        },
      );
    }
    offset += dt.itemsize;
    if (offset > Number.MAX_SAFE_INTEGER) invalid(descr, "itemsize too large");
  }
  return { kind: "struct", fields, itemsize: offset };
}

function makeSubarray(base: DType, shapeV: PyValue, descr: PyValue): DType {
  let dims: number[];
  const dim = (x: PyValue): number => {
    if (x.t !== "int") invalid(descr, "subarray shape must be ints");
    if (x.v < 0n || x.v > 0x7fffffffn) invalid(descr, "invalid shape in fixed-type tuple");
    return Number(x.v);
  };
  if (shapeV.t === "int") {
    const out = withCount(base, dim(shapeV));
    if (out === undefined) invalid(descr, "invalid shape or itemsize in fixed-type tuple");
    return out;
  } else if (shapeV.t === "tuple" || shapeV.t === "list") dims = shapeV.items.map(dim);
  else if (shapeV.t === "none") {
    const out = withNone(base);
    if (out === undefined) invalid(descr, "mismatch in size of old and new data-descriptor");
    return out;
  } else invalid(descr, "subarray shape must be an int or a tuple of ints");
  const out = subarrayOf(base, dims);
  if (out === undefined) invalid(descr, "invalid shape or itemsize in fixed-type tuple");
  return out;
}

/** numpy's `dtype.descr` as a Python value. */
export function descrValue(dtype: DType): PyValue {
  if (dtype.kind === "subarray") {
    return {
      t: "tuple",
      items: [descrValue(dtype.base), shapeValue(dtype.shape)],
    };
  }
  if (dtype.kind !== "struct") return { t: "str", v: typeStrOf(dtype) };
  const items: PyValue[] = [];
  let offset = 0;
  for (const f of dtype.fields) {
    if (f.offset > offset) {
      items.push(pad(f.offset - offset));
      offset = f.offset;
    } else if (f.offset < offset) {
      throw new NpyError(
        "INVALID_ARRAY",
        `dtype.descr is not defined for types with overlapping or out-of-order fields (field '${f.name}' at offset ${f.offset}, expected at least ${offset})`,
      );
    }
    const name: PyValue = f.title === undefined
      ? { t: "str", v: f.name }
      : { t: "tuple", items: [{ t: "str", v: f.title }, { t: "str", v: f.name }] };
    if (f.dtype.kind === "subarray") {
      items.push({
        t: "tuple",
        items: [name, descrValue(f.dtype.base), shapeValue(f.dtype.shape)],
      });
    } else {
      items.push({ t: "tuple", items: [name, descrValue(f.dtype)] });
    }
    offset += f.dtype.itemsize;
  }
  if (dtype.itemsize > offset) items.push(pad(dtype.itemsize - offset));
  else if (dtype.itemsize < offset) {
    throw new NpyError(
      "INVALID_ARRAY",
      `struct itemsize ${dtype.itemsize} is smaller than its fields need (${offset})`,
    );
  }
  return { t: "list", items };
}

function pad(n: number): PyValue {
  return { t: "tuple", items: [{ t: "str", v: "" }, { t: "str", v: `|V${n}` }] };
}

function shapeValue(shape: readonly number[]): PyValue {
  return { t: "tuple", items: shape.map((d) => ({ t: "int", v: BigInt(d) })) };
}

/** numpy's `dtype.str` of a scalar dtype. */
export function typeStrOf(dtype: ScalarDType): string {
  if (dtype.kind === "O") return "|O";
  const size = dtype.kind === "U" ? dtype.itemsize / 4 : dtype.itemsize;
  let s = `${dtype.byteOrder}${dtype.kind}${size}`;
  if ((dtype.kind === "M" || dtype.kind === "m") && dtype.unit !== "generic") {
    const mult = dtype.multiple ?? 1;
    s += `[${mult === 1 ? "" : mult}${dtype.unit}]`;
  }
  return s;
}

/** Whether a dtype holds Python objects anywhere. */
export function hasObject(dtype: DType): boolean {
  switch (dtype.kind) {
    case "O":
      return true;
    case "struct":
      return dtype.fields.some((f) => hasObject(f.dtype));
    case "subarray":
      return hasObject(dtype.base);
    default:
      return false;
  }
}
