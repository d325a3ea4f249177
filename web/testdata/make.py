"""Makes the page's test files with numpy: python3 web/testdata/make.py

Writes into the folder of this script, and expected.json with what numpy
prints for each loadable file (str(np.load(f)))."""

import io
import json
import os
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def main():
    expected = {}

    def save(name, a):
        np.save(path(name), a)
        expected[name] = str(np.load(path(name)))

    # A small float array: values and verdict.
    save("halves.npy", np.arange(10, dtype="<f8") / 2)
    # 2-D with NaN: heatmap, colour bar, NaN shown apart.
    y, x = np.mgrid[0:60, 0:90]
    wave = np.sin(x / 9.0) * np.cos(y / 7.0) + y / 60.0
    wave[20:28, 30:45] = np.nan
    save("wave_2d.npy", wave.astype("<f4"))
    # A big-endian structured array.
    rec = np.zeros(5, dtype=[("id", ">i4"), ("x", ">f8"), ("name", "S6")])
    rec["id"] = [1, 2, 3, 4, 5]
    rec["x"] = [0.5, -1.25, 3e10, np.inf, np.nan]
    rec["name"] = [b"alpha", b"beta", b"gamma", b"delta", b"eps"]
    save("records_be.npy", rec)
    # An RGB image.
    r = np.linspace(0, 255, 64).astype("u1")[None, :].repeat(48, 0)
    g = np.linspace(255, 0, 48).astype("u1")[:, None].repeat(64, 1)
    b = np.full((48, 64), 96, dtype="u1")
    save("image_rgb.npy", np.stack([r, g, b], axis=-1))
    # A 1-D series: line plot.
    t = np.linspace(0, 20, 5000)
    save("series_1d.npy", (np.sin(t) * np.exp(-t / 15)).astype("<f8"))
    # Refused: the data is cut short.
    buf = io.BytesIO()
    np.save(buf, np.arange(100, dtype="<i4"))
    with open(path("truncated.npy"), "wb") as f:
        f.write(buf.getvalue()[:-8])
    # Python objects (numpy's tutorial example): numpy loads them only with allow_pickle=True.
    objects = np.array([{'a': 1}, [2, 3], 'string'], dtype=object)
    np.save(path("objects.npy"), objects, allow_pickle=True)
    loaded = np.load(path("objects.npy"), allow_pickle=True)
    expected["objects.npy"] = str(loaded)
    # The same objects as a member of an archive, beside a numeric member.
    np.savez(path("mixed.npz"), nums=np.arange(3, dtype="<i2"), objs=objects)
    # A hand-built pickle that calls posix.system (GLOBAL + REDUCE) after np.save's header for a
    # (1,) object array. Never loaded by numpy: loading it with allow_pickle=True would run it.
    buf = io.BytesIO()
    np.save(buf, np.array([None], dtype=object), allow_pickle=True)
    head = buf.getvalue()
    head = head[:10 + int.from_bytes(head[8:10], "little")]
    arg = b"echo the safe reader never runs this"
    pickle = (b"\x80\x02" + b"cposix\nsystem\n" + b"X" + len(arg).to_bytes(4, "little") + arg
              + b"\x85" + b"R" + b".")
    with open(path("unsafe_system.npy"), "wb") as f:
        f.write(head + pickle)
    # An archive of two arrays.
    np.savez(path("pair.npz"), a=np.arange(6, dtype="<i8").reshape(2, 3), b=np.array([1.5, -2.0]))
    with zipfile.ZipFile(path("pair.npz")) as z:
        for name in z.namelist():
            expected["pair.npz/" + name] = str(np.load(io.BytesIO(z.read(name))))

    # The same archive with one byte of member b changed: np.load opens it, b fails its CRC.
    data = bytearray(open(path("pair.npz"), "rb").read())
    with zipfile.ZipFile(path("pair.npz")) as z:
        info = z.getinfo("b.npy")
    name_len, extra_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little"), \
        int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
    end = info.header_offset + 30 + name_len + extra_len + info.compress_size
    data[end - 1] ^= 0xFF
    with open(path("pair_bad_crc.npz"), "wb") as f:
        f.write(bytes(data))
    try:
        np.load(path("pair_bad_crc.npz"))["b"]
        raise SystemExit("numpy read the changed member")
    except zipfile.BadZipFile as e:
        expected["pair_bad_crc.npz/b.npy"] = "BadZipFile: " + str(e)

    with open(path("expected.json"), "w") as f:
        json.dump({"numpy": np.__version__, "print": expected}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
