#!/usr/bin/env python3
# Copyright 2026 the npy authors. MIT license.
"""Writes the object-array files that pickle/pickle_test.ts compares encode() with.

    python3 pickle/testdata/make_pickles.py            # numpy 2.x: <name>.npy
    /usr/bin/python3 pickle/testdata/make_pickles.py   # numpy 1.x: <name>.np1.npy

Each case is an input in tagged JSON (the form fuzz/pickle_encode.ts sends
the oracle): null/true/false, str, {"i": "123"}, {"f": hex of big-endian
float64}, {"b": hex}, {"ba": hex}, {"c": [re, im]}, {"list"|"tuple"|"set"|
"fset": [...]}, {"dict": [[k, v], ...]}, {"g": [module, name]}, {"arr":
{descr, shape, fortran, hex}}, {"oarr": {shape, fortran, items}}, {"sc":
{descr, hex}}; an "id" on a node and {"ref": id} later make the same object.
{"rep": [str, n]} and {"brep": [hex, n]} repeat a string or bytes n times;
{"ilist": n} is list(range(n)), {"idict": [n, v]} is {k: v for k in range(n)}.
A case is {"items", "shape", "fortran"} (np.empty + element-wise fill),
{"nested"} (np.array(nested, dtype=object)), or {"records", "descr", "shape",
"fortran"} (a structured array with object fields, filled record by record
in storage order). cases.json holds them all.
"""

import importlib
import io
import json
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def f(x):
    return {"f": struct.pack(">d", x).hex()}


def i(x):
    return {"i": str(x)}


def arr(a):
    a = np.asarray(a)
    fortran = bool(a.flags.f_contiguous and not a.flags.c_contiguous)
    raw = a.tobytes(order="F" if fortran else "C")
    descr = a.dtype.str if a.dtype.names is None else repr(a.dtype.descr)
    return {"arr": {"descr": descr, "shape": list(a.shape), "fortran": fortran, "hex": raw.hex()}}


def descr_dtype(descr):
    """The dtype np.load makes of a descr (a header's text, or dtype.descr)."""
    import ast

    from numpy.lib import format as npformat

    if isinstance(descr, str) and descr.startswith("["):
        descr = ast.literal_eval(descr)
    return npformat.descr_to_dtype(descr)


CASES = {
    "tutorial": {"nested": {"list": [{"dict": [["a", i(1)]]}, {"list": [i(2), i(3)]}, "string"]}},
    "ragged_arrays": {"nested": {"list": [arr(np.arange(3)), arr(np.arange(2))]}},
    "ragged_lists": {"nested": {"list": [{"list": [i(1), i(2)]}, {"list": [i(3)]}]}},
    "two_d_fortran": {"items": ["a", i(1), None, f(2.5), {"list": []}, {"tuple": []}],
                      "shape": [2, 3], "fortran": True},
    "two_d": {"items": ["a", i(1), None, f(2.5)], "shape": [2, 2], "fortran": False},
    "zero_d": {"items": [{"dict": [["x", {"list": [i(1)]}]]}], "shape": [], "fortran": False},
    "empty": {"items": [], "shape": [0], "fortran": False},
    "empty_2d": {"items": [], "shape": [3, 0], "fortran": True},
    "ints": {"nested": {"list": [i(0), i(255), i(256), i(65535), i(65536), i(-1), i(2**31 - 1),
                                 i(2**31), i(-2**31), i(-2**31 - 1), i(2**63), i(-2**39),
                                 i(2**100), i(-2**70), i(2**2100)]}},
    "floats": {"items": [f(float("nan")), f(-0.0), f(float("inf")), f(float("-inf")),
                         f(1e300), f(5e-324)], "shape": [6], "fortran": False},
    "int_keys": {"items": [{"dict": [[i(1), "one"], [i(-5), None], [f(1.5), "x"], [None, i(0)],
                                     [{"tuple": [i(1), "a"]}, True], [False, i(2)]]}],
                 "shape": [1], "fortran": False},
    "nested": {"nested": {"list": [{"dict": [["a", {"list": [{"tuple": [i(1), {"dict": [["b", {"list": []}]]}]}]}]]},
                                   {"tuple": [{"tuple": [i(1), i(2), i(3), i(4)]}, {"list": [None]}]}]}},
    "singletons": {"nested": {"list": ["|", "<", ">", "", "\u00ff", "\u0100", {"b": "62"}, {"b": ""},
                                       {"b": "6263"}, "|", {"b": "62"}, arr(np.array([5], np.int8))]}},
    "surrogates": {"items": ["\ud800", "a\udfffb", "\U0001F600", "\u00e9t\u00e9"], "shape": [2, 2],
                   "fortran": False},
    "big_str": {"nested": {"list": [{"rep": ["x", 65536]}, "z", {"rep": ["\u00e9", 32763]}, True]}},
    "big_bytes": {"nested": {"list": [{"brep": ["ab", 65536]}, True, None]}},
    "batches": {"items": [{"ilist": 1000}, {"idict": [1000, None]}, {"ilist": 2001},
                          {"idict": [1999, "|"]}, {"idict": [2000, i(7)]}],
                "shape": [5], "fortran": False},
    "python_types": {"nested": {"list": [{"c": [f(1.0), f(-2.0)]}, {"ba": "0102"}, {"ba": ""},
                                         {"set": [i(1), i(2), i(3)]}, {"set": []},
                                         {"fset": [i(4)]}, {"fset": []},
                                         {"g": ["builtins", "range"]}, {"g": ["builtins", "complex"]},
                                         {"c": [f(0.0), f(0.0)]}]}},
    "references": {"nested": {"list": [{"id": 1, "list": [i(1), "shared"]}, {"ref": 1},
                                       {"tuple": [{"ref": 1}]}, {"id": 2, "b": "0a0b0c"}, {"ref": 2},
                                       {"id": 3, "dict": [["k", {"ref": 1}]]}, {"ref": 3}]}},
    "scalars": {"nested": {"list": [{"sc": {"descr": "<f4", "hex": "0000c03f"}},
                                    {"sc": {"descr": "|i1", "hex": "fb"}},
                                    {"sc": {"descr": "|b1", "hex": "01"}},
                                    {"sc": {"descr": "<c8", "hex": "0000803f00000040"}},
                                    {"sc": {"descr": "<i8", "hex": "0300000000000000"}},
                                    {"sc": {"descr": "<f4", "hex": "00000000"}}]}},
    "nested_arrays": {"items": [arr(np.arange(6, dtype="<f8").reshape(2, 3)),
                                arr(np.asfortranarray(np.arange(6, dtype=">i2").reshape(2, 3))),
                                arr(np.array(["ab", "c"])), arr(np.array([b"x", b"yz"])),
                                arr(np.array(["2020-01-01", "NaT"], "M8[D]")),
                                arr(np.array([1, 2], "m8[3ms]")), arr(np.array([True, False])),
                                arr(np.zeros((0, 2), "<c16")), arr(np.array(7, "<u4")),
                                arr(np.array([1.5], "<f2")), arr(np.zeros(2, "V3")),
                                arr(np.zeros(1, "<M8")),
                                arr(np.array([(1, 2.5, "ab", [1, 2])], descr_dtype(
                                    [("a", "<i4"), ("", "|V4"), (("tt", "b"), ">f8"), ("c", "<U2"),
                                     ("d", "<i2", (2,))]))),
                                arr(np.zeros((2, 2), descr_dtype([("x", [("y", "|u1"), ("z", "<M8[s]")])])))],
                      "shape": [14], "fortran": False},
    "object_fields": {"records": [[{"list": [i(1)]}, i(-7), {"b": "6869"}, "\u00e9", {"c": [f(1.5), f(-2.0)]}, True],
                                  ["|", i(2**31 - 1), {"b": ""}, "", {"c": [f(0.0), f(0.0)]}, False],
                                  [None, i(0), {"b": "41"}, "ab", {"c": [f(-0.0), f(3.0)]}, True],
                                  [{"dict": [["k", "v"]]}, i(5), {"b": "4243"}, "\ud800", {"c": [f(1.0), f(1.0)]}, False]],
                      "descr": [("a", "|O"), ("", "|V2"), (("t", "b"), "<i4"), ("s", "|S2"), ("u", "<U2"),
                                ("c", "<c16"), ("z", "|b1")],
                      "shape": [2, 2], "fortran": True},
    "object_in_object": {"items": [{"oarr": {"shape": [2], "fortran": False, "items": [i(1), "|"]}},
                                   {"oarr": {"shape": [2, 2], "fortran": True,
                                             "items": [i(1), i(2), i(3), {"list": []}]}},
                                   {"oarr": {"shape": [], "fortran": False, "items": [None]}}],
                         "shape": [3], "fortran": False},
}


def build(node, refs):
    if node is None or isinstance(node, bool):
        return node
    if isinstance(node, str):
        return node[:1] + node[1:] if len(node) > 1 else node
    if "ref" in node:
        return refs[node["ref"]]
    (tag, body), = [(k, v) for k, v in node.items() if k != "id"]
    if tag == "i":
        return int(body)
    if tag == "f":
        return struct.unpack(">d", bytes.fromhex(body))[0]
    if tag == "rep":
        return body[0] * body[1]
    if tag == "ilist":
        return list(range(body))
    if tag == "idict":
        return {k: build(body[1], refs) for k in range(body[0])}
    if tag == "list":
        out = []
        refs[node.get("id")] = out
        out.extend(build(x, refs) for x in body)
    elif tag == "dict":
        out = {}
        refs[node.get("id")] = out
        for k, v in body:
            out[build(k, refs)] = build(v, refs)
    elif tag == "b":
        out = bytes.fromhex(body)
    elif tag == "brep":
        out = bytes.fromhex(body[0]) * body[1]
    elif tag == "ba":
        out = bytearray.fromhex(body)
    elif tag == "c":
        out = complex(build(body[0], refs), build(body[1], refs))
    elif tag == "tuple":
        out = tuple(build(x, refs) for x in body)
    elif tag == "set":
        out = set(build(x, refs) for x in body)
    elif tag == "fset":
        out = frozenset(build(x, refs) for x in body)
    elif tag == "g":
        out = getattr(importlib.import_module(body[0]), body[1])
    elif tag == "arr":
        out = np.frombuffer(bytes.fromhex(body["hex"]), dtype=descr_dtype(body["descr"])).reshape(
            body["shape"], order="F" if body["fortran"] else "C")
    elif tag == "oarr":
        out = object_array([build(x, refs) for x in body["items"]], body["shape"], body["fortran"])
    elif tag == "sc":
        out = np.frombuffer(bytes.fromhex(body["hex"]), dtype=np.dtype(body["descr"]))[0]
    else:
        raise ValueError(tag)
    if "id" in node:
        refs[node["id"]] = out
    return out


def object_array(items, shape, fortran):
    flat = np.empty(len(items), dtype=object)
    for k, x in enumerate(items):
        flat[k] = x
    return flat.reshape(shape, order="F" if fortran else "C")


def main():
    np1 = np.__version__.startswith("1.")
    suffix = ".np1.npy" if np1 else ".npy"
    for name, case in CASES.items():
        refs = {}
        if "nested" in case:
            a = np.array(build(case["nested"], refs), dtype=object)
        elif "records" in case:
            flat = np.empty(len(case["records"]), dtype=descr_dtype(case["descr"]))
            for k, r in enumerate(case["records"]):
                flat[k] = tuple(build(x, refs) for x in r)
            a = flat.reshape(case["shape"], order="F" if case["fortran"] else "C")
        else:
            a = object_array([build(x, refs) for x in case["items"]], case["shape"], case["fortran"])
        buf = io.BytesIO()
        np.save(buf, a, allow_pickle=True)
        with open(os.path.join(HERE, name + suffix), "wb") as fh:
            fh.write(buf.getvalue())
    if not np1:
        with open(os.path.join(HERE, "cases.json"), "w") as fh:
            json.dump({"numpy": np.__version__, "cases": CASES}, fh)
            fh.write("\n")
    print("wrote %d cases with numpy %s" % (len(CASES), np.__version__), file=sys.stderr)


if __name__ == "__main__":
    main()
