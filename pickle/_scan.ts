// Copyright 2026 the npy authors. MIT license.
// A pickle scanner for the validator: walks the opcodes with the opcode
// table's stack effects over a symbolic stack (strings and globals only),
// never building or calling anything, and lists the globals a pickle
// references and which opcodes call or build them.

import { NpyError } from "../codec/errors.ts";
import { latin1Decode } from "../codec/_layout.ts";
import { readInstruction } from "./_opcodes.ts";
import { allowedGlobal, renameGlobal } from "./_globals.ts";

/** One global a pickle names. */
export interface ScannedGlobal {
  /** The module, after Python 2 renames. */
  module: string;
  /** The name. */
  name: string;
  /** Byte offset (in the pickle) where it is first named. */
  offset: number;
  /** The opcodes that call or build it (REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST, BUILD). */
  calledBy: string[];
  /** Whether it is on the unpickler's whitelist. */
  allowed: boolean;
}

/** What the scanner found. */
export interface PickleScan {
  /** The globals, in the order they are first named. */
  globals: ScannedGlobal[];
  /** Where and why the walk stopped early, if it did. */
  error?: { offset: number; message: string };
}

type Sym = { s: string } | { g: ScannedGlobal } | null;

const MAX_OPS = 50_000_000;

/**
 * Lists the globals a pickle names and which opcodes call them, reading the
 * opcode table only: nothing is built or called.
 */
export function scanPickle(bytes: Uint8Array, fixImports = true): PickleScan {
  const globals = new Map<string, ScannedGlobal>();
  const stack: Sym[] = [];
  const marks: number[] = [];
  const memo = new Map<number, Sym>();
  let proto = 0;
  let pos = 0;
  const ref = (module: string, name: string, at: number): Sym => {
    if (proto < 3 && fixImports) [module, name] = renameGlobal(module, name);
    const key = `${module}.${name}`;
    let g = globals.get(key);
    if (g === undefined) {
      g = {
        module,
        name,
        offset: at,
        calledBy: [],
        allowed: allowedGlobal(module, name) !== undefined,
      };
      globals.set(key, g);
    }
    return { g };
  };
  const called = (x: Sym | undefined, how: string) => {
    if (x && "g" in x && !x.g.calledBy.includes(how)) x.g.calledBy.push(how);
  };
  const done = (error?: { offset: number; message: string }): PickleScan =>
    error ? { globals: [...globals.values()], error } : { globals: [...globals.values()] };
  for (let n = 0; n < MAX_OPS; n++) {
    let ins;
    try {
      ins = readInstruction(bytes, pos, bytes.length);
    } catch (e) {
      if (!(e instanceof NpyError)) throw e;
      return done({ offset: e.offset ?? pos, message: e.message.replace(/ \(at byte \d+\)$/, "") });
    }
    const { op, arg } = ins;
    const at = ins.pos;
    pos = ins.end;
    const floor = marks.length ? marks[marks.length - 1] : 0;
    const top = (k: number): Sym | undefined => stack[stack.length - k];
    const str = (): Sym => {
      const b = bytes.subarray(ins.from, ins.to);
      return { s: op.name.includes("UNICODE") ? new TextDecoder().decode(b) : latin1Decode(b) };
    };
    switch (op.name) {
      case "STOP":
        return done();
      case "PROTO":
        proto = arg as number;
        continue;
      case "MARK":
        marks.push(stack.length);
        continue;
      case "GLOBAL":
        stack.push(ref((arg as string[])[0], (arg as string[])[1], at));
        continue;
      case "INST": {
        if (!marks.length) return done({ offset: at, message: "could not find MARK" });
        const g = ref((arg as string[])[0], (arg as string[])[1], at);
        called(g, "INST");
        stack.length = marks.pop()!;
        stack.push(null);
        continue;
      }
      case "STACK_GLOBAL": {
        if (stack.length - floor < 2) {
          return done({ offset: at, message: "unpickling stack underflow" });
        }
        const name = stack.pop(), module = stack.pop();
        stack.push(
          name && "s" in name && module && "s" in module ? ref(module.s, name.s, at) : null,
        );
        continue;
      }
      case "SHORT_BINUNICODE":
      case "BINUNICODE":
      case "BINUNICODE8":
      case "UNICODE":
      case "SHORT_BINSTRING":
      case "BINSTRING":
        stack.push(str());
        continue;
      case "PUT":
      case "BINPUT":
      case "LONG_BINPUT":
      case "MEMOIZE":
        if (stack.length === 0) return done({ offset: at, message: "unpickling stack underflow" });
        memo.set(
          op.name === "MEMOIZE" ? memo.size : op.name === "PUT" ? Number(arg) : arg as number,
          top(1)!,
        );
        continue;
      case "GET":
      case "BINGET":
      case "LONG_BINGET":
        stack.push(memo.get(op.name === "GET" ? Number(arg) : arg as number) ?? null);
        continue;
      case "DUP":
        if (stack.length === 0) return done({ offset: at, message: "unpickling stack underflow" });
        stack.push(top(1)!);
        continue;
      case "POP":
        if (stack.length > floor) stack.pop();
        else if (marks.length) marks.pop();
        else return done({ offset: at, message: "unpickling stack underflow" });
        continue;
      case "REDUCE":
      case "NEWOBJ":
      case "BUILD":
        called(top(2), op.name);
        break;
      case "NEWOBJ_EX":
        called(top(3), op.name);
        break;
      case "OBJ":
        if (marks.length) called(stack[marks[marks.length - 1]], "OBJ");
        break;
    }
    // The generic stack effect from the table.
    if (op.mark) {
      if (!marks.length) return done({ offset: at, message: "could not find MARK" });
      stack.length = marks.pop()!;
    }
    const base = marks.length ? marks[marks.length - 1] : 0;
    if (stack.length - base < op.pops) {
      return done({ offset: at, message: "unpickling stack underflow" });
    }
    // BUILD and the APPEND/SETITEM family leave their target in place.
    const keep = op.name === "BUILD" || op.name === "APPEND" || op.name === "SETITEM"
      ? stack[stack.length - op.pops]
      : null;
    stack.length -= op.pops;
    for (let k = 0; k < op.pushes; k++) stack.push(k === 0 && keep !== null ? keep : null);
  }
  return done({ offset: pos, message: `more than ${MAX_OPS} opcodes` });
}
