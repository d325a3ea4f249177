// Copyright 2026 the npy authors. MIT license.
// The client of fuzz/oracle.py: one python3 process with numpy, started once
// and fed JSON lines over stdin/stdout. If it dies (numpy crashes on a few
// inputs, see exclusions.ts) the next request starts a new one and the
// request that killed it is answered with { crashed: true }.

import type { JsonValue } from "../mod.ts";

/** What numpy says about one file. */
export type LoadAnswer =
  | {
    ok: true;
    shape: (number | string)[];
    size: number | string;
    itemsize: number;
    fortran: boolean;
    descr: string;
    values?: JsonValue;
    values_error?: string;
    resave?: string;
    resave_error?: string;
    u_lossy?: boolean;
    too_many?: boolean;
  }
  | { ok: false; error_type: string; error: string; crashed?: boolean };

/** What np.load does with an archive and each member. */
export type NpzAnswer =
  | {
    ok: true;
    files: string[];
    members: ({ name: string } & (LoadAnswer | { ok: true; bytes: string; bytes_size: number }))[];
  }
  | { ok: false; error_type: string; error: string; crashed?: boolean };

/** A numpy-generated array. */
export interface GenAnswer {
  file: string;
  values: JsonValue;
  dtype: string;
  shape: number[];
  /** The major version numpy was asked for, null for np.save's choice. */
  version: 1 | 2 | 3 | null;
}

const SCRIPT = new URL("./oracle.py", import.meta.url);

function toBase64(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 0x8000) {
    s += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000) as unknown as number[]);
  }
  return btoa(s);
}

const STRUCT = "__npy_struct__";

/** Rebuilds the objects of structured values, sent as name-value pairs. */
function revive(v: unknown): JsonValue {
  if (Array.isArray(v)) return v.map(revive);
  if (v !== null && typeof v === "object") {
    const pairs = (v as Record<string, unknown>)[STRUCT];
    if (!Array.isArray(pairs)) throw new Error("oracle: unexpected object in values");
    const out: { [k: string]: JsonValue } = {};
    for (const [k, x] of pairs as [string, unknown][]) {
      Object.defineProperty(out, k, {
        value: revive(x),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return v as JsonValue;
}

/** base64 to bytes. */
export function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

class Process {
  child: Deno.ChildProcess;
  writer: WritableStreamDefaultWriter<Uint8Array>;
  reader: ReadableStreamDefaultReader<string>;
  buffer = "";
  dead = false;

  constructor(child: Deno.ChildProcess) {
    this.child = child;
    this.writer = child.stdin.getWriter();
    this.reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  }

  async line(): Promise<string | undefined> {
    while (true) {
      const nl = this.buffer.indexOf("\n");
      if (nl >= 0) {
        const l = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        return l;
      }
      const { value, done } = await this.reader.read();
      if (done) {
        this.dead = true;
        return undefined;
      }
      this.buffer += value;
    }
  }

  async close(): Promise<void> {
    try {
      await this.writer.close();
    } catch { /* already gone */ }
    try {
      await this.reader.cancel();
    } catch { /* already gone */ }
    try {
      await this.child.status;
    } catch { /* already gone */ }
  }
}

/** The numpy oracle. */
/** An object array numpy made (fuzz/oracle_object.py). */
export interface ObjGenAnswer {
  /** The .npy file, base64. */
  file: string;
  /** The pickle protocol of its data. */
  protocol: number;
  /** np.load(allow_pickle=True)'s shape. */
  shape: number[];
  /** Whether the loaded array is Fortran-ordered (and not also C). */
  fortran: boolean;
  /** Its values in the JSON form. */
  object_values: JsonValue;
}

export class Oracle {
  #proc: Process | undefined;
  #id = 0;
  /** numpy's version. */
  readonly numpy: string;
  /** How many times the python process died and was restarted. */
  crashes = 0;
  /** Requests answered. */
  requests = 0;

  readonly #python: string;

  readonly #major: number;

  private constructor(proc: Process, numpy: string, python: string, major: number) {
    this.#major = major;
    this.#proc = proc;
    this.numpy = numpy;
    this.#python = python;
  }

  static async #spawn(
    python = "python3",
    major = 2,
  ): Promise<{ proc: Process; numpy: string } | { error: string }> {
    let child: Deno.ChildProcess;
    try {
      child = new Deno.Command(python, {
        args: ["-u", SCRIPT.pathname, `--numpy-major=${major}`],
        stdin: "piped",
        stdout: "piped",
        stderr: "null",
        env: { OPENBLAS_NUM_THREADS: "1", PYTHONHASHSEED: "0" },
      }).spawn();
    } catch (e) {
      return { error: `cannot run python3: ${(e as Error).message}` };
    }
    const proc = new Process(child);
    const first = await proc.line();
    if (first === undefined) {
      await proc.close();
      return { error: "python3 exited before answering" };
    }
    const hello = JSON.parse(first);
    if (!hello.ready) {
      await proc.close();
      return {
        error: hello.numpy === undefined ? `numpy is not importable: ${hello.error}` : hello.error,
      };
    }
    if (!String(hello.numpy).startsWith(`${major}.`)) {
      // The properties state one numpy major's behaviour; another numpy is no oracle.
      await proc.close();
      return { error: `numpy ${hello.numpy} of ${python} is not numpy ${major}.x` };
    }
    return { proc, numpy: hello.numpy };
  }

  /**
   * Starts the oracle, or says why there is none.
   *
   * @param python The interpreter.
   * @param major The numpy major version the properties expect (2; 1 for the numpy 1.x writer).
   */
  static async start(python = "python3", major = 2): Promise<Oracle | string> {
    const r = await Oracle.#spawn(python, major);
    if ("error" in r) return r.error;
    return new Oracle(r.proc, r.numpy, python, major);
  }

  async #request(req: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    if (!this.#proc || this.#proc.dead) {
      const r = await Oracle.#spawn(this.#python, this.#major);
      if ("error" in r) throw new Error(`oracle restart failed: ${r.error}`);
      this.#proc = r.proc;
    }
    const proc = this.#proc;
    const id = ++this.#id;
    this.requests++;
    try {
      await proc.writer.write(new TextEncoder().encode(JSON.stringify({ ...req, id }) + "\n"));
    } catch {
      proc.dead = true;
    }
    const l = proc.dead ? undefined : await proc.line();
    if (l === undefined) {
      this.crashes++;
      await proc.close();
      this.#proc = undefined;
      return undefined;
    }
    const ans = JSON.parse(l);
    if (ans.id !== id) throw new Error(`oracle answered ${ans.id} to request ${id}`);
    if (ans.oracle_error) throw new Error(`oracle error: ${ans.oracle_error}`);
    if ("values" in ans) ans.values = revive(ans.values);
    return ans;
  }

  /** np.load of a file, with values and np.save(np.load(f)). */
  async load(file: Uint8Array): Promise<LoadAnswer> {
    const ans = await this.#request({ op: "load", file: toBase64(file) });
    if (!ans) {
      return { ok: false, error_type: "crash", error: "numpy crashed", crashed: true };
    }
    return ans as unknown as LoadAnswer;
  }

  /** A random array numpy makes from a seed. */
  /** np.load of an archive and npz[name] of each member (op "npz"). */
  async npz(file: Uint8Array): Promise<NpzAnswer> {
    const ans = await this.#request({ op: "npz", file: toBase64(file) });
    if (ans === undefined) {
      return { ok: false, error_type: "crash", error: "crashed", crashed: true };
    }
    if (ans.ok && Array.isArray(ans.members)) {
      for (const m of ans.members as Record<string, unknown>[]) {
        if (m.values !== undefined) m.values = revive(m.values);
      }
    }
    return ans as unknown as NpzAnswer;
  }

  async gen(seed: number): Promise<GenAnswer> {
    const ans = await this.#request({ op: "gen", seed });
    if (!ans) throw new Error("oracle crashed generating an array");
    return ans as unknown as GenAnswer;
  }

  /** numpy's float32 -> float16 narrowing of bit patterns. */
  async f16(bits: number[]): Promise<number[]> {
    const ans = await this.#request({ op: "f16", bits });
    if (!ans) throw new Error("oracle crashed narrowing floats");
    return ans.bits as number[];
  }

  /** numpy's float64 -> float16 narrowing (values as hex of little-endian float64 bits). */
  async f16d(hex: string[]): Promise<number[]> {
    const ans = await this.#request({ op: "f16d", hex });
    if (!ans) throw new Error("oracle crashed narrowing floats");
    return ans.bits as number[];
  }

  /** np.save(np.array(nested)) for a flat list of one kind and a shape; or why numpy cannot. */
  async array(
    kind: "f" | "i" | "b" | "U",
    shape: number[],
    flat: (string | boolean)[],
  ): Promise<{ file?: string; refused?: string }> {
    const ans = await this.#request({ op: "array", kind, shape, flat });
    if (!ans) throw new Error("oracle crashed making an array");
    return ans as { file?: string; refused?: string };
  }

  /** np.savez (or _compressed) of .npy files as keyword then positional arrays; or numpy's refusal. */
  async savez(req: {
    keywords: [string, Uint8Array][];
    positional: Uint8Array[];
    compress: boolean;
    unseekable: boolean;
  }): Promise<{ file?: string; names?: string[]; member_same?: boolean[]; refused?: string }> {
    const ans = await this.#request({
      op: "savez",
      keywords: req.keywords.map(([k, f]) => [k, toBase64(f)]),
      positional: req.positional.map(toBase64),
      compress: req.compress,
      unseekable: req.unseekable,
    });
    if (!ans) throw new Error("oracle crashed saving an archive");
    return ans as { file?: string; names?: string[]; member_same?: boolean[]; refused?: string };
  }

  /** numpy's random object array from a seed: the file and np.load(allow_pickle=True)'s values. */
  async objgen(seed: number): Promise<ObjGenAnswer> {
    const ans = await this.#request({ op: "objgen", seed });
    if (!ans) throw new Error("oracle crashed making an object array");
    return ans as unknown as ObjGenAnswer;
  }

  /** np.save(allow_pickle=True) of an object array built from tagged JSON (fuzz/pickle_encode.ts). */
  async pickle(
    req:
      | { items: unknown[]; shape: number[]; fortran: boolean }
      | { nested: unknown }
      | { records: unknown[][]; descr: string; shape: number[]; fortran: boolean },
  ): Promise<{ file?: string; refused?: string; shape?: number[] }> {
    const ans = await this.#request({ op: "pickle", ...req });
    if (!ans) throw new Error("oracle crashed pickling an array");
    return ans as { file?: string; refused?: string; shape?: number[] };
  }

  /** Stops the python process. */
  async close(): Promise<void> {
    await this.#proc?.close();
    this.#proc = undefined;
  }
}

let shared: Promise<Oracle | string> | undefined;

/** The one oracle of this process (started on first use). */
export function sharedOracle(): Promise<Oracle | string> {
  shared ??= Oracle.start();
  return shared;
}

/** Stops the shared oracle, if one was started. */
export async function closeSharedOracle(): Promise<void> {
  if (!shared) return;
  const o = await shared;
  shared = undefined;
  if (typeof o !== "string") await o.close();
}
