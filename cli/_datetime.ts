// Copyright 2026 the npy authors. MIT license.
// datetime64 and timedelta64 values as numpy writes them as text: ISO 8601
// dates in the proleptic Gregorian calendar (`np.datetime_as_string`) and
// timedelta scalars' `str()`. Web APIs only.

import type { DatetimeUnit } from "../codec/types.ts";

/** numpy's NaT: the smallest int64. */
export const NAT: bigint = -(2n ** 63n);

const PER_DAY: Partial<Record<DatetimeUnit, bigint>> = {
  h: 24n,
  m: 1440n,
  s: 86400n,
  ms: 86400000n,
  us: 86400000000n,
  ns: 86400000000000n,
  ps: 86400000000000000n,
  fs: 86400000000000000000n,
  as: 86400000000000000000000n,
};

const FRACTION_DIGITS: Partial<Record<DatetimeUnit, number>> = {
  ms: 3,
  us: 6,
  ns: 9,
  ps: 12,
  fs: 15,
  as: 18,
};

const NAMES: Record<DatetimeUnit, string> = {
  Y: "years",
  M: "months",
  W: "weeks",
  D: "days",
  h: "hours",
  m: "minutes",
  s: "seconds",
  ms: "milliseconds",
  us: "microseconds",
  ns: "nanoseconds",
  ps: "picoseconds",
  fs: "femtoseconds",
  as: "attoseconds",
  generic: "generic time units",
};

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** C's `%04d`: at least four characters, the sign counted. */
function year4(y: bigint): string {
  return y < 0n ? "-" + String(-y).padStart(3, "0") : String(y).padStart(4, "0");
}

function two(n: bigint): string {
  return String(n).padStart(2, "0");
}

/** Days since 1970-01-01 as year, month, day (Howard Hinnant's civil_from_days). */
function civil(days: bigint): string {
  const z = days + 719468n;
  const era = floorDiv(z, 146097n);
  const doe = z - era * 146097n;
  const yoe = (doe - doe / 1460n + doe / 36524n - doe / 146096n) / 365n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const d = doy - (153n * mp + 2n) / 5n + 1n;
  const m = mp < 10n ? mp + 3n : mp - 9n;
  const y = yoe + era * 400n + (m <= 2n ? 1n : 0n);
  return `${year4(y)}-${two(m)}-${two(d)}`;
}

/** numpy's days_to_yearsdays counts from 2000-01-01 in int64, which wraps near the ends. */
function fromDays(d: bigint): string {
  return civil(BigInt.asIntN(64, d - 10957n) + 10957n);
}

/**
 * `np.datetime_as_string` of a datetime64 value in its own unit: `value`
 * counts `multiple` units since 1970-01-01T00:00.
 */
export function datetimeIso(value: bigint, unit: DatetimeUnit, multiple = 1): string {
  if (value === NAT) return "NaT";
  // numpy computes in int64 and wraps where these do.
  const total = BigInt.asIntN(64, value * BigInt(multiple));
  switch (unit) {
    case "generic":
      return String(total);
    case "Y":
      return year4(BigInt.asIntN(64, 1970n + total));
    case "M":
      return `${year4(1970n + floorDiv(total, 12n))}-${
        two(total - floorDiv(total, 12n) * 12n + 1n)
      }`;
    case "W":
      return fromDays(BigInt.asIntN(64, total * 7n));
    case "D":
      return fromDays(total);
  }
  const perDay = PER_DAY[unit]!;
  const days = floorDiv(total, perDay);
  let rem = total - days * perDay;
  const perHour = perDay / 24n;
  let out = `${civil(days)}T${two(rem / perHour)}`;
  rem %= perHour;
  if (unit === "h") return out;
  const perMinute = perHour / 60n;
  out += `:${two(rem / perMinute)}`;
  rem %= perMinute;
  if (unit === "m") return out;
  const perSecond = perMinute / 60n;
  out += `:${two(rem / perSecond)}`;
  rem %= perSecond;
  const digits = FRACTION_DIGITS[unit];
  return digits === undefined ? out : `${out}.${String(rem).padStart(digits, "0")}`;
}

/** `str()` of a timedelta64 scalar: `5 days`, `NaT`, `7 generic time units`. */
export function timedeltaStr(value: bigint, unit: DatetimeUnit, multiple = 1): string {
  if (value === NAT) return "NaT";
  return `${value * BigInt(multiple)} ${NAMES[unit]}`;
}
