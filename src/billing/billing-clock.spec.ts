import { nextUtcMidnight, periodEnd, periodStart, secondsUntil, utcDate } from './billing-clock';

describe('billing clock (UTC)', () => {
  it('finds the next midnight and the calendar-month period, across month and year ends', () => {
    const newYearsEve = new Date('2026-12-31T23:59:59.999Z');

    expect(nextUtcMidnight(newYearsEve).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(periodStart(newYearsEve).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(periodEnd(newYearsEve).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(periodEnd(new Date('2028-02-29T12:00:00Z')).toISOString()).toBe('2028-03-01T00:00:00.000Z');
  });

  it('ignores the local time zone: a +14:00 evening is still the UTC morning', () => {
    expect(utcDate(new Date('2026-11-27T07:00:00+14:00'))).toBe('2026-11-26');
  });

  it('formats each day right whatever day the call before formatted (it remembers the last one)', () => {
    const instants = ['2026-12-01T23:59:59.999Z', '2026-12-02T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '1970-01-01T00:00:00.000Z'];
    for (const instant of [...instants, ...instants.reverse()]) expect(utcDate(new Date(instant))).toBe(instant.slice(0, 10));
    expect(() => utcDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(utcDate(new Date('2026-12-02T12:00:00Z'))).toBe('2026-12-02');
  });

  it('rounds waits up to whole seconds and never below 0', () => {
    expect(secondsUntil(new Date(0), new Date(1))).toBe(1);
    expect(secondsUntil(new Date(5_000), new Date(1_000))).toBe(0);
  });
});
