// Copyright 2026 the npy authors. MIT license.
// The UCS-4 property: U data holding any 32-bit code units (lone and split
// surrogates, values above U+10FFFF) decodes to numpy's values, and
// encode(decode(f)) is byte for byte what np.save(np.load(f)) writes.

import fc from "fast-check";
import { type DescrJson, encode, type NpyData } from "../mod.ts";

/** One case: a dtype holding `U` and the raw code units of its data. */
export interface Ucs4Case {
  /** The dtype, as encode() takes it. */
  dtype: DescrJson;
  /** Elements. */
  count: number;
  /** Where each `U` value sits in the data, and how many code units it holds. */
  slots: { offset: number; chars: number; le: boolean }[];
  /** The code units, filled slot after slot (repeated when short). */
  units: number[];
  /** The file. */
  file: Uint8Array;
}

/** Code units from every range a UCS-4 value can take. */
const unitArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xffff }) },
  { weight: 3, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }) },
  { weight: 2, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }) },
  { weight: 2, arbitrary: fc.integer({ min: 0x110000, max: 0xffffffff }) },
  { weight: 1, arbitrary: fc.constantFrom(0xd834, 0xdd1e, 0x110000, 0xffffffff, 0xfffd) },
);

/** A high surrogate followed by a low one: the split pair. */
const pairArb: fc.Arbitrary<number[]> = fc.tuple(
  fc.integer({ min: 0xd800, max: 0xdbff }),
  fc.integer({ min: 0xdc00, max: 0xdfff }),
);

/** A dtype holding U: plain, in a struct (with a subarray field), both byte orders. */
function layout(kind: number, le: boolean, chars: number): Pick<Ucs4Case, "dtype" | "slots"> {
  const u = `${le ? "<" : ">"}U${chars}`;
  const w = chars * 4;
  if (kind === 0) return { dtype: u, slots: [{ offset: 0, chars, le }] };
  if (kind === 1) {
    return {
      dtype: [["a", "|i1"], ["s", u], ["b", `${le ? ">" : "<"}U1`]],
      slots: [{ offset: 1, chars, le }, { offset: 1 + w, chars: 1, le: !le }],
    };
  }
  return {
    dtype: [["s", u, [2]], ["x", "<i2"]],
    slots: [{ offset: 0, chars, le }, { offset: w, chars, le }],
  };
}

/** Files of U data with arbitrary code units, built by writing the units over encode()'s blanks. */
export function ucs4Arb(): fc.Arbitrary<Ucs4Case> {
  return fc.record({
    kind: fc.integer({ min: 0, max: 2 }),
    le: fc.boolean(),
    chars: fc.integer({ min: 0, max: 5 }),
    count: fc.integer({ min: 0, max: 6 }),
    units: fc.array(fc.oneof(unitArb.map((x) => [x]), pairArb), { maxLength: 40 }).map((xs) =>
      xs.flat()
    ),
  }).map(({ kind, le, chars, count, units }) => {
    // numpy refuses a subarray of U0 ("invalid itemsize in generic type tuple").
    const { dtype, slots } = layout(kind, le, kind === 2 ? Math.max(chars, 1) : chars);
    const blank = encode({ dtype, shape: [count], data: blankData(dtype, count) });
    const file = blank.slice();
    const itemsize = (file.length - headerLength(file)) / Math.max(count, 1);
    const start = headerLength(file);
    const dv = new DataView(file.buffer);
    let n = 0;
    if (units.length > 0) {
      for (let i = 0; i < count; i++) {
        for (const s of slots) {
          for (let k = 0; k < s.chars; k++) {
            dv.setUint32(start + i * itemsize + s.offset + 4 * k, units[n++ % units.length], s.le);
          }
        }
      }
    }
    return { dtype, count, slots, units, file };
  });
}

function headerLength(file: Uint8Array): number {
  return file[6] === 1
    ? 10 + (file[8] | (file[9] << 8))
    : 12 + new DataView(file.buffer).getUint32(8, true);
}

function blankData(dtype: DescrJson, count: number): NpyData {
  if (typeof dtype === "string") return Array.from({ length: count }, () => "");
  const out: Record<string, NpyData> = {};
  for (const [name, d, sub] of dtype as [string, string, number[]?][]) {
    const n = count * (sub ? sub.reduce((a, b) => a * b, 1) : 1);
    out[name] = d.includes("U")
      ? Array.from({ length: n }, () => "")
      : d.endsWith("i1")
      ? new Int8Array(n)
      : new Int16Array(n);
  }
  return out;
}
