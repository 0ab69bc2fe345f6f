import { addDays, daysInWindow, isCalendarDate } from './calendar-date';

describe('calendar dates', () => {
  it('accepts real days only', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('1969-12-31')).toBe(false);
  });

  it('counts windows with both ends included', () => {
    expect(daysInWindow('2026-12-01', '2026-12-01')).toBe(1);
    expect(daysInWindow('2026-01-01', '2026-12-31')).toBe(365);
    expect(daysInWindow('2026-12-02', '2026-12-01')).toBe(0);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
