#!/usr/bin/python3
# Copyright 2026 the npy authors. MIT license.
"""Object arrays as numpy 1.x saves them (pickle protocol 3, numpy.core).

Run once with Debian's numpy 1.24.2 (``apt-get install python3-numpy``):

    /usr/bin/python3 vectors/testdata/make_np1.py

Writes ``np1_<name>.npy`` here and ``np1_expected.json``: for each file,
numpy 1.24.2's ``np.load(allow_pickle=True)`` result (shape, fortran_order,
loaded_descr, values) in the JSON form of ``npy show --json``.
pickle/np1_test.ts reads them back.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import numpy as np  # noqa: E402

import gen_object  # noqa: E402
from generate import to_json_values  # noqa: E402

if not np.__version__.startswith("1."):
    raise SystemExit("run this with numpy 1.x (/usr/bin/python3), not %s"
                     % np.__version__)

CASES = [(name, expr) for name, expr in gen_object.SAVED
         if name not in ("object_string_70k",)]


def main():
    ns = dict(gen_object.NAMESPACE, np=np)
    expected = {"numpy_version": np.__version__, "files": {}}
    for name, expr in CASES:
        path = os.path.join(HERE, "np1_%s.npy" % name[len("object_"):])
        arr = eval(expr, ns)
        with open(path, "wb") as f:
            np.save(f, arr, allow_pickle=True)
        a = np.load(path, allow_pickle=True)
        expected["files"][os.path.basename(path)] = {
            "expression": expr,
            "shape": list(a.shape),
            "fortran_order": gen_object._fortran(a),
            "loaded_descr": gen_object._descr(a.dtype),
            "values": gen_object.array_values(a, to_json_values),
        }
    with open(os.path.join(HERE, "np1_expected.json"), "w",
              encoding="utf-8") as fh:
        json.dump(expected, fh, indent=1, sort_keys=True, ensure_ascii=False,
                  allow_nan=False)
        fh.write("\n")
    print("wrote %d files with numpy %s" % (len(CASES), np.__version__))


if __name__ == "__main__":
    main()
