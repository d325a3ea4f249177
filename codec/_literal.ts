// Copyright 2026 the npy authors. MIT license.
// A safe parser for the Python literals numpy's `ast.literal_eval` accepts in
// a .npy header. Nothing is evaluated; nesting is bounded.

import { NpyError } from "./errors.ts";

/** A Python value as `ast.literal_eval` returns it. */
export type PyValue =
  | { readonly t: "str"; readonly v: string }
  | { readonly t: "bytes"; readonly v: Uint8Array }
  | { readonly t: "int"; readonly v: bigint }
  | { readonly t: "float"; readonly v: number }
  | { readonly t: "complex"; readonly re: number; readonly im: number }
  | { readonly t: "bool"; readonly v: boolean }
  | { readonly t: "none" }
  | { readonly t: "ellipsis" }
  | { readonly t: "tuple"; readonly items: PyValue[] }
  | { readonly t: "list"; readonly items: PyValue[] }
  | { readonly t: "set"; readonly items: PyValue[] }
  | { readonly t: "dict"; readonly entries: [PyValue, PyValue][] };

/** Python's tokenizer refuses more than this many open brackets. */
export const MAX_NESTING = 200;

export interface LiteralOptions {
  /** Drop a Python 2 `L` suffix after a number (versions 1.0 and 2.0). */
  allowLongSuffix: boolean;
  /** Byte offset of the header text in the file, for error messages. */
  baseOffset: number;
  /** Maps a character index of the text to a byte offset (utf8 headers). */
  byteOffset?: (index: number) => number;
  /**
   * Count a form feed in indentation as a space, not as a reset to column
   * 0: numpy's untokenize writes the blanks between tokens back as spaces.
   */
  formFeedIsSpace?: boolean;
}

type Tok =
  | { k: "op"; v: string; at: number }
  | { k: "num"; v: PyValue; at: number }
  | { k: "str"; v: string; bytes: boolean; at: number }
  | { k: "name"; v: string; at: number }
  | { k: "end"; at: number };

const ID_START = /[A-Za-z_\u0080-\uffff]/;
const ID_CHAR = /[A-Za-z0-9_\u0080-\uffff]/;
const STRING_PREFIXES = new Set(["", "r", "u", "b", "br", "rb"]);
const UNSUPPORTED_PREFIXES = new Set(["f", "fr", "rf", "t", "tr", "rt"]);

class Lexer {
  readonly toks: Tok[] = [];
  #s: string;
  #i = 0;
  #depth = 0;
  #opts: LiteralOptions;
  /** Whether a token has been seen at depth 0 on the current logical line. */
  #lineHasToken = false;
  #exprDone = false;

  constructor(s: string, opts: LiteralOptions) {
    this.#s = s;
    this.#opts = opts;
  }

  fail(message: string, index: number): never {
    const at = this.#opts.byteOffset ? this.#opts.byteOffset(index) : index;
    throw new NpyError(
      "HEADER_SYNTAX",
      `Cannot parse header: ${message}`,
      this.#opts.baseOffset + at,
    );
  }

  run(): Tok[] {
    const s = this.#s;
    // literal_eval strips leading spaces and tabs only.
    while (this.#i < s.length && (s[this.#i] === " " || s[this.#i] === "\t")) {
      this.#i++;
    }
    let atLineStart = false;
    while (this.#i < s.length) {
      const c = s[this.#i];
      if (
        atLineStart && this.#depth === 0 && (c === " " || c === "\t" || c === "\f" || c === "\\")
      ) {
        this.#indentation();
        if (!isNewline(s[this.#i] ?? "")) atLineStart = false;
        continue;
      }
      if (c === " " || c === "\t" || c === "\f") {
        this.#i++;
        continue;
      }
      if (c === "\n" || c === "\r") {
        this.#i += c === "\r" && s[this.#i + 1] === "\n" ? 2 : 1;
        if (this.#depth === 0) {
          if (this.#lineHasToken) this.#exprDone = true;
          this.#lineHasToken = false;
          atLineStart = true;
        }
        continue;
      }
      if (c === "#") {
        while (this.#i < s.length && !isNewline(s[this.#i])) this.#i++;
        continue;
      }
      if (c === "\\") {
        const n = s[this.#i + 1];
        if (n === "\n" || n === "\r") {
          this.#i += n === "\r" && s[this.#i + 2] === "\n" ? 3 : 2;
          if (this.#i >= s.length) this.fail("unexpected EOF while parsing", this.#i);
          atLineStart = false;
          continue;
        }
        this.fail("unexpected character after line continuation character", this.#i);
      }
      atLineStart = false;
      if (this.#depth === 0) {
        if (this.#exprDone) this.fail("unexpected text after the literal", this.#i);
        this.#lineHasToken = true;
      }
      this.#token();
    }
    if (this.#depth !== 0) this.fail("'(' or '[' or '{' was never closed", this.#i);
    this.toks.push({ k: "end", at: this.#i });
    return this.toks;
  }

  /**
   * The start of a line at depth 0, as Python's tokenizer measures
   * indentation: blanks and backslash continuations, where the column at
   * the first continuation counts. Only a newline or a comment after them
   * makes the line blank; anything else, the end of the input included,
   * is indented when the column is not 0.
   */
  #indentation(): void {
    const s = this.#s;
    const start = this.#i;
    const ffSpace = this.#opts.formFeedIsSpace === true && !inCommentLine(s, start);
    let col = 0, cont = 0;
    for (;;) {
      const c = s[this.#i];
      if (c === " ") col++;
      else if (c === "\t") col = (Math.floor(col / 8) + 1) * 8;
      else if (c === "\f") col = ffSpace ? col + 1 : 0;
      else if (c === "\\" && isNewline(s[this.#i + 1] ?? "")) {
        if (cont === 0) cont = col;
        this.#i += s[this.#i + 1] === "\r" && s[this.#i + 2] === "\n" ? 3 : 2;
        if (this.#i >= s.length) this.fail("unexpected EOF while parsing", this.#i);
        continue;
      } else break;
      this.#i++;
    }
    const c = s[this.#i];
    if (c !== undefined && (isNewline(c) || c === "#")) return;
    if ((cont || col) > 0) this.fail("unexpected indent", start);
  }

  #skipBlank(j: number): number {
    const s = this.#s;
    while (j < s.length && (s[j] === " " || s[j] === "\t" || s[j] === "\f")) j++;
    return j;
  }

  #token(): void {
    const s = this.#s;
    const start = this.#i;
    const c = s[start];
    if (c === "\0") this.fail("source code cannot contain null bytes", start);
    if ("([{".includes(c)) {
      if (this.#depth >= MAX_NESTING) this.fail("too many nested parentheses", start);
      this.#depth++;
      this.toks.push({ k: "op", v: c, at: start });
      this.#i++;
      return;
    }
    if (")]}".includes(c)) {
      if (this.#depth === 0) this.fail(`unmatched '${c}'`, start);
      this.#depth--;
      this.toks.push({ k: "op", v: c, at: start });
      this.#i++;
      return;
    }
    if (",:+-".includes(c)) {
      this.toks.push({ k: "op", v: c, at: start });
      this.#i++;
      return;
    }
    if (c === "." && s.startsWith("...", start)) {
      this.toks.push({ k: "op", v: "...", at: start });
      this.#i += 3;
      return;
    }
    if (isDigit(c) || (c === "." && isDigit(s[start + 1] ?? ""))) {
      this.#number();
      return;
    }
    if (c === "'" || c === '"') {
      this.#string("");
      return;
    }
    if (ID_START.test(c)) {
      let j = start;
      while (j < s.length && ID_CHAR.test(s[j])) j++;
      const word = s.slice(start, j);
      const q = s[j];
      if ((q === "'" || q === '"') && j - start <= 2) {
        const p = word.toLowerCase();
        if (STRING_PREFIXES.has(p)) {
          this.#i = j;
          this.#string(p);
          return;
        }
        if (UNSUPPORTED_PREFIXES.has(p)) {
          this.fail(`${word}-strings are not literals`, start);
        }
      }
      this.toks.push({ k: "name", v: word, at: start });
      this.#i = j;
      return;
    }
    this.fail(`invalid character '${c}' (U+${hex(c.codePointAt(0)!)})`, start);
  }

  #number(): void {
    const s = this.#s;
    const start = this.#i;
    const rest = s.slice(start);
    let m: RegExpExecArray | null;
    let value: PyValue;
    if ((m = /^0[xX](?:_?[0-9a-fA-F])+/.exec(rest))) {
      value = { t: "int", v: BigInt("0x" + m[0].slice(2).replaceAll("_", "")) };
    } else if ((m = /^0[oO](?:_?[0-7])+/.exec(rest))) {
      value = { t: "int", v: BigInt("0o" + m[0].slice(2).replaceAll("_", "")) };
    } else if ((m = /^0[bB](?:_?[01])+/.exec(rest))) {
      value = { t: "int", v: BigInt("0b" + m[0].slice(2).replaceAll("_", "")) };
    } else if (
      (m = /^(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?[jJ]?/
        .exec(rest))
    ) {
      const text = m[0].replaceAll("_", "");
      const imag = /[jJ]$/.test(text);
      const body = imag ? text.slice(0, -1) : text;
      if (imag) {
        value = { t: "complex", re: 0, im: Number(body) };
      } else if (/[.eE]/.test(body)) {
        value = { t: "float", v: Number(body) };
      } else {
        if (/^0+[1-9]/.test(body)) {
          this.fail(
            "leading zeros in decimal integer literals are not permitted",
            start,
          );
        }
        value = { t: "int", v: BigInt(body) };
      }
    } else {
      this.fail("invalid number", start);
    }
    let j = start + m[0].length;
    if (j < s.length && (ID_CHAR.test(s[j]) || s[j] === ".")) {
      // A Python 2 long suffix: numpy filters `NUMBER NAME('L')` token pairs.
      const k = identEnd(s, j);
      if (!this.#opts.allowLongSuffix || s.slice(j, k) !== "L") {
        this.fail("invalid decimal literal", j);
      }
      j = k;
    } else if (this.#opts.allowLongSuffix) {
      // `3 L` (even across a line continuation) tokenizes the same way;
      // numpy's filter drops that L too.
      let k = this.#skipBlank(j);
      while (s[k] === "\\" && isNewline(s[k + 1])) {
        k = this.#skipBlank(k + (s[k + 1] === "\r" && s[k + 2] === "\n" ? 3 : 2));
      }
      if (k > j && s[k] === "L" && (k + 1 >= s.length || !ID_CHAR.test(s[k + 1]))) {
        j = k + 1;
      }
    }
    this.toks.push({ k: "num", v: value, at: start });
    this.#i = j;
  }

  #string(prefix: string): void {
    const s = this.#s;
    const start = this.#i - prefix.length;
    const raw = prefix.includes("r");
    const isBytes = prefix.includes("b");
    const q = s[this.#i];
    const triple = s.startsWith(q + q + q, this.#i);
    const quote = triple ? q + q + q : q;
    let i = this.#i + quote.length;
    let out = "";
    for (;;) {
      if (i >= s.length) {
        this.fail(
          triple ? "unterminated triple-quoted string literal" : "unterminated string literal",
          start,
        );
      }
      const c = s[i];
      if (s.startsWith(quote, i)) {
        i += quote.length;
        break;
      }
      if (c === "\0") this.fail("source code cannot contain null bytes", i);
      if (!triple && isNewline(c)) this.fail("unterminated string literal", start);
      if (isBytes && c.charCodeAt(0) > 0x7f) {
        this.fail("bytes can only contain ASCII literal characters", i);
      }
      if (c !== "\\") {
        if (c === "\r") {
          // Python reads \r\n and \r inside triple-quoted strings as \n.
          out += "\n";
          i += s[i + 1] === "\n" ? 2 : 1;
        } else {
          out += c;
          i++;
        }
        continue;
      }
      const n = s[i + 1];
      if (n === undefined) {
        this.fail(
          triple ? "unterminated triple-quoted string literal" : "unterminated string literal",
          start,
        );
      }
      if (raw) {
        // A backslash still keeps the next character from ending the string.
        if (n === "\r") {
          out += "\\\n";
          i += s[i + 2] === "\n" ? 3 : 2;
        } else {
          out += c + n;
          i += 2;
        }
        continue;
      }
      i += 2;
      switch (n) {
        case "\n":
          break;
        case "\r":
          if (s[i] === "\n") i++;
          break;
        case "\\":
        case "'":
        case '"':
          out += n;
          break;
        case "a":
          out += "\x07";
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "n":
          out += "\n";
          break;
        case "r":
          out += "\r";
          break;
        case "t":
          out += "\t";
          break;
        case "v":
          out += "\v";
          break;
        case "x": {
          const h = s.slice(i, i + 2);
          if (!/^[0-9a-fA-F]{2}$/.test(h)) {
            this.fail(`truncated \\xXX escape`, i - 2);
          }
          out += String.fromCharCode(parseInt(h, 16));
          i += 2;
          break;
        }
        case "u":
        case "U": {
          if (isBytes) {
            out += "\\" + n;
            break;
          }
          const len = n === "u" ? 4 : 8;
          const h = s.slice(i, i + len);
          if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(h)) {
            this.fail(`truncated \\${n}${"X".repeat(len)} escape`, i - 2);
          }
          const cp = parseInt(h, 16);
          if (cp > 0x10ffff) this.fail("illegal Unicode character", i - 2);
          out += String.fromCodePoint(cp);
          i += len;
          break;
        }
        case "N": {
          if (isBytes) {
            out += "\\N";
            break;
          }
          this.fail(
            "\\N{...} escapes are not supported by this reader (no Unicode name table)",
            i - 2,
          );
          break;
        }
        default: {
          if (n >= "0" && n <= "7") {
            let j = i - 1;
            let v = 0;
            while (j < i + 2 && s[j] >= "0" && s[j] <= "7") {
              v = v * 8 + (s.charCodeAt(j) - 48);
              j++;
            }
            out += String.fromCharCode(isBytes ? v & 0xff : v);
            i = j;
          } else {
            // Unknown escapes keep their backslash.
            out += "\\" + n;
          }
        }
      }
    }
    this.#i = i;
    const prev = this.toks[this.toks.length - 1];
    if (prev && prev.k === "str") {
      // Adjacent literals concatenate.
      if (prev.bytes !== isBytes) {
        this.fail("cannot mix bytes and nonbytes literals", start);
      }
      this.toks[this.toks.length - 1] = { ...prev, v: prev.v + out };
      return;
    }
    this.toks.push({ k: "str", v: out, bytes: isBytes, at: start });
  }
}

function isNewline(c: string | undefined): boolean {
  return c === "\n" || c === "\r";
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

function identEnd(s: string, j: number): number {
  while (j < s.length && ID_CHAR.test(s[j])) j++;
  return j;
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, "0");
}

class Parser {
  #toks: Tok[];
  #p = 0;
  #lexer: Lexer;

  constructor(toks: Tok[], lexer: Lexer) {
    this.#toks = toks;
    this.#lexer = lexer;
  }

  #peek(): Tok {
    return this.#toks[this.#p];
  }

  #isOp(v: string): boolean {
    const t = this.#peek();
    return t.k === "op" && t.v === v;
  }

  #expect(v: string): void {
    if (!this.#isOp(v)) this.#unexpected(`'${v}'`);
    this.#p++;
  }

  #unexpected(expected: string): never {
    const t = this.#peek();
    const found = t.k === "end"
      ? "the end of the header"
      : t.k === "op"
      ? `'${t.v}'`
      : t.k === "name"
      ? `the name ${t.v}`
      : t.k === "str"
      ? "a string"
      : "a number";
    this.#lexer.fail(`expected ${expected}, found ${found}`, t.at);
  }

  parseTop(): PyValue {
    const first = this.#expr();
    let v = first;
    if (this.#isOp(",")) {
      const items = [first];
      while (this.#isOp(",")) {
        this.#p++;
        if (this.#peek().k === "end") break;
        items.push(this.#expr());
      }
      v = { t: "tuple", items };
    }
    if (this.#peek().k !== "end") this.#unexpected("the end of the header");
    return v;
  }

  #expr(): PyValue {
    const t = this.#peek();
    // A signed number, optionally `+`/`-` a complex number.
    if (t.k === "op" && (t.v === "+" || t.v === "-")) {
      this.#p++;
      const n = this.#peek();
      if (n.k !== "num") this.#malformed(t.at);
      this.#p++;
      return this.#complexTail(negate(n.v, t.v === "-"), t.at);
    }
    if (t.k === "num") {
      this.#p++;
      return this.#complexTail(t.v, t.at);
    }
    return this.#atom();
  }

  #complexTail(left: PyValue, at: number): PyValue {
    const t = this.#peek();
    if (t.k === "op" && (t.v === "+" || t.v === "-")) {
      this.#p++;
      const r = this.#peek();
      if (r.k !== "num") this.#malformed(at);
      this.#p++;
      if (r.v.t !== "complex" || left.t === "complex") this.#malformed(at);
      const re = left.t === "int" ? Number(left.v) : left.t === "float" ? left.v : 0;
      const im = t.v === "-" ? -r.v.im : r.v.im;
      return { t: "complex", re: re + (t.v === "-" ? -r.v.re : r.v.re), im };
    }
    return left;
  }

  #malformed(at: number): never {
    this.#lexer.fail("malformed node or string: only literals are allowed", at);
  }

  #atom(): PyValue {
    const t = this.#peek();
    switch (t.k) {
      case "str":
        this.#p++;
        return t.bytes ? { t: "bytes", v: latin1Bytes(t.v) } : { t: "str", v: t.v };
      case "name":
        this.#p++;
        if (t.v === "True") return { t: "bool", v: true };
        if (t.v === "False") return { t: "bool", v: false };
        if (t.v === "None") return { t: "none" };
        if (t.v === "set" && this.#isOp("(")) {
          this.#p++;
          this.#expect(")");
          return { t: "set", items: [] };
        }
        this.#malformed(t.at);
        break;
      case "op":
        if (t.v === "...") {
          this.#p++;
          return { t: "ellipsis" };
        }
        if (t.v === "(") return this.#paren();
        if (t.v === "[") {
          this.#p++;
          return { t: "list", items: this.#seq("]") };
        }
        if (t.v === "{") return this.#brace();
        break;
      case "num":
      case "end":
        break;
    }
    this.#unexpected("a literal");
  }

  #paren(): PyValue {
    this.#p++;
    if (this.#isOp(")")) {
      this.#p++;
      return { t: "tuple", items: [] };
    }
    const first = this.#expr();
    if (this.#isOp(")")) {
      this.#p++;
      return first;
    }
    this.#expect(",");
    const items = [first];
    while (!this.#isOp(")")) {
      items.push(this.#expr());
      if (this.#isOp(")")) break;
      this.#expect(",");
    }
    this.#p++;
    return { t: "tuple", items };
  }

  #seq(close: string): PyValue[] {
    const items: PyValue[] = [];
    while (!this.#isOp(close)) {
      items.push(this.#expr());
      if (this.#isOp(close)) break;
      this.#expect(",");
    }
    this.#p++;
    return items;
  }

  #brace(): PyValue {
    this.#p++;
    if (this.#isOp("}")) {
      this.#p++;
      return { t: "dict", entries: [] };
    }
    const first = this.#expr();
    if (this.#isOp(":")) {
      this.#p++;
      const entries: [PyValue, PyValue][] = [[first, this.#expr()]];
      while (!this.#isOp("}")) {
        this.#expect(",");
        if (this.#isOp("}")) break;
        const k = this.#expr();
        this.#expect(":");
        entries.push([k, this.#expr()]);
      }
      this.#p++;
      return { t: "dict", entries };
    }
    const items = [first];
    while (!this.#isOp("}")) {
      this.#expect(",");
      if (this.#isOp("}")) break;
      items.push(this.#expr());
    }
    this.#p++;
    return { t: "set", items };
  }
}

function negate(v: PyValue, neg: boolean): PyValue {
  if (!neg) return v;
  switch (v.t) {
    case "int":
      return { t: "int", v: -v.v };
    case "float":
      return { t: "float", v: -v.v };
    case "complex":
      return { t: "complex", re: -v.re, im: -v.im };
    default:
      return v;
  }
}

function latin1Bytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

/**
 * Parses a Python literal the way `ast.literal_eval` does, throwing an
 * `NpyError` with code `HEADER_SYNTAX` where Python would refuse it.
 */
export function parseLiteral(text: string, opts: LiteralOptions): PyValue {
  if (!opts.allowLongSuffix) return parseOnce(text, opts);
  // numpy tries ast.literal_eval first, and only after a SyntaxError its
  // Python 2 filter: tokenize, drop an L after a number, untokenize.
  try {
    return parseOnce(text, { ...opts, allowLongSuffix: false });
  } catch (e) {
    if (!(e instanceof NpyError)) throw e;
  }
  return parseOnce(untokenizedEnding(text), { ...opts, formFeedIsSpace: true });
}

/**
 * The end of a header as numpy's tokenize/untokenize round trip leaves it
 * (blanks elsewhere come back as spaces: see `formFeedIsSpace`; the L
 * suffixes are left to the lexer). The tokenize module splits lines at "\n"
 * only, and drops a last line of blanks after one that does not end a
 * backslash continuation.
 */
function untokenizedEnding(text: string): string {
  const lf = text.lastIndexOf("\n");
  let k = text.length;
  while (k > 0 && (text[k - 1] === " " || text[k - 1] === "\t" || text[k - 1] === "\f")) k--;
  if (lf >= 0 && k === lf + 1 && !continues(text, lf)) return text.slice(0, k);
  return text;
}

/**
 * Whether `i` is inside a line (as the tokenize module splits lines, at
 * "\n" only) that holds nothing but blanks and a comment: tokenize keeps
 * such a comment to the line's end, "\r" and form feeds included, so
 * untokenize writes those back as they were.
 */
function inCommentLine(s: string, i: number): boolean {
  const lf = s.lastIndexOf("\n", i - 1);
  if (lf >= 0 && continues(s, lf)) return false;
  let k = lf + 1;
  while (k < i && (s[k] === " " || s[k] === "\t" || s[k] === "\f")) k++;
  return k < i && s[k] === "#";
}

/** Whether the "\n" at `lf` ends a backslash continuation (not one inside a comment). */
function continues(text: string, lf: number): boolean {
  let b = lf - 1;
  if (text[b] === "\r") b--;
  if (text[b] !== "\\") return false;
  for (let k = b - 1; k >= 0 && text[k] !== "\n" && text[k] !== "\r"; k--) {
    if (text[k] === "#") return false;
  }
  return true;
}

function parseOnce(text: string, opts: LiteralOptions): PyValue {
  const lexer = new Lexer(text, opts);
  // Python refuses a NUL anywhere in source, comments and strings included.
  const nul = text.indexOf("\0");
  if (nul >= 0) lexer.fail("source code cannot contain null bytes", nul);
  const toks = lexer.run();
  return new Parser(toks, lexer).parseTop();
}

/** Python's `repr()` of a value, as numpy writes it in a header. */
export function pyRepr(v: PyValue): string {
  switch (v.t) {
    case "str":
      return reprStr(v.v);
    case "int":
      return v.v.toString();
    case "bool":
      return v.v ? "True" : "False";
    case "none":
      return "None";
    case "tuple":
      return v.items.length === 1
        ? `(${pyRepr(v.items[0])},)`
        : `(${v.items.map(pyRepr).join(", ")})`;
    case "list":
      return `[${v.items.map(pyRepr).join(", ")}]`;
    default:
      throw new TypeError(`pyRepr: unsupported ${v.t}`);
  }
}

// Characters Python's str.isprintable() rejects: categories Cc Cf Cs Co Cn
// Zl Zp Zs, except the ASCII space.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's `repr()` of a str. */
export function reprStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch !== " " && NON_PRINTABLE.test(ch)) {
      if (cp < 0x100) out += "\\x" + cp.toString(16).padStart(2, "0");
      else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
      else out += "\\U" + cp.toString(16).padStart(8, "0");
    } else out += ch;
  }
  return out + quote;
}
