# Copyright 2026 the npy authors. MIT license.
"""The .npz conformance vectors: archives made by numpy (np.savez,
np.savez_compressed, to seekable and unseekable outputs), by CPython's
zipfile (data descriptors, directory entries, README members), and by hand
patches of those (bad CRC, unsupported method, encryption flag, zip64 end
records and extra fields, overlapping entries, ...).

What numpy does with each is found by running it, never assumed: the
archive is opened with ``np.load`` (numpy's defaults, allow_pickle=False)
and every member read with ``npz[name]``. A case says which NpyError code
this project expects where numpy refuses (the archive, or one member), and
the build stops when numpy loads what a case expects refused or refuses
what it expects loaded. A few cases are refused by this project where
numpy is laxer (``stricter``: duplicate names, overlapping entries, sizes
beyond 2^53, a member that claims more bytes than it holds); the entry
says why.

``generate.py`` calls ``generate_npz(out_dir, log)``; ``describe_npz(data)``
is also used by tests (``python3 gen_npz.py --describe FILE...`` prints it
as one JSON line per file).

Runs under CPython and Pyodide (numpy and the standard library only).
"""

import hashlib
import io
import json
import os
import struct
import sys
import warnings
import zipfile

import numpy as np

MAGIC = b"\x93NUMPY"


class Unseekable(io.RawIOBase):
    """A write-only stream without seek or tell, as a pipe or socket."""

    def __init__(self):
        super().__init__()
        self.buf = bytearray()

    def writable(self):
        return True

    def seekable(self):
        return False

    def write(self, b):
        self.buf += b
        return len(b)


# ---------------------------------------------------------------------------
# Arrays and archives.
# ---------------------------------------------------------------------------


def families():
    """One array per dtype family, and a few layouts."""
    return {
        "bool": np.array([True, False, True]),
        "i1": np.array([-128, 0, 127], dtype="i1"),
        "u2": np.array([0, 1, 65535], dtype="<u2"),
        "i4_be": np.arange(6, dtype=">i4").reshape(2, 3),
        "i8": np.array([-(2**63), 0, 2**63 - 1], dtype="<i8"),
        "u8": np.array([0, 2**64 - 1], dtype="<u8"),
        "f2": np.array([0.5, -np.inf, np.nan], dtype="<f2"),
        "f4": np.array([1.25, -0.0, 3.4e38], dtype="<f4"),
        "f8_be": np.array([1.5, np.inf, -2.0**-1074], dtype=">f8"),
        "c8": np.array([1 + 2j, -0.5j], dtype="<c8"),
        "c16": np.array([np.nan + 1j], dtype="<c16"),
        "S3": np.array([b"ab", b"xyz", b""]),
        "U2": np.array(["\u00e9", "\u65e5\u672c"]),
        "M8": np.array(["2024-01-01", "NaT"], dtype="<M8[D]"),
        "m8": np.array([1, -2], dtype="<m8[s]"),
        "struct": np.array([(1, 2.5), (3, -1.0)],
                           dtype=[("a", "<i4"), ("b", "<f8")]),
        "fortran": np.asfortranarray(np.arange(6, dtype="<f8").reshape(2, 3)),
        "scalar": np.array(7, dtype="<i2"),
        "empty": np.zeros((0, 3), dtype="<f4"),
    }


def savez(compressed=False, seekable=True, *args, **kwds):
    """The bytes np.savez (or np.savez_compressed) writes."""
    out = io.BytesIO() if seekable else Unseekable()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (np.savez_compressed if compressed else np.savez)(out, *args, **kwds)
    return bytes(out.getvalue() if seekable else out.buf)


def npy(arr):
    f = io.BytesIO()
    np.save(f, arr)
    return f.getvalue()


def with_zipfile(members, seekable=True, comment=b""):
    """An archive CPython's zipfile writes: (name, bytes, method) each."""
    out = io.BytesIO() if seekable else Unseekable()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names
        with zipfile.ZipFile(out, "w") as z:
            for name, data, method in members:
                info = zipfile.ZipInfo(name)
                info.compress_type = method
                if name.endswith("/"):
                    info.external_attr = 0o40775 << 16 | 0x10
                z.writestr(info, data)
            z.comment = comment
    return bytes(out.getvalue() if seekable else out.buf)


def end_record(data):
    """(offset, entries, cd_size, cd_offset) of an archive without comment."""
    at = len(data) - 22
    sig, _, _, _, count, size, offset, _ = struct.unpack("<IHHHHIIH", data[at:])
    assert sig == 0x06054B50
    return at, count, size, offset


def central_entries(data):
    """Byte offsets of each central directory entry."""
    _, count, _, offset = end_record(data)
    out, pos = [], offset
    for _ in range(count):
        out.append(pos)
        n, x, c = struct.unpack("<HHH", data[pos + 28:pos + 34])
        pos += 46 + n + x + c
    return out


def local_offset(data, index):
    cen = central_entries(data)[index]
    return struct.unpack("<I", data[cen + 42:cen + 46])[0]


def patch(data, at, fmt, *values):
    b = bytearray(data)
    struct.pack_into(fmt, b, at, *values)
    return bytes(b)


def patch_central(data, index, field, fmt, *values):
    return patch(data, central_entries(data)[index] + field, fmt, *values)


def zip64_end_records(data):
    """The archive with zip64 end records, and 0xFFFF/0xFFFFFFFF in the old one."""
    at, count, size, offset = end_record(data)
    eocd64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0,
                         count, count, size, offset)
    locator = struct.pack("<IIQI", 0x07064B50, 0, at, 1)
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF,
                       0xFFFFFFFF, 0xFFFFFFFF, 0)
    return data[:at] + eocd64 + locator + eocd


def rebuild_central(data, edit):
    """The archive with each central entry passed through ``edit``.

    ``edit(index, fixed, name, extra, comment)`` returns the new parts;
    the end record is fixed up for the directory's new size.
    """
    at, count, size, offset = end_record(data)
    parts, pos = [], offset
    for i in range(count):
        fixed = bytearray(data[pos:pos + 46])
        n, x, c = struct.unpack("<HHH", fixed[28:34])
        name = data[pos + 46:pos + 46 + n]
        extra = data[pos + 46 + n:pos + 46 + n + x]
        comment = data[pos + 46 + n + x:pos + 46 + n + x + c]
        fixed, name, extra, comment = edit(i, fixed, name, extra, comment)
        struct.pack_into("<HHH", fixed, 28, len(name), len(extra), len(comment))
        parts.append(bytes(fixed) + name + extra + comment)
        pos += 46 + n + x + c
    cd = b"".join(parts)
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(cd),
                       offset, 0)
    return data[:offset] + cd + eocd


def central_zip64(data, huge_size=None):
    """Every central entry with 0xFFFFFFFF sizes and offset and a zip64 extra."""
    def edit(i, fixed, name, extra, comment):
        csize, usize = struct.unpack("<II", fixed[20:28])
        off = struct.unpack("<I", fixed[42:46])[0]
        if huge_size is not None and i == 0:
            usize = huge_size
        struct.pack_into("<II", fixed, 20, 0xFFFFFFFF, 0xFFFFFFFF)
        struct.pack_into("<I", fixed, 42, 0xFFFFFFFF)
        z64 = struct.pack("<HHQQQ", 1, 24, usize, csize, off)
        return fixed, name, z64 + extra, comment
    return rebuild_central(data, edit)


def two_entries_one_header(data):
    """A second central entry that points at the first entry's local header."""
    at, count, size, offset = end_record(data)
    cd = data[offset:offset + size]
    first = central_entries(data)[0] - offset
    n, x, c = struct.unpack("<HHH", cd[first + 28:first + 34])
    entry = bytearray(cd[first:first + 46 + n + x + c])
    name_at = 46 + n - 5  # "a.npy" -> "b.npy"
    entry[name_at] = ord("b")
    cd = cd + bytes(entry)
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count + 1, count + 1,
                       len(cd), offset, 0)
    return data[:offset] + cd + eocd


def cp437_names(data):
    """Clears the UTF-8 flag everywhere: the names then read as cp437."""
    b = bytearray(data)
    for i, cen in enumerate(central_entries(data)):
        flags = struct.unpack("<H", b[cen + 8:cen + 10])[0]
        struct.pack_into("<H", b, cen + 8, flags & ~0x800)
        loc = struct.unpack("<I", b[cen + 42:cen + 46])[0]
        flags = struct.unpack("<H", b[loc + 6:loc + 8])[0]
        struct.pack_into("<H", b, loc + 6, flags & ~0x800)
    return bytes(b)


def nul_in_name(data):
    """The first name's second byte set to NUL, in both headers."""
    b = bytearray(data)
    cen = central_entries(data)[0]
    b[cen + 46 + 1] = 0
    b[local_offset(data, 0) + 30 + 1] = 0
    return bytes(b)


def bad_deflate(data):
    """The first member's compressed data starting with a reserved block type."""
    loc = local_offset(data, 0)
    n, x = struct.unpack("<HH", data[loc + 26:loc + 30])
    return patch(data, loc + 30 + n + x, "<B", 0xFF)


def local_byte(data, index, offset, value):
    return patch(data, local_offset(data, index) + offset, "<B", value)


# ---------------------------------------------------------------------------
# Cases.
# ---------------------------------------------------------------------------

A = "np.arange(6, dtype='<i4')"
B = "np.linspace(0, 1, 5)"


class Case:
    def __init__(self, name, expression, archive_code=None, members=None,
                 note=None, stricter=None):
        self.name = name
        self.expression = expression
        self.archive_code = archive_code
        self.members = members or {}  # member name -> (code, stricter or None)
        self.note = note
        self.stricter = stricter

    @property
    def file(self):
        return "files/%s.npz" % self.name


def build_npz_cases():
    ab = "a=%s, b=%s" % (A, B)
    return [
        Case("npz_savez_families", "savez(False, True, np.arange(3), **families())",
             note="np.savez: one member per dtype family, then arr_0"),
        Case("npz_savez_compressed_families",
             "savez(True, True, np.arange(3), **families())",
             note="np.savez_compressed: one member per dtype family"),
        Case("npz_unseekable_stored", "savez(False, False, **families())",
             note="np.savez to an unseekable stream: flag 0x08, zeroed zip64 "
                  "extra, data descriptors"),
        Case("npz_unseekable_compressed", "savez(True, False, **families())",
             note="np.savez_compressed to an unseekable stream"),
        Case("npz_utf8_names",
             "savez(False, True, **{'\u00e9': %s, '\u65e5\u672c': %s, 'x.npy': %s})"
             % (A, B, A),
             note="non-ASCII names (flag 0x800); 'x.npy' is stored as 'x.npy.npy'"),
        Case("npz_empty", "savez(False, True)", note="np.savez(f): no members"),
        Case("npz_non_npy_member",
             "with_zipfile([('a.npy', npy(%s), 0), ('README.txt', b'hello\\n', 8)])" % A,
             note="a member without the npy magic is read as bytes"),
        Case("npz_object_member",
             "savez(False, True, a=%s, o=np.array([1, 'x', None], dtype=object))" % A,
             members={"o.npy": ("OBJECT_ARRAY", None)},
             note="an object member is refused only when read"),
        Case("zipfile_data_descriptors",
             "with_zipfile([('d/', b'', 0), ('a.npy', npy(%s), 8), "
             "('b.npy', npy(%s), 0), ('README', b'read me', 8)], seekable=False)"
             % (A, B),
             note="zipfile to an unseekable stream: data descriptors, a "
                  "directory entry, a README member"),
        Case("zipfile_directory_entry",
             "with_zipfile([('data/', b'', 0), ('data/a.npy', npy(%s), 0)])" % A,
             note="a directory entry reads as empty bytes, as np.load does"),
        Case("npz_comment",
             "with_zipfile([('a.npy', npy(%s), 8)], comment=b'made by the npy vectors')" % A,
             note="an archive comment: the end record is searched for"),
        Case("npz_prefixed",
             "b'#!/bin/sh\\nexit 0\\n' + with_zipfile([('a.npy', npy(%s), 8)])" % A,
             archive_code="PICKLED_DATA",
             note="bytes before the archive: zipfile reads it, but np.load "
                  "sees no zip magic and takes it for a pickle"),
        Case("npz_zip64_end_records", "zip64_end_records(savez(False, True, %s))" % ab,
             note="zip64 end record and locator, 0xFFFF counts in the old one"),
        Case("npz_zip64_central_extra",
             "central_zip64(savez(True, True, %s))" % ab,
             note="central entries whose sizes and offset live in zip64 extras"),
        Case("npz_cp437_names",
             "cp437_names(savez(False, True, **{'\u00e9t\u00e9': %s}))" % A,
             note="UTF-8 flag cleared: the name reads as cp437, as zipfile does"),
        Case("npz_nul_in_name", "nul_in_name(savez(False, True, ab=%s))" % A,
             note="zipfile cuts a name at its first NUL: the key is 'a'"),
        Case("npz_bad_member_header",
             "with_zipfile([('a.npy', b'\\x93NUMPY\\x01\\x00\\x10\\x00{\"descr\": 1}   \\n', 0)])",
             members={"a.npy": ("HEADER_KEYS", None)},
             note="an npy member with a broken header: the codec's refusal"),
        # numpy refuses the archive.
        Case("npz_not_zip", "b'PK\\x03\\x04' + bytes(40)", archive_code="NOT_ZIP",
             note="the zip magic without an end record"),
        Case("npz_cut_end", "savez(False, True, %s)[:-10]" % ab, archive_code="NOT_ZIP",
             note="the end record cut short"),
        Case("npz_bad_central_magic",
             "patch_central(savez(False, True, %s), 1, 0, '<I', 0x02014b51)" % ab,
             archive_code="ZIP_BAD_DIRECTORY"),
        Case("npz_directory_size_too_big",
             "patch(savez(False, True, %s), len(savez(False, True, %s)) - 10, '<I', 10**6)"
             % (ab, ab),
             archive_code="ZIP_BAD_DIRECTORY",
             note="a directory larger than the bytes before the end record"),
        Case("npz_version_needed_64",
             "patch_central(savez(False, True, %s), 0, 6, '<B', 64)" % ab,
             archive_code="ZIP_UNSUPPORTED", note="zipfile reads versions up to 6.3"),
        # numpy opens the archive, refuses a member.
        Case("npz_bad_crc", "patch_central(savez(False, True, %s), 0, 16, '<I', 0)" % ab,
             members={"a.npy": ("ZIP_BAD_CRC", None)}),
        Case("npz_bad_crc_compressed",
             "patch_central(savez(True, True, %s), 1, 16, '<I', 1)" % ab,
             members={"b.npy": ("ZIP_BAD_CRC", None)}),
        Case("npz_method_99",
             "patch_central(savez(False, True, %s), 0, 10, '<H', 99)" % ab,
             members={"a.npy": ("ZIP_UNSUPPORTED_METHOD", None)},
             note="AES (99): not a method zipfile or this reader inflates"),
        Case("npz_encrypted_flag",
             "patch_central(savez(False, True, %s), 1, 8, '<H', 1)" % ab,
             members={"b.npy": ("ZIP_ENCRYPTED", None)}),
        Case("npz_local_name_differs", "local_byte(savez(False, True, %s), 1, 30, 0x63)" % ab,
             members={"b.npy": ("ZIP_BAD_LOCAL_HEADER", None)}),
        Case("npz_bad_local_magic", "local_byte(savez(False, True, %s), 1, 0, 0x51)" % ab,
             members={"b.npy": ("ZIP_BAD_LOCAL_HEADER", None)}),
        Case("npz_bad_deflate", "bad_deflate(savez(True, True, %s))" % ab,
             members={"a.npy": ("ZIP_BAD_DEFLATE", None)}),
        # numpy is laxer: this reader refuses by design.
        Case("npz_duplicate_name",
             "with_zipfile([('a.npy', npy(%s), 0), ('a.npy', npy(%s), 0)])" % (A, B),
             archive_code="ZIP_DUPLICATE_NAME",
             stricter="zipfile keeps both entries and reads the last; a name "
                      "used twice is ambiguous, so it is refused"),
        Case("npz_overlapping_entries", "two_entries_one_header(savez(False, True, a=%s))" % A,
             members={"a.npy": ("ZIP_OUT_OF_RANGE",
                                "two entries share one local header (how zip bombs "
                                "multiply): the first is refused as overlapping the "
                                "second; numpy reads it"),
                      "b.npy": ("ZIP_BAD_LOCAL_HEADER", None)},
             note="a second central entry pointing at the first's local header"),
        Case("npz_size_beyond_2e53", "central_zip64(savez(False, True, a=%s), 2**60)" % A,
             archive_code="ZIP_SIZE_OVERFLOW",
             stricter="zipfile reads a stored member up to its compressed "
                       "size whatever its size says; a size that a JS number "
                       "cannot hold is refused at open"),
        Case("npz_bomb_claim",
             "patch_central(savez(True, True, %s), 0, 24, '<I', 0x80000000)" % ab,
             members={"a.npy": ("ZIP_BOMB", "numpy reads only the array's bytes "
                                "and never meets the false size; a deflated "
                                "member claiming more than 1032 times its "
                                "compressed size is refused before inflating")}),
    ]


def npz_namespace():
    return {k: v for k, v in globals().items() if not k.startswith("__")}


# ---------------------------------------------------------------------------
# What np.load does.
# ---------------------------------------------------------------------------


def _error(e):
    return type(e).__name__, str(e)


def describe_npz(data, values=None):
    """What np.load(io.BytesIO(data)) does: the archive and each member.

    ``values(arr)`` gives the JSON values of a loaded array (generate.py's
    to_json_values); without it values are left out.
    """
    out = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            z = np.load(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - numpy's refusal is the result
        out["outcome"] = "refuse"
        out["error_type"], out["error"] = _error(e)
        return out
    if not isinstance(z, np.lib.npyio.NpzFile):
        out["outcome"] = "refuse"
        out["error_type"], out["error"] = "NotAnArchive", type(z).__name__
        return out
    out["outcome"] = "load"
    out["error"] = out["error_type"] = None
    out["files"] = list(z.files)
    members = []
    with z:
        for info in z.zip.infolist():
            name = info.filename
            m = {"key": name.removesuffix(".npy"), "name": name,
                 "compression": {0: "stored", 8: "deflated"}.get(
                     info.compress_type, "method %d" % info.compress_type),
                 "size": info.file_size, "compressed_size": info.compress_size}
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    v = z[name]
            except Exception as e:  # noqa: BLE001 - a member's refusal
                m["outcome"] = "refuse"
                m["error_type"], m["error"] = _error(e)
            else:
                m["outcome"] = "load"
                if isinstance(v, bytes):
                    m["kind"] = "bytes"
                    m["bytes_sha256"] = hashlib.sha256(v).hexdigest()
                    m["bytes_size"] = len(v)
                else:
                    m["kind"] = "npy"
                    m["descr"] = np.lib.format.dtype_to_descr(v.dtype) \
                        if not v.dtype.names else None
                    m["shape"] = list(v.shape)
                    m["fortran_order"] = bool(v.flags.f_contiguous
                                              and not v.flags.c_contiguous)
                    if values is not None:
                        m["values"] = values(v)
            members.append(m)
    out["members"] = members
    return out


def describe_case(case, data, values):
    entry = {
        "file": case.file,
        "kind": "npz",
        "category": "npz",
        "expression": case.expression,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "platform": False,
        "version": None,
        "descr": None,
        "shape": None,
        "fortran_order": None,
        "header_chars": None,
    }
    if case.note:
        entry["note"] = case.note
    entry.update(describe_npz(data, values))
    if entry["outcome"] == "refuse":
        if case.archive_code is None or case.stricter:
            raise SystemExit("%s: numpy refused an archive this case expects "
                             "it to open: %s" % (case.file, entry["error"]))
        entry["expected_code"] = case.archive_code
        return entry
    if case.archive_code is not None:
        if not case.stricter:
            raise SystemExit("%s: numpy opened an archive this case expects "
                             "refused (%s)" % (case.file, case.archive_code))
        entry["expected_code"] = case.archive_code
        entry["stricter"] = case.stricter
        return entry
    for m in entry["members"]:
        code, stricter = case.members.get(m["name"], (None, None))
        if m["outcome"] == "refuse":
            if code is None or stricter:
                raise SystemExit("%s: numpy refused member %r: %s" % (
                    case.file, m["name"], m["error"]))
            m["expected_code"] = code
        elif code is not None:
            if not stricter:
                raise SystemExit("%s: numpy loaded member %r, expected %s" % (
                    case.file, m["name"], code))
            m["expected_code"] = code
            m["stricter"] = stricter
    return entry


def generate_npz(out_dir, log=sys.stderr, values=None):
    """Writes every npz case into ``out_dir``/files; returns their entries."""
    entries = []
    cases = build_npz_cases()
    for number, case in enumerate(cases, 1):
        print("npz case %d of %d: %s" % (number, len(cases), case.file), file=log)
        data = eval(case.expression, npz_namespace())
        with open(os.path.join(out_dir, case.file), "wb") as f:
            f.write(data)
        entries.append(describe_case(case, data, values))
    return entries


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--describe":
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from generate import to_json_values  # noqa: E402

        for path in sys.argv[2:]:
            with open(path, "rb") as fh:
                print(json.dumps(describe_npz(fh.read(), to_json_values),
                                 allow_nan=False))
    else:
        raise SystemExit("usage: gen_npz.py --describe FILE...  (one JSON line per file)")
