#!/usr/bin/env python3
# Copyright 2026 the npy authors. MIT license.
"""Writes cli/testdata/prints.json: numpy's print() and repr() of every
.npy vector numpy loads (vectors/manifest.json, outcome "load"; archives aside), plus a few arrays made here
that the vectors do not cover (summarised, wrapped, 3-D, special floats).

    python3 cli/testdata/make_prints.py

Needs numpy 2.4 (the printing it records is numpy 2.4's)."""
import io
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def extra_arrays():
    """Arrays that exercise the printer beyond the vectors: name -> array."""
    rng = np.random.default_rng(11)
    return {
        "arange_2000_f8": np.arange(2000, dtype="<f8"),
        "arange_2000_i2": np.arange(2000, dtype="<i2"),
        "grid_40x40_f4": (np.arange(1600, dtype="<f4") / 7).reshape(40, 40),
        "cube_3x4x5_i2": np.arange(60, dtype="<i2").reshape(3, 4, 5),
        "big_cube_11x11x11_f4": np.linspace(-1, 1, 1331, dtype="<f4").reshape(11, 11, 11),
        "four_d_2x2x2x2_u1": np.arange(16, dtype="u1").reshape(2, 2, 2, 2),
        "wrap_100_f8": rng.standard_normal(100),
        "wrap_60_c16": rng.standard_normal(60) + 1j * rng.standard_normal(60),
        "special_f8": np.array([0.0, -0.0, 1.5, np.nan, np.inf, -np.inf, 1e20, 1e-20]),
        "mixed_exp_f8": np.array([1e-5 / 3, 1.0, 123456.789]),
        "tie_f8": np.array([0.001953125, 1.0]),
        "f2_values": np.array([0.1, 1.2345e-5, 65504, -0.0], dtype="<f2"),
        "f4_values": np.array([0.1, 1e-4, 1e6, 3.4e38], dtype="<f4"),
        "f4_small": np.array([0.0001, 0.5], dtype="<f4"),
        "ld_values": np.array([0.1, 1 / 3, 1e300], dtype=np.longdouble),
        "nan_only_f8": np.array([np.nan, -np.inf]),
        "ints_wide_i8": np.array([-(2**63), 2**63 - 1, 0], dtype="<i8"),
        "uint64_max": np.array([2**64 - 1, 0], dtype="<u8"),
        "bools_2000": np.arange(2000) % 3 == 0,
        "strings_U": np.array(["a'", '"', "é\n\t\x00x", "\u2028\x7f", "名"]),
        "bytes_S": np.array([b"a", b"\"x'", b"\x00\xff\n"]),
        "dates_D_1200": (np.arange(1200, dtype="<i8") * 1000).astype("M8[D]"),
        "timedeltas_nat": np.array([-5, np.iinfo(np.int64).min, 120], dtype="<i8").view("m8[s]"),
        "datetimes_ns": np.array([0, 10**18, -(10**17)], dtype="<i8").view("M8[ns]"),
        "records_1100": np.zeros(1100, dtype=[("a", "<i4"), ("b", "<f8", (2,))]),
        "long_strings": np.array(["x" * 30, "y" * 40, "z"]),
        "fortran_3x4_f8": np.asfortranarray(np.arange(12, dtype="<f8").reshape(3, 4) / 3),
        "fortran_big_f8": np.asfortranarray(np.arange(1200, dtype="<f8").reshape(400, 3)),
        "zero_d_f4": np.array(np.float32(0.1)),
        "zero_d_c16": np.array(-2j),
        "zero_d_m8": np.array(np.timedelta64(3, "25s")),
        "zero_d_record": np.array((1, 2.5, True, 1 + 2j), dtype=[("a", "<i4"), ("b", "<f8"), ("c", "?"), ("d", "<c16")]),
        "empty_2x0": np.zeros((2, 0)),
    }


def main():
    with open(os.path.join(ROOT, "vectors", "manifest.json")) as f:
        manifest = json.load(f)
    out = {"numpy_version": np.__version__, "vectors": {}, "extra": {},
           "vectors_repr": {}, "extra_repr": {}, "objects": {}, "objects_repr": {}}
    for entry in manifest["vectors"]:
        if entry["outcome"] != "load" or entry.get("kind") == "npz":
            continue
        path = os.path.join(ROOT, "vectors", entry["file"])
        for key, fn in (("vectors", str), ("vectors_repr", repr)):
            try:
                out[key][entry["file"]] = fn(np.load(path))
            except Exception as e:  # numpy's print itself fails on some arrays
                out[key][entry["file"]] = {"error": f"{type(e).__name__}: {e}"}
    # Object arrays, as np.load(f, allow_pickle=True) gives them.
    for entry in manifest["vectors"]:
        p = entry.get("pickle")
        if p is None or p.get("outcome") != "load" or "expected_code" in p:
            continue
        path = os.path.join(ROOT, "vectors", entry["file"])
        a = np.load(path, allow_pickle=True)
        out["objects"][entry["file"]] = str(a)
        out["objects_repr"][entry["file"]] = repr(a)
    extra_dir = os.path.join(HERE, "print")
    os.makedirs(extra_dir, exist_ok=True)
    for name, a in extra_arrays().items():
        np.save(os.path.join(extra_dir, name + ".npy"), a)
        out["extra"][name] = str(a)
        out["extra_repr"][name] = repr(a)
    with open(os.path.join(HERE, "prints.json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")
    print(f"{len(out['vectors'])} vectors, {len(out['objects'])} object arrays, "
          f"{len(out['extra'])} extra arrays", file=sys.stderr)


if __name__ == "__main__":
    main()
