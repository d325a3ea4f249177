// Copyright 2026 the npy authors. MIT license.
// numpy's pickle protocol for arrays, dtypes and scalars, rebuilt from data:
// `_reconstruct` + `ndarray.__setstate__` (methods.c `array_setstate`),
// `dtype(...)` + `dtype.__setstate__` (descriptor.c `arraydescr_setstate`)
// and `multiarray.scalar`. Nested arrays are built from their raw bytes by
// the layout layer; nothing here calls decode().

import { UNITS as DATETIME_UNITS } from "../codec/_type_string.ts";
import { FRESH_DTYPES } from "./_fresh_dtypes.ts";
import type { NpyErrorCode } from "../codec/errors.ts";
import { LITTLE_ENDIAN, readColumn, setOwn, writeColumn } from "../codec/_layout.ts";
import { parseTypeString } from "../codec/_type_string.ts";
import { hasObject } from "../codec/_descr.ts";
import type {
  DatetimeUnit,
  DType,
  NpyArray,
  ScalarDType,
  StructData,
  StructField,
} from "../codec/types.ts";
import { NpyScalar, PyComplex, PyDType, PyTuple } from "./values.ts";

/** What a handler may need from the interpreter. */
export interface Ctx {
  /** Throws an NpyError at the current opcode. */
  fail(code: NpyErrorCode, message: string): never;
  /** Most elements a zero-size dtype may make the reader allocate. */
  maxElements: number;
  /** The pickle's length: `_reconstruct` allocates no more bytes than this. */
  inputBytes: number;
}

const NATIVE = LITTLE_ENDIAN ? "<" : ">";
const MAX_DIMS = 64;
const NPY_LIST_PICKLE = 2;

/** dtypes under construction: their state's flags. */
const dtypeFlags = new WeakMap<PyDType, number>();
/** Arrays made by `_reconstruct`: BUILD may fill them. */
const pending = new WeakSet<NpyArray>();

/** Python's type name of a JS value, for messages. */
export function pyType(x: unknown): string {
  if (x === null) return "NoneType";
  if (typeof x === "boolean") return "bool";
  if (typeof x === "bigint") return "int";
  if (typeof x === "number") return "float";
  if (typeof x === "string") return "str";
  if (x instanceof PyTuple) return "tuple";
  if (Array.isArray(x)) return "list";
  if (x instanceof Map) return "dict";
  if (x instanceof Set) return "set";
  if (x instanceof Uint8Array) return "bytes";
  if (x instanceof PyDType) return "numpy.dtype";
  if (x instanceof NpyScalar) return "numpy scalar";
  if (typeof x === "object" && x !== null && "dtype" in x && "shape" in x) return "numpy.ndarray";
  return typeof x === "object" && x !== null ? x.constructor.name : typeof x;
}

function int(ctx: Ctx, x: unknown, what: string): number {
  if (typeof x === "boolean") return x ? 1 : 0;
  if (typeof x !== "bigint") {
    ctx.fail("PICKLE_INVALID", `${what}: an integer is required, found ${pyType(x)}`);
  }
  if (x > BigInt(Number.MAX_SAFE_INTEGER) || x < -BigInt(Number.MAX_SAFE_INTEGER)) {
    ctx.fail("PICKLE_INVALID", `${what}: ${x} is out of range`);
  }
  return Number(x);
}

function text(x: unknown): string | undefined {
  if (typeof x === "string") return x;
  if (x instanceof Uint8Array) {
    let s = "";
    for (const c of x) s += String.fromCharCode(c);
    return s;
  }
  return undefined;
}

/** `_reconstruct(ndarray, shape, typecode)`: an empty int8 array that BUILD fills. */
export function reconstruct(ctx: Ctx, args: readonly unknown[]): NpyArray {
  if (args.length !== 3) {
    ctx.fail("PICKLE_INVALID", `_reconstruct() takes 3 arguments, found ${args.length}`);
  }
  const [cls, shape, code] = args;
  if (String(cls) !== "numpy.ndarray") {
    ctx.fail(
      "PICKLE_UNSAFE_GLOBAL",
      `_reconstruct() of ${cls === null || typeof cls !== "object" ? pyType(cls) : String(cls)}: ` +
        "only numpy.ndarray is allowed",
    );
  }
  if (!(shape instanceof PyTuple)) {
    ctx.fail("PICKLE_INVALID", "_reconstruct() shape must be a tuple");
  }
  const dims = shapeOf(ctx, shape);
  const t = text(code);
  if (t !== "b") {
    ctx.fail("PICKLE_INVALID", `_reconstruct() typecode must be 'b', found ${pyType(code)}`);
  }
  const count = dims.reduce((a, b) => a * b, 1);
  if (count > Math.min(ctx.maxElements, ctx.inputBytes)) {
    ctx.fail(
      "PICKLE_LIMIT",
      `_reconstruct() of ${count} bytes: more than the pickle's ${ctx.inputBytes} bytes ` +
        "(numpy writes shape (0,))",
    );
  }
  const a: NpyArray = {
    dtype: { kind: "i", byteOrder: "|", itemsize: 1 },
    shape: dims,
    fortranOrder: false,
    data: new Int8Array(count),
  };
  pending.add(a);
  return a;
}

/** Whether BUILD may set this object's state as an ndarray. */
export function isPendingArray(x: unknown): x is NpyArray {
  return typeof x === "object" && x !== null && pending.has(x as NpyArray);
}

function shapeOf(ctx: Ctx, shape: PyTuple): number[] {
  if (shape.items.length > MAX_DIMS) {
    ctx.fail("PICKLE_INVALID", `sequence too large; cannot be greater than ${MAX_DIMS}`);
  }
  let total = 1n;
  const dims = shape.items.map((d) => {
    if (typeof d !== "bigint" && typeof d !== "boolean") {
      ctx.fail("PICKLE_INVALID", `array shape must hold ints, found ${pyType(d)}`);
    }
    const v = typeof d === "boolean" ? (d ? 1n : 0n) : d;
    if (v < 0n) ctx.fail("PICKLE_INVALID", "impossible dimension while unpickling array");
    if (v > 0n) total *= v;
    if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
      ctx.fail("PICKLE_LIMIT", "array size overflows while unpickling array");
    }
    return Number(v);
  });
  return dims;
}

/** `numpy.dtype(obj, align, copy)`: a dtype that BUILD completes. */
export function makeDType(ctx: Ctx, args: readonly unknown[]): PyDType {
  if (args.length < 1 || args.length > 3) {
    ctx.fail("PICKLE_INVALID", `dtype() takes 1 to 3 arguments, found ${args.length}`);
  }
  const t = text(args[0]);
  if (t === undefined) {
    ctx.fail("PICKLE_UNSUPPORTED", `dtype() of a ${pyType(args[0])}: only type strings are read`);
  }
  for (const flag of args.slice(1)) {
    if (typeof flag !== "boolean" && typeof flag !== "bigint") {
      ctx.fail("PICKLE_INVALID", `dtype() flags must be bools, found ${pyType(flag)}`);
    }
  }
  let dt = /^[A-Za-z?]\d*$/.test(t) ? parseTypeString(t) : undefined;
  if (dt === undefined || dt.kind === "struct" || dt.kind === "subarray") {
    ctx.fail("PICKLE_INVALID", `data type ${JSON.stringify(t)} not understood`);
  }
  // Pyodide's 32-bit numpy writes 'O4'; objects are pointers of this build's size.
  if (dt.kind === "O") dt = { kind: "O", byteOrder: "|", itemsize: 8 };
  const box = new PyDType(dt);
  dtypeFlags.set(box, hasObject(dt) ? 63 : 0);
  return box;
}

function setDType(box: PyDType, dt: DType): void {
  (box as { dtype: DType }).dtype = dt;
}

const UNITS: ReadonlySet<string> = new Set([...DATETIME_UNITS, "generic"]);

/** `dtype.__setstate__(state)`: byte order, subarray, fields, size, flags and datetime metadata. */
export function buildDType(ctx: Ctx, box: PyDType, state: unknown): void {
  if (!(state instanceof PyTuple)) {
    ctx.fail("PICKLE_INVALID", `dtype state must be a tuple, found ${pyType(state)}`);
  }
  const s = state.items;
  let version: number, endianV: unknown, subarray: unknown, names: unknown, fields: unknown;
  let elsize: number, flags = 0, metadata: unknown = null;
  switch (s.length) {
    case 9:
    case 8:
    case 7:
      version = int(ctx, s[0], "dtype state version");
      [endianV, subarray, names, fields] = [s[1], s[2], s[3], s[4]];
      elsize = int(ctx, s[5], "dtype state elsize");
      int(ctx, s[6], "dtype state alignment");
      if (s.length >= 8) flags = int(ctx, s[7], "dtype state flags");
      if (s.length === 9) metadata = s[8];
      break;
    case 6:
      version = int(ctx, s[0], "dtype state version");
      [endianV, subarray, fields] = [s[1], s[2], s[3]];
      elsize = int(ctx, s[4], "dtype state elsize");
      int(ctx, s[5], "dtype state alignment");
      break;
    case 5:
      version = 0;
      [endianV, subarray, fields] = [s[0], s[1], s[2]];
      elsize = int(ctx, s[3], "dtype state elsize");
      int(ctx, s[4], "dtype state alignment");
      break;
    default:
      ctx.fail(
        "PICKLE_INVALID",
        "Invalid state while unpickling. Is the pickle corrupted or created with a newer NumPy version?",
      );
  }
  if (version < 0 || version > 4) {
    ctx.fail("PICKLE_INVALID", `can't handle version ${version} of numpy.dtype pickle`);
  }
  if (version <= 1 && fields !== null) {
    if (!(fields instanceof Map) || !fields.has(-1n)) {
      ctx.fail("PICKLE_INVALID", "dtype fields miss the names (key -1) of a version 0/1 pickle");
    }
    names = fields.get(-1n);
    fields = new Map([...fields].filter(([k]) => k !== -1n));
  } else if (s.length <= 6) {
    names = null;
  }
  const endian = text(endianV);
  if (endian === undefined) {
    ctx.fail("PICKLE_INVALID", "endian is not a string in Numpy dtype unpickling");
  }
  if (endian.length !== 1 || !"<>=|".includes(endian)) {
    ctx.fail("PICKLE_INVALID", "endian is not 1-char string in Numpy dtype unpickling");
  }
  if ((fields === null) !== (names === null)) {
    ctx.fail("PICKLE_INVALID", "inconsistent fields and names in Numpy dtype unpickling");
  }
  let dt = box.dtype;
  if (dt.kind === "struct" || dt.kind === "subarray") {
    ctx.fail("PICKLE_INVALID", "dtype state set twice");
  }
  const listPickle = version < 3 ? undefined : (flags & NPY_LIST_PICKLE) !== 0;
  if (subarray !== null) {
    if (
      !(subarray instanceof PyTuple) || subarray.items.length !== 2 ||
      !(subarray.items[0] instanceof PyDType)
    ) {
      ctx.fail("PICKLE_INVALID", "incorrect subarray in __setstate__");
    }
    const base = subarray.items[0].dtype;
    const shp = subarray.items[1];
    let dims: number[];
    if (typeof shp === "bigint") dims = [int(ctx, shp, "subarray shape")];
    else if (shp instanceof PyTuple) dims = shapeOf(ctx, shp);
    else ctx.fail("PICKLE_INVALID", "incorrect subarray shape in __setstate__");
    const n = dims.reduce((a, b) => a * b, 1);
    if (dt.kind !== "V" || base.itemsize * n !== elsize) {
      ctx.fail(
        "PICKLE_LAYOUT",
        `subarray of ${n} x ${base.itemsize} bytes does not fill a dtype of ${elsize} bytes`,
      );
    }
    dt = { kind: "subarray", base, shape: dims, itemsize: elsize };
  } else if (fields !== null) {
    if (!(names instanceof PyTuple)) {
      ctx.fail("PICKLE_INVALID", "non-tuple names in Numpy dtype unpickling");
    }
    if (!(fields instanceof Map)) {
      ctx.fail("PICKLE_INVALID", "non-dict fields in Numpy dtype unpickling");
    }
    if (dt.kind !== "V") ctx.fail("PICKLE_INVALID", `fields on a dtype of kind '${dt.kind}'`);
    dt = structOf(ctx, names, fields, elsize);
  } else if (dt.kind === "S" || dt.kind === "V" || dt.kind === "U") {
    if (elsize < 0 || (dt.kind === "U" && elsize % 4 !== 0)) {
      ctx.fail("PICKLE_LAYOUT", `a '${dt.kind}' dtype cannot have ${elsize} bytes`);
    }
    dt = { ...dt, itemsize: elsize };
  }
  if (dt.kind !== "struct" && dt.kind !== "subarray") {
    const order = dt.itemsize <= 1 && dt.kind !== "U" || "SVO".includes(dt.kind)
      ? "|"
      : endian === "=" || endian === "|"
      ? NATIVE
      : endian as "<" | ">";
    dt = { ...dt, byteOrder: order };
  }
  if (dt.kind === "M" || dt.kind === "m") dt = datetimeMeta(ctx, dt, metadata);
  const objects = hasObject(dt);
  if (listPickle !== undefined && listPickle !== objects) {
    ctx.fail(
      "PICKLE_INVALID",
      `dtype flags ${flags} ${listPickle ? "ask for" : "do not ask for"} a list pickle, ` +
        `but the dtype ${objects ? "holds" : "holds no"} objects`,
    );
  }
  setDType(box, dt);
  dtypeFlags.set(box, objects ? 63 : 0);
}

function datetimeMeta(ctx: Ctx, dt: ScalarDType, metadata: unknown): ScalarDType {
  if (!(metadata instanceof PyTuple) || metadata.items.length !== 2) {
    ctx.fail("PICKLE_INVALID", "Invalid datetime dtype (metadata, c_metadata)");
  }
  const t = metadata.items[1];
  if (!(t instanceof PyTuple) || t.items.length < 2 || t.items.length > 4) {
    ctx.fail("PICKLE_INVALID", "Require tuple for tuple to NumPy datetime metadata conversion");
  }
  const unit = text(t.items[0]);
  if (unit === undefined || !UNITS.has(unit)) {
    ctx.fail("PICKLE_INVALID", `Invalid datetime unit in metadata string ${JSON.stringify(unit)}`);
  }
  const multiple = int(ctx, t.items[1], "datetime multiple");
  if (t.items.length >= 3 && int(ctx, t.items[2], "datetime denominator") !== 1) {
    ctx.fail("PICKLE_UNSUPPORTED", "datetime metadata with a denominator other than 1");
  }
  if (multiple < 1 || multiple > 0x7fffffff) {
    ctx.fail("PICKLE_INVALID", `datetime multiple ${multiple} is out of range`);
  }
  return { ...dt, unit: unit as DatetimeUnit, multiple };
}

function structOf(ctx: Ctx, names: PyTuple, fields: Map<unknown, unknown>, elsize: number): DType {
  if (elsize < 0) ctx.fail("PICKLE_LAYOUT", `a structured dtype cannot have ${elsize} bytes`);
  const out: StructField[] = [];
  const objectRanges: [number, number][] = [];
  const ranges: [number, number][] = [];
  for (const n of names.items) {
    const name = text(n);
    if (name === undefined) {
      ctx.fail("PICKLE_INVALID", `field names must be strings, found ${pyType(n)}`);
    }
    // Python 2 names read with encoding='bytes' may be equal bytes objects, not the same one.
    let f = fields.get(n);
    if (f === undefined && typeof n === "object") {
      for (const [k, v] of fields) if (text(k) === name) f = v;
    }
    if (!(f instanceof PyTuple) || f.items.length < 2 || f.items.length > 3) {
      ctx.fail("PICKLE_INVALID", `field '${name}' is not (dtype, offset[, title])`);
    }
    const [fdt, off, title] = f.items;
    if (!(fdt instanceof PyDType)) ctx.fail("PICKLE_INVALID", `field '${name}' has no dtype`);
    const offset = int(ctx, off, `field '${name}' offset`);
    const size = fdt.dtype.itemsize;
    if (offset < 0 || offset + size > elsize) {
      ctx.fail(
        "PICKLE_LAYOUT",
        `field '${name}' of ${size} bytes at offset ${offset} does not fit a record of ${elsize} bytes` +
          (hasObject(fdt.dtype)
            ? " (a 32-bit numpy's object field read by 64-bit numpy crashes it)"
            : ""),
      );
    }
    (hasObject(fdt.dtype) ? objectRanges : ranges).push([offset, offset + size]);
    const t = title === undefined || title === null ? undefined : text(title);
    out.push(
      t === undefined
        ? { name, offset, dtype: fdt.dtype }
        : { name, title: t, offset, dtype: fdt.dtype },
    );
  }
  for (const [a, b] of objectRanges) {
    for (const [c, d] of [...ranges, ...objectRanges]) {
      if ((c !== a || d !== b) && c < b && a < d) {
        ctx.fail("PICKLE_LAYOUT", "an object field overlaps another field");
      }
    }
  }
  return { kind: "struct", fields: out, itemsize: elsize };
}

function nativeOrder(dt: DType): DType {
  if (dt.kind === "struct" || dt.kind === "subarray" || dt.byteOrder === "|") return dt;
  if (dt.byteOrder === NATIVE) return dt;
  // numpy's byte-swapped dtype is a new object, never its shared singleton.
  const swapped: DType = { ...dt, byteOrder: NATIVE as "<" | ">" };
  FRESH_DTYPES.add(swapped);
  return swapped;
}

const COPY = { copy: true, inPlace: false };

/** `ndarray.__setstate__((version, shape, dtype, is_fortran, data))` on a `_reconstruct` result. */
export function buildArray(ctx: Ctx, a: NpyArray, state: unknown): void {
  if (!(state instanceof PyTuple) || (state.items.length !== 5 && state.items.length !== 4)) {
    ctx.fail("PICKLE_INVALID", "ndarray state must be (version, shape, dtype, is_fortran, data)");
  }
  const s = state.items.length === 5 ? state.items : [0n, ...state.items];
  const version = int(ctx, s[0], "ndarray state version");
  if (version !== 0 && version !== 1) {
    ctx.fail("PICKLE_INVALID", `can't handle version ${version} of numpy.ndarray pickle`);
  }
  if (!(s[1] instanceof PyTuple)) ctx.fail("PICKLE_INVALID", "ndarray state shape must be a tuple");
  if (!(s[2] instanceof PyDType)) {
    ctx.fail("PICKLE_INVALID", "ndarray state dtype must be a numpy.dtype");
  }
  const dims = shapeOf(ctx, s[1]);
  const fortran = int(ctx, s[3], "ndarray state is_fortran") !== 0;
  const dt = s[2].dtype;
  if (dt.kind === "subarray") ctx.fail("PICKLE_UNSUPPORTED", "an array whose dtype is a subarray");
  const count = dims.reduce((x, y) => x * y, 1);
  const raw = s[4];
  if (hasObject(dt)) {
    if (!Array.isArray(raw)) ctx.fail("PICKLE_INVALID", "object pickle not returning list");
    if (raw.length !== count) {
      ctx.fail(
        "PICKLE_ELEMENT_COUNT",
        `the pickled element list holds ${raw.length} items for an array of ${count} elements ` +
          "(numpy reads past the list or ignores the rest)",
      );
    }
    a.dtype = dt;
    a.shape = dims;
    a.fortranOrder = fortran && !bothContiguous(dims);
    if (dt.kind === "struct") {
      const r = records(ctx, dt, raw, dims, fortran);
      a.data = r.data;
      a.bytes = r.bytes;
    } else {
      a.data = inStorageOrder(raw, dims, fortran);
      delete a.bytes;
    }
    return;
  }
  let bytes: Uint8Array;
  if (raw instanceof Uint8Array) bytes = raw;
  else if (typeof raw === "string") {
    bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      if (c > 0xff) {
        ctx.fail(
          "PICKLE_ENCODING",
          "Failed to encode latin1 string when unpickling a Numpy array. pickle.load(a, encoding='latin1') is assumed.",
        );
      }
      bytes[i] = c;
    }
  } else ctx.fail("PICKLE_INVALID", "pickle not returning string");
  if (count * dt.itemsize !== bytes.length) {
    ctx.fail(
      "PICKLE_INVALID",
      `buffer size does not match array size: ${bytes.length} bytes for ${count} elements of ${dt.itemsize} bytes`,
    );
  }
  if (dt.itemsize === 0 && count > Math.min(ctx.maxElements, allocLimit(ctx))) {
    ctx.fail("PICKLE_LIMIT", `${count} elements of a zero-size dtype exceed the limit`);
  }
  a.dtype = nativeOrder(dt);
  a.shape = dims;
  a.fortranOrder = fortran && !bothContiguous(dims);
  a.data = readColumn(bytes, 0, dt.itemsize, count, dt, COPY);
  if (dt.kind === "struct") a.bytes = bytes.slice();
  else delete a.bytes;
}

/** Most bytes (or zero-size elements) a pickle of this size may make the reader allocate. */
function allocLimit(ctx: Ctx): number {
  return 16 * ctx.inputBytes + 65536;
}

/** Whether C and Fortran order are the same for this shape (numpy sets both flags). */
function bothContiguous(dims: number[]): boolean {
  return dims.includes(0) || dims.filter((d) => d !== 1).length <= 1;
}

/** The C-order list numpy pickles, in the storage order NpyArray data uses. */
function inStorageOrder(list: unknown[], dims: number[], fortran: boolean): unknown[] {
  if (!fortran || dims.length < 2) return list.slice();
  const n = list.length;
  const out = new Array(n);
  // Walk C order with a counter over the dims; place at the Fortran offset.
  const idx = new Array(dims.length).fill(0);
  const fstride = new Array(dims.length);
  let s = 1;
  for (let k = 0; k < dims.length; k++) {
    fstride[k] = s;
    s *= dims[k];
  }
  let f = 0;
  for (let i = 0; i < n; i++) {
    out[f] = list[i];
    for (let k = dims.length - 1; k >= 0; k--) {
      idx[k]++;
      f += fstride[k];
      if (idx[k] < dims[k]) break;
      f -= fstride[k] * dims[k];
      idx[k] = 0;
    }
  }
  return out;
}

function records(
  ctx: Ctx,
  dt: DType & { kind: "struct" },
  list: unknown[],
  dims: number[],
  fortran: boolean,
): { data: StructData; bytes: Uint8Array } {
  const recs = inStorageOrder(list, dims, fortran);
  const n = recs.length;
  if (n * dt.itemsize > allocLimit(ctx)) {
    ctx.fail(
      "PICKLE_LIMIT",
      `${n} records of ${dt.itemsize} bytes are more than ${
        allocLimit(ctx)
      } bytes for a pickle of ` +
        `${ctx.inputBytes} bytes`,
    );
  }
  const bytes = new Uint8Array(n * dt.itemsize);
  const data: StructData = {};
  dt.fields.forEach((f, j) => {
    const col: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const r = recs[i];
      if (!(r instanceof PyTuple) || r.items.length !== dt.fields.length) {
        ctx.fail(
          "PICKLE_INVALID",
          `a record of a structured array must be a tuple of ${dt.fields.length} items, found ${
            pyType(r)
          }`,
        );
      }
      col[i] = r.items[j];
    }
    if (f.dtype.kind === "O") {
      setOwn(data, f.name, col);
      return;
    }
    if (hasObject(f.dtype)) ctx.fail("PICKLE_UNSUPPORTED", `field '${f.name}' nests objects`);
    if (f.dtype.kind === "struct" || f.dtype.kind === "subarray") {
      ctx.fail("PICKLE_UNSUPPORTED", `field '${f.name}' beside an object field is not a scalar`);
    }
    try {
      writeColumn(bytes, f.offset, dt.itemsize, n, f.dtype, fieldValues(f.dtype, col), f.name);
    } catch (e) {
      ctx.fail("PICKLE_UNSUPPORTED", `field '${f.name}': ${(e as Error).message}`);
    }
    setOwn(data, f.name, readColumn(bytes, f.offset, dt.itemsize, n, f.dtype, COPY));
  });
  return { data, bytes };
}

/** A record field's Python values as writeColumn takes them for its scalar dtype. */
function fieldValues(dt: ScalarDType, col: unknown[]): unknown {
  const raw = dt.kind === "V" || (dt.kind === "f" && dt.itemsize > 8) ||
    (dt.kind === "c" && dt.itemsize > 16);
  if (raw) {
    const out = new Uint8Array(col.length * dt.itemsize);
    col.forEach((v, i) => {
      const b = v instanceof NpyScalar ? v.data : v;
      if (b instanceof Uint8Array && b.length === dt.itemsize) out.set(b, i * dt.itemsize);
      else throw new TypeError(`expected ${dt.itemsize} raw bytes, found ${pyType(v)}`);
    });
    return out;
  }
  const out: unknown[] = [];
  for (const v of col) {
    if (v instanceof NpyScalar) out.push(...Array.from(v.data as ArrayLike<unknown>));
    else if (v instanceof PyComplex) out.push(v.re, v.im);
    else if (v instanceof Uint8Array && dt.kind === "S") {
      let t = "";
      for (const c of v) t += String.fromCharCode(c);
      out.push(t);
    } else if (dt.kind === "c" && (typeof v === "number" || typeof v === "bigint")) {
      out.push(Number(v), 0);
    } else if (typeof v === "bigint" && dt.kind === "f") out.push(Number(v));
    else out.push(v);
  }
  return out;
}

/**
 * `numeric._frombuffer(buf, dtype, shape, order)`: protocol 5's pickle of an
 * array, `frombuffer(buf, dtype).reshape(shape, order=order)`.
 */
export function frombuffer(ctx: Ctx, args: readonly unknown[]): NpyArray {
  if (args.length !== 4) {
    ctx.fail("PICKLE_INVALID", `_frombuffer() takes 4 arguments, found ${args.length}`);
  }
  const [buf, dtype, shape, order] = args;
  if (!(buf instanceof Uint8Array)) {
    ctx.fail(
      "PICKLE_INVALID",
      `_frombuffer() of a ${pyType(buf)}: a bytes-like object is required`,
    );
  }
  if (!(dtype instanceof PyDType)) ctx.fail("PICKLE_INVALID", "_frombuffer() needs a numpy.dtype");
  if (!(shape instanceof PyTuple)) {
    ctx.fail("PICKLE_INVALID", "_frombuffer() shape must be a tuple");
  }
  if (order !== "C" && order !== "F") {
    ctx.fail("PICKLE_INVALID", "_frombuffer() order must be 'C' or 'F'");
  }
  if (hasObject(dtype.dtype)) {
    ctx.fail("PICKLE_INVALID", "cannot create an OBJECT array from memory buffer");
  }
  const a: NpyArray = {
    dtype: { kind: "i", byteOrder: "|", itemsize: 1 },
    shape: [0],
    fortranOrder: false,
    data: new Int8Array(0),
  };
  pending.add(a);
  buildArray(ctx, a, new PyTuple([1n, shape, dtype, order === "F", buf]));
  // frombuffer views the bytes as they are: the dtype keeps its byte order.
  a.dtype = dtype.dtype;
  return a;
}

/** `multiarray.scalar(dtype, bytes)`: a numpy scalar (the object itself for dtype 'O'). */
export function scalar(ctx: Ctx, args: readonly unknown[]): unknown {
  if (args.length < 1 || args.length > 2 || !(args[0] instanceof PyDType)) {
    ctx.fail("PICKLE_INVALID", "scalar() takes a numpy.dtype and its bytes");
  }
  const dt = args[0].dtype;
  if (dt.kind === "O") return args.length === 2 ? args[1] : null;
  if (hasObject(dt)) ctx.fail("PICKLE_UNSUPPORTED", "a numpy scalar of a dtype with objects");
  let raw = args[1];
  if (typeof raw === "string") {
    const b = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      if (c > 0xff) ctx.fail("PICKLE_ENCODING", "scalar() bytes given as text that is not latin1");
      b[i] = c;
    }
    raw = b;
  }
  if (!(raw instanceof Uint8Array)) {
    ctx.fail(
      "PICKLE_INVALID",
      `scalar() initializing object must be a bytes object, found ${pyType(raw)}`,
    );
  }
  if (raw.length < dt.itemsize) ctx.fail("PICKLE_INVALID", "initialization string is too small");
  const b = raw.subarray(0, dt.itemsize);
  return new NpyScalar(nativeOrder(dt), readColumn(b, 0, dt.itemsize, 1, dt, COPY));
}

/** The flags numpy would give a dtype (only LIST_PICKLE matters here). */
export function isObjectDType(box: PyDType): boolean {
  return (dtypeFlags.get(box) ?? 0) !== 0;
}
