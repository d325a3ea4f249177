// Copyright 2026 the npy authors. MIT license.
// numpy's names for dtypes as an array's repr shows them
// (`numpy/_core/_dtype.py`: __str__, _construction_repr, dtype.name) and
// arrayprint's dtype_short_repr / dtype_is_implied. Web APIs only.

import { reprStr } from "../codec/_literal.ts";
import type { DType, ScalarDType, StructDType } from "../codec/types.ts";

const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function isNative(dt: ScalarDType): boolean {
  return dt.byteOrder === "|" || (dt.byteOrder === "<") === LE;
}

function order(dt: ScalarDType): string {
  return dt.byteOrder === "|" ? "" : dt.byteOrder;
}

function meta(dt: ScalarDType): string {
  const unit = dt.unit ?? "generic";
  if (unit === "generic") return "";
  return (dt.multiple ?? 1) === 1 ? `[${unit}]` : `[${dt.multiple}${unit}]`;
}

/** numpy's `dtype.str` of a scalar dtype: `<f8`, `|S2`, `>M8[D]`. */
function typeStr(dt: ScalarDType): string {
  const n = dt.kind === "U" ? dt.itemsize / 4 : dt.itemsize;
  const bo = dt.byteOrder;
  if (dt.kind === "M" || dt.kind === "m") return `${bo}${dt.kind}8${meta(dt)}`;
  return `${bo}${dt.kind}${n}`;
}

const KIND_NAMES: Record<string, string> = {
  b: "bool",
  i: "int",
  u: "uint",
  f: "float",
  c: "complex",
  M: "datetime",
  m: "timedelta",
  O: "object",
};

/** numpy's `dtype.name`: `float64`, `datetime64[D]`, `bool`. */
export function dtypeName(dt: ScalarDType): string {
  if (dt.kind === "b") return "bool";
  if (dt.kind === "O") return "object";
  if (dt.kind === "M" || dt.kind === "m") return `${KIND_NAMES[dt.kind]}64${meta(dt)}`;
  if (dt.kind === "S") return dt.itemsize === 0 ? "bytes" : `bytes${dt.itemsize * 8}`;
  if (dt.kind === "U") return dt.itemsize === 0 ? "str" : `str${dt.itemsize * 8}`;
  if (dt.kind === "V") return dt.itemsize === 0 ? "void" : `void${dt.itemsize * 8}`;
  return `${KIND_NAMES[dt.kind]}${dt.itemsize * 8}`;
}

function shapeRepr(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/** numpy's `_construction_repr(dtype, short=True)` for a field or subarray base. */
function constructionShort(dt: DType): string {
  if (dt.kind === "struct") return structStr(dt);
  if (dt.kind === "subarray") return `(${constructionShort(dt.base)}, ${shapeRepr(dt.shape)})`;
  switch (dt.kind) {
    case "b":
      return "'?'";
    case "O":
      return "'O'";
    case "S":
      return dt.itemsize === 0 ? "'S'" : `'S${dt.itemsize}'`;
    case "U":
      return dt.itemsize === 0 ? `'${order(dt)}U'` : `'${order(dt)}U${dt.itemsize / 4}'`;
    case "V":
      return dt.itemsize === 0 ? "'V'" : `'V${dt.itemsize}'`;
    case "M":
    case "m":
      return `'${order(dt)}${dt.kind}8${meta(dt)}'`;
    default:
      return `'${order(dt)}${dt.kind}${dt.itemsize}'`;
  }
}

function isPacked(dt: StructDType): boolean {
  let offset = 0;
  for (const f of dt.fields) {
    if (f.offset !== offset) return false;
    offset += f.dtype.itemsize;
  }
  return offset === dt.itemsize;
}

/** numpy's `str()` of a structured dtype: the list form, or the dict form when there are gaps. */
function structStr(dt: StructDType): string {
  if (isPacked(dt)) {
    const items = dt.fields.map((f) => {
      const name = f.title !== undefined
        ? `(${reprStr(f.title)}, ${reprStr(f.name)})`
        : reprStr(f.name);
      const fmt = f.dtype.kind === "subarray"
        ? `${constructionShort(f.dtype.base)}, ${shapeRepr(f.dtype.shape)}`
        : constructionShort(f.dtype);
      return `(${name}, ${fmt})`;
    });
    return `[${items.join(", ")}]`;
  }
  const names = dt.fields.map((f) => reprStr(f.name)).join(", ");
  const formats = dt.fields.map((f) => constructionShort(f.dtype)).join(", ");
  const offsets = dt.fields.map((f) => String(f.offset)).join(", ");
  let out = `{'names': [${names}], 'formats': [${formats}], 'offsets': [${offsets}]`;
  if (dt.fields.some((f) => f.title !== undefined)) {
    const titles = dt.fields.map((f) => f.title === undefined ? "None" : reprStr(f.title));
    out += `, 'titles': [${titles.join(", ")}]`;
  }
  return `${out}, 'itemsize': ${dt.itemsize}}`;
}

/** arrayprint's `dtype_is_implied`: the repr needs no `dtype=`. */
export function dtypeIsImplied(dt: DType): boolean {
  if (dt.kind === "struct" || dt.kind === "subarray" || !isNative(dt)) return false;
  return dt.kind === "b" || (dt.kind === "i" && dt.itemsize === 8) ||
    (dt.kind === "f" && dt.itemsize === 8) || (dt.kind === "c" && dt.itemsize === 16);
}

/** arrayprint's `dtype_short_repr`: what follows `dtype=` in an array's repr. */
export function dtypeShortRepr(dt: DType): string {
  if (dt.kind === "struct") return structStr(dt);
  if (dt.kind === "subarray") return `(${constructionShort(dt.base)}, ${shapeRepr(dt.shape)})`;
  if (dt.kind === "S" || dt.kind === "U" || dt.kind === "V" || !isNative(dt)) {
    return `'${typeStr(dt)}'`;
  }
  const name = dtypeName(dt);
  return /^[A-Za-z][A-Za-z0-9]*$/.test(name) ? name : `'${name}'`;
}

/** A shape as Python writes a tuple: `()`, `(3,)`, `(2, 3)`. */
export { shapeRepr };
