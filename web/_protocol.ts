// Copyright 2026 the npy authors. MIT license.
// The messages between the page (app.ts) and its worker (worker.ts).

import type { ValidationReport } from "../conformance/validate.ts";

/**
 * The page asks the worker to look at a file (or one member of an archive).
 * `allowPickle` is the page's "allow pickle" switch: object arrays (and a
 * file that is a bare pickle) are read by the safe unpickler, which never
 * runs code.
 */
export type Request =
  | { type: "open"; file: Blob; name: string; allowPickle: boolean }
  | { type: "member"; key: string; allowPickle: boolean };

/** One member of an .npz archive, from its zip directory. */
export interface MemberInfo {
  /** numpy's key: the name without ".npy". */
  key: string;
  /** The name in the archive. */
  name: string;
  /** Bytes once inflated. */
  size: number;
  /** Bytes in the archive. */
  compressedSize: number;
  /** "stored", "deflated", … */
  compression: string;
}

/** What the header says, as the page shows it. */
export interface HeaderInfo {
  /** "1.0", "2.0" or "3.0". */
  version: string;
  /** The descr as numpy writes it (Python literal). */
  descr: string;
  /** The shape. */
  shape: number[];
  /** fortran_order. */
  fortranOrder: boolean;
  /** Bytes before the data: magic, version, length field and header text. */
  headerBytes: number;
  /** The header text as written (the dict and its padding, newline shown as \n). */
  text: string;
  /** Element count. */
  count: number;
  /** Bytes per element. */
  itemsize: number;
}

/** Summary statistics of the numeric values. */
export interface Stats {
  /** Elements seen. */
  count: number;
  /** NaN count. */
  nan: number;
  /** Smallest and largest value other than NaN; null when there is none. */
  min: number | null;
  max: number | null;
  /** Mean of the values other than NaN (inf when any is inf). */
  mean: number | null;
  /** Histogram over [lo, hi] of the sampled values: bin counts. */
  hist: number[];
  /** Histogram range. */
  lo: number;
  hi: number;
  /** How many values the histogram counts (a stride sample for big arrays). */
  histCount: number;
}

/** A picture of the data, drawn from a stride sample. */
export type Picture =
  | {
    kind: "heatmap";
    /** Rows and columns of the sampled grid. */
    rows: number;
    cols: number;
    /** Row-major grid values (NaN kept). */
    values: Float64Array;
    /** Original shape and the sampling steps. */
    shape: number[];
    step: [number, number];
  }
  | {
    kind: "image";
    rows: number;
    cols: number;
    /** RGBA pixels, row-major. */
    rgba: Uint8ClampedArray;
    shape: number[];
    step: [number, number];
  }
  | {
    kind: "line";
    /** Sampled positions and values. */
    x: Float64Array;
    y: Float64Array;
    length: number;
    step: number;
  }
  | {
    kind: "table";
    /** Column names (nested fields joined with "."). */
    columns: string[];
    /** Cells as text, first rows in storage order. */
    rows: string[][];
    total: number;
  };

/** What the worker reports, in this order for a file. */
export type Reply =
  | {
    type: "verdict";
    name: string;
    size: number;
    /** The validator's report. */
    report: ValidationReport;
    /** Whether the report came from the header and the file size only. */
    fromHeader: boolean;
    /** The header, when numpy can read it. */
    header: HeaderInfo | null;
    /** np.load's error for a file that is neither .npy nor zip (pickle, empty), or null. */
    loadError: string | null;
    /** Milliseconds from the request to this reply, as the worker measured them. */
    ms: number;
  }
  | {
    type: "archive";
    name: string;
    size: number;
    /** The members, in archive order; empty when the archive cannot be opened. */
    members: MemberInfo[];
    /** Why np.load cannot open the archive (NpyError's message), or null. */
    error: string | null;
  }
  | {
    type: "member";
    key: string;
    /** Why the member cannot be read (NpyError's message), or null. */
    error: string | null;
    /** A member that is not a .npy file: np.load's NpzFile returns its bytes. */
    notNpy: boolean;
  }
  | {
    type: "values";
    text: string;
    note: string;
  }
  | {
    type: "pickle-refused";
    /** The NpyError's code: PICKLE_UNSAFE_GLOBAL names the global in `message`. */
    code: string;
    /** The safe reader's message. */
    message: string;
  }
  | { type: "picture"; picture: Picture }
  | { type: "stats"; stats: Stats; note: string }
  | { type: "progress"; done: number; total: number }
  | { type: "done"; ms: number }
  | { type: "error"; message: string };
