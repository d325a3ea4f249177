// Copyright 2026 the npy authors. MIT license.
// The pickle opcodes, one row each, as CPython's pickletools lists them: the
// interpreter, the validator's scanner and the docs all read this table.

import { NpyError } from "../codec/errors.ts";

/**
 * How an opcode's argument is stored after its code byte (pickletools'
 * ArgumentDescriptor names).
 */
export type ArgKind =
  | "none"
  | "uint1"
  | "uint2"
  | "int4"
  | "uint4"
  | "uint8"
  | "float8"
  | "long1"
  | "long4"
  | "string1"
  | "string4"
  | "bytes1"
  | "bytes4"
  | "bytes8"
  | "bytearray8"
  | "unicodestring1"
  | "unicodestring4"
  | "unicodestring8"
  | "decimalnl_short"
  | "decimalnl_long"
  | "floatnl"
  | "stringnl"
  | "stringnl_noescape"
  | "stringnl_noescape_pair"
  | "unicodestringnl";

/** One pickle opcode. */
export interface Opcode {
  /** The code byte. */
  readonly code: number;
  /** pickletools' name. */
  readonly name: string;
  /** How its argument is stored. */
  readonly arg: ArgKind;
  /** The protocol that introduced it. */
  readonly proto: number;
  /**
   * Stack items it pops (above the topmost mark when `mark` is set: those
   * are counted at run time), and items it pushes.
   */
  readonly pops: number;
  /** Items it pushes. */
  readonly pushes: number;
  /** Whether it pops the topmost mark and everything above it. */
  readonly mark: boolean;
}

type Row = [string, string, ArgKind, number, number, number, boolean?];

// [code, name, argument, protocol, pops, pushes, pops-to-mark]
const ROWS: Row[] = [
  ["(", "MARK", "none", 0, 0, 0],
  [".", "STOP", "none", 0, 1, 0],
  ["0", "POP", "none", 0, 1, 0],
  ["1", "POP_MARK", "none", 1, 0, 0, true],
  ["2", "DUP", "none", 0, 1, 2],
  ["F", "FLOAT", "floatnl", 0, 0, 1],
  ["I", "INT", "decimalnl_short", 0, 0, 1],
  ["J", "BININT", "int4", 1, 0, 1],
  ["K", "BININT1", "uint1", 1, 0, 1],
  ["L", "LONG", "decimalnl_long", 0, 0, 1],
  ["M", "BININT2", "uint2", 1, 0, 1],
  ["N", "NONE", "none", 0, 0, 1],
  ["P", "PERSID", "stringnl_noescape", 0, 0, 1],
  ["Q", "BINPERSID", "none", 1, 1, 1],
  ["R", "REDUCE", "none", 0, 2, 1],
  ["S", "STRING", "stringnl", 0, 0, 1],
  ["T", "BINSTRING", "string4", 1, 0, 1],
  ["U", "SHORT_BINSTRING", "string1", 1, 0, 1],
  ["V", "UNICODE", "unicodestringnl", 0, 0, 1],
  ["X", "BINUNICODE", "unicodestring4", 1, 0, 1],
  ["a", "APPEND", "none", 0, 2, 1],
  ["b", "BUILD", "none", 0, 2, 1],
  ["c", "GLOBAL", "stringnl_noescape_pair", 0, 0, 1],
  ["d", "DICT", "none", 0, 0, 1, true],
  ["}", "EMPTY_DICT", "none", 1, 0, 1],
  ["e", "APPENDS", "none", 1, 0, 0, true],
  ["g", "GET", "decimalnl_short", 0, 0, 1],
  ["h", "BINGET", "uint1", 1, 0, 1],
  ["i", "INST", "stringnl_noescape_pair", 0, 0, 1, true],
  ["j", "LONG_BINGET", "uint4", 1, 0, 1],
  ["l", "LIST", "none", 0, 0, 1, true],
  ["]", "EMPTY_LIST", "none", 1, 0, 1],
  ["o", "OBJ", "none", 1, 0, 1, true],
  ["p", "PUT", "decimalnl_short", 0, 0, 0],
  ["q", "BINPUT", "uint1", 1, 0, 0],
  ["r", "LONG_BINPUT", "uint4", 1, 0, 0],
  ["s", "SETITEM", "none", 0, 3, 1],
  ["t", "TUPLE", "none", 0, 0, 1, true],
  [")", "EMPTY_TUPLE", "none", 1, 0, 1],
  ["u", "SETITEMS", "none", 1, 0, 0, true],
  ["G", "BINFLOAT", "float8", 1, 0, 1],
  ["\x80", "PROTO", "uint1", 2, 0, 0],
  ["\x81", "NEWOBJ", "none", 2, 2, 1],
  ["\x82", "EXT1", "uint1", 2, 0, 1],
  ["\x83", "EXT2", "uint2", 2, 0, 1],
  ["\x84", "EXT4", "int4", 2, 0, 1],
  ["\x85", "TUPLE1", "none", 2, 1, 1],
  ["\x86", "TUPLE2", "none", 2, 2, 1],
  ["\x87", "TUPLE3", "none", 2, 3, 1],
  ["\x88", "NEWTRUE", "none", 2, 0, 1],
  ["\x89", "NEWFALSE", "none", 2, 0, 1],
  ["\x8a", "LONG1", "long1", 2, 0, 1],
  ["\x8b", "LONG4", "long4", 2, 0, 1],
  ["B", "BINBYTES", "bytes4", 3, 0, 1],
  ["C", "SHORT_BINBYTES", "bytes1", 3, 0, 1],
  ["\x8c", "SHORT_BINUNICODE", "unicodestring1", 4, 0, 1],
  ["\x8d", "BINUNICODE8", "unicodestring8", 4, 0, 1],
  ["\x8e", "BINBYTES8", "bytes8", 4, 0, 1],
  ["\x8f", "EMPTY_SET", "none", 4, 0, 1],
  ["\x90", "ADDITEMS", "none", 4, 0, 0, true],
  ["\x91", "FROZENSET", "none", 4, 0, 1, true],
  ["\x92", "NEWOBJ_EX", "none", 4, 3, 1],
  ["\x93", "STACK_GLOBAL", "none", 4, 2, 1],
  ["\x94", "MEMOIZE", "none", 4, 0, 0],
  ["\x95", "FRAME", "uint8", 4, 0, 0],
  ["\x96", "BYTEARRAY8", "bytearray8", 5, 0, 1],
  ["\x97", "NEXT_BUFFER", "none", 5, 0, 1],
  ["\x98", "READONLY_BUFFER", "none", 5, 1, 1],
];

/** Every opcode, in pickletools' order. */
export const OPCODES: readonly Opcode[] = ROWS.map(([c, name, arg, proto, pops, pushes, mark]) =>
  Object.freeze({ code: c.charCodeAt(0), name, arg, proto, pops, pushes, mark: mark ?? false })
);

/** The opcode for each code byte, `undefined` where there is none. */
export const OPCODE_BY_CODE: readonly (Opcode | undefined)[] = (() => {
  const t: (Opcode | undefined)[] = new Array(256).fill(undefined);
  for (const op of OPCODES) t[op.code] = op;
  return t;
})();

/** A decoded argument: numbers, bigints or text (byte arguments are the range `from`..`to`). */
export type ArgValue =
  | undefined
  | number
  | bigint
  | string
  | [string, string];

/** One opcode as read: the row, where it starts, its argument and where the next one starts. */
export interface Instruction {
  /** The opcode. */
  op: Opcode;
  /** Offset of its code byte. */
  pos: number;
  /** Its argument (undefined for the byte and string kinds: see `from` and `to`). */
  arg: ArgValue;
  /** Where a byte or string argument's bytes start. */
  from: number;
  /** Where they end. */
  to: number;
  /** Offset just after it. */
  end: number;
}

function truncated(what: string, need: number, have: number, at: number): never {
  throw new NpyError(
    "PICKLE_TRUNCATED",
    `pickle data was truncated: ${what} needs ${need} bytes, ${have} remain`,
    at,
  );
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function lineEnd(b: Uint8Array, pos: number, end: number, name: string): number {
  const nl = b.indexOf(0x0a, pos);
  if (nl < 0 || nl >= end) {
    throw new NpyError(
      "PICKLE_TRUNCATED",
      `pickle data was truncated: ${name} has no newline`,
      pos,
    );
  }
  return nl;
}

const LATIN1 = new TextDecoder("latin1");

function ascii(b: Uint8Array, s: number, e: number): string {
  let out = "";
  for (let i = s; i < e; i++) out += String.fromCharCode(b[i]);
  return out;
}

function sized(pos: number, end: number, n: number, name: string): number {
  if (n > end - pos) truncated(name, n, end - pos, pos);
  return pos + n;
}

function u32(b: Uint8Array, p: number): number {
  return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + b[p + 3] * 0x1000000;
}

/**
 * Reads the opcode at `pos` and its argument, checking every length against
 * the bytes before `end` (nothing is allocated for a length the input does
 * not hold). `maxLine` bounds the newline-terminated arguments.
 */
export function readInstruction(
  b: Uint8Array,
  pos: number,
  end: number,
  out?: Instruction,
): Instruction {
  if (pos >= end) {
    throw new NpyError(
      "PICKLE_TRUNCATED",
      "pickle data was truncated: pickle exhausted before STOP",
      pos,
    );
  }
  const op = OPCODE_BY_CODE[b[pos]];
  if (op === undefined) {
    throw new NpyError(
      "PICKLE_INVALID",
      `invalid load key, '\\x${b[pos].toString(16).padStart(2, "0")}'.`,
      pos,
    );
  }
  let p = pos + 1;
  const fixed = (n: number) => {
    if (end - p < n) truncated(op.name, n, end - p, p);
  };
  let arg: ArgValue;
  let from = 0, to = 0;
  switch (op.arg) {
    case "none":
      break;
    case "uint1":
      fixed(1);
      arg = b[p];
      p += 1;
      break;
    case "uint2":
      fixed(2);
      arg = b[p] | (b[p + 1] << 8);
      p += 2;
      break;
    case "int4":
      fixed(4);
      arg = b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);
      p += 4;
      break;
    case "uint4":
      fixed(4);
      arg = u32(b, p);
      p += 4;
      break;
    case "uint8": {
      fixed(8);
      const hi = u32(b, p + 4);
      const v = BigInt(hi) * 0x100000000n + BigInt(u32(b, p));
      arg = v <= SAFE ? Number(v) : v;
      p += 8;
      break;
    }
    case "float8":
      fixed(8);
      arg = new DataView(b.buffer, b.byteOffset + p, 8).getFloat64(0, false);
      p += 8;
      break;
    case "long1":
    case "string1":
    case "bytes1":
    case "unicodestring1": {
      fixed(1);
      from = p + 1;
      to = sized(from, end, b[p], op.name);
      p = to;
      break;
    }
    case "long4":
    case "string4":
    case "bytes4":
    case "unicodestring4": {
      fixed(4);
      let n = u32(b, p);
      if (op.arg === "long4" || op.arg === "string4") n = n | 0;
      if (n < 0) {
        throw new NpyError(
          "PICKLE_INVALID",
          `${op.name} pickle has negative byte count`,
          p,
        );
      }
      from = p + 4;
      to = sized(from, end, n, op.name);
      p = to;
      break;
    }
    case "bytes8":
    case "bytearray8":
    case "unicodestring8": {
      fixed(8);
      const hi = u32(b, p + 4);
      const n = hi * 0x100000000 + u32(b, p);
      if (hi >= 0x200000 || n > end - p - 8) truncated(op.name, n, end - p - 8, p + 8);
      from = p + 8;
      to = sized(from, end, n, op.name);
      p = to;
      break;
    }
    case "decimalnl_short":
    case "decimalnl_long":
    case "floatnl":
    case "stringnl":
    case "stringnl_noescape":
    case "unicodestringnl": {
      const nl = lineEnd(b, p, end, op.name);
      if (op.arg === "unicodestringnl" || op.arg === "stringnl") [from, to] = [p, nl];
      else arg = LATIN1.decode(b.subarray(p, nl));
      p = nl + 1;
      break;
    }
    case "stringnl_noescape_pair": {
      const nl1 = lineEnd(b, p, end, op.name);
      const nl2 = lineEnd(b, nl1 + 1, end, op.name);
      arg = [ascii(b, p, nl1), ascii(b, nl1 + 1, nl2)];
      p = nl2 + 1;
      break;
    }
  }
  if (out === undefined) return { op, pos, arg, from, to, end: p };
  out.op = op;
  out.pos = pos;
  out.arg = arg;
  out.from = from;
  out.to = to;
  out.end = p;
  return out;
}
