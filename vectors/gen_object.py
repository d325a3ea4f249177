# Copyright 2026 the npy authors. MIT license.
"""Object-array vectors: numpy's own pickles, and hostile ones built by hand.

generate.py calls ``build_object_cases(add)`` to register the cases,
evaluates their expressions with ``NAMESPACE`` merged into its namespace,
and calls ``describe_pickle(case, path, entry)`` for every vector that numpy
refuses with ``allow_pickle=False``: that adds a ``"pickle"`` object saying
what ``np.load(path, allow_pickle=True)`` does (``outcome``, ``values`` in
the JSON form of ``npy show --json``, ``shape``, ``fortran_order``,
``loaded_descr``; or ``error_type``/``error``), and the code the TypeScript
reader must give instead (``expected_code``) where it refuses.

Hostile cases whose pickle would crash numpy or run code are never loaded
by numpy here (``numpy: "not run"`` says why).

Runs with numpy 2.x and numpy 1.x (vectors/testdata/make_np1.py uses it).
"""

import datetime
import hashlib
import io
import pickle
import struct

import numpy as np

MAX_SAFE_INTEGER = 2**53 - 1

try:
    from numpy.lib.format import dtype_to_descr
except ImportError:  # pragma: no cover
    from numpy.lib._format_impl import dtype_to_descr


def _rec():
    return np.rec if hasattr(np, "rec") else None


# ---------------------------------------------------------------------------
# The JSON form of Python values (codec/json.ts documents it).
# ---------------------------------------------------------------------------


def _int(v):
    v = int(v)
    return v if abs(v) <= MAX_SAFE_INTEGER else str(v)


def _float(v):
    v = float(v)
    if v != v:
        return "NaN"
    if v in (float("inf"), float("-inf")):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def _descr(dtype):
    d = dtype_to_descr(dtype)
    return _tuples_as_lists(d)


def _tuples_as_lists(d):
    if isinstance(d, (list, tuple)):
        return [_tuples_as_lists(x) for x in d]
    return d


def _fortran(a):
    return bool(a.flags.f_contiguous and not a.flags.c_contiguous)


def array_values(a, plain):
    """An array's values: nested lists in C order, the bare element for 0-d.

    plain(arr) gives the JSON form of an array without objects (generate.py's
    to_json_values).
    """
    if not a.dtype.hasobject:
        return plain(a)

    def element(x, dtype):
        if dtype.names is None:
            return value_json(x, plain)
        return {n: (value_json(x[n], plain) if dtype.fields[n][0].hasobject
                    else plain(np.asarray(x[n], dtype=dtype.fields[n][0])))
                for n in dtype.names}

    def nest(sub):
        if sub.ndim == 0:
            return element(sub[()], a.dtype)
        return [nest(sub[i, ...]) for i in range(sub.shape[0])]

    return nest(a)


def value_json(v, plain):
    """One Python value in the JSON form."""
    if isinstance(v, np.ndarray):
        return {"array": {"descr": _descr(v.dtype), "shape": list(v.shape),
                          "fortran_order": _fortran(v),
                          "values": array_values(v, plain)}}
    if isinstance(v, np.generic):
        return {"scalar": {"descr": _descr(v.dtype),
                           "value": plain(np.asarray(v))}}
    if isinstance(v, np.dtype):
        return {"dtype": _descr(v)}
    if isinstance(v, datetime.datetime):
        return {"datetime": v.isoformat()}
    if isinstance(v, datetime.date):
        return {"date": v.isoformat()}
    if isinstance(v, datetime.timedelta):
        us = (".%06d" % v.microseconds) if v.microseconds else ""
        return {"timedelta": "P%dDT%d%sS" % (v.days, v.seconds, us)}
    if isinstance(v, datetime.timezone):
        text = datetime.datetime(2000, 1, 1, tzinfo=v).isoformat()[19:]
        return {"timezone": text}
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return _int(v)
    if isinstance(v, float):
        return _float(v)
    if isinstance(v, complex):
        return [_float(v.real), _float(v.imag)]
    if isinstance(v, (bytes, bytearray)):
        return {"bytes": bytes(v).hex()}
    if isinstance(v, list):
        return [value_json(x, plain) for x in v]
    if isinstance(v, tuple):
        return {"tuple": [value_json(x, plain) for x in v]}
    if isinstance(v, dict):
        return {"dict": [[value_json(k, plain), value_json(x, plain)]
                         for k, x in v.items()]}
    if isinstance(v, (set, frozenset)):
        return {"set": [value_json(x, plain) for x in v]}
    if isinstance(v, type) or callable(v):
        return {"global": "%s.%s" % (v.__module__, v.__qualname__)}
    raise TypeError("no JSON form for %r" % (v,))


# ---------------------------------------------------------------------------
# Helpers that case expressions call.
# ---------------------------------------------------------------------------


def obj_array_of(items):
    out = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        out[i] = item
    return out


class _Reduce:
    """Pickles as ``fn(*args)`` followed by BUILD with ``state``."""

    def __init__(self, fn, args, state=None):
        self.r = (fn, args) if state is None else (fn, args, state)

    def __reduce__(self):
        return self.r


def _reconstruct():
    try:
        from numpy._core.multiarray import _reconstruct as r
    except ImportError:  # numpy 1.x
        from numpy.core.multiarray import _reconstruct as r
    return r


def array_pickle(shape, dtype, items, fortran=False, protocol=3):
    """The pickle numpy writes for an array, with any element list."""
    state = (1, tuple(shape), np.dtype(dtype), fortran, items)
    return pickle.dumps(_Reduce(_reconstruct(), (np.ndarray, (0,), b"b"),
                                state), protocol=protocol)


def global_call_pickle(module, name, args):
    """A protocol 2 pickle that calls module.name(*args): GLOBAL + REDUCE."""
    return (b"\x80\x02c" + module.encode() + b"\n" + name.encode() + b"\n" +
            pickle.dumps(args, protocol=2)[2:-1] + b"R.")


def wasm_struct_pickle():
    """What 32-bit numpy writes for [(1, None)] of [('a', '<i4'), ('o', 'O')]:
    a V8 record whose 4-byte object field starts at offset 4."""
    a = np.array([(1, None)], dtype=[("a", "<i4"), ("o", "O")])
    data = pickle.dumps(a, protocol=3)
    if np.dtype("O").itemsize == 4:
        return data  # 32-bit numpy (Pyodide) writes exactly this
    for old, new in ((b"X\x03\x00\x00\x00V12", b"X\x02\x00\x00\x00V8"),
                     (b"X\x02\x00\x00\x00O8", b"X\x02\x00\x00\x00O4"),
                     (b"K\x0cK\x01K\x1b", b"K\x08K\x04K\x1b")):
        if old not in data:
            raise SystemExit("wasm_struct_pickle: %r not in numpy's pickle" % old)
        data = data.replace(old, new)
    return data


def py2_str_pickle(text_bytes):
    """A protocol 2 object array holding one Python 2 str (SHORT_BINSTRING)."""
    good = array_pickle((1,), "O", ["\x00"], protocol=2)
    marker = b"X\x01\x00\x00\x00\x00"
    if marker not in good:
        raise SystemExit("py2_str_pickle: no BINUNICODE marker")
    return good.replace(marker, b"U" + bytes([len(text_bytes)]) + text_bytes)


NAMESPACE = {
    "datetime": datetime,
    "obj_array_of": obj_array_of,
    "array_pickle": array_pickle,
    "global_call_pickle": global_call_pickle,
    "wasm_struct_pickle": wasm_struct_pickle,
    "py2_str_pickle": py2_str_pickle,
}


# ---------------------------------------------------------------------------
# The cases.
# ---------------------------------------------------------------------------

# name -> (code the TypeScript reader gives with allowPickle, or None when it
# loads; why numpy is not run, or None when it is)
PICKLE_EXPECT = {}

SAVED = [
    ("object_tutorial",
     "np.array([{'a': 1}, [2, 3], 'string'], dtype=object)"),
    ("object_ragged",
     "np.array([np.arange(3), np.arange(2)], dtype=object)"),
    ("object_2d", "np.array([[1, 'a'], [None, 2.5]], dtype=object)"),
    ("object_fortran",
     "np.asfortranarray(np.array([[1, 2, 3], [4, 5, 6]], dtype=object))"),
    ("object_fortran_3d",
     "np.asfortranarray(np.arange(24).astype(object).reshape(2, 3, 4))"),
    ("object_0d", "np.array({'k': [1, 2], 'n': None}, dtype=object)"),
    ("object_empty", "np.empty((0,), dtype=object)"),
    ("object_empty_2d", "np.empty((2, 0), dtype=object)"),
    ("object_dict_int_keys",
     "obj_array_of([{1: 'a', -2: 'b', 2**70: None}, {(1, 2): 3}])"),
    ("object_bigints",
     "obj_array_of([2**64, -2**100, 2**53, -2**53 - 1, 0, 255, 256, "
     "65535, 65536, -1, -129, 2**31, -2**31 - 1, 10**400])"),
    ("object_nested",
     "obj_array_of([{'a': [1, (2, 3), {'b': {'c': ()}}]}, [[[]]], ((1,),), "
     "{}])"),
    ("object_numpy_scalars",
     "obj_array_of([np.float32(1.5), np.int64(-3), np.uint8(7), "
     "np.bool_(True), np.complex64(1 - 2j), "
     "np.datetime64('2020-01-01', 'ms'), np.timedelta64(5, 's'), "
     "np.str_('hi'), np.bytes_(b'x'), np.float16(0.5), np.float64('nan'), "
     "np.int8(-1), np.uint64(2**64 - 1)])"),
    ("object_nested_arrays",
     "obj_array_of([np.arange(3, dtype='>i2'), "
     "np.array([[1.5, 2], [3, 4]], dtype='<f4'), "
     "np.asfortranarray(np.arange(6, dtype='<i8').reshape(2, 3)), "
     "np.array(['ab', 'c'], dtype='<U2'), np.array([b'x'], dtype='S3'), "
     "np.zeros(2, dtype=[('x', '<i2'), ('y', '>f8')]), "
     "np.array([True, False]), np.array([1 + 2j], dtype='<c16'), "
     "np.array(['2020-01-01'], dtype='M8[D]'), np.array(7, dtype='<u4'), "
     "np.zeros((0, 3), dtype='<f8')])"),
    ("object_nested_object_arrays",
     "obj_array_of([obj_array_of([1, obj_array_of(['deep'])]), "
     "np.array([[None]], dtype=object)])"),
    ("object_struct_field",
     "np.array([(1, {'x': 1}), (2, [None])], "
     "dtype=[('a', '<i4'), ('o', 'O')])"),
    ("object_struct_fields",
     "np.array([(b'ab', 'x', 1.5, None), (b'', (1,), -0.0, 2**80)], "
     "dtype=[('s', 'S2'), ('o', 'O'), ('f', '<f8'), ('p', 'O')])"),
    ("object_sets",
     "obj_array_of([{1, 2, 3}, frozenset([4, 5]), set(), frozenset()])"),
    ("object_complex",
     "obj_array_of([1 + 2j, complex(-0.0, float('inf')), 0j])"),
    ("object_bytes",
     "obj_array_of([b'', b'\\x00\\xff', bytearray(b'ab'), bytearray()])"),
    ("object_globals", "obj_array_of([range, int, np.ndarray, None])"),
    ("object_floats",
     "obj_array_of([0.1, -0.0, float('nan'), float('inf'), "
     "float('-inf'), 1e308, 5e-324])"),
    ("object_strings",
     "obj_array_of(['', '\\u00e9', '\\U0001f600', 'a' * 300, "
     "'\\u4e0d\\u826f'])"),
    ("object_dict_proto",
     "obj_array_of([{'__proto__': 1, 'constructor': 2, 'toString': 3}])"),
    ("object_pipe", "obj_array_of(['|', '', 'a', '<'])"),
    ("object_datetime",
     "obj_array_of([datetime.date(2020, 1, 2), "
     "datetime.datetime(2020, 1, 2, 3, 4, 5, 6, tzinfo=datetime.timezone("
     "datetime.timedelta(hours=-1, minutes=-30))), "
     "datetime.datetime(1, 1, 1, fold=1), datetime.timedelta(-1, 5, 7), "
     "datetime.timedelta(0), datetime.timezone.utc])"),
    ("object_shared_refs", "obj_array_of([[1]] * 3)"),
    ("object_list_2500", "obj_array_of([list(range(2500))])"),
    ("object_dict_1000", "obj_array_of([{i: i for i in range(1000)}])"),
    ("object_string_70k", "obj_array_of(['x' * 70000])"),
]

# The same values pickled with every protocol (np.save uses 4; numpy 1.x 3).
PROTOCOL_VALUES = (
    "obj_array_of([None, True, -5, 2**70, 1.5, 'text', '\\u00e9', b'ab', b'', "
    "bytearray(b'x'), [1, (2,)], {'k': {3}}, frozenset([4]), 1 - 2j, range, "
    "np.arange(3, dtype='<i2'), np.float32(2.5)])")
PROTOCOLS = [
    ("object_protocol_%d" % n,
     "f.write(raw_npy(npy_header('|O', (17,)), pickle.dumps(%s, %d)))"
     % (PROTOCOL_VALUES, n))
    for n in range(6)
]

# name, expression, code, why numpy is not run (None: it is run)
HOSTILE = [
    ("object_hostile_unsafe_call",
     "f.write(raw_npy(npy_header('|O', (1,)), "
     "global_call_pickle('posix', 'system', ('true',))))",
     "PICKLE_UNSAFE_GLOBAL", "it would run a shell command"),
    ("object_hostile_harmless_call",
     "f.write(raw_npy(npy_header('|O', (1,)), "
     "global_call_pickle('builtins', 'abs', (-1,))))",
     "PICKLE_UNSAFE_GLOBAL", None),
    ("object_hostile_short_list",
     "f.write(raw_npy(npy_header('|O', (3,)), "
     "array_pickle((3,), 'O', [1, 2])))",
     "PICKLE_ELEMENT_COUNT",
     "numpy reads memory past the list (measured with 2.4.6: a stray object "
     "as the third element; it may crash)"),
    ("object_hostile_long_list",
     "f.write(raw_npy(npy_header('|O', (1,)), "
     "array_pickle((1,), 'O', [1, 2])))",
     "PICKLE_ELEMENT_COUNT", None),
    ("object_hostile_wasm_struct",
     "f.write(raw_npy(npy_header([('a', '<i4'), ('o', '|O')], (1,)), "
     "wasm_struct_pickle()))",
     "PICKLE_LAYOUT",
     "64-bit numpy stores an 8-byte pointer at offset 4 of an 8-byte record, "
     "past the array's buffer (a heap overflow: it may load or crash)"),
    ("object_hostile_not_array",
     "f.write(raw_npy(npy_header('|O', (2,)), pickle.dumps([1, 2], 4)))",
     "PICKLE_NOT_ARRAY", None),
    ("object_hostile_truncated",
     "f.write(raw_npy(npy_header('|O', (2,)), "
     "array_pickle((2,), 'O', ['ab', 'cd'])[:-9]))",
     "PICKLE_TRUNCATED", None),
    ("object_hostile_py2_str_ascii",
     "f.write(raw_npy(npy_header('|O', (1,)), py2_str_pickle(b'\\xe9t\\xe9')))",
     "PICKLE_ENCODING", None),
]


WHY_OBJECT = (
    "numpy pickles the object dtype as 'O8' on 64-bit platforms and 'O4' on "
    "32-bit wasm32 (a record with an 'O' field changes itemsize too), and "
    "its default integers are int32 there, so the pickle bytes and the "
    "nested arrays' descrs differ")


def build_object_cases(add, engine_dependent):
    """Registers the cases; marks them engine-dependent in ``engine_dependent``."""
    for name in [n for n, _ in SAVED] + [n for n, _ in PROTOCOLS] + \
            [h[0] for h in HOSTILE]:
        engine_dependent[name] = (["sha256", "size", "pickle"], WHY_OBJECT)
    for name, expr in SAVED:
        add("object", name, "np.save(f, %s, allow_pickle=True)" % expr,
            "OBJECT_ARRAY")
        PICKLE_EXPECT[name] = (None, None)
    for name, expr in PROTOCOLS:
        add("object", name, expr, "OBJECT_ARRAY",
            "the same values in pickle protocol %s" % name[-1])
        PICKLE_EXPECT[name] = (None, None)
    for name, expr, code, why in HOSTILE:
        add("object", name, expr, "OBJECT_ARRAY",
            "hostile: the reader refuses it with %s%s" % (
                code, "" if why is None else "; numpy not run: " + why))
        PICKLE_EXPECT[name] = (code, why)


def describe_pickle(case, path, entry, plain):
    """Adds what np.load(allow_pickle=True) does, for object-array vectors."""
    if entry.get("expected_code") != "OBJECT_ARRAY":
        return
    code, why = PICKLE_EXPECT.get(case.name, (None, None))
    out = {}
    if code is not None:
        out["expected_code"] = code
    if why is not None:
        out["numpy"] = "not run: " + why
        entry["pickle"] = out
        return
    try:
        a = np.load(path, allow_pickle=True)
    except Exception as e:  # noqa: BLE001 - numpy's refusal is the result
        out["outcome"] = "refuse"
        out["error_type"] = type(e).__name__
        out["error"] = str(e)
    else:
        out["outcome"] = "load"
        if isinstance(a, np.ndarray):
            out["shape"] = list(a.shape)
            out["fortran_order"] = _fortran(a)
            out["loaded_descr"] = _descr(a.dtype)
            out["values"] = array_values(a, plain)
            # np.save(np.load(f, allow_pickle=True), allow_pickle=True)
            buf = io.BytesIO()
            np.save(buf, a, allow_pickle=True)
            out["resave_sha256"] = hashlib.sha256(buf.getvalue()).hexdigest()
        else:
            out["value"] = value_json(a, plain)
    if out["outcome"] == "refuse" and code is None:
        if not out["error"].startswith("invalid load key"):
            raise SystemExit("%s: numpy refuses it with allow_pickle=True and "
                             "no reader code is given: %s" % (path, out["error"]))
        out["expected_code"] = "PICKLE_INVALID"
    if out["outcome"] == "load" and code is None and "values" not in out:
        raise SystemExit("%s: numpy loaded a non-array" % path)
    entry["pickle"] = out
