# Copyright 2026 the npy authors. MIT license.
"""The oracle's object-array command: numpy makes a random object array
from a seed, saves it (np.save, or any pickle protocol behind the same
header) and loads it back with allow_pickle=True; the answer is the file
and numpy's values in the JSON form of ``npy show --json``."""

import base64
import datetime
import io
import os
import pickle
import random
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "vectors"))
import gen_object  # noqa: E402

CHARS = list("abcXYZ09 '\"\\|<") + ["", "\x00", "\n", "\xe9", "\xff", "\u0100",
                                     "\u4e2d", "\ud800", "\udfff", "\U0001F600"]
DTYPES = ["<i1", "<i2", ">i4", "<i8", "<u2", ">u8", "<f2", "<f4", ">f8",
          "<c8", "|b1", "|S3", "<M8[s]", ">m8[ms]"]


def rand_int(r):
    k = r.random()
    if k < 0.6:
        return r.randint(-300, 70000)
    sign = -1 if r.random() < 0.5 else 1
    return sign * (2 ** r.randint(31, 300) + r.randint(-2, 2))


def rand_float(r):
    return r.choice([0.0, -0.0, 1.5, -2.25, 1e300, 5e-324, float("nan"),
                     float("inf"), float("-inf"), r.uniform(-1e9, 1e9)])


def rand_str(r):
    if r.random() < 0.02:
        return "x" * r.randint(65530, 70000)
    return "".join(r.choice(CHARS) for _ in range(r.randint(0, 6)))


def rand_array(r, depth):
    shape = tuple(r.randint(0, 3) for _ in range(r.randint(0, 3)))
    if depth < 3 and r.random() < 0.3:
        a = np.empty(shape, dtype=object)
        for idx in np.ndindex(shape):
            a[idx] = rand_obj(r, depth + 1)
    else:
        dt = np.dtype(r.choice(DTYPES))
        raw = bytes(r.getrandbits(8) for _ in range(int(np.prod(shape)) *
                                                    dt.itemsize))
        a = np.frombuffer(raw, dtype=dt).reshape(shape).copy()
        if dt.kind == "f" or dt.kind == "c":
            a[np.isnan(a)] = 0
    return np.asfortranarray(a) if r.random() < 0.3 else a


def rand_obj(r, depth=0):
    k = r.randint(0, 15 if depth < 4 else 6)
    if k == 0:
        return None
    if k == 1:
        return r.random() < 0.5
    if k == 2:
        return rand_int(r)
    if k == 3:
        return rand_float(r)
    if k == 4:
        return rand_str(r)
    if k == 5:
        return bytes(r.getrandbits(8) for _ in range(r.randint(0, 5)))
    if k == 6:
        return complex(rand_float(r), rand_float(r))
    n = r.choice([0, 1, 2, 3, 4, 999, 1000, 1001, 2001]) \
        if r.random() < 0.1 else r.randint(0, 4)
    if k == 7:
        return [rand_obj(r, depth + 1) if n < 50 else i for i in range(n)]
    if k == 8:
        return tuple(rand_obj(r, depth + 1) for _ in range(min(n, 5)))
    if k == 9:
        d = {}
        for i in range(n):
            key = r.choice([rand_str(r), i, -i, (i, "t"), rand_int(r)])
            d[key] = rand_obj(r, depth + 1) if n < 50 else i
        return d
    if k == 10:
        return set(r.randint(0, 50) for _ in range(min(n, 6)))
    if k == 11:
        return frozenset(r.randint(0, 50) for _ in range(min(n, 6)))
    if k == 12:
        return bytearray(r.getrandbits(8) for _ in range(r.randint(0, 4)))
    if k == 13:
        dt = np.dtype(r.choice(DTYPES))
        raw = bytes(r.getrandbits(8) for _ in range(dt.itemsize))
        v = np.frombuffer(raw, dtype=dt)[0]
        return v if dt.kind not in "fc" or not np.isnan(v) else dt.type(0)
    if k == 14:
        return rand_array(r, depth)
    if r.random() < 0.5:
        return r.choice([range, int, np.ndarray])
    tz = r.choice([None, datetime.timezone.utc, datetime.timezone(
        datetime.timedelta(minutes=r.randint(-1439, 1439)), "name")])
    return r.choice([
        datetime.date(r.randint(1, 9999), r.randint(1, 12), r.randint(1, 28)),
        datetime.datetime(r.randint(1, 9999), r.randint(1, 12), r.randint(1, 28),
                          r.randint(0, 23), r.randint(0, 59), r.randint(0, 59),
                          r.choice([0, r.randint(0, 999999)]), tzinfo=tz,
                          fold=r.randint(0, 1)),
        datetime.timedelta(r.randint(-10**6, 10**6), r.randint(-10**6, 10**6),
                           r.randint(-10**7, 10**7)),
    ])


def op_objgen(req, path, plain):
    """A random object array from a seed: file (base64) and numpy's values."""
    r = random.Random(req["seed"])
    shape = tuple(r.randint(0, 3) for _ in range(r.randint(0, 3)))
    a = np.empty(shape, dtype=object)
    for idx in np.ndindex(shape):
        a[idx] = rand_obj(r)
    if r.random() < 0.3:
        a = np.asfortranarray(a)
    buf = io.BytesIO()
    np.save(buf, a, allow_pickle=True)
    data = buf.getvalue()
    protocol = r.choice([4, 4, 4, 0, 1, 2, 3, 5])
    if protocol != 4:
        start = data.index(b"\n") + 1
        data = data[:start] + pickle.dumps(a, protocol=protocol)
    with open(path, "wb") as f:
        f.write(data)
    b = np.load(path, allow_pickle=True)
    return {
        "file": base64.b64encode(data).decode("ascii"),
        "protocol": protocol,
        "shape": list(b.shape),
        "fortran": bool(b.flags.f_contiguous and not b.flags.c_contiguous),
        "object_values": gen_object.array_values(b, plain),
    }
