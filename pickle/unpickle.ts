// Copyright 2026 the npy authors. MIT license.

/**
 * A safe unpickler for the pickles numpy writes into object arrays: an
 * iterative interpreter of protocols 0–5 that calls nothing but the
 * whitelisted globals' TypeScript handlers.
 *
 * @module
 */

import { NpyError, type NpyErrorCode } from "../codec/errors.ts";
import { latin1Decode } from "../codec/_layout.ts";
import { type Instruction, OPCODES, readInstruction } from "./_opcodes.ts";
import { allowedGlobal, renameGlobal } from "./_globals.ts";
import { buildArray, buildDType, type Ctx, isPendingArray, pyType } from "./_numpy.ts";
import { PyByteArray, PyDType, PyFrozenSet, PyGlobal, PyTuple } from "./values.ts";

/** How Python 2 `str` objects (STRING, BINSTRING, SHORT_BINSTRING) are read, as `np.load(encoding=)`. */
export type PickleEncoding = "ASCII" | "latin1" | "bytes";

/** Bounds of the safe unpickler; each has a default. */
export interface UnpickleLimits {
  /** Most items on the stack plus open marks (default 2^20). */
  maxStack?: number;
  /**
   * Most memo entries (default: no bound beyond the input's, since every
   * entry takes a PUT or MEMOIZE opcode; the memo is a Map, so a large index
   * costs one entry).
   */
  maxMemo?: number;
  /** Most bytes of one LONG1/LONG4 integer (default 65536). */
  maxIntBytes?: number;
  /** Most digits of one protocol-0 INT/LONG (default 4300, Python's own limit). */
  maxIntDigits?: number;
  /** Most elements a zero-size dtype or `_reconstruct` shape may allocate (default 2^20). */
  maxElements?: number;
}

/** Options for {@linkcode unpickle}. */
export interface UnpickleOptions {
  /** How Python 2 strings are read: `"ASCII"` (default, as numpy), `"latin1"` or `"bytes"`. */
  encoding?: PickleEncoding;
  /** Map Python 2 names (`__builtin__`, `copy_reg`, ...) to Python 3 ones (default true). */
  fixImports?: boolean;
  /** Bounds. */
  limits?: UnpickleLimits;
  /** Added to the byte offsets in errors (where the pickle starts in a file). */
  offset?: number;
}

const ENCODINGS = new Set(["ASCII", "latin1", "bytes"]);
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function pyBytesRepr(b: Uint8Array): string {
  let s = "b'";
  for (const c of b.subarray(0, 64)) {
    if (c === 0x5c || c === 0x27) s += "\\" + String.fromCharCode(c);
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += "\\x" + c.toString(16).padStart(2, "0");
  }
  return s + (b.length > 64 ? "...'" : "'");
}

/** UTF-8 with lone surrogates allowed, as CPython's 'surrogatepass'. */
function utf8(b: Uint8Array, fail: (m: string) => never): string {
  if (b.length <= 64) {
    let s = "";
    let i = 0;
    for (; i < b.length && b[i] < 0x80; i++) s += String.fromCharCode(b[i]);
    if (i === b.length) return s;
  }
  try {
    return UTF8.decode(b);
  } catch {
    // Fall through to the slow decoder.
  }
  let s = "";
  let i = 0;
  const bad: (why: string) => never = (why) =>
    fail(`'utf-8' codec can't decode byte 0x${b[i].toString(16)} in position ${i}: ${why}`);
  while (i < b.length) {
    const c = b[i];
    let cp: number, n: number;
    if (c < 0x80) [cp, n] = [c, 1];
    else if (c >= 0xc2 && c < 0xe0) [cp, n] = [c & 0x1f, 2];
    else if (c >= 0xe0 && c < 0xf0) [cp, n] = [c & 0x0f, 3];
    else if (c >= 0xf0 && c < 0xf5) [cp, n] = [c & 0x07, 4];
    else return bad("invalid start byte");
    if (i + n > b.length) bad("unexpected end of data");
    for (let k = 1; k < n; k++) {
      const d = b[i + k];
      if ((d & 0xc0) !== 0x80) bad("invalid continuation byte");
      cp = (cp << 6) | (d & 0x3f);
    }
    if ((n === 3 && cp < 0x800) || (n === 4 && (cp < 0x10000 || cp > 0x10ffff))) {
      bad("invalid continuation byte");
    }
    s += String.fromCodePoint(cp);
    i += n;
  }
  return s;
}

/** Python's `raw-unicode-escape` (protocol 0 UNICODE). */
function rawUnicodeEscape(b: Uint8Array, fail: (m: string) => never): string {
  let s = "";
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x5c && (b[i + 1] === 0x75 || b[i + 1] === 0x55)) {
      // An odd run of backslashes escapes.
      let run = 0;
      for (let k = i - 1; k >= 0 && b[k] === 0x5c; k--) run++;
      if (run % 2 === 0) {
        const n = b[i + 1] === 0x75 ? 4 : 8;
        const hex = latin1Decode(b.subarray(i + 2, i + 2 + n));
        if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) fail("truncated \\uXXXX escape");
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff) fail("\\Uxxxxxxxx out of range");
        s += String.fromCodePoint(cp);
        i += 1 + n;
        continue;
      }
    }
    s += String.fromCharCode(b[i]);
  }
  return s;
}

const ESCAPES: Record<string, number> = {
  "\\": 0x5c,
  "'": 0x27,
  '"': 0x22,
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
};

/** The bytes of a protocol 0 STRING argument: a quoted Python 2 repr. */
function stringEscape(b: Uint8Array, fail: (m: string) => never): Uint8Array {
  const q = b[0];
  if (b.length < 2 || (q !== 0x27 && q !== 0x22) || b[b.length - 1] !== q) {
    fail("the STRING opcode argument must be quoted");
  }
  const out: number[] = [];
  for (let i = 1; i < b.length - 1; i++) {
    if (b[i] !== 0x5c) {
      out.push(b[i]);
      continue;
    }
    const c = String.fromCharCode(b[++i]);
    if (i >= b.length - 1) fail("Trailing \\ in string");
    if (c in ESCAPES) out.push(ESCAPES[c]);
    else if (c === "\n") continue;
    else if (c === "x") {
      const h = latin1Decode(b.subarray(i + 1, i + 3));
      if (!/^[0-9a-fA-F]{2}$/.test(h)) fail(`invalid \\x escape at position ${i - 1}`);
      out.push(parseInt(h, 16));
      i += 2;
    } else if (c >= "0" && c <= "7") {
      let v = 0, k = 0;
      while (k < 3 && b[i + k] >= 0x30 && b[i + k] <= 0x37) v = v * 8 + b[i + k++] - 0x30;
      out.push(v & 0xff);
      i += k - 1;
    } else out.push(0x5c, b[i]);
  }
  return new Uint8Array(out);
}

const INT_TEXT = /^[+-]?\d+$/;
const FLOAT_TEXT = /^[+-]?(\d+\.?\d*(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?)$/i;
const SPECIAL: Record<string, number> = {
  nan: NaN,
  inf: Infinity,
  infinity: Infinity,
};

function isHashable(x: unknown): boolean {
  const todo = [x];
  while (todo.length) {
    const v = todo.pop();
    if (v instanceof PyTuple) todo.push(...v.items);
    else if (
      Array.isArray(v) || v instanceof PyByteArray ||
      (v instanceof Set && !(v instanceof PyFrozenSet)) || v instanceof Map ||
      (typeof v === "object" && v !== null && "shape" in v && "dtype" in v &&
        !(v instanceof PyDType))
    ) return false;
  }
  return true;
}

function checkKey(ctx: Ctx, k: unknown): void {
  if (!isHashable(k)) ctx.fail("PICKLE_INVALID", `unhashable type: '${pyType(k)}'`);
}

/**
 * Reads a pickle the way `pickle.loads(data, encoding=, fix_imports=)`
 * does, with nothing ever imported or called: only the whitelisted numpy
 * and builtin globals have handlers (TypeScript that checks its arguments).
 * Calling or building any other global is refused with
 * `PICKLE_UNSAFE_GLOBAL`; a global that is only referenced becomes a
 * {@linkcode PyGlobal}. Every length is checked against the bytes that
 * remain before anything is allocated; the memo, stack, integers and
 * element counts are bounded by `limits`. Bytes after `STOP` are ignored.
 *
 * @example A numpy object array's pickle
 * ```ts
 * import { decode, unpickle } from "@npy/npy";
 * import assert from "node:assert/strict";
 *
 * // A protocol 2 pickle of [1, 'a', None] (pickle.dumps([1, 'a', None], 2)).
 * const bytes = new Uint8Array([
 *   0x80, 2, 0x5d, 0x71, 0, 0x28, 0x4b, 1, 0x58, 1, 0, 0, 0, 0x61, 0x71, 1, 0x4e, 0x65, 0x2e,
 * ]);
 * assert.deepEqual(unpickle(bytes), [1n, "a", null]);
 * ```
 *
 * @param bytes The pickle.
 * @param options Encoding of Python 2 strings, Python 2 renames and bounds.
 * @returns The value, in the JS form the pickle values table gives.
 * @throws {NpyError} `PICKLE_*` codes for a pickle that is malformed, unsafe or over a bound.
 */
export function unpickle(bytes: Uint8Array, options: UnpickleOptions = {}): unknown {
  const encoding = options.encoding ?? "ASCII";
  if (!ENCODINGS.has(encoding)) {
    throw new NpyError("INVALID_OPTION", "encoding must be 'ASCII', 'latin1', or 'bytes'");
  }
  const fixImports = options.fixImports ?? true;
  const lim = options.limits ?? {};
  const maxStack = lim.maxStack ?? 1 << 20;
  const maxMemo = lim.maxMemo ?? Infinity;
  const maxIntBytes = lim.maxIntBytes ?? 65536;
  const maxIntDigits = lim.maxIntDigits ?? 4300;
  const base = options.offset ?? 0;
  let at = 0;
  const fail: (code: NpyErrorCode, message: string) => never = (code, message) => {
    throw new NpyError(code, message, base + at);
  };
  const ctx: Ctx = { fail, maxElements: lim.maxElements ?? 1 << 20, inputBytes: bytes.length };
  const invalid: (m: string) => never = (m) => fail("PICKLE_INVALID", m);

  const py2str = (b: Uint8Array): unknown => {
    if (encoding === "bytes") return b.slice();
    if (encoding === "ASCII") {
      for (let i = 0; i < b.length; i++) {
        if (b[i] >= 0x80) {
          fail(
            "PICKLE_ENCODING",
            `Unpickling a python object failed: UnicodeDecodeError('ascii', ${
              pyBytesRepr(b)
            }, ${i}, ${
              i + 1
            }, 'ordinal not in range(128)')\nYou may need to pass the encoding= option to numpy.load`,
          );
        }
      }
    }
    return latin1Decode(b);
  };
  const intText = (t: string, what: string): bigint => {
    const s = t.trim();
    if (!INT_TEXT.test(s)) invalid(`invalid literal for int() with base 10: ${JSON.stringify(t)}`);
    if (s.replace(/^[+-]/, "").length > maxIntDigits) {
      fail(
        "PICKLE_LIMIT",
        `${what}: Exceeds the limit (${maxIntDigits} digits) for integer string conversion`,
      );
    }
    return BigInt(s);
  };
  const long = (b: Uint8Array): bigint => {
    if (b.length > maxIntBytes) {
      fail("PICKLE_LIMIT", `an integer of ${b.length} bytes exceeds the limit of ${maxIntBytes}`);
    }
    if (b.length === 0) return 0n;
    let hex = "";
    for (let i = b.length - 1; i >= 0; i--) hex += b[i].toString(16).padStart(2, "0");
    const v = BigInt("0x" + hex);
    return b[b.length - 1] & 0x80 ? v - (1n << BigInt(8 * b.length)) : v;
  };

  const stack: unknown[] = [];
  const marks: number[] = [];
  // One instruction record, refilled for every opcode (no allocation per opcode).
  const reused: Instruction = { op: OPCODES[0], pos: 0, arg: undefined, from: 0, to: 0, end: 0 };
  let proto = 0;
  let pos = 0;
  const end = bytes.length;

  const push = (v: unknown) => {
    if (stack.length + marks.length >= maxStack) {
      fail("PICKLE_LIMIT", `the pickle stack would exceed ${maxStack} items`);
    }
    stack.push(v);
  };
  const popMark = (): unknown[] => {
    const m = marks.pop()!;
    const items = stack.slice(m);
    stack.length = m;
    return items;
  };
  // The memo: dense indices (MEMOIZE appends) in an array, others in a Map.
  const dense: unknown[] = [];
  const sparse = new Map<number, unknown>();
  const memoSize = () => dense.length + sparse.size;
  const put = (i: number) => {
    if (i < 0) invalid("negative PUT argument");
    if (stack.length <= (marks.length ? marks[marks.length - 1] : 0)) {
      invalid("unpickling stack underflow");
    }
    const v = stack[stack.length - 1];
    if (i < dense.length) dense[i] = v;
    else if (i === dense.length && !sparse.has(i)) dense.push(v);
    else {
      if (!sparse.has(i) && memoSize() >= maxMemo) {
        fail("PICKLE_LIMIT", `the memo would exceed ${maxMemo} entries`);
      }
      sparse.set(i, v);
    }
    if (memoSize() > maxMemo) fail("PICKLE_LIMIT", `the memo would exceed ${maxMemo} entries`);
  };
  const get = (i: number) => {
    if (i < dense.length) return push(dense[i]);
    if (!sparse.has(i)) invalid(`Memo value not found at index ${i}`);
    push(sparse.get(i));
  };
  const range = (ins: Instruction) => {
    return bytes.subarray(ins.from, ins.to);
  };
  const call = (fn: unknown, args: unknown, how: string): unknown => {
    if (!(fn instanceof PyGlobal)) invalid(`'${pyType(fn)}' object is not callable`);
    const g = allowedGlobal(fn.module, fn.name);
    if (g === undefined || g.handler === undefined) {
      return fail(
        "PICKLE_UNSAFE_GLOBAL",
        `${how} calls ${fn}, a global outside the whitelist: loading it with allow_pickle=True can run code`,
      );
    }
    if (!(args instanceof PyTuple)) {
      invalid(`${how} argument list must be a tuple, not ${pyType(args)}`);
    }
    return g.handler(ctx, args.items);
  };
  const global = (module: string, name: string): PyGlobal => {
    if (proto < 3 && fixImports) [module, name] = renameGlobal(module, name);
    return new PyGlobal(module, name);
  };

  for (;;) {
    const ins = readInstructionAt(pos);
    at = ins.pos;
    pos = ins.end;
    const op = ins.op;
    const floor = marks.length ? marks[marks.length - 1] : 0;
    if (op.mark) {
      if (marks.length === 0) invalid("could not find MARK");
    } else if (op.pops > 0 && stack.length - floor < op.pops && op.code !== 0x30) {
      invalid("unpickling stack underflow");
    }
    switch (op.code) {
      case 0x28: // MARK
        if (stack.length + marks.length >= maxStack) {
          fail("PICKLE_LIMIT", `the pickle stack would exceed ${maxStack} items`);
        }
        marks.push(stack.length);
        break;
      case 0x2e: // STOP
        return stack.pop();
      case 0x30: // POP
        if (stack.length > floor) stack.pop();
        else if (marks.length) marks.pop();
        else invalid("unpickling stack underflow");
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        push(stack[stack.length - 1]);
        break;
      case 0x46: { // FLOAT
        const t = (ins.arg as string).trim();
        const sp = SPECIAL[t.replace(/^[+-]/, "").toLowerCase()];
        if (sp !== undefined) push(t.startsWith("-") ? -sp : sp);
        else if (FLOAT_TEXT.test(t)) push(Number(t));
        else invalid(`could not convert string to float: ${JSON.stringify(t)}`);
        break;
      }
      case 0x49: { // INT
        const t = ins.arg as string;
        if (t === "00") push(false);
        else if (t === "01") push(true);
        else push(intText(t, "INT"));
        break;
      }
      case 0x4c: { // LONG
        const t = (ins.arg as string).trim();
        push(intText(t.endsWith("L") ? t.slice(0, -1) : t, "LONG"));
        break;
      }
      case 0x4a: // BININT
      case 0x4b: // BININT1
      case 0x4d: // BININT2
        push(BigInt(ins.arg as number));
        break;
      case 0x8a: // LONG1
      case 0x8b: // LONG4
        push(long(range(ins)));
        break;
      case 0x47: // BINFLOAT
        push(ins.arg as number);
        break;
      case 0x4e: // NONE
        push(null);
        break;
      case 0x88: // NEWTRUE
        push(true);
        break;
      case 0x89: // NEWFALSE
        push(false);
        break;
      case 0x53: // STRING
        push(py2str(stringEscape(range(ins), invalid)));
        break;
      case 0x54: // BINSTRING
      case 0x55: // SHORT_BINSTRING
        push(py2str(range(ins)));
        break;
      case 0x56: // UNICODE
        push(rawUnicodeEscape(range(ins), invalid));
        break;
      case 0x58: // BINUNICODE
      case 0x8c: // SHORT_BINUNICODE
      case 0x8d: // BINUNICODE8
        push(utf8(range(ins), invalid));
        break;
      case 0x42: // BINBYTES
      case 0x43: // SHORT_BINBYTES
      case 0x8e: // BINBYTES8
        push(range(ins).slice());
        break;
      case 0x96: // BYTEARRAY8
        push(new PyByteArray(range(ins)));
        break;
      case 0x5d: // EMPTY_LIST
        push([]);
        break;
      case 0x7d: // EMPTY_DICT
        push(new Map());
        break;
      case 0x29: // EMPTY_TUPLE
        push(new PyTuple([]));
        break;
      case 0x8f: // EMPTY_SET
        push(new Set());
        break;
      case 0x6c: // LIST
        push(popMark());
        break;
      case 0x74: // TUPLE
        push(new PyTuple(popMark()));
        break;
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: { // TUPLE3
        const n = op.pops;
        push(new PyTuple(stack.splice(stack.length - n, n)));
        break;
      }
      case 0x64: { // DICT
        const items = popMark();
        if (items.length % 2) invalid("odd number of items for DICT");
        const d = new Map();
        for (let i = 0; i < items.length; i += 2) {
          checkKey(ctx, items[i]);
          d.set(items[i], items[i + 1]);
        }
        push(d);
        break;
      }
      case 0x91: { // FROZENSET
        const items = popMark();
        for (const x of items) checkKey(ctx, x);
        push(new PyFrozenSet(items));
        break;
      }
      case 0x61: { // APPEND
        const v = stack.pop();
        const list = stack[stack.length - 1];
        if (!Array.isArray(list)) invalid(`APPEND to a ${pyType(list)}`);
        list.push(v);
        break;
      }
      case 0x65: { // APPENDS
        const items = popMark();
        if (stack.length - (marks.length ? marks[marks.length - 1] : 0) < 1) {
          invalid("unpickling stack underflow");
        }
        const list = stack[stack.length - 1];
        if (!Array.isArray(list)) invalid(`APPENDS to a ${pyType(list)}`);
        for (const x of items) list.push(x);
        break;
      }
      case 0x73: { // SETITEM
        const v = stack.pop();
        const k = stack.pop();
        const d = stack[stack.length - 1];
        if (!(d instanceof Map)) invalid(`SETITEM on a ${pyType(d)}`);
        checkKey(ctx, k);
        d.set(k, v);
        break;
      }
      case 0x75: { // SETITEMS
        const items = popMark();
        if (stack.length - (marks.length ? marks[marks.length - 1] : 0) < 1) {
          invalid("unpickling stack underflow");
        }
        const d = stack[stack.length - 1];
        if (!(d instanceof Map)) invalid(`SETITEMS on a ${pyType(d)}`);
        if (items.length % 2) invalid("odd number of items for SETITEMS");
        for (let i = 0; i < items.length; i += 2) {
          checkKey(ctx, items[i]);
          d.set(items[i], items[i + 1]);
        }
        break;
      }
      case 0x90: { // ADDITEMS
        const items = popMark();
        if (stack.length - (marks.length ? marks[marks.length - 1] : 0) < 1) {
          invalid("unpickling stack underflow");
        }
        const s = stack[stack.length - 1];
        if (!(s instanceof Set) || s instanceof PyFrozenSet) invalid(`ADDITEMS to a ${pyType(s)}`);
        for (const x of items) {
          checkKey(ctx, x);
          s.add(x);
        }
        break;
      }
      case 0x67: // GET
        get(intArg(ins.arg as string));
        break;
      case 0x68: // BINGET
      case 0x6a: // LONG_BINGET
        get(ins.arg as number);
        break;
      case 0x70: // PUT
        put(intArg(ins.arg as string));
        break;
      case 0x71: // BINPUT
      case 0x72: // LONG_BINPUT
        put(ins.arg as number);
        break;
      case 0x94: // MEMOIZE
        if (stack.length === 0) invalid("unpickling stack underflow");
        put(memoSize());
        break;
      case 0x63: { // GLOBAL
        const [m, n] = ins.arg as [string, string];
        push(global(m, n));
        break;
      }
      case 0x93: { // STACK_GLOBAL
        const name = stack.pop();
        const module = stack.pop();
        if (typeof name !== "string" || typeof module !== "string") {
          invalid("STACK_GLOBAL requires str");
        }
        push(global(module, name));
        break;
      }
      case 0x52: { // REDUCE
        const args = stack.pop();
        const fn = stack.pop();
        push(call(fn, args, "REDUCE"));
        break;
      }
      case 0x81: // NEWOBJ
      case 0x92: { // NEWOBJ_EX
        const kwargs = op.code === 0x92 ? stack.pop() : new Map();
        const args = stack.pop();
        const cls = stack.pop();
        if (!(cls instanceof PyGlobal)) invalid(`${op.name} of a ${pyType(cls)}: not a class`);
        // Only the builtin classes are built this way (cls.__new__(cls, *args)).
        const g = allowedGlobal(cls.module, cls.name);
        if (cls.module !== "builtins" || g === undefined) {
          fail(
            "PICKLE_UNSAFE_GLOBAL",
            `${op.name} builds ${cls}, a class outside the whitelist: loading it with allow_pickle=True can run code`,
          );
        }
        if (!(kwargs instanceof Map) || kwargs.size > 0) {
          invalid(`${op.name} keyword arguments are not read`);
        }
        push(call(cls, args, op.name));
        break;
      }
      case 0x6f: { // OBJ
        const items = popMark();
        if (items.length === 0) invalid("unpickling stack underflow");
        push(call(items[0], new PyTuple(items.slice(1)), "OBJ"));
        break;
      }
      case 0x69: { // INST
        const [m, n] = ins.arg as [string, string];
        const items = popMark();
        push(call(global(m, n), new PyTuple(items), "INST"));
        break;
      }
      case 0x62: { // BUILD
        const state = stack.pop();
        const inst = stack[stack.length - 1];
        if (isPendingArray(inst)) buildArray(ctx, inst, state);
        else if (inst instanceof PyDType) buildDType(ctx, inst, state);
        else if (inst instanceof PyGlobal) {
          fail(
            "PICKLE_UNSAFE_GLOBAL",
            `BUILD sets the state of ${inst}, a global: loading it with allow_pickle=True can run code`,
          );
        } else if (state !== null) invalid(`BUILD on a ${pyType(inst)}: it has no state to set`);
        break;
      }
      case 0x80: { // PROTO
        const p = ins.arg as number;
        if (p > 5) invalid(`unsupported pickle protocol: ${p}`);
        proto = p;
        break;
      }
      case 0x95: { // FRAME
        const n = ins.arg as number | bigint;
        if (typeof n === "bigint" || n > end - pos) {
          fail(
            "PICKLE_TRUNCATED",
            `pickle data was truncated: a FRAME of ${n} bytes, ${end - pos} remain`,
          );
        }
        break;
      }
      case 0x50: // PERSID
      case 0x51: // BINPERSID
        invalid(
          "A load persistent id instruction was encountered, but no persistent_load function was specified.",
        );
        break;
      case 0x82: // EXT1
      case 0x83: // EXT2
      case 0x84: // EXT4
        invalid(`unregistered extension code ${ins.arg}`);
        break;
      case 0x97: // NEXT_BUFFER
        invalid("pickle stream refers to out-of-band data but no *buffers* argument was given");
        break;
      case 0x98: { // READONLY_BUFFER
        const top = stack[stack.length - 1];
        if (!(top instanceof Uint8Array)) invalid(`READONLY_BUFFER on a ${pyType(top)}`);
        break;
      }
      default:
        invalid(`opcode ${op.name} is not handled`);
    }
  }

  function intArg(t: string): number {
    const v = intText(t, "memo index");
    if (v < 0n) invalid("negative memo index");
    return v > 0xffffffffn ? 0x100000000 : Number(v);
  }
  function readInstructionAt(p: number): Instruction {
    try {
      return readInstruction(bytes, p, end, reused);
    } catch (e) {
      if (e instanceof NpyError && base !== 0) {
        throw new NpyError(
          e.code,
          e.message.replace(/ \(at byte \d+\)$/, ""),
          base + (e.offset ?? p),
        );
      }
      throw e;
    }
  }
}
