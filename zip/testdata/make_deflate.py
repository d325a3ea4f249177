# Copyright 2026 the npy authors. MIT license.
"""What CPython's zlib makes of known inputs with numpy's savez_compressed
settings, zlib.compressobj(6, zlib.DEFLATED, -15): zip/deflate_test.ts
rebuilds each input from the same rule and checks that its deflate has the
same size and CRC-32.

Run from the repository root: python3 zip/testdata/make_deflate.py
"""

import io
import json
import os
import sys
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def lcg(n, seed, mask=0xFF):
    """n bytes of x = (x * 1103515245 + 12345) mod 2**31, each (x >> 16) & mask."""
    out = bytearray(n)
    x = seed
    for i in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out[i] = (x >> 16) & mask
    return bytes(out)


def npy(a):
    b = io.BytesIO()
    np.save(b, a)
    return b.getvalue()


# Each rule: name -> (description the test follows, bytes).
CASES = {
    "empty": b"",
    "one_byte": b"a",
    "text": b"the quick brown fox jumps over the lazy dog\n" * 3,
    "random_100k": lcg(100_000, 1),
    "random_65537": lcg(65_537, 2),
    "low_entropy_1m": lcg(1 << 20, 3, 3),
    "repetitive_450k": b"abcabcabd" * 50_000,
    "npy_arange_f8_300k": npy(np.arange(300_000, dtype="<f8")),
    "npy_square_mod_i2_1m": npy(((np.arange(1_000_000, dtype=np.int64) ** 2) % 1000).astype("<i2")),
    "zeros_16m_then_low_entropy_1m": bytes(1 << 24) + lcg(1 << 20, 4, 15),
}


def main():
    out = {}
    for name, data in CASES.items():
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        z = c.compress(data) + c.flush()
        out[name] = {"size": len(data), "crc32": zlib.crc32(data), "deflated_size": len(z),
                     "deflated_crc32": zlib.crc32(z)}
    doc = {"zlib": zlib.ZLIB_RUNTIME_VERSION, "python": sys.version.split()[0], "cases": out}
    with open(os.path.join(HERE, "deflate_cases.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
