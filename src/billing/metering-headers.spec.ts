import { meteringHeaders, retryAfterSeconds } from './metering-headers';
import type { AdmissionLimits, AdmissionResult, CounterSnapshot } from './metering/metering.types';

const now = new Date('2026-11-26T23:59:30.250Z');

const counters = (overrides: Partial<CounterSnapshot> = {}): CounterSnapshot => ({
  now,
  dayUsed: 100,
  dayReserved: 2,
  includedUsed: 1_500,
  includedReserved: 2,
  overageUsed: 0,
  minuteCount: 3,
  minuteOldest: new Date(now.getTime() - 45_500),
  ...overrides,
});

const free: AdmissionLimits = { ratePerMinute: 5, dailyCap: 500, includedCredits: 2_000, overageAllowed: false };
const pro: AdmissionLimits = { ratePerMinute: 120, dailyCap: null, includedCredits: 400_000, overageAllowed: true };

const refused = (blockingAdmission: Date | null): AdmissionResult => ({
  refusal: 'rate_limited',
  reservationId: null,
  blockingAdmission,
  counters: counters(),
});

describe('meteringHeaders', () => {
  it('writes a minute and a day policy, in the ratelimit-headers draft syntax', () => {
    expect(meteringHeaders(free, counters(), 1)).toEqual({
      'RateLimit-Policy': '"minute";q=5;w=60, "day";q=500;w=86400',
      // 2 left this minute, a slot frees in 15 s (ceil of 14.5); 398 credits left today, 30 s to midnight.
      RateLimit: '"minute";r=2;t=15, "day";r=398;t=30',
      'X-Credits-Charged': '1',
      'X-Credits-Remaining': '498',
    });
  });

  it('omits the day policy on a plan without a daily cap and adds Retry-After when given', () => {
    const headers = meteringHeaders(pro, counters({ minuteCount: 0, minuteOldest: null }), 0, 12);

    expect(headers['RateLimit-Policy']).toBe('"minute";q=120;w=60');
    expect(headers.RateLimit).toBe('"minute";r=120;t=0');
    expect(headers['Retry-After']).toBe('12');
  });

  it('never reports negative remaining quota (overage, or a plan lowered mid-period)', () => {
    const headers = meteringHeaders(free, counters({ includedUsed: 2_500, dayUsed: 600, minuteCount: 9 }), 0);

    expect(headers['X-Credits-Remaining']).toBe('0');
    expect(headers.RateLimit).toBe('"minute";r=0;t=15, "day";r=0;t=30');
  });
});

describe('retryAfterSeconds', () => {
  it('waits until the blocking admission leaves the window, rounded up, at least 1 s', () => {
    expect(retryAfterSeconds('rate_limited', refused(new Date(now.getTime() - 59_000)))).toBe(1);
    expect(retryAfterSeconds('rate_limited', refused(new Date(now.getTime() - 10_250)))).toBe(50);
    expect(retryAfterSeconds('rate_limited', refused(new Date(now.getTime() - 60_000)))).toBe(1);
  });

  it('waits until 00:00 UTC for the daily cap', () => {
    expect(retryAfterSeconds('daily_cap_reached', refused(null))).toBe(30);
  });

  it('waits until the next calendar month (UTC) for exhausted credits', () => {
    // 2026-11-26T23:59:30.25Z to 2026-12-01T00:00:00Z: 4 days and 29.75 s.
    expect(retryAfterSeconds('credits_exhausted', refused(null))).toBe(4 * 86_400 + 30);
  });
});
