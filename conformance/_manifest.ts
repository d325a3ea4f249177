// Copyright 2026 the npy authors. MIT license.

/**
 * A typed loader for `vectors/manifest.json`, the list of conformance vectors
 * that `vectors/generate.py` builds and checks against numpy. See
 * README.md ("The manifest") for what every field means.
 *
 * @module
 */

import type { NpyErrorCode } from "../mod.ts";

/** How numpy's `np.load` (with `allow_pickle=False`) treats a vector. */
export type Outcome = "load" | "refuse";

/** The JSON form of values and header literals. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One vector: a `.npy` file and what numpy does with it. */
export interface ManifestEntry {
  /** Path of the file, relative to the manifest (`files/<name>.npy`). */
  file: string;
  /** The group of the case: dtype, datetime, shape, struct, version, pickle, odd, broken. */
  category: string;
  /** The Python expression that wrote the file, `f` being the open file. */
  expression: string;
  /** An explanation of what is special about the case, if any. */
  note?: string;
  /** SHA-256 of the file, lowercase hex. */
  sha256: string;
  /** The file's length in bytes. */
  size: number;
  /** Whether the file's values depend on the platform that made it (longdouble). */
  platform: boolean;
  /** The format version `"major.minor"` from the magic, or null when the magic is unreadable. */
  version: string | null;
  /** The header's `descr` as JSON (tuples as arrays), or null when the header cannot be read. */
  descr: Json;
  /** The header's `shape` as JSON, or null when the header cannot be read. */
  shape: Json;
  /** The header's `fortran_order` as JSON, or null when the header cannot be read. */
  fortran_order: Json;
  /** The decoded header's length in characters, or null when it cannot be read. */
  header_chars: number | null;
  /** Whether numpy loads or refuses the file. */
  outcome: Outcome;
  /** numpy's error message when it refuses the file, else null. */
  error: string | null;
  /** The Python exception type numpy raised (`ValueError`...), else null. */
  error_type: string | null;
  /** For refused files: the `NpyError` code this codec is expected to throw. */
  expected_code?: NpyErrorCode;
  /** Warnings numpy emitted while loading. */
  warnings?: string[];
  /** For a header refused as too large: the smallest `max_header_size` that loads it. */
  loads_with_max_header_size?: number;
  /** The values in the JSON form of `toJsonValues()`; for loadable files. */
  values?: Json;
  /** numpy's descr of the loaded dtype (`dtype_to_descr`); for loadable files. */
  loaded_descr?: Json;
  /** Whether `np.save(np.load(file))` gives back the file's bytes; for loadable files. */
  canonical?: boolean;
  /** SHA-256 of `np.save(np.load(file))` when that is not the file itself. */
  resave_sha256?: string;
  /** Fields known to differ between the generator's engines, and why. */
  engine_dependent?: { fields: string[]; why: string };
  /** For object arrays: what `np.load(allow_pickle=True)` does, and what the reader must do. */
  pickle?: PickleOutcome;
  /** `"npz"` for an archive (`vectors/gen_npz.py`); absent for a .npy file. */
  kind?: "npz";
  /** For an archive numpy opens: numpy's `files`. */
  files?: string[];
  /** For an archive numpy opens: each member in directory order, as `npz[name]` reads it. */
  members?: NpzManifestMember[];
  /** Why this project refuses what numpy accepts (an archive, or a member). */
  stricter?: string;
}

/** One member of an archive vector, and what numpy's `npz[name]` does with it. */
export interface NpzManifestMember {
  /** The key in `files`: the name with one `.npy` removed. */
  key: string;
  /** The member's name in the archive. */
  name: string;
  /** `"stored"`, `"deflated"` or `"method N"`. */
  compression: string;
  /** zipfile's `file_size`. */
  size: number;
  /** zipfile's `compress_size`. */
  compressed_size: number;
  /** Whether `npz[name]` returns the member or raises. */
  outcome: Outcome;
  /** numpy's error, for a refused member. */
  error?: string;
  /** numpy's exception type, for a refused member. */
  error_type?: string;
  /** The code this project throws for the member (also for a `stricter` one). */
  expected_code?: NpyErrorCode;
  /** Why this project refuses a member numpy reads. */
  stricter?: string;
  /** `"npy"` (an array) or `"bytes"` (a member without the npy magic). */
  kind?: "npy" | "bytes";
  /** For an array: its shape. */
  shape?: number[];
  /** For an array: the values in the JSON form of `toJsonValues()`. */
  values?: Json;
  /** For bytes: SHA-256 of the member. */
  bytes_sha256?: string;
  /** For bytes: their length. */
  bytes_size?: number;
}

/** What `np.load(file, allow_pickle=True)` does with an object-array vector (vectors/gen_object.py). */
export interface PickleOutcome {
  /** Whether numpy loads or refuses it; absent when numpy is not run on it. */
  outcome?: Outcome;
  /** Why numpy is not run on it (it would crash or run code). */
  numpy?: string;
  /** The code `decode(file, { allowPickle: true })` must throw; absent when it loads. */
  expected_code?: NpyErrorCode;
  /** numpy's error, when it refuses. */
  error?: string;
  /** numpy's exception type, when it refuses. */
  error_type?: string;
  /** The loaded array's shape, order, descr and values in the JSON form. */
  shape?: number[];
  /** Whether the loaded array is in Fortran order. */
  fortran_order?: boolean;
  /** numpy's descr of the loaded dtype. */
  loaded_descr?: Json;
  /** The values in the JSON form of `toJsonValues()`. */
  values?: Json;
  /** What numpy returned when it is not an array. */
  value?: Json;
  /** SHA-256 of numpy's re-save, `np.save(np.load(file, allow_pickle=True), allow_pickle=True)`. */
  resave_sha256?: string;
}

/** The whole manifest: what made the vectors, and the vectors. */
export interface Manifest {
  /** `"python"` (CPython) or `"pyodide"`. */
  engine: string;
  /** numpy's version. */
  numpy_version: string;
  /** `sys.platform` and machine, as `linux-x86_64` or `emscripten-wasm32`. */
  platform: string;
  /** `sys.byteorder` of the generating machine. */
  byteorder: string;
  /** Pyodide's version, or null under CPython. */
  pyodide_version: string | null;
  /** Python's version. */
  python_version: string;
  /** The generator's path in the repository. */
  generator: string;
  /** One entry per file, sorted by file. */
  vectors: ManifestEntry[];
}

/** The committed vectors directory. */
export const VECTORS_DIR: URL = new URL("../vectors/", import.meta.url);

const OUTCOMES: ReadonlySet<string> = new Set(["load", "refuse"]);

function fail(where: string, what: string): never {
  throw new Error(`manifest.json: ${where}: ${what}`);
}

function checkEntry(entry: ManifestEntry, index: number): void {
  const where = `vectors[${index}]`;
  if (typeof entry !== "object" || entry === null) fail(where, "not an object");
  if (typeof entry.file !== "string") fail(where, "file is not a string");
  const at = `${where} (${entry.file})`;
  if (!OUTCOMES.has(entry.outcome)) fail(at, `outcome ${JSON.stringify(entry.outcome)}`);
  if (typeof entry.sha256 !== "string") fail(at, "sha256 is not a string");
  if (typeof entry.platform !== "boolean") fail(at, "platform is not a boolean");
  if (entry.kind === "npz") {
    const refused = entry.outcome === "refuse" || entry.stricter !== undefined;
    if (refused && typeof entry.expected_code !== "string") {
      fail(at, "a refused archive without expected_code");
    }
    if (entry.outcome === "load" && !Array.isArray(entry.members)) {
      fail(at, "an archive numpy opens without members");
    }
    return;
  }
  if (entry.outcome === "load") {
    if (!("values" in entry)) fail(at, "a loadable entry without values");
    if (typeof entry.canonical !== "boolean") fail(at, "a loadable entry without canonical");
    if (!entry.canonical && typeof entry.resave_sha256 !== "string") {
      fail(at, "a non-canonical entry without resave_sha256");
    }
  } else if (typeof entry.expected_code !== "string") {
    fail(at, "a refused entry without expected_code");
  }
}

/**
 * Reads and checks `manifest.json`.
 *
 * @param dir The vectors directory; the committed one by default.
 * @returns The manifest.
 * @throws {Error} When the file is missing or an entry lacks a required field.
 */
export function loadManifest(dir: URL = VECTORS_DIR): Manifest {
  const manifest = JSON.parse(
    Deno.readTextFileSync(new URL("manifest.json", dir)),
  ) as Manifest;
  if (!Array.isArray(manifest.vectors)) fail("vectors", "not an array");
  if (typeof manifest.platform !== "string") fail("platform", "not a string");
  manifest.vectors.forEach(checkEntry);
  return manifest;
}

/**
 * Reads the `.npy` file of an entry.
 *
 * @param entry The entry.
 * @param dir The vectors directory; the committed one by default.
 * @returns The file's bytes.
 */
export function readVector(entry: ManifestEntry, dir: URL = VECTORS_DIR): Uint8Array {
  return Deno.readFileSync(new URL(entry.file, dir));
}

/**
 * This machine as the manifest's `platform` names one (`sys.platform` and
 * machine, e.g. `linux-x86_64`), with `-big-endian` appended on a big-endian
 * machine so that it never matches a little-endian one.
 *
 * @returns The platform name.
 */
export function hostPlatform(): string {
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  return `${Deno.build.os}-${Deno.build.arch}${little ? "" : "-big-endian"}`;
}

/**
 * SHA-256 of some bytes, as lowercase hex.
 *
 * @param bytes The bytes.
 * @returns The digest.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
