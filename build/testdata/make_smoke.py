#!/usr/bin/env python3
"""Make the .npy files the npm and browser smoke tests read (numpy 2.x).

Run from anywhere: python3 build/testdata/make_smoke.py
Writes, next to this script, three small files saved by np.save and
smoke.json: for each file the descr as its header spells it, the shape,
fortran_order and the values (in storage order; per field for records,
bytes as latin-1 text).
"""

import json
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
assert int(np.__version__.split(".")[0]) >= 2, f"numpy 2.x needed, found {np.__version__}"

arrays = {
    "f8_3x4.npy": np.arange(12, dtype="<f8").reshape(3, 4) / 4 - 1,
    "i2_fortran.npy": np.asfortranarray((np.arange(6).reshape(2, 3) - 3).astype(">i2")),
    "records.npy": np.array(
        [(1, 0.5, b"ab"), (-2, 1.5, b"numpy"), (3, -2.25, b"")],
        dtype=[("id", "<i4"), ("x", "<f4"), ("name", "S5")],
    ),
}

manifest = {}
for name, a in arrays.items():
    np.save(HERE / name, a)
    entry = {
        "descr": repr(np.lib.format.dtype_to_descr(a.dtype)),
        "shape": list(a.shape),
        "fortran_order": bool(a.flags.f_contiguous and not a.flags.c_contiguous),
    }
    if a.dtype.names:
        entry["values"] = {
            f: [v.decode("latin-1") if isinstance(v, bytes) else v for v in a[f].tolist()]
            for f in a.dtype.names
        }
    else:
        entry["values"] = a.ravel(order="F" if entry["fortran_order"] else "C").tolist()
    manifest[name] = entry
(HERE / "smoke.json").write_text(json.dumps(manifest, indent=2) + "\n")
print(f"numpy {np.__version__}: wrote {', '.join(arrays)} and smoke.json")
