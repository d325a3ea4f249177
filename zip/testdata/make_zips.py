#!/usr/bin/env python3
# Copyright 2026 the npy authors. MIT license.
"""Test archives for zip/ and fs/npz tests.

  make_zips.py infozip DIR   archives by Info-ZIP's `zip` (apt: zip), committed
                             in zip/testdata/: stored, deflated, zip64 (-fz),
                             from stdin (data descriptor), encrypted (-P)
  make_zips.py many N PATH   np.savez-like archive of N stored .npy members
                             (N > 65535 needs zip64 end records); made by
                             the test in /tmp, too large to commit; prints
                             np.load's member count, last key and its values
  make_zips.py big PATH      a stored member of 4 GiB + 1 KiB of zeros as a
                             sparse file, zip64 sizes and offsets; made by the
                             test in /tmp
"""

import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib

import numpy as np


def npy(arr):
    f = io.BytesIO()
    np.save(f, arr)
    return f.getvalue()


def infozip(out):
    out = os.path.abspath(out)
    if shutil.which("zip") is None:
        raise SystemExit("Info-ZIP's zip is not installed (apt-get install zip)")
    work = tempfile.mkdtemp()
    arrays = {"a.npy": np.arange(6, dtype="<i4").reshape(2, 3),
              "b.npy": np.linspace(0, 1, 1000)}
    for name, arr in arrays.items():
        with open(os.path.join(work, name), "wb") as fh:
            fh.write(npy(arr))
        os.utime(os.path.join(work, name), (315532800, 315532800))
    names = sorted(arrays)

    def run(args, **kw):
        subprocess.run(["zip", "-q", "-X"] + args, cwd=work, check=True, **kw)

    targets = {
        "infozip_stored.zip": ["-0"],
        "infozip_deflated.zip": ["-9"],
        "infozip_zip64.zip": ["-fz"],
        "infozip_encrypted.zip": ["-P", "secret"],
    }
    for target, flags in targets.items():
        path = os.path.join(out, target)
        if os.path.exists(path):
            os.remove(path)
        run(flags + [path] + names)
    path = os.path.join(out, "infozip_stdin.zip")
    if os.path.exists(path):
        os.remove(path)
    with open(os.path.join(work, "b.npy"), "rb") as fh, open(path, "wb") as o:
        # From stdin to a pipe: no sizes up front, no seeking back.
        proc = subprocess.Popen(["zip", "-q", "-X", "-", "-"], cwd=work,
                                stdin=fh, stdout=subprocess.PIPE)
        o.write(proc.stdout.read())
        if proc.wait() != 0:
            raise SystemExit("zip - - failed")
    shutil.rmtree(work)


def many(n, path):
    """Writes the archive, then prints what np.load sees: count, last key, its values."""
    member = npy(np.arange(3, dtype="<i2"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for i in range(n):
            z.writestr("m%d.npy" % i, member)
    with np.load(path) as z:
        last = z.files[-1]
        print(len(z.files), last, z[last].tolist())


def _times(mat, vec):
    out, i = 0, 0
    while vec:
        if vec & 1:
            out ^= mat[i]
        vec >>= 1
        i += 1
    return out


def zeros_crc(n, crc):
    """zlib.crc32(bytes(n), crc) without reading n bytes: the CRC register
    after a zero byte is a linear map of the one before, so n zero bytes
    are that map's n-th power (zlib's crc32_combine does the same)."""
    op = [0xEDB88320] + [1 << i for i in range(31)]  # one zero bit
    for _ in range(3):  # one zero byte
        op = [_times(op, op[i]) for i in range(32)]
    reg = crc ^ 0xFFFFFFFF
    while n:
        if n & 1:
            reg = _times(op, reg)
        op = [_times(op, op[i]) for i in range(32)]
        n >>= 1
    return reg ^ 0xFFFFFFFF


def big(path):
    """One stored member 'big.npy' of uint8 zeros, 2**32 + 1024 of them."""
    count = 2**32 + 1024
    f = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        f, {"descr": "|u1", "fortran_order": False, "shape": (count,)})
    header = f.getvalue()
    assert len(header) == 128
    size = len(header) + count
    crc = zeros_crc(count, zlib.crc32(header))
    name = b"big.npy"
    local_extra = struct.pack("<HHQQ", 1, 16, size, size)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, 0x21, crc,
                        0xFFFFFFFF, 0xFFFFFFFF, len(name), len(local_extra))
    central_extra = struct.pack("<HHQQ", 1, 16, size, size)
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x032D, 45, 0, 0,
                          0, 0x21, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(name),
                          len(central_extra), 0, 0, 0, 0o600 << 16, 0)
    central += name + central_extra
    with open(path, "wb") as fh:
        fh.write(local + name + local_extra + header)
        data_end = len(local) + len(name) + len(local_extra) + size
        fh.seek(data_end)
        cd_offset = data_end
        fh.write(central)
        eocd64_at = cd_offset + len(central)
        fh.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 1, 1,
                             len(central), cd_offset))
        fh.write(struct.pack("<IIQI", 0x07064B50, 0, eocd64_at, 1))
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1,
                             len(central), 0xFFFFFFFF, 0))


if __name__ == "__main__":
    if sys.argv[1:2] == ["infozip"] and len(sys.argv) == 3:
        infozip(sys.argv[2])
    elif sys.argv[1:2] == ["many"] and len(sys.argv) == 4:
        many(int(sys.argv[2]), sys.argv[3])
    elif sys.argv[1:2] == ["big"] and len(sys.argv) == 3:
        big(sys.argv[2])
    else:
        raise SystemExit(__doc__)
