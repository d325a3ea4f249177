// Copyright 2026 the npy authors. MIT license.

// The checked layout of a row stream, shared by the encoder stream and the
// file writer.

import { type DescrJson, formatDescr, parseDescr } from "./descr.ts";
import { type ArrayInput, encodeParts } from "./encode.ts";
import { NpyError } from "./errors.ts";
import type { RowBlock, StreamLayout } from "./stream.ts";
import type { DType, NpyArray } from "./types.ts";

/** A checked layout. */
export class Layout {
  readonly dtype: DType;
  readonly descr: string;
  readonly shape: number[];
  readonly fortranOrder: boolean;
  readonly axis: number;
  /** Elements per row. */
  readonly rowElements: number;
  readonly rowBytes: number;

  constructor(l: StreamLayout, what: string) {
    this.dtype = typeof l.dtype === "object" && l.dtype !== null && !Array.isArray(l.dtype)
      ? l.dtype as DType
      : parseDescr(l.dtype as DescrJson);
    if (this.dtype.kind === "subarray") {
      throw new NpyError(
        "INVALID_ARRAY",
        "a subarray dtype cannot be the dtype of an array: add its shape to the array's shape",
      );
    }
    this.descr = formatDescr(this.dtype);
    this.shape = [...l.shape];
    for (const d of this.shape) {
      if (!Number.isSafeInteger(d) || d < 0) {
        throw new NpyError(
          "INVALID_ARRAY",
          `shape must hold non-negative integers, found [${this.shape.join(", ")}]`,
        );
      }
    }
    this.fortranOrder = l.fortranOrder ?? false;
    if (this.shape.length === 0) {
      throw new NpyError("INVALID_ARRAY", `${what} needs an array of at least one dimension`);
    }
    this.axis = this.fortranOrder ? this.shape.length - 1 : 0;
    let n = 1;
    for (let i = 0; i < this.shape.length; i++) if (i !== this.axis) n *= this.shape[i];
    this.rowElements = n;
    this.rowBytes = n * this.dtype.itemsize;
  }

  shapeWith(rows: number): number[] {
    const s = [...this.shape];
    s[this.axis] = rows;
    return s;
  }

  /** The file bytes of a block, and how many rows it holds. */
  encodeBlock(block: RowBlock, rows?: number): { bytes: Uint8Array; rows: number } {
    if (isArray(block)) {
      if (formatDescr(block.dtype) !== this.descr) {
        throw new NpyError(
          "INVALID_ARRAY",
          `the block's dtype ${formatDescr(block.dtype)} is not the stream's ${this.descr}`,
        );
      }
      const s = block.shape;
      const ok = s.length === this.shape.length &&
        s.every((d, i) => i === this.axis || d === this.shape[i]) &&
        (block.fortranOrder === this.fortranOrder || this.rowElements <= 1);
      if (!ok) {
        throw new NpyError(
          "INVALID_ARRAY",
          `a block of shape [${s.join(", ")}]${
            block.fortranOrder ? " (Fortran order)" : ""
          } does not fit rows of [${this.shape.join(", ")}]${
            this.fortranOrder ? " (Fortran order)" : ""
          }`,
        );
      }
      rows = s[this.axis];
      const input: ArrayInput = {
        dtype: this.dtype,
        shape: [rows * this.rowElements],
        data: block.data,
      };
      if (block.bytes) input.bytes = block.bytes;
      return { bytes: encodeParts(input).data, rows };
    }
    rows ??= this.rowsOf(block);
    if (!Number.isSafeInteger(rows) || rows < 0) {
      throw new NpyError("INVALID_ARRAY", `rows must be a non-negative integer, got ${rows}`);
    }
    const data = encodeParts({
      dtype: this.dtype,
      shape: [rows * this.rowElements],
      data: block as ArrayInput["data"],
    }).data;
    return { bytes: data, rows };
  }

  /** Rows in a block of bare values. */
  rowsOf(block: RowBlock): number {
    let dt: DType = this.dtype;
    let data: unknown = block;
    // A structured block: count the values of its first field.
    while (dt.kind === "struct") {
      const f = dt.fields[0];
      if (f === undefined || typeof data !== "object" || data === null) break;
      data = (data as Record<string, unknown>)[f.name];
      dt = f.dtype;
    }
    let per = 1;
    while (dt.kind === "subarray") {
      per *= dt.shape.reduce((a, b) => a * b, 1);
      dt = dt.base;
    }
    if (dt.kind !== "struct") {
      if (dt.kind === "c" && dt.itemsize <= 16) per *= 2;
      else if (dt.kind === "V" || (dt.kind === "f" && dt.itemsize > 8) || dt.kind === "c") {
        per *= dt.itemsize;
      }
    }
    const len = (data as { length?: unknown })?.length;
    const perRow = per * this.rowElements;
    if (typeof len !== "number" || perRow === 0 || len % perRow !== 0) {
      throw new NpyError(
        "INVALID_ARRAY",
        `cannot tell how many rows the block holds: give them as the second argument`,
      );
    }
    return len / perRow;
  }
}

export function isArray(b: RowBlock): b is NpyArray {
  return typeof b === "object" && b !== null && !Array.isArray(b) && !ArrayBuffer.isView(b) &&
    "dtype" in b && "shape" in b && "data" in b;
}
