import { parseRfc3339 } from '../../common/time/rfc3339';
import { splitWindow } from './window-parts';

const at = (text: string) => parseRfc3339(text)!;
const iso = (text: string) => text.replace('Z', '.000000Z');

describe('splitWindow', () => {
  it('cuts an unaligned multi-day window into raw edges, hours and whole days', () => {
    const parts = splitWindow(at('2026-10-01T10:30:00Z'), at('2026-10-05T05:15:00Z'));

    expect(parts).toEqual({
      rawHead: { from: iso('2026-10-01T10:30:00Z'), to: iso('2026-10-01T11:00:00Z') },
      hoursHead: { from: iso('2026-10-01T11:00:00Z'), to: iso('2026-10-02T00:00:00Z') },
      days: { from: iso('2026-10-02T00:00:00Z'), to: iso('2026-10-05T00:00:00Z') },
      hoursTail: { from: iso('2026-10-05T00:00:00Z'), to: iso('2026-10-05T05:00:00Z') },
      rawTail: { from: iso('2026-10-05T05:00:00Z'), to: iso('2026-10-05T05:15:00Z') },
    });
  });

  it('uses hours alone when no whole day fits', () => {
    const parts = splitWindow(at('2026-10-01T10:30:00Z'), at('2026-10-02T05:15:00Z'));

    expect(parts.days).toEqual({ from: 'infinity', to: 'infinity' });
    expect(parts.hoursHead).toEqual({ from: iso('2026-10-01T11:00:00Z'), to: iso('2026-10-02T05:00:00Z') });
    expect(parts.hoursTail).toEqual({ from: 'infinity', to: 'infinity' });
  });

  it('counts a window without a whole hour from the raw events alone', () => {
    const parts = splitWindow(at('2026-10-01T10:30:00Z'), at('2026-10-01T11:29:59.999999Z'));

    expect(parts.rawHead).toEqual({ from: iso('2026-10-01T10:30:00Z'), to: '2026-10-01T11:29:59.999999Z' });
    expect([parts.days, parts.hoursHead, parts.hoursTail, parts.rawTail]).toEqual(
      Array(4).fill({ from: 'infinity', to: 'infinity' }),
    );
  });

  it('leaves the raw edges empty for an aligned window', () => {
    const parts = splitWindow(at('2026-10-01T00:00:00Z'), at('2026-10-03T00:00:00Z'));

    expect(parts.rawHead.from).toBe(parts.rawHead.to);
    expect(parts.rawTail.from).toBe(parts.rawTail.to);
    expect(parts.days).toEqual({ from: iso('2026-10-01T00:00:00Z'), to: iso('2026-10-03T00:00:00Z') });
  });

  it('reads unbounded ends as infinities', () => {
    expect(splitWindow(null, null)).toEqual({
      rawHead: { from: '-infinity', to: '-infinity' },
      hoursHead: { from: '-infinity', to: '-infinity' },
      days: { from: '-infinity', to: 'infinity' },
      hoursTail: { from: 'infinity', to: 'infinity' },
      rawTail: { from: 'infinity', to: 'infinity' },
    });
    expect(splitWindow(null, at('2026-10-01T10:30:00Z')).hoursTail).toEqual({
      from: iso('2026-10-01T00:00:00Z'),
      to: iso('2026-10-01T10:00:00Z'),
    });
  });

  it('names bounds rounded past year 9999 as infinity (found by the fuzz test)', () => {
    const parts = splitWindow(at('9999-12-31T23:59:59.999999Z'), null);

    expect(parts.rawHead).toEqual({ from: '9999-12-31T23:59:59.999999Z', to: 'infinity' });
    expect(JSON.stringify(parts)).not.toMatch(/10000|\+0/);
  });
});
