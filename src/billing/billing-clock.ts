/** UTC calendar arithmetic for days and billing periods (calendar months). Pure; unit tested. */

const MS_PER_SECOND = 1000;

/** 00:00 UTC of the day after `now`. */
export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

/** 00:00 UTC on the first day of `now`'s month: the current billing period's start. */
export function periodStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** 00:00 UTC on the first day of the next month: the current period's (exclusive) end. */
export function periodEnd(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

/** Whole seconds from `now` until `then`, rounded up, so a client that waits that long is never early. */
export function secondsUntil(now: Date, then: Date): number {
  return Math.max(0, Math.ceil((then.getTime() - now.getTime()) / MS_PER_SECOND));
}

const MS_PER_DAY = 86_400_000;
/** The last day formatted: every metered request formats its day twice (usage counters), almost always today. */
let lastDay = Number.NaN;
let lastDate = '';

/** `YYYY-MM-DD` of the UTC day. */
export function utcDate(value: Date): string {
  const day = Math.floor(value.getTime() / MS_PER_DAY);
  if (day !== lastDay) {
    // An invalid date throws here (toISOString's RangeError), as before, and is never remembered.
    lastDate = value.toISOString().slice(0, 10);
    lastDay = day;
  }
  return lastDate;
}
