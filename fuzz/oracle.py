#!/usr/bin/env python3
# Copyright 2026 the npy authors. MIT license.
"""The numpy oracle for the fuzzers: started once, fed over stdin/stdout.

Each request is one JSON line with an "id" and an "op"; each answer is one
JSON line with the same "id". Files travel as base64.

  {"op": "load", "file": B64}
      np.load(path) with numpy's defaults (allow_pickle=False,
      max_header_size=10000) on a real file, as the vectors do. Answers
      {"ok": true, "values", "resave": B64, "descr", "shape", "fortran",
       "size", "u_lossy"} or {"ok": false, "error_type", "error"}.
  {"op": "gen", "seed": N}
      numpy builds a random array (its own dtype and shape choice, random
      bit patterns) and np.save()s it. Answers {"file": B64, "values",
      "dtype"}.
  {"op": "f16", "bits": [N, ...]}
      float32 bit patterns narrowed by numpy's astype(float16), as bits.
  {"op": "npz", "file": B64}
      np.load(io.BytesIO(file)) of an archive, then npz[name] of every
      member in directory order. Answers {"ok": true, "files", "members":
      [{"name", ...the load answer of the member's array, or "ok": true,
      "bytes": B64 for a member without the npy magic, or "ok": false,
      "error_type", "error"}]} or {"ok": false, "error_type", "error"}.
  {"op": "savez", "keywords": [[NAME, B64], ...], "positional": [B64, ...],
   "compress": BOOL, "unseekable": BOOL}
      np.savez or np.savez_compressed of the arrays in those .npy files, to a
      BytesIO or to a stream without seek. Answers {"file": B64, "names",
      "member_same"} or {"refused": ...}.

Values use the JSON form of `npy show --json` (see codec/json.ts). The
first line written is {"ready": true, "numpy": VERSION} or
{"ready": false, "error": ...} when numpy cannot be imported.
"""

import base64
import io
import json
import os
import random
import sys
import tempfile
import warnings

try:
    import resource

    # Keep a wild shape from making numpy touch gigabytes: a failed
    # allocation is a refusal, like the codec's TRUNCATED_DATA.
    resource.setrlimit(resource.RLIMIT_AS, (6 << 30, 6 << 30))
except Exception:  # noqa: BLE001 - not on every platform
    pass

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

try:
    import numpy as np
except Exception as e:  # noqa: BLE001 - any import failure means no oracle
    sys.stdout.write(json.dumps({"ready": False, "error": "%s: %s" % (type(e).__name__, e)}) + "\n")
    sys.stdout.flush()
    sys.exit(0)

# The oracle speaks for numpy 2.x: numpy 1.x differs on purpose in places the
# properties check (NEP 50 promotion, header and descr messages), so its
# answers would read as codec bugs.
# The client says which major it expects (--numpy-major=1 for the numpy 1.x
# pickle writer's property); 2 by default.
WANT_MAJOR = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--numpy-major=")), "2")
if np.__version__.split(".")[0] != WANT_MAJOR:
    sys.stdout.write(json.dumps({"ready": False, "numpy": np.__version__,
                                 "error": "numpy %s of %s is not numpy %s.x"
                                 % (np.__version__, sys.executable, WANT_MAJOR)}) + "\n")
    sys.stdout.flush()
    sys.exit(0)

MAX_SAFE = 2**53 - 1
STRUCT = "__npy_struct__"
MAX_VALUES = 20000


def json_int(v):
    v = int(v)
    return v if abs(v) <= MAX_SAFE else str(v)


def json_float(v):
    v = float(v)
    if v != v:
        return "NaN"
    if v in (float("inf"), float("-inf")):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def is_longdouble(dt):
    return (dt.kind == "f" and dt.itemsize > 8) or (dt.kind == "c" and dt.itemsize > 16)


def ucs4_text(a):
    """The str of a 0-d U array; invalid code points become U+FFFD.

    numpy does not check UCS-4 data: str() of an element holding a code
    point above U+10FFFF raises, or builds a broken str. Such elements are
    decoded here by hand instead.
    """
    order = a.dtype.byteorder if a.dtype.byteorder in "<>" else "="
    cps = np.frombuffer(a.tobytes(), dtype=np.dtype("u4").newbyteorder(order)).tolist()
    if all(c <= 0x10FFFF for c in cps):
        return str(a[()])
    out = "".join(chr(c) if c <= 0x10FFFF else "\ufffd" for c in cps)
    return out.rstrip("\x00")


def scalar_json(a):
    dt = a.dtype
    k = dt.kind
    if k == "b":
        return bool(a[()])
    if k in "iu":
        return json_int(a[()])
    if is_longdouble(dt) or k == "V":
        return a.tobytes().hex()
    if k == "f":
        return json_float(a[()])
    if k == "c":
        v = a[()]
        return [json_float(v.real), json_float(v.imag)]
    if k == "S":
        return bytes(a[()]).decode("latin1")
    if k == "U":
        return ucs4_text(a)
    if k in "Mm":
        if np.isnat(a[()]):
            return "NaT"
        order = dt.byteorder if dt.byteorder in "<>" else "="
        return json_int(a.view(np.dtype("i8").newbyteorder(order))[()])
    raise TypeError("no JSON form for %r" % (dt,))


def values_json(a):
    if a.ndim:
        return [values_json(a[i, ...]) for i in range(a.shape[0])]
    if a.dtype.names is not None:
        # Name-value pairs rather than a JSON object: V8's JSON.parse has been
        # seen to return a wrong key for "\u0085" after objects with the keys
        # "A" and "\\" existed (see README.md, "Fuzzing"); oracle.ts rebuilds the
        # objects.
        return {STRUCT: [[name, values_json(a[name])] for name in a.dtype.names]}
    return scalar_json(a)


def json_nodes(shape):
    """How many lists and elements the JSON form of an array of this shape has."""
    total, width = 1, 1
    for d in shape:
        width *= d
        total += width
        if width == 0 or total > MAX_VALUES:
            break
    return total


def to_json(arr):
    with np.errstate(all="ignore"):
        return values_json(np.asarray(arr))


def u_leaves(dt, off):
    if dt.names is not None:
        for name in dt.names:
            sub, foff = dt.fields[name][:2]
            yield from u_leaves(sub, off + foff)
    elif dt.subdtype is not None:
        base, shape = dt.subdtype
        n = int(np.prod(shape))
        for k in range(n):
            yield from u_leaves(base, off + k * base.itemsize)
    elif dt.kind == "U":
        yield off, dt


def u_lossy(arr):
    """Whether any U element holds a code point a JS string cannot keep."""
    leaves = list(u_leaves(arr.dtype, 0))
    if not leaves or arr.size == 0 or arr.dtype.itemsize == 0:
        return False
    raw = np.frombuffer(np.ascontiguousarray(arr).tobytes(), np.uint8)
    recs = raw.reshape(-1, arr.dtype.itemsize)
    for off, dt in leaves:
        if dt.itemsize == 0:
            continue
        order = dt.byteorder if dt.byteorder in "<>" else "="
        block = np.ascontiguousarray(recs[:, off:off + dt.itemsize])
        cps = block.view(np.dtype("u4").newbyteorder(order)).astype(np.int64)
        if ((cps > 0x10FFFF) | ((cps >= 0xD800) & (cps <= 0xDFFF))).any():
            return True
    return False


def save_bytes(arr, version=None):
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if version is None:
            np.save(buf, arr)
        else:
            np.lib.format.write_array(buf, arr, version=version)
    return buf.getvalue()


def b64(b):
    return base64.b64encode(b).decode("ascii")


TMP = tempfile.mkdtemp(prefix="npy-oracle-")
PATH = os.path.join(TMP, "x.npy")


def op_load(req):
    with open(PATH, "wb") as f:
        f.write(base64.b64decode(req["file"]))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arr = np.load(PATH, allow_pickle=False)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # noqa: BLE001 - numpy's refusal is the answer
        return {"ok": False, "error_type": type(e).__name__, "error": str(e)[:500]}
    return array_answer(arr)


# ---------------------------------------------------------------------------
# numpy-generated arrays
# ---------------------------------------------------------------------------

NAME_CHARS = list("abcxyzAZ_09 ") + ["'", '"', "\\", "\n", "\x00", "\xe9", "\xff", "\u4e2d",
                                      "\U0001F600", "\x85", "\u200b"]
UNITS = ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"]
TEXT_CHARS = list("abcXYZ09 '\"\\") + ["\x00", "\n", "\xe9", "\xff", "\u0100", "\u4e2d",
                                       "\ufeff", "\uffff", "\U0001F600", "\U0010FFFF"]


def rand_name(r, used):
    while True:
        n = "".join(r.choice(NAME_CHARS) for _ in range(r.randint(1, 3)))
        if n not in used:
            used.add(n)
            return n


def rand_scalar(r):
    order = r.choice(["<", ">", "=", "|", ""])
    c = r.random()
    if c < 0.45:
        code = r.choice(["b1", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4",
                         "f8", "f16", "c8", "c16", "c32", "?", "e", "d", "g", "G", "q", "L"])
        if order == "|" and code not in ("b1", "i1", "u1", "?"):
            order = "="
        return np.dtype(order + code)
    if c < 0.6:
        return np.dtype(r.choice(["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32",
                                  "int64", "uint64", "float16", "float32", "float64",
                                  "longdouble", "complex64", "complex128", "clongdouble",
                                  "int", "long", "intp", "uintp", "half", "double"]))
    if c < 0.75:
        kind = r.choice(["S", "U", "V"])
        n = r.randint(1, 8)
        if kind == "U":
            return np.dtype(r.choice(["<", ">", "="]) + "U%d" % n)
        return np.dtype("%s%d" % (kind, n))
    kind = r.choice(["M8", "m8"])
    bo = r.choice(["<", ">", "="])
    if r.random() < 0.2:
        return np.dtype(bo + kind)
    mult = r.choice(["", "", "2", "10", "25", "1000"])
    return np.dtype("%s%s[%s%s]" % (bo, kind, mult, r.choice(UNITS)))


def rand_dtype(r, depth):
    if depth <= 0 or r.random() < 0.6:
        return rand_scalar(r)
    used = set()
    nfields = r.randint(0, 4)
    style = r.random()
    if style < 0.15 and nfields > 0:
        parts = []
        for _ in range(nfields):
            s = rand_scalar(r)
            if s.kind in "MmSUV" or s.byteorder == ">":
                s = np.dtype("f8")
            parts.append(("(2,)" if r.random() < 0.2 else "") + s.str.lstrip("<|"))
        return np.dtype(",".join(parts))
    fields = []
    for _ in range(nfields):
        name = rand_name(r, used)
        sub = rand_dtype(r, depth - 1)
        if r.random() < 0.2:
            shape = tuple(r.randint(0, 3) for _ in range(r.randint(1, 2)))
            fields.append((name, sub, shape))
        else:
            fields.append((name, sub))
    if style < 0.65:
        return np.dtype(fields, align=r.random() < 0.4)
    # dict form: explicit offsets, gaps, titles, trailing padding
    names, formats, offsets, titles = [], [], [], []
    at = 0
    for f in fields:
        dt = np.dtype((f[1], f[2])) if len(f) == 3 else f[1]
        at += r.choice([0, 0, 0, 1, 3])
        names.append(f[0])
        formats.append(dt)
        offsets.append(at)
        titles.append(rand_name(r, used) if r.random() < 0.25 else None)
        at += dt.itemsize
    return np.dtype({"names": names, "formats": formats, "offsets": offsets,
                     "titles": titles, "itemsize": at + r.choice([0, 0, 2])})


def fix_text(view, r):
    """Give U elements valid text and bools 0/1 (mostly)."""
    dt = view.dtype
    if dt.names is not None:
        for name in dt.names:
            fix_text(view[name], r)
    elif dt.kind == "U":
        n = dt.itemsize // 4
        flat = ["".join(r.choice(TEXT_CHARS) for _ in range(r.randint(0, n)))
                for _ in range(view.size)]
        view[...] = np.array(flat, dtype=dt).reshape(view.shape)
    elif dt.kind == "b" and r.random() < 0.8:
        view[...] = view.view(np.uint8) & 1


def natural(view, r, rng):
    dt = view.dtype
    if dt.names is not None:
        for name in dt.names:
            natural(view[name], r, rng)
    elif dt.kind in "iu":
        info = np.iinfo(dt)
        view[...] = rng.integers(info.min, info.max, size=view.shape, dtype=dt, endpoint=True)
    elif dt.kind in "fc":
        with np.errstate(all="ignore"):
            v = rng.standard_normal(view.shape) * 10.0 ** rng.integers(-30, 30, view.shape)
            if dt.kind == "c":
                v = v + 1j * rng.standard_normal(view.shape)
            view[...] = v.astype(dt)


def op_gen(req):
    seed = int(req["seed"])
    r = random.Random(seed)
    rng = np.random.default_rng(seed)
    for _ in range(100):
        try:
            dt = rand_dtype(r, 3)
            ndim = r.choice([0, 1, 1, 2, 2, 3, 4, 6])
            shape = [r.choice([0, 1, 1, 2, 2, 3, 4]) for _ in range(ndim)]
            while int(np.prod(shape)) > 24:
                shape[shape.index(max(shape))] //= 2
            n = int(np.prod(shape))
            if dt.itemsize:
                a = np.frombuffer(rng.bytes(n * dt.itemsize), dtype=dt, count=n).copy()
            else:
                a = np.zeros(n, dt)
            fix_text(a, r)
            if r.random() < 0.3:
                natural(a, r, rng)
            a = a.reshape(shape)
            c = r.random()
            if c < 0.25:
                a = np.asfortranarray(a)
            elif c < 0.35 and a.ndim >= 2:
                a = a.T
            elif c < 0.45 and a.ndim >= 1:
                a = a[::2]
            version = r.choice([None, None, None, (1, 0), (2, 0), (3, 0)])
            try:
                data = save_bytes(a, version)
            except ValueError:
                version = None
                data = save_bytes(a)
            return {"file": b64(data), "values": to_json(a), "dtype": repr(a.dtype),
                    "shape": list(a.shape), "version": version[0] if version else None}
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception:  # noqa: BLE001 - try another random dtype
            continue
    raise RuntimeError("could not generate an array for seed %d" % seed)


def op_f16(req):
    bits = np.array(req["bits"], dtype=np.uint32)
    with np.errstate(all="ignore"):
        half = bits.view(np.float32).astype(np.float16)
    return {"bits": half.view(np.uint16).tolist()}


def op_f16d(req):
    """float64 values (hex of little-endian bits) narrowed by astype(float16), as bits."""
    raw = b"".join(bytes.fromhex(h) for h in req["hex"])
    with np.errstate(all="ignore"):
        half = np.frombuffer(raw, dtype="<f8").astype(np.float16)
    return {"bits": half.view(np.uint16).tolist()}


def op_array(req):
    """np.save(np.array(nested)) for nested lists of one kind of Python value."""
    import struct

    kind = req["kind"]
    flat = req["flat"]
    if kind == "f":
        flat = [struct.unpack("<d", bytes.fromhex(h))[0] for h in flat]
    elif kind == "i":
        flat = [int(x) for x in flat]
    shape = req["shape"]
    it = iter(flat)

    def build(axis):
        if axis == len(shape):
            return next(it)
        return [build(axis + 1) for _ in range(shape[axis])]

    value = build(0)
    try:
        arr = np.array(value)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as e:  # noqa: BLE001 - numpy's refusal is the answer
        return {"refused": "%s: %s" % (type(e).__name__, e)}
    if arr.dtype.hasobject:
        return {"refused": "object array (%r)" % (arr.dtype,)}
    return {"file": b64(save_bytes(arr))}


def array_answer(arr):
    """What op_load answers about a loaded array (values, re-save)."""
    out = {
        "ok": True,
        "shape": [json_int(x) for x in arr.shape],
        "size": json_int(arr.size),
        "itemsize": arr.dtype.itemsize,
        "fortran": bool(arr.flags.f_contiguous and not arr.flags.c_contiguous),
    }
    try:
        out["descr"] = repr(np.lib.format.dtype_to_descr(arr.dtype))
    except Exception as e:  # noqa: BLE001
        out["descr"] = "(%s: %s) %r" % (type(e).__name__, e, arr.dtype)
    if json_nodes(arr.shape) <= MAX_VALUES:
        try:
            out["values"] = to_json(arr)
        except Exception as e:  # noqa: BLE001
            out["values_error"] = "%s: %s" % (type(e).__name__, e)
        try:
            out["resave"] = b64(save_bytes(arr))
        except Exception as e:  # noqa: BLE001
            out["resave_error"] = "%s: %s" % (type(e).__name__, e)
        try:
            out["u_lossy"] = u_lossy(arr)
        except Exception as e:  # noqa: BLE001
            out["u_lossy_error"] = "%s: %s" % (type(e).__name__, e)
    else:
        out["too_many"] = True
    return out


def op_npz(req):
    data = base64.b64decode(req["file"])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            z = np.load(io.BytesIO(data), allow_pickle=False)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # noqa: BLE001 - numpy's refusal is the answer
        return {"ok": False, "error_type": type(e).__name__, "error": str(e)[:500]}
    if not isinstance(z, np.lib.npyio.NpzFile):
        return {"ok": False, "error_type": "NotAnArchive", "error": "np.load gave an array"}
    members = []
    with z:
        for info in z.zip.infolist():
            m = {"name": info.filename}
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    v = z[info.filename]
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as e:  # noqa: BLE001 - a member's refusal
                m.update(ok=False, error_type=type(e).__name__, error=str(e)[:500])
            else:
                if isinstance(v, bytes):
                    m.update(ok=True, bytes=b64(v[:1 << 20]), bytes_size=len(v))
                else:
                    m.update(array_answer(v))
            members.append(m)
        files = list(z.files)
    return {"ok": True, "files": files, "members": members}


class _Unseekable(io.RawIOBase):
    """A write-only stream with no tell or seek, like a pipe."""

    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.buf += b
        return len(b)

    def seekable(self):
        return False

    def tell(self):
        raise OSError("unseekable")


def op_savez(req):
    """np.savez(_compressed) of the arrays in .npy files (keyword pairs, then positional).

    Answers {"file": B64, "names": zip member names, "member_same": [member == f]}
    or {"refused": "ValueError: ..."} when numpy refuses the names.
    """
    import zipfile

    def load(f):
        # From a real file, as op_load: np.load of a BytesIO drops records' padding bytes.
        with open(PATH, "wb") as fh:
            fh.write(base64.b64decode(f))
        return np.load(PATH, allow_pickle=False)

    kw = {k: load(f) for k, f in req["keywords"]}
    args = [load(f) for f in req["positional"]]
    save = np.savez_compressed if req["compress"] else np.savez
    out = _Unseekable() if req.get("unseekable") else io.BytesIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            save(out, *args, **kw)
    except ValueError as e:
        return {"refused": "%s: %s" % (type(e).__name__, e)}
    data = bytes(out.buf) if req.get("unseekable") else out.getvalue()
    zf = zipfile.ZipFile(io.BytesIO(data))
    names = zf.namelist()
    # Whether each member numpy wrote is the .npy file it was given (numpy
    # writes uninitialized padding bytes for some record arrays).
    sent = [f for _, f in req["keywords"]] + req["positional"]
    same = [zf.open(info).read() == base64.b64decode(f) for info, f in zip(zf.infolist(), sent)]
    return {"file": b64(data), "names": names, "member_same": same}


def build_pickle_value(node, refs):
    """A Python object from the tagged JSON of fuzz/pickle_encode.ts, with no
    identity sharing beyond what the tree's "ref" nodes say: every string but
    CPython's singletons ('' and one character up to U+00FF) is a fresh
    object, as json.loads may share them."""
    import importlib

    if node is None or isinstance(node, bool):
        return node
    if isinstance(node, str):
        if len(node) == 0 or (len(node) == 1 and ord(node) < 256):
            return node
        return (node + "x")[:-1]  # a new object, even of one character above U+00FF
    if "ref" in node:
        return refs[node["ref"]]
    (tag, body), = [(k, v) for k, v in node.items() if k != "id"]
    out = None
    if tag == "i":
        return int(body)
    if tag == "f":
        import struct
        return struct.unpack(">d", bytes.fromhex(body))[0]
    if tag == "b":
        out = bytes.fromhex(body)
    elif tag == "ba":
        out = bytearray.fromhex(body)
    elif tag == "c":
        import struct
        out = complex(*(struct.unpack(">d", bytes.fromhex(h))[0] for h in body))
    elif tag == "g":
        out = getattr(importlib.import_module(body[0]), body[1])
    elif tag == "list":
        out = []
        if "id" in node:
            refs[node["id"]] = out
        out.extend(build_pickle_value(x, refs) for x in body)
    elif tag == "tuple":
        out = tuple(build_pickle_value(x, refs) for x in body)
    elif tag == "dict":
        out = {}
        if "id" in node:
            refs[node["id"]] = out
        for k, v in body:
            out[build_pickle_value(k, refs)] = build_pickle_value(v, refs)
    elif tag == "set":
        out = set(build_pickle_value(x, refs) for x in body)
    elif tag == "fset":
        out = frozenset(build_pickle_value(x, refs) for x in body)
    elif tag == "arr":
        raw = bytes.fromhex(body["hex"])
        out = np.frombuffer(raw, dtype=descr_dtype(body["descr"])).reshape(
            body["shape"], order="F" if body["fortran"] else "C")
    elif tag == "oarr":
        out = object_array([build_pickle_value(x, refs) for x in body["items"]],
                           body["shape"], body["fortran"])
    elif tag == "sc":
        out = np.frombuffer(bytes.fromhex(body["hex"]), dtype=np.dtype(body["descr"]))[0]
    else:
        raise ValueError("unknown tag %r" % tag)
    if "id" in node:
        refs[node["id"]] = out
    return out


def descr_dtype(descr):
    """The dtype np.load makes of a header's descr text."""
    import ast

    from numpy.lib import format as npformat

    return npformat.descr_to_dtype(ast.literal_eval(descr) if descr.startswith("[") else descr)


def object_array(items, shape, fortran):
    flat = np.empty(len(items), dtype=object)
    for i, x in enumerate(items):
        flat[i] = x
    return flat.reshape(shape, order="F" if fortran else "C")


def op_pickle(req):
    """np.save(allow_pickle=True) of an object array built from tagged JSON:
    {"items", "shape", "fortran"} element by element, {"nested"} through
    np.array(nested, dtype=object), or {"records", "descr", "shape",
    "fortran"}: a structured array with object fields, record by record. Answers {"file": B64} or {"refused"}."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(100000)
    try:
        refs = {}
        if "nested" in req:
            value = build_pickle_value(req["nested"], refs)
        elif "records" in req:
            records = [tuple(build_pickle_value(x, refs) for x in r) for r in req["records"]]
        else:
            items = [build_pickle_value(x, refs) for x in req["items"]]
    finally:
        sys.setrecursionlimit(limit)
    try:
        if "nested" in req:
            arr = np.array(value, dtype=object)
        elif "records" in req:
            flat = np.empty(len(records), dtype=descr_dtype(req["descr"]))
            for i, r in enumerate(records):
                flat[i] = r
            arr = flat.reshape(req["shape"], order="F" if req["fortran"] else "C")
        else:
            arr = object_array(items, req["shape"], req["fortran"])
        f = io.BytesIO()
        np.save(f, arr, allow_pickle=True)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as e:  # noqa: BLE001 - numpy's refusal is the answer
        return {"refused": "%s: %s" % (type(e).__name__, str(e)[:200])}
    return {"file": b64(f.getvalue()), "shape": list(arr.shape)}


OPS = {"load": op_load, "pickle": op_pickle, "gen": op_gen, "f16": op_f16, "f16d": op_f16d,
       "array": op_array, "npz": op_npz, "savez": op_savez}
OPS["objgen"] = lambda req: __import__("oracle_object").op_objgen(req, PATH, to_json)


def main():
    out = sys.stdout
    out.write(json.dumps({"ready": True, "numpy": np.__version__,
                          "python": sys.version.split()[0]}) + "\n")
    out.flush()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 20000))  # deeply nested pickle requests
        try:
            req = json.loads(line)
        finally:
            sys.setrecursionlimit(limit)
        try:
            ans = OPS[req["op"]](req)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as e:  # noqa: BLE001 - report, keep serving
            ans = {"oracle_error": "%s: %s" % (type(e).__name__, e)}
        ans["id"] = req.get("id")
        out.write(json.dumps(ans) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
