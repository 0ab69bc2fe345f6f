import { nextUtcMidnight, periodEnd, secondsUntil } from './billing-clock';
import { HEADER } from '../common/http/rate-limit-headers';
import type { AdmissionLimits, AdmissionResult, CounterSnapshot, RefusalReason } from './metering/metering.types';

export const RATE_WINDOW_SECONDS = 60;
const SECONDS_PER_DAY = 86_400;

/** Policy names in RateLimit-Policy / RateLimit. */
export const MINUTE_POLICY = 'minute';
export const DAY_POLICY = 'day';

/** Included credits not yet used or reserved in the period; overage never makes this negative. */
export function includedRemaining(
  limits: AdmissionLimits,
  counters: Pick<CounterSnapshot, 'includedUsed' | 'includedReserved'>,
): number {
  return Math.max(0, limits.includedCredits - counters.includedUsed - counters.includedReserved);
}

/** Seconds until the oldest admission in the window leaves it, which frees a unit of the minute quota. */
function minuteResetSeconds(counters: CounterSnapshot): number {
  if (counters.minuteOldest === null) return 0;
  return secondsUntil(counters.now, new Date(counters.minuteOldest.getTime() + RATE_WINDOW_SECONDS * 1000));
}

/**
 * Seconds the client should wait before the refused request could be admitted: until the blocking admission
 * leaves the 60 s window, until 00:00 UTC, or until the next period starts. At least 1.
 */
export function retryAfterSeconds(reason: RefusalReason, admission: AdmissionResult): number {
  const now = admission.counters.now;
  switch (reason) {
    case 'rate_limited': {
      const blocking = admission.blockingAdmission ?? now;
      return Math.max(1, secondsUntil(now, new Date(blocking.getTime() + RATE_WINDOW_SECONDS * 1000)));
    }
    case 'daily_cap_reached':
      return Math.max(1, secondsUntil(now, nextUtcMidnight(now)));
    case 'credits_exhausted':
      return Math.max(1, secondsUntil(now, periodEnd(now)));
  }
}

/**
 * RateLimit-Policy and RateLimit as in draft-ietf-httpapi-ratelimit-headers (structured-field lists of
 * quota policies: `q` quota, `w` window seconds; `r` remaining, `t` seconds until quota is restored).
 * One policy for the rolling minute, one for the UTC day when the plan has a daily cap (its quota counts
 * credits, which equal requests on 1-credit routes). X-Credits-* are our own.
 */
export function meteringHeaders(
  limits: AdmissionLimits,
  counters: CounterSnapshot,
  creditsCharged: number,
  retryAfter?: number,
): Record<string, string> {
  const policies = [`"${MINUTE_POLICY}";q=${limits.ratePerMinute};w=${RATE_WINDOW_SECONDS}`];
  const minuteRemaining = Math.max(0, limits.ratePerMinute - counters.minuteCount);
  const states = [`"${MINUTE_POLICY}";r=${minuteRemaining};t=${minuteResetSeconds(counters)}`];
  if (limits.dailyCap !== null) {
    policies.push(`"${DAY_POLICY}";q=${limits.dailyCap};w=${SECONDS_PER_DAY}`);
    const dayRemaining = Math.max(0, limits.dailyCap - counters.dayUsed - counters.dayReserved);
    states.push(`"${DAY_POLICY}";r=${dayRemaining};t=${secondsUntil(counters.now, nextUtcMidnight(counters.now))}`);
  }
  const headers: Record<string, string> = {
    [HEADER.policy]: policies.join(', '),
    [HEADER.rateLimit]: states.join(', '),
    [HEADER.creditsCharged]: String(creditsCharged),
    [HEADER.creditsRemaining]: String(includedRemaining(limits, counters)),
  };
  if (retryAfter !== undefined) headers[HEADER.retryAfter] = String(retryAfter);
  return headers;
}
