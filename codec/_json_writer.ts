// Copyright 2026 the npy authors. MIT license.
// An array's values as JSON text, written as UTF-8 through one reused byte
// buffer: the same text as stringifyJson(toJsonValues(array)), without a
// JS value per element or the whole text at once, from the elements given
// all at once (pushArray) or in blocks as a file is read (push).
//
// Numbers, bools and complex values are formatted by JSON.stringify of a
// plain array of up to RUN of them (a contiguous run of floats or integers
// copied by Array.from, others through a reused array), whose text (with
// its brackets) is encoded straight into the buffer, not by one `"" + x`
// each: V8 keeps the string of every number it converts in its
// number-to-string cache, allocated in the old generation, so a million
// conversions grow the old generation by tens of MB before a full GC frees
// them. JSON.stringify writes the same digits (ToString(x), for a finite x)
// into its result. Little stays alive from one run to the next, so V8's
// young generation, which grows with the bytes that survive its scavenges,
// stays small.

import { elementJson, stringifyJson } from "./json.ts";
import type { DType, NpyArray, NpyData } from "./types.ts";

/** Bytes of the buffer a writer fills before it hands them on. */
export const JSON_CHUNK_BYTES: number = 1 << 16;

/**
 * Elements formatted by one JSON.stringify: their text (at most 25
 * characters for a float64) is small beside V8's young generation, and so
 * is what of it survives a scavenge.
 */
const RUN = 1024;

const NAT = -(1n << 63n);
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const OPEN = 0x5b, CLOSE = 0x5d, COMMA = 0x2c;

const ENCODER = new TextEncoder();

function floatText(x: number): string {
  if (x !== x) return '"NaN"';
  if (x === Infinity) return '"Infinity"';
  if (x === -Infinity) return '"-Infinity"';
  return x === 0 && 1 / x < 0 ? "-0.0" : "" + x;
}

/** Whether JSON.stringify would not write `x` as stringifyJson does: NaN, ±Infinity, -0. */
function special(x: number): boolean {
  return x - x !== 0 || (x === 0 && 1 / x < 0);
}

/**
 * Whether JSON.stringify writes every element of `d` as stringifyJson does,
 * found by the typed array's own searches (no JavaScript loop per element).
 */
function plain(d: Float64Array): boolean {
  if (d.includes(NaN) || d.includes(Infinity) || d.includes(-Infinity)) return false;
  for (let k = d.indexOf(0); k >= 0; k = d.indexOf(0, k + 1)) if (1 / d[k] < 0) return false;
  return true;
}

function bigText(v: bigint): string {
  return v <= SAFE && v >= -SAFE ? v.toString() : `"${v}"`;
}

/** Element `i` (storage order) as JSON text, for the dtypes formatted one by one. */
function elementText(dtype: DType): (data: NpyData, i: number) => string {
  switch (dtype.kind) {
    case "b":
      return (data, i) => ((data as Uint8Array)[i] !== 0 ? "true" : "false");
    case "i":
    case "u":
      if (dtype.itemsize === 8) return (data, i) => bigText((data as BigInt64Array)[i]);
      return (data, i) => "" + (data as Int32Array)[i];
    case "M":
    case "m":
      return (data, i) => {
        const v = (data as BigInt64Array)[i];
        return v === NAT ? '"NaT"' : bigText(v);
      };
    case "f":
      if (dtype.itemsize <= 8) return (data, i) => floatText((data as Float64Array)[i]);
      break;
    case "c":
      if (dtype.itemsize <= 16) {
        return (data, i) => {
          const d = data as Float64Array;
          return `[${floatText(d[2 * i])},${floatText(d[2 * i + 1])}]`;
        };
      }
      break;
  }
  return (data, i) => stringifyJson(elementJson(data, dtype, i));
}

/** How a dtype's elements are formatted: by JSON.stringify of plain values, or one by one. */
type Batch = "float" | "complex" | "int" | "bool" | undefined;

function batchOf(dtype: DType): Batch {
  switch (dtype.kind) {
    case "b":
      return "bool";
    case "i":
    case "u":
      return dtype.itemsize < 8 ? "int" : undefined;
    case "f":
      return dtype.itemsize <= 8 ? "float" : undefined;
    case "c":
      return dtype.itemsize <= 16 ? "complex" : undefined;
  }
  return undefined;
}

/**
 * Writes the values of an array as JSON (nested lists in logical C order,
 * the bare element for a 0-d array) as UTF-8, from its elements handed over
 * in logical C order, in as many calls of {@linkcode JsonValuesWriter.push}
 * as suit the caller: a file's blocks as they are read. The bytes are
 * gathered in one buffer and handed to `sink` each time it fills (and at
 * {@linkcode JsonValuesWriter.end}); they are valid only during that call.
 * The text is `stringifyJson(toJsonValues(array))`.
 */
export class JsonValuesWriter {
  #sink: (bytes: Uint8Array) => void;
  #buf: Uint8Array;
  #pos = 0;
  #shape: readonly number[];
  #count: number;
  /** Elements per innermost list (1 for a 0-d array). */
  #row: number;
  /** Elements pushed so far, and of them in the current innermost list. */
  #done = 0;
  #col = 0;
  /** The index along each axis but the last of the current innermost list. */
  #index: number[];
  #batch: Batch;
  #one: (data: NpyData, i: number) => string;
  /** Reused plain arrays of values for JSON.stringify: one of RUN, one of the last other length. */
  #full: unknown[] | undefined;
  #part: unknown[] | undefined;

  /**
   * @param dtype The element type.
   * @param shape The array's shape.
   * @param sink Called with each buffer of bytes.
   * @param buffer The buffer to fill; by default a new one of {@linkcode JSON_CHUNK_BYTES}.
   */
  constructor(
    dtype: DType,
    shape: readonly number[],
    sink: (bytes: Uint8Array) => void,
    buffer: Uint8Array = new Uint8Array(JSON_CHUNK_BYTES),
  ) {
    if (buffer.length < 16) throw new RangeError("the buffer must hold at least 16 bytes");
    this.#sink = sink;
    this.#buf = buffer;
    this.#shape = shape;
    this.#count = shape.reduce((a, b) => a * b, 1);
    this.#row = shape.length === 0 ? 1 : shape[shape.length - 1];
    this.#index = new Array(Math.max(0, shape.length - 1)).fill(0);
    this.#batch = batchOf(dtype);
    this.#one = elementText(dtype);
  }

  /** Hands the bytes gathered so far to the sink. */
  flush(): void {
    if (this.#pos > 0) this.#sink(this.#buf.subarray(0, this.#pos));
    this.#pos = 0;
  }

  #byte(b: number): void {
    if (this.#pos === this.#buf.length) this.flush();
    this.#buf[this.#pos++] = b;
  }

  #bytes(b: number, n: number): void {
    for (let k = 0; k < n; k++) this.#byte(b);
  }

  /**
   * Writes text, such as what surrounds the values in a larger JSON
   * document.
   *
   * @param text The text.
   */
  text(text: string): void {
    // Most text is ASCII: one byte a character. Start it in a fresh buffer rather than split it.
    if (text.length > this.#buf.length - this.#pos && text.length <= this.#buf.length) {
      this.flush();
    }
    let rest = text;
    for (;;) {
      const { read, written } = ENCODER.encodeInto(rest, this.#buf.subarray(this.#pos));
      this.#pos += written;
      if (read === rest.length) return;
      rest = rest.slice(read);
      this.flush();
    }
  }

  /**
   * The text of a JSON array, ASCII, as the elements of the current
   * innermost list: its `[` is the list's opening bracket where `open`,
   * else a comma; its `]` is kept where `close`.
   */
  #items(text: string, open: boolean, close: boolean): void {
    if (text.length > this.#buf.length) {
      this.#byte(open ? OPEN : COMMA);
      this.text(text.slice(1, -1));
      if (close) this.#byte(CLOSE);
      return;
    }
    if (text.length > this.#buf.length - this.#pos) this.flush();
    const at = this.#pos;
    this.#pos += ENCODER.encodeInto(text, this.#buf.subarray(at)).written;
    if (!open) this.#buf[at] = COMMA;
    if (!close) this.#pos--;
  }

  /** A reused plain array of `m` slots. */
  #array(m: number): unknown[] {
    if (m === RUN) return this.#full ??= new Array(RUN).fill(0);
    if (this.#part?.length !== m) this.#part = new Array(m).fill(0);
    return this.#part;
  }

  /** Separators and brackets before the innermost list that begins now, but its `[`. */
  #open(): void {
    const nd = this.#shape.length;
    if (this.#done === 0) {
      this.#bytes(OPEN, nd - 1);
      return;
    }
    // Step the outer axes like an odometer; each that wraps closes and reopens a list.
    let wrapped = 0;
    for (let j = nd - 2; j >= 0; j--) {
      if (++this.#index[j] < this.#shape[j]) break;
      this.#index[j] = 0;
      wrapped++;
    }
    this.#bytes(CLOSE, wrapped);
    this.#byte(COMMA);
    this.#bytes(OPEN, wrapped);
  }

  /**
   * The next `n` elements in logical C order: `data[start]`,
   * `data[start + step]`, ... (indices of elements, as for `NpyArray.data`).
   *
   * @param data The elements' data, of the writer's dtype.
   * @param start The index of the first.
   * @param step The distance from one to the next.
   * @param n How many.
   */
  push(data: NpyData, start: number, step: number, n: number): void {
    if (this.#done + n > this.#count) throw new RangeError("more elements than the shape holds");
    if (this.#shape.length === 0) {
      if (n > 0) this.text(this.#one(data, start));
      this.#done += n;
      return;
    }
    while (n > 0) {
      const open = this.#col === 0;
      if (open) this.#open();
      const m = Math.min(n, this.#row - this.#col, RUN);
      const close = this.#col + m === this.#row;
      this.#run(data, start, step, m, open, close);
      start += m * step;
      n -= m;
      this.#done += m;
      this.#col = close ? 0 : this.#col + m;
    }
  }

  /** `m` elements as items of the current innermost list (see #items for open and close). */
  #run(data: NpyData, i: number, step: number, m: number, open: boolean, close: boolean): void {
    if (this.#batch === "float" && step === 1 && m >= 64) {
      // Array.from copies in a builtin: no loop of ours per element for V8's optimizing
      // compilers to compile (their code, paged in, was 3 MB of the process's peak).
      const run = (data as Float64Array).subarray(i, i + m);
      if (plain(run)) return this.#items(JSON.stringify(Array.from(run)), open, close);
    }
    switch (this.#batch) {
      case "float":
      case "complex": {
        const cx = this.#batch === "complex";
        const d = data as Float64Array;
        const a = this.#array(m);
        for (let k = 0; k < m; k++, i += step) {
          if (cx) {
            const re = d[2 * i], im = d[2 * i + 1];
            if (special(re) || special(im)) return this.#mixed(data, i, step, m, k, open, close);
            const pair = a[k] as number[] | number;
            if (typeof pair === "number") a[k] = [re, im];
            else {
              pair[0] = re;
              pair[1] = im;
            }
          } else {
            const x = d[i];
            if (special(x)) return this.#mixed(data, i, step, m, k, open, close);
            a[k] = x;
          }
        }
        return this.#items(JSON.stringify(a), open, close);
      }
      case "int": {
        const d = data as Int32Array;
        if (step === 1 && m >= 64) {
          return this.#items(JSON.stringify(Array.from(d.subarray(i, i + m))), open, close);
        }
        const a = this.#array(m);
        for (let k = 0; k < m; k++, i += step) a[k] = d[i];
        return this.#items(JSON.stringify(a), open, close);
      }
      case "bool": {
        const d = data as Uint8Array;
        const a = this.#array(m);
        for (let k = 0; k < m; k++, i += step) a[k] = d[i] !== 0;
        return this.#items(JSON.stringify(a), open, close);
      }
    }
    let text = this.#one(data, i);
    for (let k = 1; k < m; k++) text += "," + this.#one(data, i += step);
    this.#byte(open ? OPEN : COMMA);
    this.text(text);
    if (close) this.#byte(CLOSE);
  }

  /**
   * The rest of a run of floats or complex values from its element `k`
   * (at `i`), the first that JSON.stringify does not write as stringifyJson
   * does; the `k` before it are in the reused array. Written in pieces: the
   * ordinary values by JSON.stringify, the others one by one.
   */
  #mixed(
    data: NpyData,
    i: number,
    step: number,
    m: number,
    k: number,
    open: boolean,
    close: boolean,
  ): void {
    const cx = this.#batch === "complex";
    const d = data as Float64Array;
    let plain = this.#array(m).slice(0, k);
    let first = true;
    const piece = (last: boolean): void => {
      if (plain.length === 0) return;
      this.#items(JSON.stringify(plain), first && open, last && close);
      first = false;
      plain = [];
    };
    for (; k < m; k++, i += step) {
      const x = cx ? d[2 * i] : d[i], y = cx ? d[2 * i + 1] : 0;
      if (special(x) || special(y)) {
        piece(false);
        this.#byte(first && open ? OPEN : COMMA);
        this.text(this.#one(data, i));
        first = false;
        if (k === m - 1 && close) this.#byte(CLOSE);
      } else {
        plain.push(cx ? [x, y] : x);
      }
    }
    piece(true);
  }

  /**
   * Closes the lists, after every element has been pushed. The bytes not
   * yet handed to the sink stay in the buffer until {@linkcode JsonValuesWriter.flush}.
   */
  end(): void {
    if (this.#done !== this.#count) throw new RangeError("fewer elements than the shape holds");
    if (this.#count === 0) this.#empty(0);
    else this.#bytes(CLOSE, Math.max(0, this.#shape.length - 1));
  }

  /** The lists of an array without elements, from `axis` in. */
  #empty(axis: number): void {
    this.#byte(OPEN);
    if (axis < this.#shape.length - 1) {
      for (let k = 0; k < this.#shape[axis]; k++) {
        if (k !== 0) this.#byte(COMMA);
        this.#empty(axis + 1);
      }
    }
    this.#byte(CLOSE);
  }
}

/**
 * Hands every element of `array` to `writer` (which must be for its dtype
 * and shape) in logical C order.
 */
export function pushArray(writer: JsonValuesWriter, array: NpyArray): void {
  const { shape, fortranOrder, data } = array;
  const nd = shape.length;
  let count = 1, outer = 1;
  for (let j = 0; j < nd; j++) {
    count *= shape[j];
    if (j < nd - 1) outer *= shape[j];
  }
  if (count > 0 && fortranOrder && nd > 1) {
    // Each innermost list runs along the last axis: every `outer`-th element.
    const strides: number[] = new Array(nd);
    let s = 1;
    for (let j = 0; j < nd; j++) {
      strides[j] = s;
      s *= shape[j];
    }
    const index = new Array(nd - 1).fill(0);
    let base = 0;
    for (let r = 0; r < outer; r++) {
      writer.push(data, base, outer, shape[nd - 1]);
      for (let j = nd - 2; j >= 0; j--) {
        base += strides[j];
        if (++index[j] < shape[j]) break;
        base -= strides[j] * shape[j];
        index[j] = 0;
      }
    }
  } else {
    writer.push(data, 0, 1, count);
  }
}
