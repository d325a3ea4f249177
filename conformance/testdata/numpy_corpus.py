# Copyright 2026 the npy authors. MIT license.
"""numpy's side of the validator corpus (run by generate.ts).

    python3 numpy_corpus.py write OUTDIR PREFIX
        Writes the numpy-made files of the corpus with this numpy's np.save,
        as OUTDIR/PREFIX_<case>.npy. Cases this numpy cannot write are
        skipped and named on stderr.

    python3 numpy_corpus.py check FILE...
        Prints, as JSON, numpy's verdict on each file: whether
        np.load(path) (allow_pickle=False, default max_header_size) returns
        an array, its error or warnings, and whether the file is canonical:
        identical to np.save(path2, np.load(path, max_header_size=huge)).
        Both go through real files: np.save to a file writes struct padding
        bytes as loaded, np.save to a BytesIO does not.
"""

import json
import os
import sys
import tempfile
import warnings

import numpy as np

MAJOR = int(np.__version__.split(".")[0])


def cases():
    """name -> (function returning the array, allow_pickle)."""
    c = {}
    c["f8_1d"] = lambda: np.arange(3.0)
    c["f4_2d"] = lambda: np.arange(6, dtype="<f4").reshape(2, 3)
    c["f4_big_fortran"] = lambda: np.asfortranarray(np.arange(6, dtype=">f4").reshape(2, 3))
    c["b1"] = lambda: np.array([True, False, True])
    c["u1_0d"] = lambda: np.array(7, dtype="u1")
    c["i8"] = lambda: np.arange(4, dtype="<i8")
    c["c16"] = lambda: np.array([1 + 2j, 3 - 4j])
    c["f2"] = lambda: np.array([0.5, 1.5, -2.0], dtype="<f2")
    c["u2_empty"] = lambda: np.zeros((0, 3), dtype="<u2")
    c["S3"] = lambda: np.array([b"ab", b"xyz"])
    c["U3_non_bmp"] = lambda: np.array(["a\U0001F600b", "xyz"])
    c["struct"] = lambda: np.array([(1.5, 2), (3.5, 4)], dtype=[("x", "<f4"), ("y", "<i8")])
    c["struct_title"] = lambda: np.zeros(2, dtype=[(("Temperature", "t"), "<f4")])
    c["M8_10ms"] = lambda: np.array([0, 1], dtype="M8[10ms]")
    c["M8_D"] = lambda: np.array(["2024-01-01", "2024-02-29"], dtype="M8[D]")
    c["longdouble"] = lambda: np.array([1.5, -2.25], dtype=np.longdouble)
    c["latin1_name"] = lambda: np.zeros(2, dtype=[("\u00e9t\u00e9", "<f4")])
    c["utf8_name_v3"] = lambda: np.zeros(2, dtype=[("\u6e29\u5ea6", "<f4")])
    c["many_fields"] = lambda: np.zeros(1, dtype=[(f"f{i}", "<u1") for i in range(800)])
    c["b1_raw_2"] = lambda: np.array([0, 1, 2], dtype="u1").view(np.bool_)
    c["object"] = lambda: np.array([1, "a", None], dtype=object)
    if MAJOR >= 2:
        # numpy 1.x allows 32 dimensions only.
        c["f4_60d"] = lambda: np.zeros((1,) * 60, dtype="<f4")
        c["header_v2"] = lambda: np.zeros(
            1, dtype=[(f"a_rather_long_field_name_{i:04d}", "<u1") for i in range(1700)]
        )
    return c


def write(outdir, prefix):
    for name, make in cases().items():
        path = os.path.join(outdir, f"{prefix}_{name}.npy")
        try:
            arr = make()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                np.save(path, arr, allow_pickle=(name == "object"))
        except Exception as e:  # noqa: BLE001 - report and skip
            print(f"skipped {prefix}_{name}: {type(e).__name__}: {e}", file=sys.stderr)
            if os.path.exists(path):
                os.remove(path)


def check(files):
    out = {}
    tmp = tempfile.mkdtemp()
    for path in files:
        v = {"loadable": False, "error": None, "warnings": [], "canonical": False}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                np.load(path, allow_pickle=False)
                v["loadable"] = True
            except Exception as e:  # noqa: BLE001
                v["error"] = f"{type(e).__name__}: {e}"
            v["warnings"] = sorted({str(w.message) for w in caught})
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                arr = np.load(path, allow_pickle=False, max_header_size=2**62)
                again = os.path.join(tmp, "again.npy")
                np.save(again, arr, allow_pickle=False)
            with open(path, "rb") as f, open(again, "rb") as g:
                v["canonical"] = f.read() == g.read()
        except Exception:  # noqa: BLE001
            v["canonical"] = False
        out[os.path.basename(path)] = v
    json.dump({"numpy": np.__version__, "files": out}, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 2 and sys.argv[1] == "check":
        check(sys.argv[2:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
