# Copyright 2026 the npy authors. MIT license.
#
# The numpy side of bench/compare.ts: a long-lived process that builds the
# same arrays as the Deno side, times numpy's own operations on them when
# asked (so that Deno can rotate turns between numpy and the project), and
# resets and reads the peak RSS of a process (its own or the Deno one's).
#
# One JSON request per line on stdin, one JSON reply per line on stdout.
#   python3 bench/numpy_worker.py [--no-hugepages]

import io
import json
import os
import sys
import time

import numpy as np
from numpy.lib import format as F

if "--no-hugepages" in sys.argv:
    # Like-for-like with V8, which cannot ask the kernel for 2 MiB pages.
    np._core.multiarray._set_madvise_hugepage(False)

WORDS = ["", "a", "to", "the", "numpy", "format", "streaming", "zero-copy", "abc"]


def dtype_of(d):
    if isinstance(d, str):
        return np.dtype(d)
    if isinstance(d, dict):
        return np.dtype([tuple(x) for x in d["fields"]], align=d.get("align", False))
    return np.dtype([tuple(x) for x in d])


def build(name, dt, n):
    i = np.arange(n)
    if dt.names:
        a = np.zeros(n, dtype=dt)
        a["x"] = i * 0.5
        a["y"] = i % 1000
        a["id"] = (i % 30000).astype("i2")
        a["ok"] = i & 1
        return a
    if dt.kind == "U":
        base = [WORDS[k % 9] + str(k % 1000) for k in range(9000)]
        if "non-BMP" in name:
            base = [s + "\U0001F600" if k % 100 == 0 else s for k, s in enumerate(base)]
        return np.resize(np.array(base, dtype=dt), n)
    if dt.kind == "S":
        base = [(WORDS[k % 9] + str(k % 1000)).encode() for k in range(9000)]
        return np.resize(np.array(base, dtype=dt), n)
    if dt.kind == "b":
        return (i % 3 == 0)
    if dt.kind == "M":
        return (i * 1000).astype(dt)
    if dt.kind == "c":
        return (i * 0.5 + 1j * i).astype(dt)
    if dt.kind == "i" and dt.itemsize == 1:
        return (i % 256 - 128).astype(dt)
    if dt.kind == "i":
        return i.astype(dt)
    if dt.itemsize == 2:
        return ((i % 2048) * 0.25).astype(dt)
    return (i * 0.5).astype(dt)


def med(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


def rss(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmHWM", "VmRSS")):
                out[line.split(":")[0]] = int(line.split()[1]) * 1024
    return out


cells = {}


def op_fn(c, op):
    a, raw, path, out = c["a"], c["raw"], c["path"], c["out"]
    if op == "decode":
        return lambda: np.load(io.BytesIO(raw))
    if op == "encode":
        return lambda: np.save(io.BytesIO(), a)
    if op == "load":
        return lambda: np.load(path)
    if op == "save":
        return lambda: np.save(out, a)

    if op == "save+fsync":
        def f():
            with open(out, "wb") as fh:
                np.save(fh, a)
                fh.flush()
                os.fsync(fh.fileno())
        return f
    raise ValueError(op)


def header_fn(raw):
    bio = io.BytesIO(raw)

    def f():
        bio.seek(0)
        v = F.read_magic(bio)
        if v == (1, 0):
            F.read_array_header_1_0(bio)
        else:
            F.read_array_header_2_0(bio)
    return f


def handle(req):
    cmd = req["cmd"]
    if cmd == "build":
        dt = dtype_of(req["descr"])
        a = build(req["name"], dt, req["n"])
        b = io.BytesIO()
        np.save(b, a)
        raw = b.getvalue()
        if req.get("write"):
            with open(req["path"], "wb") as f:
                f.write(raw)
        cells[req["key"]] = {"a": a, "raw": raw, "path": req["path"], "out": req["out"]}
        return {"bytes": len(raw)}
    if cmd == "drop":
        cells.pop(req["key"], None)
        return {}
    if cmd == "time":
        c = cells[req["key"]]
        f = header_fn(c["raw"]) if req["op"] == "header" else op_fn(c, req["op"])
        k = req["reps"]
        t = time.perf_counter()
        for _ in range(k):
            f()
        return {"s": (time.perf_counter() - t) / k}
    if cmd == "peak":
        # Peak RSS above the RSS before, of this process, for one call.
        c = cells[req["key"]]
        f = op_fn(c, req["op"])
        pid = os.getpid()
        with open(f"/proc/{pid}/clear_refs", "w") as fh:
            fh.write("5")
        before = rss(pid)["VmRSS"]
        r = f()
        after = rss(pid)["VmHWM"]
        del r
        return {"bytes": after - before}
    if cmd == "reset_peak":
        with open(f"/proc/{req['pid']}/clear_refs", "w") as fh:
            fh.write("5")
        return rss(req["pid"])
    if cmd == "rss":
        return rss(req["pid"])
    if cmd == "version":
        return {"numpy": np.__version__, "python": sys.version.split()[0]}
    raise ValueError(cmd)


for line in sys.stdin:
    try:
        reply = handle(json.loads(line))
    except Exception as e:  # reported to the driver, which stops
        reply = {"error": f"{type(e).__name__}: {e}"}
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()
