# Copyright 2026 the npy authors. MIT license.
"""Makes the .npz archives that zip/npz_writer_test.ts compares encodeNpz
and NpzWriter with: numpy's np.savez / np.savez_compressed of known arrays.

Run from the repository root: python3 zip/testdata/make_npz.py
Writes zip/testdata/npz_cases.json (the inputs, each array as the .npy file
np.save makes of it or as a rule the test can follow, and what numpy wrote:
small archives as files in zip/testdata/npz/, larger ones as size and
SHA-256).
"""

import base64
import hashlib
import io
import json
import os
import sys
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "npz")
MAX_FILE = 64 * 1024


def npy(a):
    b = io.BytesIO()
    np.save(b, a)
    return b.getvalue()


class Unseekable(io.RawIOBase):
    """A write-only stream without tell/seek, as a pipe: zipfile then uses data descriptors."""

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


def generated(spec):
    """The arrays the test builds from a rule rather than from bytes."""
    n = spec["n"]
    if spec["gen"] == "arange":
        return np.arange(n, dtype=spec["dtype"])
    if spec["gen"] == "square_mod":
        i = np.arange(n, dtype=np.int64)
        return ((i * i) % spec["mod"]).astype(spec["dtype"])
    if spec["gen"] == "zeros_then_mod_251":
        a = np.zeros(n, dtype="u1")
        a[n - spec["tail"]:] = np.arange(spec["tail"]) % 251
        return a
    raise ValueError(spec["gen"])


def families():
    rng = np.random.default_rng(10)
    struct = np.dtype([("x", "<i4"), ("y", ">f8", (2,)), ("s", "S3")])
    nested = np.dtype([("a", [("b", "<u2"), ("c", "?")]), ("d", "<c8")])
    sa = np.zeros(3, struct)
    sa["x"] = [1, -2, 3]
    sa["y"] = [[1.5, 2], [3, 4], [5, 6]]
    sa["s"] = [b"ab", b"c", b""]
    na = np.zeros(2, nested)
    na["a"]["b"] = [7, 8]
    na["a"]["c"] = [True, False]
    na["d"] = [1 + 2j, -3j]
    return {
        "b1": np.array([True, False, True]),
        "i1": np.array([-128, 0, 127], "i1"),
        "u1": np.arange(5, dtype="u1"),
        "i2be": np.array([1, -2, 300], ">i2"),
        "u2": np.array([0, 65535], "<u2"),
        "i4_2d": np.arange(12, dtype="<i4").reshape(3, 4),
        "u4be": np.array([1, 2**32 - 1], ">u4"),
        "i8": np.array([-(2**63), 2**63 - 1], "<i8"),
        "u8": np.array([2**64 - 1], "<u8"),
        "f2": np.array([0.5, -1, np.inf], "<f2"),
        "f4_fortran": np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)),
        "f8be": np.array([np.pi, -0.0, np.nan], ">f8"),
        "f8_0d": np.float64(2.5),
        "f8_empty": np.zeros((0, 3)),
        "c8": np.array([1 + 2j], "<c8"),
        "c16be": np.array([1e300 - 1j], ">c16"),
        "S5": np.array([b"hello", b"", b"ab\x00c"], "S5"),
        "U3": np.array(["a", "\U0001f600b", "xyz"], "<U3"),
        "M8D": np.array(["2024-02-29", "NaT"], "M8[D]"),
        "m8s": np.array([1, -5], "m8[s]"),
        "V4": np.frombuffer(b"\x01\x02\x03\x04\x05\x06\x07\x08", "V4"),
        "struct": sa,
        "nested": na,
        "randn": rng.standard_normal(50).astype("<f4"),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    arrays = {}  # id -> {"npy": base64} or a generator rule

    def ref(key, a):
        arrays[key] = {"npy": base64.b64encode(npy(a)).decode()}
        return key

    def gen(key, spec):
        arrays[key] = spec
        return key

    fam = families()
    fam_refs = [[k, ref(k, a)] for k, a in fam.items()]
    big1 = gen("arange_f8_100k", {"gen": "arange", "dtype": "<f8", "n": 100_000})
    big2 = gen("square_mod_i4_300k", {"gen": "square_mod", "dtype": "<i4", "n": 300_000, "mod": 1000})
    small = ref("small", np.arange(3, dtype="<i2"))
    # Above numpy's 16 MiB write chunk: numpy deflates it in two calls.
    big3 = gen("zeros_then_mod_251_17m", {"gen": "zeros_then_mod_251", "dtype": "|u1",
                                          "n": 17 << 20, "tail": 1 << 20})
    cases = []

    def case(name, keywords=(), positional=(), compress=False, unseekable=False, note=""):
        def value(r):
            a = arrays[r]
            return np.load(io.BytesIO(base64.b64decode(a["npy"]))) if "npy" in a else generated(a)

        kw = {k: value(r) for k, r in keywords}
        args = [value(r) for r in positional]
        save = np.savez_compressed if compress else np.savez
        if unseekable:
            out = Unseekable()
            save(out, *args, **kw)
            data = bytes(out.buf)
        else:
            b = io.BytesIO()
            save(b, *args, **kw)
            data = b.getvalue()
        c = {
            "name": name,
            "compress": compress,
            "unseekable": unseekable,
            "keywords": [list(x) for x in keywords],
            "positional": list(positional),
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        if note:
            c["note"] = note
        if len(data) <= MAX_FILE:
            c["file"] = f"npz/{name}.npz"
            with open(os.path.join(HERE, c["file"]), "wb") as f:
                f.write(data)
        cases.append(c)

    for compress in (False, True):
        tag = "compressed" if compress else "stored"
        case(f"families_{tag}", fam_refs, compress=compress)
        case(f"utf8_names_{tag}", [["ü", small], ["日本語", small], ["a b/c", small]], compress=compress)
        case(f"empty_{tag}", compress=compress)
        case(f"positional_keyword_{tag}", [["x", small]], [small, "randn"], compress=compress)
        case(f"npy_suffix_{tag}", [["x.npy", small]], compress=compress, note="x.npy is stored as x.npy.npy")
        case(f"nul_name_{tag}", [["a\0b", small]], compress=compress, note="zipfile cuts the name at NUL: member 'a'")
        case(f"unseekable_{tag}", fam_refs[:6] + [["ü", small]], [small], compress=compress, unseekable=True)
        case(f"large_{tag}", [["a", big1], ["b", big2]], compress=compress)
    case("large_unseekable_compressed", [["a", big1], ["b", big2]], compress=True, unseekable=True)
    case("above_16m_compressed", [["z", big3]], compress=True,
         note="a member above numpy's 16 MiB write chunk")
    many = 70_000
    # 70,000 members named arr_0 ... arr_69999, each np.uint8(i % 256): the zip64 end records.
    data_many = io.BytesIO()
    np.savez(data_many, *[np.uint8(i % 256) for i in range(many)])
    d = data_many.getvalue()
    cases.append({
        "name": "many_members_stored",
        "compress": False,
        "unseekable": False,
        "manyScalars": many,
        "size": len(d),
        "sha256": hashlib.sha256(d).hexdigest(),
    })
    doc = {
        "made_by": {
            "numpy": np.__version__,
            "python": sys.version.split()[0],
            "zlib": zlib.ZLIB_RUNTIME_VERSION,
            "platform": sys.platform,
        },
        "arrays": arrays,
        "cases": cases,
    }
    with open(os.path.join(HERE, "npz_cases.json"), "w") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
