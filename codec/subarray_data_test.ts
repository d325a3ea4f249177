// Copyright 2026 the npy authors. MIT license.
// A top-level subarray descr: numpy's fromfile reads whole subarray elements,
// as many as the file holds (up to the count), so whether the file loads
// depends on the data's length. numpy decides every case here, live.

import assert from "node:assert/strict";
import { decode, NpyDecoderStream, NpyError, readHeader } from "../mod.ts";
import { load, loadSync, openNpy } from "../fs/mod.ts";

const CASES: { descr: string; shape: string; fortran: boolean }[] = [
  { descr: "'(2,)i4'", shape: "(1, 4)", fortran: false },
  { descr: "'(2,)i4'", shape: "(4,)", fortran: false },
  { descr: "('<f8', (2,))", shape: "(2,)", fortran: false },
  { descr: "'(2,3)i2'", shape: "(3, 4)", fortran: true },
  { descr: "('(2,)i4', (3,))", shape: "(6,)", fortran: false },
  { descr: "'2h'", shape: "()", fortran: false },
  { descr: "'(2,)i4'", shape: "(3,)", fortran: false },
  { descr: "'(1,)i4'", shape: "(2,)", fortran: false },
];
const SIZES = [0, 4, 8, 12, 15, 16, 20, 23, 24, 31, 32, 36, 40, 47, 48, 64, 96];

function header(c: (typeof CASES)[number]): string {
  const h = `{'descr': ${c.descr}, 'fortran_order': ${
    c.fortran ? "True" : "False"
  }, 'shape': ${c.shape}, }`;
  return h + " ".repeat(63 - ((10 + h.length) % 64)) + "\n";
}

function file(c: (typeof CASES)[number], n: number): Uint8Array {
  const h = new TextEncoder().encode(header(c));
  const out = new Uint8Array(10 + h.length + n);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, h.length & 0xff, h.length >> 8]);
  out.set(h, 10);
  for (let i = 0; i < n; i++) out[10 + h.length + i] = (i * 7 + 1) & 0xff;
  return out;
}

/** np.load on each file (real files, as fromfile needs): the values' bytes in hex, or null. */
async function numpyVerdicts(files: Uint8Array[]): Promise<(string | null)[]> {
  const dir = await Deno.makeTempDir();
  try {
    for (const [i, f] of files.entries()) await Deno.writeFile(`${dir}/${i}.npy`, f);
    const py = `
import json, sys, numpy as np
out = []
for i in range(int(sys.argv[2])):
    try:
        a = np.load("%s/%d.npy" % (sys.argv[1], i))
        out.append((a.T if a.ndim > 1 and np.isfortran(a) else a).tobytes().hex())
    except Exception:
        out.append(None)
print(json.dumps(out))`;
    const r = await new Deno.Command("python3", { args: ["-c", py, dir, `${files.length}`] })
      .output();
    assert.ok(r.success, new TextDecoder().decode(r.stderr));
    return JSON.parse(new TextDecoder().decode(r.stdout));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The bytes of typed-array data in storage order, in hex. */
function values(data: unknown): string {
  const v = data as ArrayBufferView;
  return Array.from(
    new Uint8Array(v.buffer, v.byteOffset, v.byteLength),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
}

Deno.test("a top-level subarray descr loads exactly when numpy's fromfile reads all of it", async () => {
  const files = CASES.flatMap((c) => SIZES.map((n) => file(c, n)));
  const want = await numpyVerdicts(files);
  const path = await Deno.makeTempFile({ suffix: ".npy" });
  try {
    for (const [i, f] of files.entries()) {
      const what = `${header(CASES[Math.floor(i / SIZES.length)]).trim()} with ${
        SIZES[i % SIZES.length]
      } data bytes`;
      let got: string;
      try {
        got = values(decode(f).data);
      } catch (e) {
        assert.ok(e instanceof NpyError, what);
        got = `refused: ${e.code}`;
        // readHeader decides what the header alone decides.
        if (e.code === "TRUNCATED_DATA") readHeader(f);
      }
      if (want[i] === null) {
        assert.match(got, /^refused/, `${what}: numpy refuses, decode reads ${got}`);
      } else assert.deepEqual(got, want[i], what);
      // load, loadSync, openNpy and the stream agree with decode.
      await Deno.writeFile(path, f);
      const same = async (name: string, read: () => Promise<unknown> | unknown) => {
        let r: string;
        try {
          r = values(await read());
        } catch (e) {
          assert.ok(e instanceof NpyError, `${name}: ${what}: ${e}`);
          r = `refused: ${e.code}`;
        }
        assert.deepEqual(r, got, `${name}: ${what}`);
      };
      await same("load", async () => (await load(path)).data);
      await same("loadSync", () => loadSync(path).data);
      await same("openNpy", async () => {
        const npy = await openNpy(path);
        try {
          return (await npy.read()).data;
        } finally {
          await npy.close();
        }
      });
      await same("NpyDecoderStream", async () => {
        const out: number[] = [];
        const s = ReadableStream.from([f]).pipeThrough(new NpyDecoderStream());
        for await (const b of s) {
          const v = b.data as ArrayBufferView;
          out.push(...new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
        }
        return new Uint8Array(out);
      });
    }
  } finally {
    await Deno.remove(path);
  }
});
