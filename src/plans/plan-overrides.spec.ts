import { parsePlanOverrides } from './plan-overrides';

describe('parsePlanOverrides', () => {
  it('maps the API names onto the catalog fields', () => {
    const { overrides, problems } = parsePlanOverrides({
      free: { daily_cap: 3, rate_limit_per_minute: 1000, included_credits: 10, price_cents: 0 },
      pro: { daily_cap: null, overage: { cents_per_1000_credits: 25, requires_opt_in: true } },
      growth: { overage: null },
    });

    expect(problems).toEqual([]);
    expect(overrides).toEqual({
      free: { dailyCap: 3, ratePerMinute: 1000, includedCredits: 10, priceCents: 0 },
      pro: { dailyCap: null, overage: { centsPer1000Credits: 25, requiresOptIn: true } },
      growth: { overage: null },
    });
  });

  it('names every problem with its path', () => {
    const { problems } = parsePlanOverrides({
      platinum: {},
      free: { daily_cap: 0, rate_limit_per_minute: 1.5, colour: 'red', price_cents: -1 },
      pro: { overage: { cents_per_1000_credits: '30' } },
    });

    expect(problems).toEqual([
      expect.stringContaining('"platinum" is not a plan'),
      expect.stringContaining('free.daily_cap'),
      expect.stringContaining('free.rate_limit_per_minute'),
      expect.stringContaining('free.colour is not a known field'),
      expect.stringContaining('free.price_cents'),
      expect.stringContaining('pro.overage.cents_per_1000_credits'),
      expect.stringContaining('pro.overage.requires_opt_in'),
    ]);
  });

  it('refuses a file that is not an object keyed by plan', () => {
    expect(parsePlanOverrides([1, 2]).problems).toEqual(['the file must hold a JSON object keyed by plan name']);
  });
});
