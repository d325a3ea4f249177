#!/usr/bin/env python3
# Copyright 2026 the npy authors. MIT license.
"""Builds the .npy conformance vectors and their manifest.

Every case is one Python expression, evaluated with ``f`` bound to the open
output file: either ``np.save(f, <array>)`` (numpy writes the file) or
``f.write(raw_npy(...))`` (the bytes are built by hand, for odd or broken
files). The expression is recorded verbatim in the manifest, so any case can
be rebuilt from this module's namespace.

The outcome of every case is found by calling ``np.load(path)`` with numpy's
defaults (``allow_pickle=False``), never assumed. Refused cases carry the code
that the TypeScript codec is expected to throw (``expected_code``); the
generator stops with an error when numpy loads a case that has one, or
refuses a case that has none, so the expectations can never drift from what
numpy does.

Runs under CPython and under Pyodide: it uses only numpy and the standard
library, and writes nothing but the output directory.

Usage: python3 vectors/generate.py --out DIR
"""

import argparse
import ast
import hashlib
import io
import json
import os
import platform
import re
import struct
import sys
import warnings

import numpy as np

import gen_object

MAGIC = b"\x93NUMPY"
FILES_DIR = "files"
MANIFEST_NAME = "manifest.json"
MAX_SAFE_INTEGER = 2**53 - 1

# The header layout of each version numpy reads: length field and encoding.
HEADER_INFO = {
    (1, 0): ("<H", "latin1"),
    (2, 0): ("<I", "latin1"),
    (3, 0): ("<I", "utf8"),
}


# ---------------------------------------------------------------------------
# Helpers that case expressions call.
# ---------------------------------------------------------------------------


def raw_npy(
    header,
    data=b"",
    version=(1, 0),
    align=64,
    pad=" ",
    newline="\n",
    header_len=None,
):
    """Hand-builds the bytes of a .npy file.

    header: the header text (str, encoded latin1 for versions 1 and 2 and
    utf8 for 3 and later) or raw bytes. It is padded with ``pad`` so that
    magic, version, length field, header and ``newline`` end on a multiple
    of ``align`` bytes (no padding when align is 0), then ``newline`` is
    appended. The length field is the padded header's length unless
    ``header_len`` overrides it. ``data`` follows the header as is.
    """
    major, minor = version
    encoding = "utf8" if major >= 3 else "latin1"
    fmt = "<H" if major == 1 else "<I"
    text = header if isinstance(header, bytes) else header.encode(encoding)
    tail = newline.encode(encoding)
    if align:
        used = len(MAGIC) + 2 + struct.calcsize(fmt) + len(text) + len(tail)
        text += pad.encode(encoding) * (-used % align)
    text += tail
    length = len(text) if header_len is None else header_len
    return MAGIC + bytes([major, minor]) + struct.pack(fmt, length) + text + data


def npy_header(descr, shape, fortran_order=False):
    """The header dict text exactly as numpy 2 writes it (before padding)."""
    return "{'descr': %r, 'fortran_order': %r, 'shape': %r, }" % (
        descr,
        fortran_order,
        tuple(shape),
    )


def obj_array(items):
    """A 1-d object array holding ``items`` as they are (no broadcasting)."""
    out = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        out[i] = item
    return out


def x87(sign, exponent, mantissa, byteorder="<"):
    """16 bytes of an x87 80-bit extended float, as x86-64 stores a long double.

    sign (0 or 1), exponent (15 bits) and mantissa (64 bits, explicit integer
    bit) give the 10 value bytes; the 6 bytes after them are zero. numpy leaves
    those 6 bytes as whatever memory held, so cases build longdouble arrays
    from these explicit bytes to stay deterministic.
    """
    le = struct.pack("<QH", mantissa, (sign << 15) | exponent) + bytes(6)
    return le if byteorder == "<" else le[::-1]


def x87_array(values, byteorder="<", complex_=False):
    """A longdouble (f16) or clongdouble (c32) array from x87 triples."""
    raw = b"".join(x87(s, e, m, byteorder) for s, e, m in values)
    code = ("c32" if complex_ else "f16")
    return np.frombuffer(raw, dtype=byteorder + code)


def eval_namespace():
    """The globals that case expressions are evaluated in."""
    return {
        "np": np,
        "raw_npy": raw_npy,
        "npy_header": npy_header,
        "obj_array": obj_array,
        "x87": x87,
        "x87_array": x87_array,
        "pickle": __import__("pickle"),
        **gen_object.NAMESPACE,
    }


# ---------------------------------------------------------------------------
# The JSON form of values.
# ---------------------------------------------------------------------------


def _json_int(value):
    value = int(value)
    return value if abs(value) <= MAX_SAFE_INTEGER else str(value)


def _json_float(value):
    if np.isnan(value):
        return "NaN"
    if np.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return float(value)


def _is_longdouble(dtype):
    return (dtype.kind == "f" and dtype.itemsize > 8) or (
        dtype.kind == "c" and dtype.itemsize > 16
    )


def _json_scalar(a):
    """The JSON form of the one element of the 0-d, unstructured array ``a``."""
    dtype = a.dtype
    kind = dtype.kind
    if kind == "b":
        return bool(a[()])
    if kind in "iu":
        return _json_int(a[()])
    if _is_longdouble(dtype):
        return a.tobytes().hex()
    if kind == "f":
        return _json_float(a[()])
    if kind == "c":
        value = a[()]
        return [_json_float(value.real), _json_float(value.imag)]
    if kind == "S":
        return bytes(a[()]).decode("latin1")
    if kind == "U":
        return str(a[()])
    if kind == "V":
        return a.tobytes().hex()
    if kind in "Mm":
        if np.isnat(a[()]):
            return "NaT"
        order = dtype.byteorder if dtype.byteorder in "<>" else "="
        return _json_int(a.view(np.dtype("i8").newbyteorder(order))[()])
    raise TypeError("no JSON form for dtype %r" % (dtype,))


def _json_values(a):
    if a.ndim:
        return [_json_values(a[i, ...]) for i in range(a.shape[0])]
    if a.dtype.names is not None:
        return {name: _json_values(a[name]) for name in a.dtype.names}
    return _json_scalar(a)


def to_json_values(arr):
    """The JSON form of an array's values, as ``npy show --json`` prints them.

    Nested lists in logical C order (the bare element for 0-d). bool: true or
    false; integers: a number when |v| <= 2**53 - 1, else a decimal string;
    f2/f4/f8: the float64 value as a number, "NaN", "Infinity" or
    "-Infinity"; complex: [re, im]; S: the bytes as latin1 characters, U: the
    text, both with trailing NULs stripped; V and longdouble (f12/f16,
    c24/c32): lowercase hex of each element's raw bytes as stored;
    datetime64/timedelta64: the int64 count or "NaT"; structured: an object of
    field name to value (padding left out, names rather than titles), with
    subarray fields as nested lists.
    """
    with np.errstate(all="ignore"):
        return _json_values(np.asarray(arr))


def _json_literal(value):
    """A Python literal from a header as JSON: tuples as arrays."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return _json_int(value)
    if isinstance(value, float):
        return _json_float(value)
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("latin1")
    if isinstance(value, (tuple, list)):
        return [_json_literal(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_literal(v) for k, v in value.items()}
    return repr(value)


# ---------------------------------------------------------------------------
# The cases.
# ---------------------------------------------------------------------------


# Cases whose numpy result is known to differ between the two engines:
# CPython 3.11 with numpy 2.4.6 on x86-64 Linux ("python") and CPython 3.14
# with numpy 2.4.3 on wasm32 ("pyodide"). Each such entry says which fields
# differ and why in its "engine_dependent" field; `deno task vectors --check`
# lets exactly those fields (and, with sha256, the file's bytes) differ when
# the committed and the fresh manifest come from different engines, and
# reports them as info.
WHY_AST = (
    "ast.literal_eval names the node it rejects: CPython 3.11 by its repr "
    "(an address, normalized to 0x...), CPython 3.14 by ast.dump")
WHY_TOKENIZE = (
    "the header fails ast.literal_eval, and numpy retries after its Python 2 "
    "L-suffix filter, which runs the tokenize module; CPython 3.14's "
    "tokenizer words its TokenError differently, and rejects NUL bytes "
    "itself where 3.11 leaves them to ast (which numpy reports as 'Cannot "
    "parse header')")
WHY_32BIT = (
    "on 32-bit wasm32 numpy converts the dims to a 32-bit ssize_t and fails "
    "there, with another message, before it reads any data")
WHY_PICKLE = (
    "numpy pickles the object dtype as 'O8' on 64-bit platforms and 'O4' on "
    "32-bit wasm32 (its pointer size; a record with an 'O' field changes "
    "itemsize too), so the pickle bytes differ")
ENGINE_DEPENDENT = {
    "bad_syntax_arithmetic": (["error"], WHY_AST),
    "bad_syntax_function_call": (["error"], WHY_AST),
    "bad_syntax_import": (["error"], WHY_AST),
    "bad_syntax_json": (["error"], WHY_AST),
    "bad_syntax_name": (["error"], WHY_AST),
    "bad_syntax_nul_padding": (["error", "error_type"], WHY_TOKENIZE),
    "bad_syntax_unclosed": (["error"], WHY_TOKENIZE),
    "bad_count_overflow_2e32x2e32": (["error"], WHY_32BIT),
    "bad_count_overflow_2e63": (["error", "error_type"], WHY_32BIT),
    "bad_count_overflow_2e64": (["error"], WHY_32BIT),
    "bad_count_overflow_3037000500_squared": (["error", "error_type"],
                                              WHY_32BIT),
    "pickle_0d_dict": (["sha256"], WHY_PICKLE),
    "pickle_2x2": (["sha256"], WHY_PICKLE),
    "pickle_list": (["sha256"], WHY_PICKLE),
    "pickle_struct_object_field": (["sha256", "size"], WHY_PICKLE),
}


class Case:
    """One vector: its file name, category and the expression that makes it."""

    def __init__(self, category, name, expression, expected_code=None,
                 note=None):
        self.category = category
        self.name = name
        self.expression = expression
        self.expected_code = expected_code
        self.note = note

    @property
    def file(self):
        return "%s/%s.npy" % (FILES_DIR, self.name)


CASES = []


def add(category, name, expression, expected_code=None, note=None):
    CASES.append(Case(category, name, expression, expected_code, note))


def saved(category, name, array_expression, note=None, expected_code=None):
    add(category, name, "np.save(f, %s)" % array_expression, expected_code,
        note)


def hand(category, name, args, expected_code=None, note=None):
    add(category, name, "f.write(raw_npy(%s))" % args, expected_code, note)


ORDERS = {"<": "le", ">": "be", "|": "na"}


def _lit(values):
    return "[" + ", ".join(values) + "]"


def _float_literal(x):
    x = float(x)
    if np.isnan(x):
        return "float('nan')"
    if np.isinf(x):
        return "float('inf')" if x > 0 else "-float('inf')"
    return repr(x)


def _int_edges(code):
    info = np.iinfo(np.dtype(code))
    if info.min < 0:
        values = [info.min, info.min + 1, -1, 0, 1, info.max - 1, info.max]
    else:
        values = [0, 1, info.max // 2, info.max - 1, info.max]
    return [str(v) for v in values]


def _float_edges(code):
    fi = np.finfo(np.dtype(code))
    values = [
        0.0, -0.0, 1.0, -1.5, 0.1,
        float("nan"), float("inf"), -float("inf"),
        fi.max, -fi.max, fi.tiny, -fi.tiny,
        fi.smallest_subnormal, -fi.smallest_subnormal,
        fi.tiny - fi.smallest_subnormal, fi.eps,
    ]
    # float(...) of a numpy scalar of this precision is exact, and so is the
    # conversion of its repr back to that precision.
    return [_float_literal(v) for v in values]


NAN_PAYLOADS = {
    "f2": ("u2", ["0x7e01", "0xfe00", "0x7c01", "0x7d55"]),
    "f4": ("u4", ["0x7fc00001", "0xffc00000", "0x7f800001", "0x7fa5a5a5"]),
    "f8": (
        "u8",
        ["0x7ff8000000000001", "0xfff8000000000000", "0x7ff0000000000001",
         "0x7ffdeadbeefcafe0"],
    ),
}


def _complex_edges(code):
    fi = np.finfo(np.dtype(code))
    pairs = [
        (0.0, 0.0), (-0.0, -0.0), (1.0, -2.5), (float("nan"), 0.0),
        (0.0, float("nan")), (float("inf"), -float("inf")),
        (fi.max, fi.smallest_subnormal), (-fi.tiny, 0.1),
    ]
    return [
        "complex(%s, %s)" % (_float_literal(re), _float_literal(im))
        for re, im in pairs
    ]


# x87 extended values: (sign, exponent, mantissa).
X87_VALUES = [
    ("0", (0, 0, 0)),
    ("-0", (1, 0, 0)),
    ("1", (0, 0x3FFF, 0x8000000000000000)),
    ("-2", (1, 0x4000, 0x8000000000000000)),
    ("1/3", (0, 0x3FFD, 0xAAAAAAAAAAAAAAAB)),
    ("inf", (0, 0x7FFF, 0x8000000000000000)),
    ("-inf", (1, 0x7FFF, 0x8000000000000000)),
    ("nan", (0, 0x7FFF, 0xC000000000000000)),
    ("max", (0, 0x7FFE, 0xFFFFFFFFFFFFFFFF)),
    ("tiny", (0, 0x0001, 0x8000000000000000)),
    ("smallest subnormal", (0, 0, 1)),
]


def _x87_literal(triples):
    return "[" + ", ".join(
        "(%d, 0x%04x, 0x%016x)" % t for t in triples
    ) + "]"


def build_dtype_cases():
    one_byte = ["b1", "i1", "u1"]
    multi = ["i2", "i4", "i8", "u2", "u4", "u8", "f2", "f4", "f8", "c8", "c16"]
    specs = [("|", c) for c in one_byte]
    specs += [(bo, c) for c in multi for bo in "<>"]
    for bo, code in specs:
        dt = bo + code
        tag = "dtype_%s_%s" % (code, ORDERS[bo])
        kind = np.dtype(dt).kind
        if kind == "b":
            edges = ["True", "False", "True", "True", "False"]
            zero_d, grid = "True", "[[True, False, True], [False, False, True]]"
        elif kind in "iu":
            edges = _int_edges(dt)
            zero_d = edges[-1]
            grid = "[[%s, %s, %s], [%s, %s, %s]]" % tuple(
                (edges * 2)[:6])
        elif kind == "f":
            edges = _float_edges(dt)
            zero_d, grid = "-0.0", None
        else:
            edges = _complex_edges(dt)
            zero_d, grid = "complex(-0.0, float('inf'))", None
        saved("dtype", tag + "_edges",
              "np.array(%s, dtype=%r)" % (_lit(edges), dt))
        saved("dtype", tag + "_0d", "np.array(%s, dtype=%r)" % (zero_d, dt))
        if grid is None:
            seed = 100 + len(CASES)
            scale = " * complex(1.0, -3.0)" if kind == "c" else ""
            grid = "(np.random.default_rng(%d).random((2, 3))%s).astype(%r)" % (
                seed, scale, dt)
            saved("dtype", tag + "_2x3_f", "np.asfortranarray(%s)" % grid)
        else:
            saved("dtype", tag + "_2x3_f",
                  "np.asfortranarray(np.array(%s, dtype=%r))" % (grid, dt))
        if code in NAN_PAYLOADS:
            int_code, patterns = NAN_PAYLOADS[code]
            saved("dtype", tag + "_nan_payloads",
                  "np.array(%s, dtype=%r).view(%r)" % (
                      _lit(patterns), bo + int_code, dt),
                  note="NaNs with payloads and a signalling NaN, made from "
                  "integer bit patterns; the bits must survive a round trip")
    saved("dtype", "dtype_c16_le_nan_payloads",
          "np.array([0x7ff8000000000001, 0x7ff4000000000000], dtype='<u8')"
          ".view('<c16')",
          note="a complex whose parts are NaNs with payloads")

    # longdouble: x87 80-bit extended padded to 16 bytes (x86-64 Linux).
    for bo in "<>":
        tag = ORDERS[bo]
        triples = [t for _, t in X87_VALUES]
        note = ("long double as x86-64 Linux stores it (x87 extended, 6 "
                "zero padding bytes); values " +
                ", ".join(n for n, _ in X87_VALUES))
        saved("dtype", "dtype_f16_%s_edges" % tag,
              "x87_array(%s, %r)" % (_x87_literal(triples), bo), note=note)
        saved("dtype", "dtype_f16_%s_0d" % tag,
              "x87_array(%s, %r).reshape(())" % (
                  _x87_literal([triples[2]]), bo))
        pairs = triples[:10]
        saved("dtype", "dtype_c32_%s_edges" % tag,
              "x87_array(%s, %r, complex_=True)" % (_x87_literal(pairs), bo),
              note="complex long double: pairs of x87 values (re, im)")
        saved("dtype", "dtype_c32_%s_0d" % tag,
              "x87_array(%s, %r, complex_=True).reshape(())" % (
                  _x87_literal(pairs[2:4]), bo))

    # Bytes strings.
    saved("dtype", "dtype_bytes_S1_na_edges",
          r"np.array([b'', b'a', b'\x00', b'\xff', b'\x7f'], dtype='|S1')")
    saved("dtype", "dtype_bytes_S6_na_edges",
          r"np.array([b'abc', b'a\x00b', b'\x00\x00x', b'123456', b'', "
          r"b'\x80\xfe\xff', b'ab\x00\x00', b'\x00'], dtype='|S6')",
          note="embedded, leading and trailing NULs and high latin1 bytes; "
          "trailing NULs are stripped in values")
    saved("dtype", "dtype_bytes_S3_na_0d", "np.array(b'xy', dtype='|S3')")
    saved("dtype", "dtype_bytes_S2_na_2x3_f",
          "np.asfortranarray(np.array([[b'a', b'bc', b''], "
          "[b'de', b'f', b'gh']], dtype='|S2'))")
    # UCS-4 strings, both byte orders.
    for bo in "<>":
        tag = ORDERS[bo]
        saved("dtype", "dtype_unicode_U1_%s_edges" % tag,
              r"np.array(['', 'a', '\xe9', '\u540d', '\U0001f600', '\x00'], "
              "dtype=%r)" % (bo + "U1"))
        saved("dtype", "dtype_unicode_U6_%s_edges" % tag,
              r"np.array(['abc', 'a\x00b', '\x00\x00x', '\U0001f600\U00010348'"
              r", '\u540d\u524d', '', 'caf\xe9', 'ab\x00\x00', "
              r"'\U0010ffff\uffff'], dtype=%r)" % (bo + "U6"),
              note="embedded and leading NULs, BMP and non-BMP characters; "
              "trailing NULs are stripped in values")
        saved("dtype", "dtype_unicode_U4_%s_0d" % tag,
              r"np.array('\U0001f600z', dtype=%r)" % (bo + "U4"))
        saved("dtype", "dtype_unicode_U2_%s_2x3_f" % tag,
              "np.asfortranarray(np.array([['a', 'bc', ''], "
              "['de', 'f', 'gh']], dtype=%r))" % (bo + "U2"))
    # Raw void.
    saved("dtype", "dtype_void_V1_na_edges",
          r"np.array([b'\x00', b'\x01', b'\xff'], dtype='|V1')")
    saved("dtype", "dtype_void_V4_na_edges",
          r"np.array([b'\x00\x01\x02\x03', b'\xff\xfe\xfd\xfc', "
          r"b'\x00\x00\x00\x00'], dtype='|V4')")
    saved("dtype", "dtype_void_V8_na_0d",
          r"np.array(b'\x01\x23\x45\x67\x89\xab\xcd\xef', dtype='|V8')")
    saved("dtype", "dtype_void_V3_na_2x3_f",
          "np.asfortranarray(np.frombuffer(bytes(range(18)), dtype='|V3')"
          ".reshape((2, 3)))")


DATETIME_UNITS = ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps",
                  "fs", "as"]
# File names avoid M/m, D/d clashes on case-insensitive file systems.
UNIT_NAMES = {"Y": "years", "M": "months", "W": "weeks", "D": "days",
              "h": "hours", "m": "minutes", "s": "seconds"}
KIND_NAMES = {"M": "datetime64", "m": "timedelta64"}


def _unit_name(unit):
    digits = unit.rstrip("YMWDhmsunpfa")
    return digits + UNIT_NAMES.get(unit[len(digits):], unit[len(digits):])


def build_datetime_cases():
    counts = "[0, 1, -1, 1000, 9223372036854775807, -9223372036854775807, " \
             "-9223372036854775808]"
    for kind in "Mm":
        for bo in "<>":
            tag = ORDERS[bo]
            for unit in DATETIME_UNITS + ["generic"]:
                dt = bo + kind + "8" + ("" if unit == "generic" else
                                        "[%s]" % unit)
                saved("datetime", "%s_%s_%s" % (KIND_NAMES[kind],
                                                 _unit_name(unit), tag),
                      "np.array(%s, dtype=%r).view(%r)" % (
                          counts, bo + "i8", dt),
                      note=None if unit != "generic" else
                      "the generic unit (no [unit] in the descr)")
            for mult in ["10ms", "2D", "3Y", "25s", "7us", "1000as"]:
                dt = "%s%s8[%s]" % (bo, kind, mult)
                saved("datetime", "%s_%s_%s" % (KIND_NAMES[kind],
                                                 _unit_name(mult), tag),
                      "np.array([0, 1, -7, -9223372036854775808], "
                      "dtype=%r).view(%r)" % (bo + "i8", dt))
            saved("datetime", "%s_ns_%s_0d_nat" % (KIND_NAMES[kind], tag),
                  "np.array('NaT', dtype=%r)" % (bo + kind + "8[ns]"))
    saved("datetime", "datetime64_days_le_strings",
          "np.array(['1970-01-01', '2000-02-29', '1969-12-31', 'NaT', "
          "'-0100-01-01', '275760-09-13'], dtype='<M8[D]')")
    saved("datetime", "datetime64_seconds_le_2x3_f",
          "np.asfortranarray(np.array([[0, 1, 2], [-3, -4, -9223372036854775808"
          "]], dtype='<i8').view('<M8[s]'))")
    saved("datetime", "timedelta64_us_be_2x3_f",
          "np.asfortranarray(np.array([[0, 1, 2], [-3, -4, -9223372036854775808"
          "]], dtype='>i8').view('>m8[us]'))")


SHAPES = [(), (0,), (3,), (2, 3), (2, 0, 3), (1, 2, 3, 4)]


def _shape_tag(shape):
    return "x".join(str(n) for n in shape) if shape else "0d"


def build_shape_cases():
    for shape in SHAPES:
        size = int(np.prod(shape, dtype=np.int64))
        tag = _shape_tag(shape)
        arrays = {
            "i4_le": "np.arange(%d, dtype='<i4').reshape(%r)" % (size, shape),
            "f8_be": "np.random.default_rng(%d).random(%r).astype('>f8')" % (
                size, shape),
            "S3_na": "np.array([b'%%d' %% i for i in range(%d)], dtype='|S3')"
                     ".reshape(%r)" % (size, shape),
            "u2_be": "np.random.default_rng(%d).integers(0, 65536, size=%r, "
                     "dtype='<u2').astype('>u2')" % (size + 1, shape),
        }
        for dname, expr in arrays.items():
            saved("shape", "shape_%s_%s_c" % (dname, tag), expr)
            if len(shape) >= 2 and size > 0:
                saved("shape", "shape_%s_%s_f" % (dname, tag),
                      "np.asfortranarray(%s)" % expr)
        # numpy writes fortran_order False for these (a C-contiguous array);
        # a writer may still say True, and numpy then reads the data as is.
        if len(shape) < 2 or size == 0:
            hand("shape", "shape_i4_le_%s_f_hand" % tag,
                 "npy_header('<i4', %r, True), np.arange(%d, dtype='<i4')"
                 ".tobytes()" % (shape, size),
                 note="fortran_order True on a shape where C and Fortran "
                 "order are the same; numpy re-saves it as False")
    saved("shape", "shape_i4_le_1x1x1x1x1x1x1x1_f",
          "np.asfortranarray(np.arange(1, dtype='<i4').reshape((1,) * 8))")
    saved("shape", "shape_u1_na_5x1x2_f",
          "np.asfortranarray(np.arange(10, dtype='|u1').reshape((5, 1, 2)))")
    saved("shape", "shape_i2_le_3x4_sliced",
          "np.arange(24, dtype='<i2').reshape((6, 4))[::2, 1:]",
          note="a non-contiguous view; numpy writes it in C order")
    saved("shape", "shape_i2_le_3x4_transposed",
          "np.arange(12, dtype='<i2').reshape((4, 3)).T",
          note="a transposed view is Fortran-contiguous")


def build_struct_cases():
    s = "struct"
    saved(s, "struct_simple",
          "np.array([(1, 2.5), (-3, float('nan'))], "
          "dtype=[('a', '<i4'), ('b', '>f8')])")
    saved(s, "struct_nested",
          "np.array([((1, (2, 3)), 4.0), ((-1, (255, 65535)), -0.0)], "
          "dtype=[('a', [('x', '<i4'), ('y', [('p', '|u1'), ('q', '>u2')])]), "
          "('b', '<f4')])")
    saved(s, "struct_subarrays",
          "np.array([(np.arange(6).reshape(2, 3), [1, 2]), "
          "(-np.arange(6).reshape(2, 3), [3, 4])], "
          "dtype=[('m', '<f8', (2, 3)), ('v', '>i2', (2,))])")
    saved(s, "struct_subarray_of_struct",
          "np.array([([(1, 2), (3, 4)],), ([(5, 6), (7, 8)],)], "
          "dtype=[('p', [('x', '<i2'), ('y', '|u1')], (2,))])")
    saved(s, "struct_subarray_zero_size",
          "np.zeros(2, dtype=[('a', '<i4', (0,)), ('b', '|u1')])",
          note="a field with a zero-size subarray takes no bytes")
    saved(s, "struct_titles",
          "np.array([(1, 2.0), (3, 4.0)], dtype=[(('Title A', 'a'), '<i4'), "
          "(('Title b', 'b'), '>f4')])",
          note="values use field names, not titles")
    saved(s, "struct_align",
          "np.frombuffer(bytes(range(48)), dtype=np.dtype([('a', '|u1'), "
          "('b', '<f8'), ('c', '<i2')], align=True))",
          note="align=True inserts padding; the padding bytes are nonzero "
          "and numpy keeps them on a re-save (the array is a view of the "
          "bytes: a copy would not keep them on every platform)")
    saved(s, "struct_align_zeros",
          "np.zeros(2, dtype=np.dtype([('a', '|u1'), ('b', '<i4'), "
          "('c', '|b1')], align=True))")
    saved(s, "struct_offsets_gaps",
          "np.frombuffer(bytes(range(40)), dtype=np.dtype({'names': ['a', "
          "'b'], 'formats': ['<i2', '>i4'], 'offsets': [2, 8], "
          "'itemsize': 20}))",
          note="leading, inner and trailing gaps, written as ('', '|Vn') "
          "padding fields")
    saved(s, "struct_0d",
          "np.array((7, b'ab', 1.5), dtype=[('i', '<i8'), ('s', '|S2'), "
          "('f', '<f2')])")
    saved(s, "struct_empty_array",
          "np.zeros((0,), dtype=[('a', '<i4'), ('b', '|S2')])")
    saved(s, "struct_empty_array_2x0_f",
          "np.zeros((2, 0), dtype=[('a', '<i4')], order='F')")
    saved(s, "struct_no_fields",
          "np.zeros(3, dtype=[])",
          note="a record type with no fields and itemsize 0")
    saved(s, "struct_all_kinds",
          r"np.array([(True, -5, 300, 1.5, complex(1.0, -1.0), b'hi', 'h\xe9', "
          r"b'\x01\x02', 86400, -1), (False, 5, 0, -0.0, complex(0.0, 0.0), "
          r"b'', '\U0001f600', b'\xff\x00', 0, 9223372036854775807)], "
          "dtype=[('b', '|b1'), ('i', '>i8'), ('u', '<u2'), ('h', '>f2'), "
          "('c', '<c8'), ('s', '|S2'), ('t', '>U2'), ('v', '|V2'), "
          "('d', '<M8[s]'), ('m', '>m8[ms]')])")
    saved(s, "struct_2x3_f",
          "np.asfortranarray(np.array([[(1, 2.0), (3, 4.0), (5, 6.0)], "
          "[(7, 8.0), (9, 10.0), (11, 12.0)]], dtype=[('a', '<i4'), "
          "('b', '<f8')]))")
    saved(s, "struct_longdouble_field",
          "np.frombuffer(x87(0, 0x3fff, 0x8000000000000000) + "
          "bytes([1, 2, 3, 4]), dtype=[('x', '<f16'), ('n', '<i4')])",
          note="a longdouble field (x87 1.0) inside a record")
    saved(s, "struct_nested_padding",
          "np.zeros(2, dtype=[('o', np.dtype([('a', '|u1'), ('b', '<i4')], "
          "align=True)), ('z', '|u1')])")
    hand(s, "struct_field_named_empty",
         "npy_header([('', '<i4')], (3,)), np.arange(3, dtype='<i4').tobytes()",
         note="a field named '' that is not void is not padding (only '' "
         "void fields are); numpy keeps the empty name")
    hand(s, "struct_padding_only",
         "npy_header([('', '|V4')], (2,)), bytes(range(8))",
         note="a descr of padding alone: a record type with no fields and "
         "itemsize 4")
    hand(s, "struct_int_subarray_shape",
         "npy_header([('a', '<i4', 2)], (2,)), "
         "np.arange(4, dtype='<i4').tobytes()",
         note="a subarray shape written as a bare int, not a tuple")
    hand(s, "struct_comma_string_descr",
         "npy_header('i4,f8', (2,)), np.zeros(2, dtype='<i4,<f8').tobytes()",
         note="a comma-separated descr string makes fields f0, f1")


def _many_fields(count, width):
    return "[('f%%04d_%s' %% i, '|u1') for i in range(%d)]" % (
        "x" * width, count)


def build_version_cases():
    v = "version"
    saved(v, "version_1_0_default", "np.arange(3, dtype='<i4')")
    add(v, "version_2_0_explicit",
        "np.lib.format.write_array(f, np.arange(3, dtype='<i4'), "
        "version=(2, 0))",
        note="version 2.0 forced for a small header; numpy re-saves it as 1.0")
    add(v, "version_3_0_explicit",
        "np.lib.format.write_array(f, np.arange(3, dtype='<i4'), "
        "version=(3, 0))",
        note="version 3.0 forced for an ASCII header; numpy re-saves it as 1.0")
    saved(v, "version_3_0_utf8_name",
          "np.array([(1, 2)], dtype=[('\u540d', '<i4'), ('x', '<i2')])",
          note="a field name latin1 cannot encode makes numpy write 3.0")
    saved(v, "version_1_0_latin1_name",
          "np.array([(1, 2)], dtype=[('\xe9', '<i4'), ('x', '<i2')])",
          note="a latin1 field name stays in version 1.0 (header is latin1)")
    saved(v, "version_2_0_big_header",
          "np.zeros(1, dtype=%s)" % _many_fields(600, 100),
          note="a header over 65535 bytes makes numpy write 2.0; np.load "
          "refuses it unless max_header_size is raised",
          expected_code="HEADER_TOO_LARGE")
    saved(v, "version_1_0_header_over_10000",
          "np.zeros(1, dtype=%s)" % _many_fields(300, 30),
          note="numpy writes a 1.0 header over 10000 characters that its own "
          "np.load then refuses by default", expected_code="HEADER_TOO_LARGE")
    for size in (10000, 10001):
        hand(v, "version_1_0_header_%d_chars" % size,
             "npy_header('<i4', (3,)) + ' ' * (%d - len(npy_header('<i4', "
             "(3,))) - 1), np.arange(3, dtype='<i4').tobytes(), align=0" % size,
             None if size <= 10000 else "HEADER_TOO_LARGE",
             note="the header (padding and newline included) is %d "
             "characters; numpy's limit is 10000" % size)
    hand(v, "version_3_0_header_bytes_over_10000",
         "npy_header([('\u540d' * 3400, '|u1')], (1,)), b'\\x07', "
         "version=(3, 0)",
         note="over 10000 bytes but under 10000 characters: numpy's limit "
         "counts decoded characters, so it loads")
    hand(v, "version_2_0_utf8_name_latin1",
         "npy_header([('\xe9\xe8', '<i2')], (2,)), "
         "np.arange(2, dtype='<i2').tobytes(), version=(2, 0)",
         note="a 2.0 header is latin1")


def build_pickle_cases():
    p = "pickle"
    add(p, "pickle_list",
        "np.save(f, obj_array([{'a': 1, 'b': [2, 3]}, [1, 'x', None], "
        "'text']), allow_pickle=True)", "OBJECT_ARRAY")
    add(p, "pickle_0d_dict",
        "np.save(f, np.array({'k': [1, 2], 'n': None}, dtype=object), "
        "allow_pickle=True)", "OBJECT_ARRAY")
    add(p, "pickle_2x2",
        "np.save(f, np.array([[1, 'a'], [None, 2.5]], dtype=object), "
        "allow_pickle=True)", "OBJECT_ARRAY")
    add(p, "pickle_struct_object_field",
        "np.save(f, np.array([(1, 'x'), (2, None)], dtype=[('a', '<i4'), "
        "('o', 'O')]), allow_pickle=True)", "OBJECT_ARRAY")


ALIAS_CHARS = {"<": "lt", ">": "gt", "|": "pipe", "=": "eq", "?": "qm",
               "[": "_", "]": ""}


def build_odd_cases():
    o = "odd"
    i4x3 = "np.arange(3, dtype='<i4').tobytes()"
    f8x3 = "np.arange(3, dtype='<f8').tobytes()"
    f8x6 = "np.arange(6, dtype='<f8').tobytes()"
    py2 = "Python 2 wrote long ints with an L suffix; numpy strips it"
    hand(o, "odd_py2_L_suffix",
         r'''"{'descr': '<i4', 'fortran_order': False, 'shape': (3L,), }", '''
         + i4x3, note=py2)
    hand(o, "odd_py2_L_suffix_2d",
         r'''"{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }"'''
         ", " + f8x6, note=py2)
    hand(o, "odd_py2_L_suffix_v2",
         r'''"{'descr': '<i4', 'fortran_order': False, 'shape': (3L,), }", '''
         + i4x3 + ", version=(2, 0)", note=py2 + " (also in 2.0)")
    hand(o, "odd_align_16",
         r'''"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", '''
         + f8x3 + ", align=16",
         note="older numpy padded the header to 16 bytes")
    hand(o, "odd_no_padding",
         r'''"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", '''
         + f8x3 + ", align=0", note="no padding, data unaligned")
    hand(o, "odd_no_newline",
         r'''"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", '''
         + f8x3 + ", newline=''", note="padded with spaces, no final newline")
    hand(o, "odd_no_padding_no_newline",
         r'''"{'descr': '<f8', 'fortran_order': False, 'shape': (3,)}", '''
         + f8x3 + ", align=0, newline=''")
    hand(o, "odd_double_quotes",
         r'''"{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": '''
         r'''(3,)}", ''' + f8x3)
    hand(o, "odd_reordered_keys",
         r'''"{'shape': (3,), 'fortran_order': False, 'descr': '<f8'}", '''
         + f8x3)
    hand(o, "odd_whitespace",
         r'''"{ 'descr' :'<f8' ,\n\t'fortran_order':False,'shape':( 3 , ) }", '''
         + f8x3, note="tabs, newlines and spaces inside the dict")
    hand(o, "odd_leading_whitespace",
         r'''"  \t{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", '''
         + f8x3)
    hand(o, "odd_comments",
         r'''"{'descr': '<f8',  # the dtype\n 'fortran_order': False, '''
         r''''shape': (3,)}  # end", ''' + f8x3,
         note="Python comments inside and after the dict")
    hand(o, "odd_crlf",
         r'''"{'descr': '<f8',\r\n'fortran_order': False,\r\n'shape': (3,)}", '''
         + f8x3 + r", newline='\r\n'")
    hand(o, "odd_tab_padding",
         r'''"{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", '''
         + f8x3 + r", pad='\t'")
    hand(o, "odd_shape_no_trailing_comma",
         r'''"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)}", '''
         + f8x6)
    hand(o, "odd_shape_extra_spaces",
         r'''"{'descr': '<f8', 'fortran_order': False, 'shape': ( 2 ,3 , )}", '''
         + f8x6)
    hand(o, "odd_duplicate_key",
         r'''"{'descr': '<i2', 'fortran_order': False, 'shape': (3,), '''
         r''''descr': '<i4'}", ''' + i4x3,
         note="a duplicated key: the last value wins, as in any Python dict")
    hand(o, "odd_trailing_bytes",
         r'''"{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", '''
         + i4x3 + " + b'trailing garbage'",
         note="bytes after the data are ignored")
    hand(o, "odd_bool_byte_2",
         r'''"{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", '''
         r"b'\x00\x02\xff'",
         note="bool bytes other than 0 and 1 read as True and re-save as is")
    hand(o, "odd_shape_int_subclass_fortran",
         r'''"{'descr': '<i4', 'fortran_order': True, 'shape': (3, 1), }", '''
         + i4x3, note="fortran_order True with a trailing length-1 axis")
    hand(o, "odd_unicode_escape_name",
         r'''"{'descr': [('\\u00e9', '<i4')], 'fortran_order': False, '''
         r''''shape': (3,)}", ''' + i4x3,
         note="a \\u escape in the field name string is decoded by Python")
    aliases = [
        ("float64", "<f8", 3), ("=f8", "<f8", 3), ("d", "<f8", 3),
        ("f8", "<f8", 3), ("f", "<f4", 3), ("e", "<f2", 3), ("float16", "<f2", 3),
        ("i", "<i4", 3), ("int32", "<i4", 3), ("h", "<i2", 3),
        ("q", "<i8", 3), ("Q", "<u8", 3), ("B", "|u1", 3), ("b", "|i1", 3),
        ("?", "|b1", 3), ("bool", "|b1", 3), ("uint16", "<u2", 3),
        ("complex128", "<c16", 3), ("D", "<c16", 3), ("F", "<c8", 3),
        ("<u1", "|u1", 3), (">i1", "|i1", 3), ("|i4", "<i4", 3),
        ("<b1", "|b1", 3), ("U3", "<U3", 3), ("S3", "|S3", 3),
        ("V2", "|V2", 3), ("<S2", "|S2", 3), ("M8[us]", "<M8[us]", 3),
        ("|M8[s]", "<M8[s]", 3), ("datetime64[D]", "<M8[D]", 3),
        ("timedelta64", "<m8", 3), ("=m8[ns]", "<m8[ns]", 3),
        ("S0", "|S0", 3), ("U0", "<U0", 3), ("V0", "|V0", 3),
        ("a2", "|S2", 3),
    ]
    for alias, real, n in aliases:
        safe = "".join(ALIAS_CHARS.get(ch, ch) for ch in alias)
        if real in ("|S2", "|S3"):
            data = "b'ab\\x00cdefg\\x00h'[:%d]" % (int(real[2:]) * n)
        elif real == "<U3":
            data = "np.array(['ab', '\\u540d', 'xyz'], dtype='<U3').tobytes()"
        elif real == "|V2":
            data = "bytes(range(6))"
        elif real[1] in "SUV":
            data = "b''"
        elif real == "|b1":
            data = "np.array([True, False, True], dtype='|b1').tobytes()"
        elif real[1] in "Mm":
            data = "np.arange(%d, dtype='<i8').tobytes()" % n
        else:
            data = "np.arange(%d, dtype=%r).tobytes()" % (n, real)
        hand(o, "odd_descr_alias_%s_is_%s" % (safe, re.sub(r"\W", "",
                                                           real[1:])),
             "npy_header(%r, (%d,)), %s" % (alias, n, data),
             note="the descr %r is an alias of %r" % (alias, real))


def build_broken_cases():
    b = "broken"
    good = "\"{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }\""
    i4x3 = "np.arange(3, dtype='<i4').tobytes()"

    def broken(name, args, code, note=None):
        hand(b, "bad_" + name, args, code, note)

    def bad_header(name, header, code, data=i4x3, note=None, extra=""):
        broken(name, "%s, %s%s" % (header, data, extra), code, note)

    # Magic and version.
    add(b, "bad_magic_empty_file", "f.write(b'')", "TRUNCATED_HEADER",
        note="an empty file ends inside the magic")
    add(b, "bad_magic_prefix_only", "f.write(b'\\x93NUM')", "TRUNCATED_HEADER",
        note="the input ends inside the magic string")
    add(b, "bad_magic_no_version", "f.write(b'\\x93NUMPY')",
        "TRUNCATED_HEADER")
    add(b, "bad_magic_one_version_byte", "f.write(b'\\x93NUMPY\\x01')",
        "TRUNCATED_HEADER")
    add(b, "bad_magic_zeros", "f.write(bytes(64))", "BAD_MAGIC")
    add(b, "bad_magic_lowercase",
        "f.write(b'\\x93numpy' + raw_npy(%s, %s)[6:])" % (good, i4x3),
        "BAD_MAGIC")
    add(b, "bad_magic_missing_x93",
        "f.write(raw_npy(%s, %s)[1:])" % (good, i4x3), "BAD_MAGIC")
    add(b, "bad_magic_text", "f.write(b'NUMPY array, honest')", "BAD_MAGIC")
    for major, minor in [(1, 1), (4, 0), (0, 0), (2, 1), (255, 255)]:
        broken("version_%d_%d" % (major, minor),
               "%s, %s, version=(%d, %d)" % (good, i4x3, major, minor),
               "UNSUPPORTED_VERSION")
    # Truncation.
    add(b, "bad_truncated_header_length",
        "f.write(raw_npy(%s, %s)[:9])" % (good, i4x3), "TRUNCATED_HEADER",
        note="the input ends inside the 2-byte header length")
    add(b, "bad_truncated_header_length_v2",
        "f.write(raw_npy(%s, %s, version=(2, 0))[:10])" % (good, i4x3),
        "TRUNCATED_HEADER")
    add(b, "bad_truncated_header",
        "f.write(raw_npy(%s, %s)[:40])" % (good, i4x3), "TRUNCATED_HEADER")
    add(b, "bad_truncated_header_v3",
        "f.write(raw_npy(%s, %s, version=(3, 0))[:63])" % (good, i4x3),
        "TRUNCATED_HEADER")
    broken("header_length_too_big",
           "%s, %s, header_len=1000" % (good, i4x3), "TRUNCATED_HEADER",
           note="the header length field points past the end of the input")
    broken("truncated_data", "%s, %s[:8]" % (good, i4x3), "TRUNCATED_DATA")
    broken("truncated_data_partial_element", "%s, %s[:10]" % (good, i4x3),
           "TRUNCATED_DATA")
    broken("truncated_data_none", "%s, b''" % good, "TRUNCATED_DATA")
    broken("truncated_data_fortran",
           "npy_header('>f8', (2, 3), True), np.zeros(5, dtype='>f8')"
           ".tobytes()", "TRUNCATED_DATA")
    broken("truncated_data_struct",
           "npy_header([('a', '<i4'), ('b', '|S3')], (2,)), bytes(13)",
           "TRUNCATED_DATA")
    broken("truncated_data_0d", "npy_header('<c16', ()), bytes(15)",
           "TRUNCATED_DATA")
    # Header size.
    broken("header_over_10000",
           "npy_header('<i4', (3,)) + ' ' * 12000, %s, align=64" % i4x3,
           "HEADER_TOO_LARGE",
           note="a valid header padded to over 10000 characters")
    # Header syntax.
    bad_header("syntax_unclosed", "\"{'descr': '<i4', 'fortran_order': False\"",
               "HEADER_SYNTAX")
    bad_header("syntax_function_call",
               "\"{'descr': '<i4', 'fortran_order': False, 'shape': "
               "tuple([3]), }\"", "HEADER_SYNTAX",
               note="a function call is not a literal")
    bad_header("syntax_import",
               "\"{'descr': __import__('os').name, 'fortran_order': False, "
               "'shape': (3,), }\"", "HEADER_SYNTAX")
    bad_header("syntax_arithmetic",
               "\"{'descr': '<i4', 'fortran_order': False, 'shape': (1+2,), }\"",
               "HEADER_SYNTAX", note="arithmetic is not a literal")
    bad_header("syntax_name",
               "\"{'descr': '<i4', 'fortran_order': false, 'shape': (3,), }\"",
               "HEADER_SYNTAX", note="JSON false is not Python False")
    bad_header("syntax_json",
               "'{\"descr\": \"<i4\", \"fortran_order\": false, "
               "\"shape\": [3]}'", "HEADER_SYNTAX")
    broken("syntax_nul_padding", "%s, %s, pad='\\x00'" % (good, i4x3),
           "HEADER_SYNTAX", note="NUL bytes are not whitespace")
    broken("syntax_L_suffix_v3",
           "\"{'descr': '<i4', 'fortran_order': False, 'shape': (3L,), }\", "
           "%s, version=(3, 0)" % i4x3, "HEADER_SYNTAX",
           note="numpy strips Python 2 L suffixes only in 1.0 and 2.0")
    bad_header("syntax_empty", "''", "HEADER_SYNTAX")
    # Encoding.
    bad_header("v3_invalid_utf8",
               "b\"{'descr': [('\\xff', '<i4')], 'fortran_order': False, "
               "'shape': (3,), }\"", "HEADER_ENCODING",
               extra=", version=(3, 0)")
    bad_header("v3_utf8_surrogate",
               "b\"{'descr': [('\\xed\\xa0\\x80', '<i4')], 'fortran_order': "
               "False, 'shape': (3,), }\"", "HEADER_ENCODING",
               extra=", version=(3, 0)",
               note="an encoded UTF-16 surrogate is not valid UTF-8")
    bad_header("v3_overlong_utf8",
               "b\"{'descr': [('\\xc1\\xa1', '<i4')], 'fortran_order': False, "
               "'shape': (3,), }\"", "HEADER_ENCODING",
               extra=", version=(3, 0)",
               note="an overlong encoding of 'a'")
    # Not a dict.
    for name, header in [
        ("list", "\"['descr', '<i4']\""),
        ("tuple", "\"('<i4', False, (3,))\""),
        ("string", "\"'descr'\""),
        ("set", "'{1, 2, 3}'"),
        ("int", "'3'"),
        ("none", "'None'"),
    ]:
        bad_header("header_not_dict_" + name, header, "HEADER_NOT_DICT")
    # Keys.
    for name, header in [
        ("missing_fortran_order", "\"{'descr': '<i4', 'shape': (3,)}\""),
        ("missing_descr", "\"{'fortran_order': False, 'shape': (3,)}\""),
        ("empty_dict", "'{}'"),
        ("extra_key",
         "\"{'descr': '<i4', 'fortran_order': False, 'shape': (3,), "
         "'extra': 1}\""),
        ("misspelled",
         "\"{'descr': '<i4', 'fortran-order': False, 'shape': (3,)}\""),
        ("bytes_key",
         "\"{b'descr': '<i4', 'fortran_order': False, 'shape': (3,)}\""),
        ("int_key",
         "\"{'descr': '<i4', 'fortran_order': False, 'shape': (3,), 1: 2}\""),
    ]:
        bad_header("keys_" + name, header, "HEADER_KEYS")
    # Shape.
    for name, shape in [
        ("list", "[3]"), ("int", "3"), ("none", "None"), ("string", "'3'"),
        ("negative", "(-1,)"), ("negative_2d", "(2, -3)"),
        ("negative_two", "(-1, -1)"), ("float", "(3.0,)"),
        ("float_2d", "(1, 2.5)"), ("nested", "((3,),)"), ("bool", "(True, 3)"),
    ]:
        bad_header("shape_" + name,
                   "\"{'descr': '<i4', 'fortran_order': False, 'shape': %s}\""
                   % shape, "INVALID_SHAPE")
    # Element count.
    for name, shape in [
        ("2e32x2e32", "(4294967296, 4294967296)"),
        ("3037000500_squared", "(3037000500, 3037000500)"),
        ("2e64", "(18446744073709551616,)"),
        ("2e63", "(9223372036854775808,)"),
        ("4d", "(65536, 65536, 65536, 65536)"),
    ]:
        bad_header("count_overflow_" + name,
                   "\"{'descr': '<i4', 'fortran_order': False, 'shape': %s}\""
                   % shape, "TOO_LARGE",
                   note="the element count does not fit in int64")
    # fortran_order.
    for name, value in [("0", "0"), ("1", "1"), ("string", "'False'"),
                        ("none", "None")]:
        bad_header("fortran_order_" + name,
                   "\"{'descr': '<i4', 'fortran_order': %s, 'shape': (3,)}\""
                   % value, "INVALID_FORTRAN_ORDER")
    # descr.
    for name, descr in [
        ("f3", "'<f3'"), ("unknown", "'xyz'"), ("int", "5"), ("empty", "''"),
        ("trailing_space", "'<i4 '"), ("none", "None"),
        ("field_one_item", "[('a',)]"), ("field_negative_subarray",
                                          "[('a', '<i4', -1)]"),
        ("field_name_int", "[(1, '<i4')]"), ("bad_unit", "'<M8[xs]'"),
        ("duplicate_field", "[('a', '<i4'), ('a', '<i4')]"),
        ("field_bad_type", "[('a', 'q9')]"),
    ]:
        bad_header("descr_" + name,
                   "\"{'descr': %s, 'fortran_order': False, 'shape': (3,)}\""
                   % descr, "INVALID_DESCR")
    # Objects.
    for name, descr in [("O", "'|O'"), ("O_bare", "'O'"),
                        ("O_field", "[('a', '<i4'), ('o', '|O')]"),
                        ("O_nested", "[('s', [('o', '|O')])]")]:
        bad_header("object_" + name,
                   "\"{'descr': %s, 'fortran_order': False, 'shape': (3,)}\""
                   % descr, "OBJECT_ARRAY", data="bytes(48)",
                   note="an object dtype needs pickle, refused without "
                   "allow_pickle")


def build_cases():
    build_dtype_cases()
    build_datetime_cases()
    build_shape_cases()
    build_struct_cases()
    build_version_cases()
    build_pickle_cases()
    gen_object.build_object_cases(add, ENGINE_DEPENDENT)
    build_odd_cases()
    build_broken_cases()
    __import__("gen_endings").build(add, ENGINE_DEPENDENT, WHY_TOKENIZE)
    unknown = set(ENGINE_DEPENDENT) - {c.name for c in CASES}
    if unknown:
        raise SystemExit("ENGINE_DEPENDENT names no case: %s"
                         % ", ".join(sorted(unknown)))
    names = [c.name.lower() for c in CASES]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise SystemExit("case names that clash (ignoring case): %s"
                         % ", ".join(dupes))
    return CASES


# ---------------------------------------------------------------------------
# Describing a file.
# ---------------------------------------------------------------------------


def _literal_eval(text, version):
    """Parses a header as numpy does, with the Python 2 L-suffix fallback."""
    try:
        return ast.literal_eval(text)
    except SyntaxError:
        if version > (2, 0):
            raise
        from numpy.lib import _format_impl

        return ast.literal_eval(_format_impl._filter_header(text))


def read_header(data):
    """What the file's magic and header say, as far as they can be read.

    version is "major.minor" when the 8 magic bytes are there (null
    otherwise); descr, shape and fortran_order are the header literal's
    values as JSON when the version is one numpy knows and the header parses
    to a dict that has them (null otherwise); header_chars is the decoded
    header's length in characters (null when it cannot be read).
    """
    out = {"version": None, "descr": None, "shape": None,
           "fortran_order": None, "header_chars": None}
    if len(data) < len(MAGIC) + 2 or data[:len(MAGIC)] != MAGIC:
        return out
    version = (data[6], data[7])
    out["version"] = "%d.%d" % version
    info = HEADER_INFO.get(version)
    if info is None:
        return out
    fmt, encoding = info
    start = len(MAGIC) + 2 + struct.calcsize(fmt)
    if len(data) < start:
        return out
    (length,) = struct.unpack(fmt, data[len(MAGIC) + 2:start])
    raw = data[start:start + length]
    if len(raw) < length:
        return out
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return out
    out["header_chars"] = len(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            d = _literal_eval(text, version)
    except Exception:  # noqa: BLE001 - any parse failure means "unparseable"
        return out
    if isinstance(d, dict):
        for key in ("descr", "shape", "fortran_order"):
            if key in d:
                out[key] = _json_literal(d[key])
    return out


def _normalize_message(message, path):
    # ast's messages name objects by address; file names depend on --out.
    message = re.sub(r" at 0x[0-9a-fA-F]+>", " at 0x...>", message)
    return message.replace(path, os.path.basename(path))


def _load(path, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        arr = np.load(path, **kwargs)
    messages = [str(w.message) for w in caught]
    return arr, messages


def _resave(arr):
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        np.save(buf, arr)
    return buf.getvalue()


def _contains_longdouble(dtype):
    if dtype.names is not None:
        return any(_contains_longdouble(dtype.fields[n][0])
                   for n in dtype.names)
    if dtype.subdtype is not None:
        return _contains_longdouble(dtype.subdtype[0])
    return _is_longdouble(dtype)


def _describe_loaded(entry, arr, data):
    entry["values"] = to_json_values(arr)
    entry["loaded_descr"] = _json_literal(
        np.lib.format.dtype_to_descr(arr.dtype))
    resaved = _resave(arr)
    entry["canonical"] = resaved == data
    if not entry["canonical"]:
        entry["resave_sha256"] = hashlib.sha256(resaved).hexdigest()
    entry["platform"] = _contains_longdouble(arr.dtype)


def describe(case, path):
    """The manifest entry of the case written at ``path``."""
    with open(path, "rb") as fh:
        data = fh.read()
    entry = {
        "file": case.file,
        "category": case.category,
        "expression": case.expression,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "platform": False,
    }
    if case.note:
        entry["note"] = case.note
    if case.name in ENGINE_DEPENDENT:
        fields, why = ENGINE_DEPENDENT[case.name]
        entry["engine_dependent"] = {"fields": fields, "why": why}
    entry.update(read_header(data))
    try:
        arr, messages = _load(path)
    except Exception as e:  # noqa: BLE001 - numpy's refusal is the result
        entry["outcome"] = "refuse"
        entry["error_type"] = type(e).__name__
        entry["error"] = _normalize_message(str(e), path)
        if case.expected_code is None:
            raise SystemExit("%s: numpy refused a case that expects to load: "
                             "%s: %s" % (case.file, type(e).__name__, e))
        entry["expected_code"] = case.expected_code
        gen_object.describe_pickle(case, path, entry, to_json_values)
        limit = entry["header_chars"]
        if limit is not None and limit > 10000 and \
                entry["error"].startswith("Header info length"):
            arr, _ = _load(path, max_header_size=limit)
            entry["loads_with_max_header_size"] = limit
            _describe_loaded(entry, arr, data)
        return entry
    if case.expected_code is not None:
        raise SystemExit("%s: numpy loaded a case that expects %s" % (
            case.file, case.expected_code))
    entry["outcome"] = "load"
    entry["error"] = None
    entry["error_type"] = None
    if messages:
        entry["warnings"] = [_normalize_message(m, path) for m in messages]
    _describe_loaded(entry, arr, data)
    return entry


# ---------------------------------------------------------------------------
# Main.
# ---------------------------------------------------------------------------


def engine_info():
    """The top-level manifest fields that say what made the vectors."""
    if sys.platform == "emscripten":
        import pyodide  # noqa: F401 - only present under Pyodide

        engine, pyodide_version = "pyodide", pyodide.__version__
    else:
        engine, pyodide_version = "python", None
    return {
        "engine": engine,
        "numpy_version": np.__version__,
        "platform": "%s-%s" % (sys.platform, platform.machine()),
        "byteorder": sys.byteorder,
        "pyodide_version": pyodide_version,
        "python_version": platform.python_version(),
    }


def manifest_text(manifest):
    """The manifest as JSON text, byte-identical for identical content."""
    return json.dumps(manifest, indent=1, sort_keys=True,
                      ensure_ascii=False, allow_nan=False) + "\n"


def generate(out_dir, log=sys.stderr):
    """Writes every case and manifest.json into ``out_dir``."""
    cases = build_cases()
    os.makedirs(os.path.join(out_dir, FILES_DIR), exist_ok=True)
    entries = []
    total = len(cases)
    for number, case in enumerate(cases, 1):
        print("case %d of %d: %s" % (number, total, case.file), file=log)
        path = os.path.join(out_dir, case.file)
        with open(path, "wb") as f:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                eval(case.expression, eval_namespace(), {"f": f})
        entries.append(describe(case, path))
    entries += __import__("gen_npz").generate_npz(out_dir, log, to_json_values)
    entries.sort(key=lambda e: e["file"])
    manifest = dict(engine_info())
    manifest["generator"] = "vectors/generate.py"
    manifest["vectors"] = entries
    text = manifest_text(manifest)
    with open(os.path.join(out_dir, MANIFEST_NAME), "w",
              encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    loads = sum(1 for e in entries if e["outcome"] == "load")
    size = sum(e["size"] for e in entries)
    print("generated %d vectors (%d load, %d refuse), %d bytes, with numpy %s "
          "on %s (%s)" % (len(entries), loads, len(entries) - loads, size,
                          np.__version__, manifest["platform"],
                          manifest["engine"]), file=log)
    return manifest


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True,
                        help="directory to write files/ and manifest.json to")
    args = parser.parse_args(argv)
    generate(args.out)


if __name__ == "__main__":
    main()
