// Copyright 2026 the npy authors. MIT license.
// The whitelist of Python globals, as data: (module, name, handler) rows that
// the interpreter, the validator's scanner and the docs read. A global not
// listed here is never called or built; one that is only referenced becomes
// a PyGlobal. Each handler is TypeScript that checks its own arguments.

import {
  PyByteArray,
  PyComplex,
  PyDate,
  PyDateTime,
  PyFrozenSet,
  PyTimedelta,
  PyTimezone,
  PyTuple,
} from "./values.ts";
import { type Ctx, frombuffer, makeDType, pyType, reconstruct, scalar } from "./_numpy.ts";

/** Calls an allowed global with its argument tuple's items. */
export type Handler = (ctx: Ctx, args: readonly unknown[]) => unknown;

/** One allowed global. */
export interface AllowedGlobal {
  /** The module, after Python 2 renames. */
  readonly module: string;
  /** The name inside the module. */
  readonly name: string;
  /** What it is for, in a few words (the docs print this). */
  readonly role: string;
  /**
   * Its handler; `undefined` for a global that is only allowed as an
   * argument of another one (`numpy.ndarray` for `_reconstruct`).
   */
  readonly handler: Handler | undefined;
}

function items(ctx: Ctx, x: unknown, what: string): unknown[] {
  if (Array.isArray(x)) return x;
  if (x instanceof PyTuple) return [...x.items];
  if (x instanceof Set) return [...x];
  ctx.fail("PICKLE_INVALID", `${what}() of a ${pyType(x)}: only a list, tuple or set is read`);
}

function arity(ctx: Ctx, what: string, args: readonly unknown[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    ctx.fail("PICKLE_INVALID", `${what}() takes ${min} to ${max} arguments, found ${args.length}`);
  }
}

function latin1Bytes(ctx: Ctx, s: string, what: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) {
      ctx.fail(
        "PICKLE_ENCODING",
        `${what}: 'latin-1' codec can't encode character '\\u${
          c.toString(16).padStart(4, "0")
        }' in position ${i}`,
      );
    }
    b[i] = c;
  }
  return b;
}

const LATIN1_NAMES = new Set(["latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1", "latin"]);

function encodeLatin1(ctx: Ctx, what: string, args: readonly unknown[]): Uint8Array {
  const [s, enc] = args;
  if (typeof s !== "string") ctx.fail("PICKLE_INVALID", `${what}() of a ${pyType(s)}`);
  if (typeof enc !== "string" || !LATIN1_NAMES.has(enc.toLowerCase())) {
    ctx.fail(
      "PICKLE_UNSUPPORTED",
      `${what}() with encoding ${typeof enc === "string" ? enc : pyType(enc)}`,
    );
  }
  return latin1Bytes(ctx, s, what);
}

function real(ctx: Ctx, x: unknown): number {
  if (typeof x === "number") return x;
  if (typeof x === "bigint") return Number(x);
  if (typeof x === "boolean") return x ? 1 : 0;
  ctx.fail("PICKLE_INVALID", `complex() argument must be a number, not '${pyType(x)}'`);
}

const NUMPY_MODULES = ["numpy._core.multiarray", "numpy.core.multiarray"];

/** The bytes of datetime's pickled state: bytes, or a Python 2 / protocol 0 latin1 str. */
function stateBytes(ctx: Ctx, x: unknown, n: number, what: string): Uint8Array | undefined {
  let b: Uint8Array | undefined;
  if (x instanceof Uint8Array) b = x;
  else if (typeof x === "string") b = latin1Bytes(ctx, x, what);
  if (b !== undefined && b.length !== n) {
    ctx.fail("PICKLE_INVALID", `${what}: a state of ${b.length} bytes, expected ${n}`);
  }
  return b;
}

function smallInt(ctx: Ctx, x: unknown, what: string): number {
  if (typeof x !== "bigint" || x > 1_000_000_000_000n || x < -1_000_000_000_000n) {
    ctx.fail("PICKLE_INVALID", `${what} must be an int, found ${pyType(x)}`);
  }
  return Number(x);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function checkDate(ctx: Ctx, y: number, m: number, d: number): void {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 && leap ? 29 : MONTH_DAYS[m - 1];
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days) {
    ctx.fail("PICKLE_INVALID", `date out of range: ${y}-${m}-${d}`);
  }
}

function checkTime(ctx: Ctx, h: number, mi: number, s: number, us: number): void {
  if (h > 23 || mi > 59 || s > 59 || us > 999999 || h < 0 || mi < 0 || s < 0 || us < 0) {
    ctx.fail("PICKLE_INVALID", `time out of range: ${h}:${mi}:${s}.${us}`);
  }
}

function makeDate(ctx: Ctx, a: readonly unknown[]): PyDate {
  arity(ctx, "date", a, 1, 3);
  const b = stateBytes(ctx, a[0], 4, "date");
  const [y, m, d] = b !== undefined
    ? [b[0] * 256 + b[1], b[2], b[3]]
    : [0, 1, 2].map((i) => smallInt(ctx, a[i], "date()"));
  checkDate(ctx, y, m, d);
  return new PyDate(y, m, d);
}

function makeDateTime(ctx: Ctx, a: readonly unknown[]): PyDateTime {
  arity(ctx, "datetime", a, 1, 8);
  const b = stateBytes(ctx, a[0], 10, "datetime");
  let parts: number[], tz: unknown, fold = 0;
  if (b !== undefined) {
    arity(ctx, "datetime", a, 1, 2);
    let month = b[2];
    if (month > 127) [month, fold] = [month - 128, 1];
    parts = [b[0] * 256 + b[1], month, b[3], b[4], b[5], b[6], (b[7] << 16) | (b[8] << 8) | b[9]];
    tz = a[1] ?? null;
  } else {
    parts = [0, 1, 2, 3, 4, 5, 6].map((
      i,
    ) => (i < a.length ? smallInt(ctx, a[i], "datetime()") : 0));
    tz = a[7] ?? null;
  }
  const [y, m, d, h, mi, s, us] = parts;
  checkDate(ctx, y, m, d);
  checkTime(ctx, h, mi, s, us);
  if (tz !== null && !(tz instanceof PyTimezone)) {
    ctx.fail(
      "PICKLE_UNSUPPORTED",
      `a datetime's tzinfo of type ${pyType(tz)}: only datetime.timezone is read`,
    );
  }
  return new PyDateTime(y, m, d, h, mi, s, us, tz as PyTimezone | null, fold);
}

function makeTimedelta(ctx: Ctx, a: readonly unknown[]): PyTimedelta {
  arity(ctx, "timedelta", a, 0, 3);
  const [d, s, us] = [0, 1, 2].map((
    i,
  ) => (i < a.length ? BigInt(smallInt(ctx, a[i], "timedelta()")) : 0n));
  let total = (d * 86400n + s) * 1_000_000n + us;
  const day = 86_400_000_000n;
  let days = total / day;
  total %= day;
  if (total < 0n) {
    total += day;
    days -= 1n;
  }
  if (days > 999_999_999n || days < -999_999_999n) {
    ctx.fail("PICKLE_INVALID", `days=${days}; must have magnitude <= 999999999`);
  }
  return new PyTimedelta(Number(days), Number(total / 1_000_000n), Number(total % 1_000_000n));
}

function makeTimezone(ctx: Ctx, a: readonly unknown[]): PyTimezone {
  arity(ctx, "timezone", a, 1, 2);
  const [off, name] = a;
  if (!(off instanceof PyTimedelta)) {
    ctx.fail(
      "PICKLE_INVALID",
      `timezone() argument 1 must be datetime.timedelta, not ${pyType(off)}`,
    );
  }
  if (
    off.days < -1 || off.days > 0 ||
    (off.days === -1 && off.seconds === 0 && off.microseconds === 0)
  ) {
    ctx.fail(
      "PICKLE_INVALID",
      "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24)",
    );
  }
  if (name !== undefined && typeof name !== "string") {
    ctx.fail("PICKLE_INVALID", `timezone() argument 2 must be str, not ${pyType(name)}`);
  }
  return new PyTimezone(off, name);
}

/** Every global the safe unpickler may call, and `numpy.ndarray` as `_reconstruct`'s argument. */
export const ALLOWED_GLOBALS: readonly AllowedGlobal[] = [
  ...[...NUMPY_MODULES, "numpy.core._internal"].map((module) => ({
    module,
    name: "_reconstruct",
    role: "makes the empty ndarray that BUILD fills",
    handler: reconstruct as Handler,
  })),
  {
    module: "numpy",
    name: "ndarray",
    role: "only as _reconstruct's first argument",
    handler: undefined,
  },
  {
    module: "numpy",
    name: "dtype",
    role: "makes a dtype that BUILD completes",
    handler: makeDType,
  },
  ...["numpy._core.numeric", "numpy.core.numeric"].map((module) => ({
    module,
    name: "_frombuffer",
    role: "an array from its bytes (protocol 5)",
    handler: frombuffer as Handler,
  })),
  ...NUMPY_MODULES.map((module) => ({
    module,
    name: "scalar",
    role: "a numpy scalar from its dtype and bytes",
    handler: scalar as Handler,
  })),
  {
    module: "builtins",
    name: "set",
    role: "set (protocols 0-3)",
    handler: (ctx, a) => {
      arity(ctx, "set", a, 0, 1);
      return new Set(a.length ? items(ctx, a[0], "set") : []);
    },
  },
  {
    module: "builtins",
    name: "frozenset",
    role: "frozenset (protocols 0-3)",
    handler: (ctx, a) => {
      arity(ctx, "frozenset", a, 0, 1);
      return new PyFrozenSet(a.length ? items(ctx, a[0], "frozenset") : []);
    },
  },
  {
    module: "builtins",
    name: "bytearray",
    role: "bytearray (protocols 0-4)",
    handler: (ctx, a) => {
      arity(ctx, "bytearray", a, 0, 2);
      if (a.length === 0) return new PyByteArray(0);
      if (a.length === 1 && a[0] instanceof Uint8Array) return new PyByteArray(a[0]);
      return new PyByteArray(encodeLatin1(ctx, "bytearray", a));
    },
  },
  {
    module: "builtins",
    name: "bytes",
    role: "empty bytes (protocols 0-2)",
    handler: (ctx, a) => {
      arity(ctx, "bytes", a, 0, 1);
      if (a.length === 0) return new Uint8Array(0);
      const v = a[0];
      if (!(v instanceof Uint8Array)) {
        return ctx.fail("PICKLE_UNSUPPORTED", `bytes() of a ${pyType(v)}`);
      }
      return v.slice();
    },
  },
  {
    module: "builtins",
    name: "complex",
    role: "complex",
    handler: (ctx, a) => {
      arity(ctx, "complex", a, 0, 2);
      return new PyComplex(a.length > 0 ? real(ctx, a[0]) : 0, a.length > 1 ? real(ctx, a[1]) : 0);
    },
  },
  { module: "datetime", name: "date", role: "datetime.date", handler: makeDate },
  { module: "datetime", name: "datetime", role: "datetime.datetime", handler: makeDateTime },
  { module: "datetime", name: "timedelta", role: "datetime.timedelta", handler: makeTimedelta },
  {
    module: "datetime",
    name: "timezone",
    role: "a fixed-offset datetime.timezone",
    handler: makeTimezone,
  },
  {
    module: "_codecs",
    name: "encode",
    role: "bytes (protocols 0-2): _codecs.encode(text, 'latin1')",
    handler: (ctx, a) => {
      arity(ctx, "encode", a, 2, 2);
      return encodeLatin1(ctx, "_codecs.encode", a);
    },
  },
];

const BY_NAME = new Map(ALLOWED_GLOBALS.map((g) => [`${g.module}.${g.name}`, g]));

/** The allowed global named `module.name`, if it is one. */
export function allowedGlobal(module: string, name: string): AllowedGlobal | undefined {
  return BY_NAME.get(`${module}.${name}`);
}

// CPython's _compat_pickle: Python 2 names, applied when a protocol 0-2
// pickle is read with fix_imports.
const IMPORT_RENAMES: Record<string, string> = {
  "__builtin__": "builtins",
  "copy_reg": "copyreg",
  "Queue": "queue",
  "SocketServer": "socketserver",
  "ConfigParser": "configparser",
  "repr": "reprlib",
  "tkFileDialog": "tkinter.filedialog",
  "tkSimpleDialog": "tkinter.simpledialog",
  "tkColorChooser": "tkinter.colorchooser",
  "tkCommonDialog": "tkinter.commondialog",
  "Dialog": "tkinter.dialog",
  "Tkdnd": "tkinter.dnd",
  "tkFont": "tkinter.font",
  "tkMessageBox": "tkinter.messagebox",
  "ScrolledText": "tkinter.scrolledtext",
  "Tkconstants": "tkinter.constants",
  "Tix": "tkinter.tix",
  "ttk": "tkinter.ttk",
  "Tkinter": "tkinter",
  "markupbase": "_markupbase",
  "_winreg": "winreg",
  "thread": "_thread",
  "dummy_thread": "_dummy_thread",
  "dbhash": "dbm.bsd",
  "dumbdbm": "dbm.dumb",
  "dbm": "dbm.ndbm",
  "gdbm": "dbm.gnu",
  "xmlrpclib": "xmlrpc.client",
  "SimpleXMLRPCServer": "xmlrpc.server",
  "httplib": "http.client",
  "htmlentitydefs": "html.entities",
  "HTMLParser": "html.parser",
  "Cookie": "http.cookies",
  "cookielib": "http.cookiejar",
  "BaseHTTPServer": "http.server",
  "test.test_support": "test.support",
  "commands": "subprocess",
  "urlparse": "urllib.parse",
  "robotparser": "urllib.robotparser",
  "urllib2": "urllib.request",
  "anydbm": "dbm",
  "_abcoll": "collections.abc",
  "cPickle": "pickle",
  "_elementtree": "xml.etree.ElementTree",
  "FileDialog": "tkinter.filedialog",
  "SimpleDialog": "tkinter.simpledialog",
  "DocXMLRPCServer": "xmlrpc.server",
  "SimpleHTTPServer": "http.server",
  "CGIHTTPServer": "http.server",
  "UserDict": "collections",
  "UserList": "collections",
  "UserString": "collections",
  "whichdb": "dbm",
  "StringIO": "io",
  "cStringIO": "io",
};

// Python 2 exception classes that moved to builtins unchanged.
const EXCEPTIONS = [
  "ArithmeticError",
  "AssertionError",
  "AttributeError",
  "BaseException",
  "BufferError",
  "BytesWarning",
  "DeprecationWarning",
  "EOFError",
  "EnvironmentError",
  "Exception",
  "FloatingPointError",
  "FutureWarning",
  "GeneratorExit",
  "IOError",
  "ImportError",
  "ImportWarning",
  "IndentationError",
  "IndexError",
  "KeyError",
  "KeyboardInterrupt",
  "LookupError",
  "MemoryError",
  "NameError",
  "NotImplementedError",
  "OSError",
  "OverflowError",
  "PendingDeprecationWarning",
  "ReferenceError",
  "RuntimeError",
  "RuntimeWarning",
  "StopIteration",
  "SyntaxError",
  "SyntaxWarning",
  "SystemError",
  "SystemExit",
  "TabError",
  "TypeError",
  "UnboundLocalError",
  "UnicodeDecodeError",
  "UnicodeEncodeError",
  "UnicodeError",
  "UnicodeTranslateError",
  "UnicodeWarning",
  "UserWarning",
  "ValueError",
  "Warning",
  "ZeroDivisionError",
];

const NAME_RENAMES: Map<string, [string, string]> = new Map([
  ["__builtin__ xrange", ["builtins", "range"]],
  ["__builtin__ reduce", ["functools", "reduce"]],
  ["__builtin__ intern", ["sys", "intern"]],
  ["__builtin__ unichr", ["builtins", "chr"]],
  ["__builtin__ unicode", ["builtins", "str"]],
  ["__builtin__ long", ["builtins", "int"]],
  ["itertools izip", ["builtins", "zip"]],
  ["itertools imap", ["builtins", "map"]],
  ["itertools ifilter", ["builtins", "filter"]],
  ["itertools ifilterfalse", ["itertools", "filterfalse"]],
  ["itertools izip_longest", ["itertools", "zip_longest"]],
  ["UserDict IterableUserDict", ["collections", "UserDict"]],
  ["UserList UserList", ["collections", "UserList"]],
  ["UserString UserString", ["collections", "UserString"]],
  ["whichdb whichdb", ["dbm", "whichdb"]],
  ["_socket fromfd", ["socket", "fromfd"]],
  ["_multiprocessing Connection", ["multiprocessing.connection", "Connection"]],
  ["multiprocessing.process Process", ["multiprocessing.context", "Process"]],
  ["multiprocessing.forking Popen", ["multiprocessing.popen_fork", "Popen"]],
  ["urllib ContentTooShortError", ["urllib.error", "ContentTooShortError"]],
  ["urllib getproxies", ["urllib.request", "getproxies"]],
  ["urllib pathname2url", ["urllib.request", "pathname2url"]],
  ["urllib quote_plus", ["urllib.parse", "quote_plus"]],
  ["urllib quote", ["urllib.parse", "quote"]],
  ["urllib unquote_plus", ["urllib.parse", "unquote_plus"]],
  ["urllib unquote", ["urllib.parse", "unquote"]],
  ["urllib url2pathname", ["urllib.request", "url2pathname"]],
  ["urllib urlcleanup", ["urllib.request", "urlcleanup"]],
  ["urllib urlencode", ["urllib.parse", "urlencode"]],
  ["urllib urlopen", ["urllib.request", "urlopen"]],
  ["urllib urlretrieve", ["urllib.request", "urlretrieve"]],
  ["urllib2 HTTPError", ["urllib.error", "HTTPError"]],
  ["urllib2 URLError", ["urllib.error", "URLError"]],
  ["multiprocessing AuthenticationError", ["multiprocessing.context", "AuthenticationError"]],
  ["multiprocessing BufferTooShort", ["multiprocessing.context", "BufferTooShort"]],
  ["multiprocessing ProcessError", ["multiprocessing.context", "ProcessError"]],
  ["multiprocessing TimeoutError", ["multiprocessing.context", "TimeoutError"]],
  ["__builtin__ basestring", ["builtins", "str"]],
  ["exceptions StandardError", ["builtins", "Exception"]],
  ["UserDict UserDict", ["collections", "UserDict"]],
  ["socket _socketobject", ["socket", "SocketType"]],
  ...EXCEPTIONS.map((e): [string, [string, string]] => [`exceptions ${e}`, ["builtins", e]]),
]);

/**
 * The Python 3 name of a global from a Python 2 pickle, as CPython's
 * `find_class` renames it (only for protocols below 3 with fixImports).
 */
export function renameGlobal(module: string, name: string): [string, string] {
  const both = NAME_RENAMES.get(`${module} ${name}`);
  if (both !== undefined) return [both[0], both[1]];
  const m = Object.hasOwn(IMPORT_RENAMES, module) ? IMPORT_RENAMES[module] : module;
  return [m, name];
}
