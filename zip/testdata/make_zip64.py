# Copyright 2026 the npy authors. MIT license.
"""CPython zipfile's records for members and archives too large to write in a
test: local headers (ZipInfo.FileHeader(zip64=True), as numpy's
force_zip64 members get) and central directories with end records
(ZipFile._write_end_record) for sizes and offsets around 2**31 and 2**32,
written over a fake file whose tell() starts where the directory would.
zip/_zip_write_test.ts builds the same records and compares every byte.

Run from the repository root: python3 zip/testdata/make_zip64.py
"""

import json
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


class At:
    """A write-only file that claims to be at `base` + what was written."""

    def __init__(self, base):
        self.base = base
        self.buf = bytearray()

    def write(self, b):
        self.buf += b
        return len(b)

    def tell(self):
        return self.base + len(self.buf)

    def seek(self, *a):
        raise OSError("not seekable")

    def flush(self):
        pass


def info(name, size, csize, offset, crc, deflated, descriptor):
    zi = zipfile.ZipInfo(name)
    zi.compress_type = zipfile.ZIP_DEFLATED if deflated else zipfile.ZIP_STORED
    zi.external_attr = 0o600 << 16
    zi.flag_bits = 0x08 if descriptor else 0
    zi.file_size, zi.compress_size, zi.header_offset, zi.CRC = size, csize, offset, crc
    return zi


def directory(entries, start):
    fp = At(start)
    zf = zipfile.ZipFile(fp, "w", allowZip64=True)
    fp.buf = bytearray()
    fp.base = start
    zf.start_dir = start
    for e in entries:
        zi = info(**e)
        zi.FileHeader(True)  # as _open_to_write: bumps the versions to 45
        zf.filelist.append(zi)
    zf._write_end_record()
    zf.fp = None  # closed by hand: nothing more to write
    return bytes(fp.buf)


G = 2**31
CASES = [
    ("small", [dict(name="a.npy", size=200, csize=200, offset=0, crc=1, deflated=False, descriptor=False)], 280),
    ("size_2g", [dict(name="a.npy", size=G, csize=G, offset=0, crc=2, deflated=False, descriptor=False)], G + 100),
    ("size_just_below", [dict(name="a.npy", size=G - 1, csize=G - 1, offset=0, crc=3, deflated=False, descriptor=False)], G + 50),
    ("deflated_big_size_small_csize", [dict(name="ü.npy", size=5 * G, csize=1000, offset=0, crc=4, deflated=True, descriptor=True)], 1100),
    ("offset_only", [
        dict(name="a.npy", size=G - 100, csize=G - 100, offset=0, crc=5, deflated=False, descriptor=False),
        dict(name="b.npy", size=10, csize=10, offset=G - 30, crc=6, deflated=False, descriptor=False),
    ], G + 60),
    ("start_between_2g_4g", [dict(name="x", size=3 * G // 2, csize=3 * G // 2, offset=5, crc=7, deflated=False, descriptor=False)], 3 * G // 2 + 200),
    ("start_above_4g", [
        dict(name="a.npy", size=3 * G, csize=3 * G, offset=0, crc=8, deflated=False, descriptor=True),
        dict(name="日本.npy", size=7, csize=9, offset=3 * G + 100, crc=9, deflated=True, descriptor=True),
    ], 3 * G + 300),
]


def main():
    out = {"python": sys.version.split()[0], "directories": [], "local_headers": []}
    for name, entries, start in CASES:
        out["directories"].append({"name": name, "entries": entries, "start": start,
                                   "bytes": directory(entries, start).hex()})
        for e in entries:
            out["local_headers"].append({"entry": e, "bytes": info(**e).FileHeader(True).hex()})
    with open(os.path.join(HERE, "zip64_cases.json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
