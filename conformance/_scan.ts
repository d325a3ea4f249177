// Copyright 2026 the npy authors. MIT license.
// A light, lenient scanner for the text of a .npy header, used only to
// explain how a header differs from numpy's own form (key order, spacing,
// quotes, the trailing `, }`, `L` suffixes). Whether numpy accepts the header
// is decided by the codec, never here.

/** One token of header text. */
export interface Token {
  /** `str`, `num`, `name`, or `op` for one of `{}()[],:`. */
  kind: "str" | "num" | "name" | "op";
  /** The token's text as written. */
  text: string;
  /** Index of the first character in the header text. */
  start: number;
  /** Index after the last character. */
  end: number;
  /** For `str`: the decoded value. For `num`: the integer value, if it is one. */
  value?: string | bigint;
  /** For `num`: the Python 2 `L` suffix was written. */
  long?: boolean;
}

/** One `key: value` entry of the header dict. */
export interface Entry {
  /** The key, decoded; undefined when the key is not a string. */
  key: string | undefined;
  /** Index of the key's token. */
  keyIndex: number;
  /** Token indexes of the value: `[from, to)`. */
  value: [number, number];
  /** Index of the `,` after the value, if any. */
  comma: number | undefined;
}

/** The header text split into its dict and the padding after it. */
export interface ScannedHeader {
  /** All tokens of the dict, `{` to `}`. */
  tokens: Token[];
  /** The dict's entries in written order. */
  entries: Entry[];
  /** Index in the text just after the closing `}`. */
  dictEnd: number;
}

const OPS = "{}()[],:";

/**
 * Splits a header into tokens and dict entries; undefined when the text is
 * not simple enough to explain (numpy may still accept it).
 */
export function scanHeader(text: string): ScannedHeader | undefined {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0 || tokens[0].text !== "{") return undefined;
  let depth = 0;
  let close = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== "op") continue;
    if ("{([".includes(t.text)) depth++;
    else if ("})]".includes(t.text)) {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    }
  }
  if (close < 0 || close !== tokens.length - 1) return undefined;
  const entries: Entry[] = [];
  let i = 1;
  while (i < close) {
    const k = tokens[i];
    if (tokens[i + 1]?.text !== ":") return undefined;
    let j = i + 2;
    let d = 0;
    while (j < close) {
      const t = tokens[j];
      if (t.kind === "op") {
        if ("{([".includes(t.text)) d++;
        else if ("})]".includes(t.text)) d--;
        else if (t.text === "," && d === 0) break;
      }
      j++;
    }
    if (j === i + 2) return undefined;
    const entry: Entry = {
      key: k.kind === "str" ? k.value as string : undefined,
      keyIndex: i,
      value: [i + 2, j],
      comma: j < close ? j : undefined,
    };
    entries.push(entry);
    i = j < close ? j + 1 : j;
  }
  return { tokens: tokens.slice(0, close + 1), entries, dictEnd: tokens[close].end };
}

function tokenize(s: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  let depth = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === " " || c === "\t" || c === "\f" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < s.length && s[i] !== "\n" && s[i] !== "\r") i++;
      continue;
    }
    if (depth === 0 && out.length > 0) break; // the dict is closed: padding follows
    const start = i;
    if (OPS.includes(c)) {
      if ("{([".includes(c)) depth++;
      if ("})]".includes(c)) depth--;
      out.push({ kind: "op", text: c, start, end: i + 1 });
      i++;
      continue;
    }
    const prefix = /^[uUrRbB]{0,2}(?=['"])/.exec(s.slice(i, i + 3));
    if (prefix) {
      const str = readString(s, i + prefix[0].length, prefix[0]);
      if (!str) return undefined;
      out.push({
        kind: "str",
        text: s.slice(start, str.end),
        start,
        end: str.end,
        value: str.value,
      });
      i = str.end;
      continue;
    }
    if (/[0-9+\-.]/.test(c)) {
      const m = /^[+-]?[0-9A-Za-z_.]+/.exec(s.slice(i));
      if (!m) return undefined;
      const text = m[0];
      const long = /^[+-]?[0-9][0-9_]*[lL]$/.test(text);
      out.push({
        kind: "num",
        text,
        start,
        end: i + text.length,
        value: intValue(long ? text.slice(0, -1) : text),
        long,
      });
      i += text.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i))!;
      out.push({ kind: "name", text: m[0], start, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    return undefined;
  }
  return out;
}

function intValue(text: string): bigint | undefined {
  const sign = text.startsWith("-") ? -1n : 1n;
  const body = text.replace(/^[+-]/, "").replaceAll("_", "");
  if (!/^(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)$/.test(body)) return undefined;
  try {
    return sign * BigInt(body.replace(/^0[oO]/, "0o").replace(/^0[bB]/, "0b"));
  } catch {
    return undefined;
  }
}

const ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  n: "\n",
  t: "\t",
  r: "\r",
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
  "0": "\0",
};

function readString(
  s: string,
  i: number,
  prefix: string,
): { end: number; value: string } | undefined {
  const raw = /r/i.test(prefix);
  const q = s.startsWith(s[i].repeat(3), i) ? s[i].repeat(3) : s[i];
  let j = i + q.length;
  let value = "";
  while (j < s.length) {
    if (s.startsWith(q, j)) return { end: j + q.length, value };
    const c = s[j];
    if (c === "\\" && !raw) {
      const n = s[j + 1];
      if (n === undefined) return undefined;
      if (n === "x" && /^[0-9a-fA-F]{2}$/.test(s.slice(j + 2, j + 4))) {
        value += String.fromCharCode(parseInt(s.slice(j + 2, j + 4), 16));
        j += 4;
      } else if (n === "u" && /^[0-9a-fA-F]{4}$/.test(s.slice(j + 2, j + 6))) {
        value += String.fromCharCode(parseInt(s.slice(j + 2, j + 6), 16));
        j += 6;
      } else if (n === "U" && /^[0-9a-fA-F]{8}$/.test(s.slice(j + 2, j + 10))) {
        value += String.fromCodePoint(parseInt(s.slice(j + 2, j + 10), 16));
        j += 10;
      } else if (n === "\n") {
        j += 2;
      } else {
        value += ESCAPES[n] ?? "\\" + n;
        j += 2;
      }
      continue;
    }
    if ((c === "\n" || c === "\r") && q.length === 1) return undefined;
    value += c;
    j++;
  }
  return undefined;
}

/** Python's `repr()` of a str, as numpy writes keys, type strings and field names. */
export function pyStrRepr(v: string): string {
  const q = v.includes("'") && !v.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of v) {
    const c = ch.codePointAt(0)!;
    if (ch === q || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + q;
}

/**
 * Writes tokens the way Python's `repr()` spaces them: one space after `:`
 * and after `,` (none before a closing parenthesis), strings with `repr()`
 * quotes, integers in decimal without an `L`.
 */
export function renderTokens(tokens: readonly Token[]): string {
  let out = "";
  for (let i = 0; i < tokens.length; i++) {
    out += canonicalText(tokens[i]);
    const next = tokens[i + 1];
    if (!next) break;
    const t = tokens[i].text;
    if (t === ":" || (t === "," && next.text !== ")")) out += " ";
  }
  return out;
}

/** One token as Python's `repr()` writes it. */
export function canonicalText(t: Token): string {
  if (t.kind === "str") return pyStrRepr(t.value as string);
  if (t.kind === "num" && typeof t.value === "bigint") return t.value.toString();
  return t.text;
}
