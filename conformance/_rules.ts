// Copyright 2026 the npy authors. MIT license.
// numpy's verdict on a file (from the codec, which refuses exactly what
// np.load refuses) and the style findings: how the file differs from what
// np.save writes. The style checks scan the raw header text lightly; they
// never decide whether numpy loads a file.

import { decode } from "../codec/decode.ts";
import { dataBytes } from "../codec/_data.ts";
import { hasObject } from "../codec/_descr.ts";
import { bytesEqualAt } from "./_bytes_equal.ts";
import { encodeParts } from "../codec/encode.ts";
import { NpyError, type NpyErrorCode } from "../codec/errors.ts";
import { formatDescr, isPlatformDefined } from "../codec/descr.ts";
import {
  ARRAY_ALIGN,
  GROWTH_AXIS_MAX_DIGITS,
  MAX_HEADER_SIZE,
  type NpyHeader,
  readHeader,
  writeHeader,
} from "../codec/header.ts";
import type { DType } from "../codec/types.ts";
import { scanPickle } from "../pickle/_scan.ts";
import type { Finding, RuleId, Severity, ValidateOptions } from "./_catalog.ts";
import { RULES } from "./_catalog.ts";
import { canonicalText, pyStrRepr, renderTokens, scanHeader, type ScannedHeader } from "./_scan.ts";

/** What the reader tables need to know about a file whose header numpy can read. */
export interface Facts {
  /** The whole file. */
  bytes: Uint8Array;
  /** Format major version (1, 2 or 3). */
  major: number;
  /** Offset of the header text: 10 for version 1.0, else 12. */
  headerStart: number;
  /** The header length field. */
  headerLen: number;
  /** Where the data starts. */
  dataOffset: number;
  /** The header bytes as latin1 characters, one per byte. */
  raw: string;
  /** The header text as numpy decodes it (latin1, or UTF-8 for 3.0). */
  text: string;
  /** The codec's reading of the header (without the size limit). */
  header: NpyHeader;
  /** The scanned dict, when the text is simple enough. */
  scanned: ScannedHeader | undefined;
  /** Bytes of data the header declares. */
  nbytes: number;
  /** Bytes after the data offset. */
  available: number;
}

/** numpy's verdict and the findings. */
export interface NumpyAnalysis {
  numpyLoadable: boolean;
  canonical: boolean;
  findings: Finding[];
  facts: Facts | undefined;
}

const CODE_RULES: Partial<Record<NpyErrorCode, RuleId>> = {
  BAD_MAGIC: "magic",
  UNSUPPORTED_VERSION: "version",
  TRUNCATED_HEADER: "header-length",
  HEADER_TOO_LARGE: "header-too-large",
  HEADER_ENCODING: "header-encoding",
  HEADER_SYNTAX: "header-syntax",
  HEADER_NOT_DICT: "header-not-dict",
  HEADER_KEYS: "header-keys",
  INVALID_SHAPE: "shape",
  TOO_LARGE: "shape",
  INVALID_FORTRAN_ORDER: "fortran-order",
  INVALID_DESCR: "descr",
  OBJECT_ARRAY: "object-dtype",
  TRUNCATED_DATA: "data-truncated",
};

const ADVICE: Partial<Record<RuleId, string>> = {
  "magic": "a .npy file starts with the 6 bytes \\x93NUMPY",
  "version": "write version 1.0 (2.0 only for headers over 65535 bytes, 3.0 only for UTF-8 text)",
  "header-length": "the length field (little-endian, 2 bytes in 1.0, 4 in 2.0/3.0) " +
    "must count the header text, its padding and the newline",
  "header-encoding": "encode a version 3.0 header as UTF-8",
  "header-syntax": "write the header as numpy does: `{'descr': '<f8', 'fortran_order': False, " +
    "'shape': (3,), }`, padded with spaces and ending in a newline",
  "header-not-dict": "the header must be a dict literal",
  "header-keys": "write exactly the keys 'descr', 'fortran_order' and 'shape'",
  "descr":
    "write a type string such as '<f8' or a list of (name, type) fields as numpy's dtype.descr",
  "shape": "write the shape as a tuple of non-negative ints, e.g. (3,) or (2, 3)",
  "fortran-order": "write True or False",
  "object-dtype": "object arrays are pickled; numpy loads them only with allow_pickle=True " +
    "(unsafe for untrusted files); store fixed-width types instead",
  "data-truncated": "write all count * itemsize bytes of data after the header",
};

/** Removes the ` (at byte N)` NpyError appends; the offset is reported apart. */
function bare(e: NpyError): string {
  return e.message.replace(/ \(at byte \d+\)$/, "");
}

function errorFinding(e: NpyError, bytes: Uint8Array): Finding {
  let rule = CODE_RULES[e.code] ?? "header-syntax";
  let offset = e.offset ?? 0;
  let message = bare(e);
  if (e.code === "TRUNCATED_HEADER" && bytes.length < 8) {
    rule = "magic";
    message = `the file is ${bytes.length} bytes, shorter than the 8-byte magic and version`;
  } else if (e.code === "BAD_MAGIC" && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    message += "; this is a zip archive (.npz?): np.load returns an NpzFile for it, not an array";
  } else if (e.code === "HEADER_SYNTAX") {
    const hint = lengthHint(bytes);
    if (hint) {
      rule = "header-length";
      offset = 8;
      message = `${hint}; numpy: ${message}`;
    }
  }
  const advice = ADVICE[rule];
  return {
    rule,
    severity: "error",
    offset,
    message: advice ? `${message}. Fix: ${advice}` : message,
  };
}

/**
 * When the header does not parse, checks whether the length field is to
 * blame: the text `{...}` + spaces + newline ends somewhere else.
 */
function lengthHint(bytes: Uint8Array): string | undefined {
  const major = bytes[6];
  const start = major === 1 ? 10 : 12;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  const declared = start + len;
  const limit = Math.min(bytes.length, start + 1_000_000);
  for (let i = start; i < limit; i++) {
    if (bytes[i] !== 0x7d) continue; // }
    let j = i + 1;
    while (j < limit && bytes[j] === 0x20) j++;
    if (bytes[j] === 0x0a) {
      if (j + 1 === declared) return undefined;
      if (bytes[start] !== 0x7b) return undefined;
      return `the header length field says ${len} bytes (data at byte ${declared}), but the ` +
        `header text ends with its newline at byte ${j} (data at byte ${j + 1})`;
    }
  }
  return undefined;
}

function headerChars(text: string, major: number): number {
  return major === 3 ? [...text].length : text.length;
}

function latin1(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 8192) {
    s += String.fromCharCode(...b.subarray(i, i + 8192));
  }
  return s;
}

const UTF8 = new TextDecoder("utf-8", { fatal: false });

function shapeRepr(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

function bytesEqual(a: Uint8Array, b: Uint8Array, at: number): boolean {
  return bytesEqualAt(a, b, at);
}

/** The alignment a zero-copy reader needs for one element: the typed array's unit. */
export function elementAlignment(dtype: DType): number {
  switch (dtype.kind) {
    case "struct":
      return dtype.fields.reduce((m, f) => Math.max(m, elementAlignment(f.dtype)), 1);
    case "subarray":
      return elementAlignment(dtype.base);
    case "c":
      return dtype.itemsize / 2;
    case "U":
      return 4;
    case "S":
    case "V":
    case "b":
      return 1;
    default:
      return dtype.itemsize;
  }
}

function describeDType(h: NpyHeader): string {
  return typeof h.descr === "string" ? `'${h.descr}'` : "structured";
}

/** numpy's verdict on a file and how it differs from what np.save writes. */
export function analyze(bytes: Uint8Array, options: ValidateOptions): NumpyAnalysis {
  const limit = options.maxHeaderSize ?? MAX_HEADER_SIZE;
  if (!(limit >= 0)) {
    throw new NpyError("INVALID_OPTION", `maxHeaderSize must be >= 0, got ${limit}`);
  }
  const size = options.fileSize ?? bytes.length;
  if (!(Number.isSafeInteger(size) && size >= bytes.length)) {
    throw new NpyError(
      "INVALID_OPTION",
      `fileSize must be an integer >= the ${bytes.length} bytes given, got ${size}`,
    );
  }
  let header: NpyHeader;
  try {
    header = readHeader(bytes, { maxHeaderSize: Infinity, allowPickle: true });
  } catch (e) {
    if (!(e instanceof NpyError)) throw e;
    return {
      numpyLoadable: false,
      canonical: false,
      findings: [errorFinding(e, bytes)],
      facts: undefined,
    };
  }
  const findings: Finding[] = [];
  const add = (rule: RuleId, offset: number, message: string, severity = RULES[rule].severity) =>
    findings.push({ rule, severity, offset, message });
  let numpyLoadable = true;

  const major = bytes[6];
  const headerStart = major === 1 ? 10 : 12;
  const headerLen = header.dataOffset - headerStart;
  const rawBytes = bytes.subarray(headerStart, header.dataOffset);
  const raw = latin1(rawBytes);
  const text = major === 3 ? UTF8.decode(rawBytes) : raw;
  const at = major === 3
    ? (i: number) => headerStart + new TextEncoder().encode(text.slice(0, i)).length
    : (i: number) => headerStart + i;

  const chars = headerChars(text, major);
  if (chars > limit) {
    numpyLoadable = false;
    add(
      "header-too-large",
      headerStart,
      `the header is ${chars} characters; np.load refuses headers over ${limit} characters ` +
        `(max_header_size) as possibly unsafe. To load it anyway: np.load(f, max_header_size=${chars}) ` +
        `(or allow_pickle=True for a trusted file); here: validate/decode with { maxHeaderSize: ${chars} }. ` +
        `numpy itself writes such headers for dtypes with many fields`,
    );
  } else if (chars > MAX_HEADER_SIZE) {
    add(
      "header-too-large",
      headerStart,
      `the header is ${chars} characters; np.load with its default max_header_size=10000 refuses it ` +
        `(np.load(f, max_header_size=${chars}) loads it)`,
      "warning",
    );
  }

  const objects = hasObject(header.dtype);
  const available = size - header.dataOffset;
  // An object array's data is a pickle that runs to the end of the file.
  const nbytes = objects ? available : header.count * header.dtype.itemsize;

  // numpy's reading of the data, and np.save's bytes for the same array.
  let canonical = false;
  let canonicalHeader: Uint8Array | undefined;
  if (objects) {
    numpyLoadable = false;
    // A partial read (fileSize) holds the header only: the pickle is not scanned.
    pickleFindings(size > bytes.length ? bytes.subarray(0, header.dataOffset) : bytes, header, add);
  } else {
    try {
      if (size > bytes.length) {
        // Only the start of the file is here: numpy's checks on the data go by size.
        dataBytes(header, size);
        canonicalHeader = saveHeader(header);
        canonical = canonicalHeader.length + nbytes === size &&
          bytesEqual(bytes, canonicalHeader, 0);
      } else {
        const array = decode(bytes, { maxHeaderSize: Infinity });
        const parts = encodeParts(array);
        canonicalHeader = parts.header;
        canonical = parts.header.length + parts.data.length === bytes.length &&
          bytesEqual(bytes, parts.header, 0) && bytesEqual(bytes, parts.data, parts.header.length);
      }
    } catch (e) {
      if (!(e instanceof NpyError)) throw e;
      numpyLoadable = false;
      findings.push(errorFinding(e, bytes));
      canonicalHeader = size > bytes.length
        ? partialCanonicalHeader(header)
        : paddedCanonicalHeader(bytes, header, nbytes);
    }
  }

  const scanned = scanHeader(text);
  const facts: Facts = {
    bytes,
    major,
    headerStart,
    headerLen,
    dataOffset: header.dataOffset,
    raw,
    text,
    header,
    scanned,
    nbytes,
    available,
  };

  // Style: how the header differs from np.save's.
  if (canonicalHeader) {
    const cMajor = canonicalHeader[6];
    const cStart = cMajor === 1 ? 10 : 12;
    const cRaw = canonicalHeader.subarray(cStart);
    const cText = cMajor === 3 ? UTF8.decode(cRaw) : latin1(cRaw);
    if (major > cMajor) {
      add(
        "version-not-minimal",
        6,
        major === 3
          ? `version 3.0 (UTF-8 header) where the header is latin1 text: numpy writes version ${cMajor}.0, ` +
            `which more readers read`
          : `version 2.0 (4-byte header length) for a header of ${headerLen} bytes: numpy writes ` +
            `version 1.0 up to 65535 bytes, and fewer readers read 2.0`,
      );
    }
    styleFindings(facts, cText, cMajor, add, at);
  }

  if (major !== 3) {
    const i = rawBytes.findIndex((b) => b >= 0x80);
    if (i >= 0) {
      add(
        "latin1-header",
        headerStart + i,
        `byte 0x${rawBytes[i].toString(16)} at ${headerStart + i}: numpy reads (and writes) ` +
          `version ${major}.0 headers as latin1, but readers that expect ASCII or UTF-8 ` +
          `(ndarray-npy, npyz) refuse it; ASCII field names avoid this`,
      );
    }
  }

  const unit = elementAlignment(header.dtype);
  if (header.dataOffset % ARRAY_ALIGN !== 0) {
    add(
      "alignment",
      header.dataOffset,
      `the data starts at byte ${header.dataOffset}, not a multiple of 64 as numpy writes` +
        (header.dataOffset % 16 === 0
          ? " (a multiple of 16, the alignment older numpy releases used)"
          : "") +
        "; pad the header with spaces before its newline",
    );
  }
  if (unit > 1 && header.dataOffset % unit !== 0) {
    add(
      "element-alignment",
      header.dataOffset,
      `the data starts at byte ${header.dataOffset}, not a multiple of ${unit} (the alignment of ` +
        `${describeDType(header)} elements): zero-copy readers (npyjs, numpy-parser, ndarray-npy ` +
        `views, typed arrays over a memory map) fail or must copy`,
    );
  }
  if (available > nbytes) {
    add(
      "trailing-bytes",
      header.dataOffset + nbytes,
      `${available - nbytes} bytes follow the ${nbytes} bytes of data the header declares ` +
        `(${header.count} elements of ${header.dtype.itemsize} bytes); numpy ignores them, ` +
        `but some readers fail or read extra elements`,
    );
  }
  if (isPlatformDefined(header.dtype)) {
    add(
      "platform-dtype",
      headerStart,
      `${describeDType(header)} holds longdouble values, whose format depends on the machine ` +
        `that wrote them (x87 80-bit, IEEE binary128, or double); store float64 or a ` +
        `documented format instead`,
    );
  }

  if (!canonical && numpyLoadable) {
    const explains = new Set<RuleId>([
      "version-not-minimal",
      "header-form",
      "descr-form",
      "long-suffix",
      "growth-padding",
      "alignment",
      "newline",
      "trailing-bytes",
    ]);
    if (!findings.some((f) => explains.has(f.rule))) {
      add(
        "header-form",
        headerStart,
        `the bytes differ from what np.save writes for this array (${formatDescr(header.dtype)}, ` +
          `shape ${shapeRepr(header.shape)})`,
      );
    }
  }
  findings.sort((a, b) => a.offset - b.offset);
  return { numpyLoadable, canonical, findings, facts };
}

/**
 * An object array: the header is valid, numpy loads it only with
 * allow_pickle=True; the globals its pickle names (scanned, never run), and
 * whether the safe reader reads it.
 */
function pickleFindings(bytes: Uint8Array, header: NpyHeader, add: Add): void {
  add(
    "object-dtype",
    header.dataOffset,
    `the header is valid, but the dtype ${
      formatDescr(header.dtype)
    } holds Python objects, so the ` +
      `data is a pickle: np.load refuses the file (Object arrays cannot be loaded when ` +
      `allow_pickle=False) and loads it only with allow_pickle=True, which runs the pickle. ` +
      `Fix: ${ADVICE["object-dtype"]}`,
  );
  const scan = scanPickle(bytes.subarray(header.dataOffset));
  if (scan.globals.length > 0) {
    add(
      "pickle-globals",
      header.dataOffset + scan.globals[0].offset,
      `the pickle names ${
        scan.globals.map((g) =>
          `${g.module}.${g.name}${g.calledBy.length ? ` (${g.calledBy.join(", ")})` : ""}${
            g.allowed ? "" : " [not whitelisted]"
          }`
        ).join(", ")
      }`,
    );
  }
  for (const g of scan.globals) {
    if (g.allowed) continue;
    const name = `${g.module}.${g.name}`;
    if (g.calledBy.length > 0) {
      add(
        "pickle-unsafe-global",
        header.dataOffset + g.offset,
        `the pickle calls ${name} (${g.calledBy.join(", ")}), a global outside the safe ` +
          `reader's whitelist: loading it with allow_pickle=True can run code`,
      );
    } else {
      add(
        "pickle-unsafe-global",
        header.dataOffset + g.offset,
        `the pickle names ${name} without calling it: numpy imports it (its module's code runs) ` +
          `and the safe reader keeps a reference`,
        "warning",
      );
    }
  }
  if (scan.error !== undefined) {
    add(
      "pickle-data",
      header.dataOffset + scan.error.offset,
      `the pickle cannot be read: ${scan.error.message}`,
    );
    return;
  }
  try {
    decode(bytes, { maxHeaderSize: Infinity, allowPickle: true });
  } catch (e) {
    if (!(e instanceof NpyError)) throw e;
    if (e.code === "PICKLE_UNSAFE_GLOBAL") return;
    add("pickle-data", e.offset ?? header.dataOffset, `the safe reader refuses it: ${bare(e)}`);
  }
}

/** np.save's header for a file whose data is short: decode a zero-padded copy. */
function paddedCanonicalHeader(
  bytes: Uint8Array,
  header: NpyHeader,
  nbytes: number,
): Uint8Array | undefined {
  const missing = header.dataOffset + nbytes - bytes.length;
  if (missing <= 0 || missing > 1 << 26) return undefined;
  const padded = new Uint8Array(header.dataOffset + nbytes);
  padded.set(bytes);
  try {
    return encodeParts(decode(padded, { maxHeaderSize: Infinity })).header;
  } catch {
    return undefined;
  }
}

/**
 * np.save's header for the array a header describes, without its data. As in
 * encode(), numpy writes fortran_order False for arrays that are also
 * C-contiguous.
 */
function saveHeader(h: NpyHeader): Uint8Array {
  const alsoC = h.count === 0 || h.dtype.itemsize === 0 ||
    h.shape.filter((d) => d > 1).length <= 1;
  return writeHeader({ dtype: h.dtype, shape: h.shape, fortranOrder: h.fortranOrder && !alsoC });
}

/** {@linkcode saveHeader}, or undefined when np.save could not write it. */
function partialCanonicalHeader(header: NpyHeader): Uint8Array | undefined {
  try {
    return saveHeader(header);
  } catch {
    return undefined;
  }
}

type Add = (rule: RuleId, offset: number, message: string, severity?: Severity) => void;

const KEYS = ["descr", "fortran_order", "shape"];

function styleFindings(
  f: Facts,
  cText: string,
  cMajor: number,
  add: Add,
  at: (i: number) => number,
): void {
  const { text, scanned, header } = f;
  const c = scanHeader(cText)!;
  const cDict = cText.slice(0, c.dictEnd);

  // The dict.
  if (scanned) {
    const tokens = scanned.tokens;
    const dict = text.slice(0, scanned.dictEnd);
    const longs = tokens.filter((t) => t.kind === "num" && t.long);
    if (longs.length > 0) {
      add(
        "long-suffix",
        at(longs[0].end - 1),
        `Python 2 long suffix: ${longs.map((t) => t.text).join(", ")}; numpy loads it only after ` +
          `re-tokenizing the header (with a UserWarning), Python 3 literal parsers refuse it; ` +
          `write plain integers`,
      );
    }
    if (dict !== cDict) {
      let explained = longs.length > 0;
      const keys = scanned.entries.map((e) => e.key);
      const twice = keys.find((k, i) => keys.indexOf(k) !== i);
      if (twice !== undefined) {
        add(
          "header-form",
          at(tokens[scanned.entries[keys.lastIndexOf(twice)].keyIndex].start),
          `the key '${twice}' is written more than once (Python keeps the last value; other ` +
            `readers may take the first); numpy writes each key once`,
        );
        explained = true;
      } else if (keys.join() !== KEYS.join() && KEYS.every((k) => keys.includes(k))) {
        add(
          "header-form",
          at(tokens[scanned.entries[0].keyIndex].start),
          `keys in the order ${keys.join(", ")}; numpy writes descr, fortran_order, shape ` +
            `(some readers find the values by position)`,
        );
        explained = true;
      }
      const last = scanned.entries[scanned.entries.length - 1];
      if (last && last.comma === undefined) {
        add(
          "header-form",
          at(tokens[tokens.length - 1].start),
          "the dict ends without numpy's trailing ', }' (numpy writes `'shape': (3,), }`; " +
            "some readers rely on it)",
        );
        explained = true;
      }
      const lead = text.slice(0, tokens[0].start);
      const gap = firstBadGap(text, tokens);
      if (lead.length > 0) {
        add(
          "header-form",
          at(0),
          `${lead.length} whitespace characters before '{'; numpy writes none`,
        );
        explained = true;
      } else if (gap) {
        add(
          "header-form",
          at(gap.at),
          `spacing differs from numpy's: ${JSON.stringify(gap.found)} where numpy writes ` +
            `${JSON.stringify(gap.expected)} (${gap.where}); numpy writes Python's repr(), ` +
            `e.g. {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }`,
        );
        explained = true;
      }
      const quoted = tokens.find((t) =>
        t.kind === "str" && !sameQuoting(t.text, t.value as string)
      );
      if (quoted) {
        add(
          "header-form",
          at(quoted.start),
          `string written as ${quoted.text}; numpy writes Python's repr(): ${
            pyStrRepr(quoted.value as string)
          }`,
        );
        explained = true;
      }
      const odd = tokens.find((t) =>
        t.kind === "num" && !t.long && typeof t.value === "bigint" && canonicalText(t) !== t.text
      );
      if (odd) {
        add(
          "header-form",
          at(odd.start),
          `integer written as ${odd.text}; numpy writes ${canonicalText(odd)}`,
        );
        explained = true;
      }
      for (const key of KEYS) {
        const e = scanned.entries.findLast((x) => x.key === key);
        const ce = c.entries.find((x) => x.key === key);
        if (!e || !ce) continue;
        const found = renderTokens(tokens.slice(e.value[0], e.value[1]));
        const expected = cText.slice(c.tokens[ce.value[0]].start, c.tokens[ce.value[1] - 1].end);
        if (found === renderTokens(c.tokens.slice(ce.value[0], ce.value[1]))) continue;
        const offset = at(tokens[e.value[0]].start);
        if (key === "descr") {
          add(
            "descr-form",
            offset,
            `descr ${found} means the dtype numpy writes as ${expected}; write ${expected} ` +
              `(readers that compare type strings, e.g. ndarray-npy, libnpy, numpy-parser, ` +
              `only know numpy's spelling)`,
          );
        } else if (key === "fortran_order") {
          add(
            "header-form",
            offset,
            `fortran_order ${found} for shape ${shapeRepr(header.shape)}, which is also ` +
              `C-contiguous: np.save writes fortran_order ${expected} for it`,
          );
        } else {
          add("header-form", offset, `shape written as ${found}; numpy writes ${expected}`);
        }
        explained = true;
      }
      if (!explained) {
        add(
          "header-form",
          at(0),
          `the header dict is ${JSON.stringify(dict)}; numpy writes ${JSON.stringify(cDict)}`,
        );
      }
    }
  } else {
    add(
      "header-form",
      at(0),
      `the header is not a plain dict literal as numpy writes it; numpy writes ${
        JSON.stringify(cDict)
      }`,
    );
  }

  // The padding after the dict.
  const dictEnd = scanned ? scanned.dictEnd : text.lastIndexOf("}") + 1;
  const rest = text.slice(dictEnd);
  const newline = text.endsWith("\n");
  if (!newline) {
    add(
      "newline",
      f.dataOffset - 1,
      `the header ends with ${JSON.stringify(text.slice(-1))}, not a newline; numpy ends it with ` +
        `'\\n' and readers such as npyio, ndarray-npy, libnpy and cnpy require it`,
    );
  }
  const pad = newline ? rest.slice(0, -1) : rest;
  const other = [...pad].find((ch) => ch !== " ");
  if (other !== undefined) {
    add(
      "header-form",
      at(dictEnd + pad.indexOf(other)),
      `the padding holds ${JSON.stringify(other)}; numpy pads with spaces only, then one newline`,
    );
  }
  if (header.shape.length > 0) {
    const axis = header.fortranOrder ? header.shape[header.shape.length - 1] : header.shape[0];
    const need = GROWTH_AXIS_MAX_DIGITS - String(axis).length;
    if (pad.length < need) {
      add(
        "growth-padding",
        at(dictEnd),
        `${pad.length} bytes of padding after the dict; numpy leaves at least ${need} so that the ` +
          `${
            header.fortranOrder ? "last" : "first"
          } axis (${axis}) can grow to ${GROWTH_AXIS_MAX_DIGITS} ` +
          `digits when the header is rewritten in place (appending writers)`,
      );
    }
  }
  if (
    scanned && text.slice(0, scanned.dictEnd) === cDict && pad.length > 0 && other === undefined &&
    newline && text.length > cText.length && f.dataOffset % ARRAY_ALIGN === 0 &&
    f.major === cMajor
  ) {
    add(
      "header-form",
      at(dictEnd),
      `${pad.length} bytes of padding where numpy writes ${
        cText.length - c.dictEnd - 1
      }: numpy pads ` +
        `to the next multiple of 64 only`,
    );
  }
}

function sameQuoting(text: string, value: string): boolean {
  const repr = pyStrRepr(value);
  return text[0] === repr[0];
}

interface Gap {
  at: number;
  found: string;
  expected: string;
  where: string;
}

function firstBadGap(text: string, tokens: ScannedHeader["tokens"]): Gap | undefined {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i], n = tokens[i + 1];
    const found = text.slice(t.end, n.start);
    let expected = "";
    if (t.text === ":") expected = " ";
    else if (t.text === ",") expected = n.text === ")" ? "" : " ";
    if (found !== expected) {
      return { at: t.end, found, expected, where: `between ${t.text} and ${n.text}` };
    }
  }
  return undefined;
}
