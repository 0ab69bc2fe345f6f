import { formatEpochMicros, MAX_EPOCH_MICROS_EXCLUSIVE } from '../../common/time/rfc3339';

const MICROS_PER_HOUR = 3_600_000_000n;
const MICROS_PER_DAY = 24n * MICROS_PER_HOUR;

/** A half-open range [from, to) as PostgreSQL timestamptz literals; from === to means empty. */
export interface Range {
  from: string;
  to: string;
}

/**
 * A window [from, to) cut into the parts that sum to it exactly:
 *
 *   raw head   |  hourly head  |      whole UTC days      |  hourly tail  |  raw tail
 *   [from, hc) |   [hc, dc)    |         [dc, df)         |   [df, hf)    |  [hf, to)
 *
 * so a window of any length costs its days, at most 46 hours, and two partial hours of raw events.
 */
export interface WindowParts {
  days: Range;
  hoursHead: Range;
  hoursTail: Range;
  rawHead: Range;
  rawTail: Range;
}

const EMPTY: Range = { from: 'infinity', to: 'infinity' };

function floorTo(micros: bigint, unit: bigint): bigint {
  const remainder = micros % unit;
  return remainder < 0n ? micros - remainder - unit : micros - remainder;
}

function ceilTo(micros: bigint, unit: bigint): bigint {
  const floor = floorTo(micros, unit);
  return floor === micros ? micros : floor + unit;
}

/**
 * A bound as a literal. Rounding a bound up to the next hour or day can step past year 9999 (from
 * 9999-12-31T23:59:59Z), which no timestamp literal can name: that bound is infinity, which counts the same.
 */
function literal(micros: bigint | null, infinity: string): string {
  if (micros === null) return infinity;
  if (micros >= MAX_EPOCH_MICROS_EXCLUSIVE) return 'infinity';
  return formatEpochMicros(micros);
}

/** `from`/`to` in epoch microseconds; null is unbounded. The caller guarantees from < to. */
export function splitWindow(from: bigint | null, to: bigint | null): WindowParts {
  const hoursFrom = from === null ? null : ceilTo(from, MICROS_PER_HOUR);
  const hoursTo = to === null ? null : floorTo(to, MICROS_PER_HOUR);
  if (hoursFrom !== null && hoursTo !== null && hoursFrom >= hoursTo) {
    // No whole hour inside: the window is counted from the raw events alone.
    return { days: EMPTY, hoursHead: EMPTY, hoursTail: EMPTY, rawHead: { from: literal(from, '-infinity'), to: literal(to, 'infinity') }, rawTail: EMPTY };
  }
  const daysFrom = hoursFrom === null ? null : ceilTo(hoursFrom, MICROS_PER_DAY);
  const daysTo = hoursTo === null ? null : floorTo(hoursTo, MICROS_PER_DAY);
  const rawHead = { from: literal(from, '-infinity'), to: literal(hoursFrom, '-infinity') };
  const rawTail = { from: literal(hoursTo, 'infinity'), to: literal(to, 'infinity') };
  if (daysFrom !== null && daysTo !== null && daysFrom >= daysTo) {
    // No whole day inside: hours only.
    return { days: EMPTY, hoursHead: { from: literal(hoursFrom, '-infinity'), to: literal(hoursTo, 'infinity') }, hoursTail: EMPTY, rawHead, rawTail };
  }
  return {
    days: { from: literal(daysFrom, '-infinity'), to: literal(daysTo, 'infinity') },
    hoursHead: { from: literal(hoursFrom, '-infinity'), to: literal(daysFrom, '-infinity') },
    hoursTail: { from: literal(daysTo, 'infinity'), to: literal(hoursTo, 'infinity') },
    rawHead,
    rawTail,
  };
}

/** The parts as the ten bind values ($2..$11) of the funnel statement. */
export function windowParameters(parts: WindowParts): string[] {
  return [parts.days, parts.hoursHead, parts.hoursTail, parts.rawHead, parts.rawTail].flatMap((range) => [range.from, range.to]);
}
