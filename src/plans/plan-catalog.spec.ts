import { overageCostMicros, PlanCatalog } from './plan-catalog';
import { PLAN_REGISTRY, type PlanLimits, type PublicPlan, PUBLIC_PLANS } from './plan-registry';

/** The public plans' numbers as the registry writes them. */
const CONTRACT_PLANS = Object.fromEntries(PUBLIC_PLANS.map((plan) => [plan, PLAN_REGISTRY[plan].limits])) as Record<PublicPlan, PlanLimits>;

describe('PlanCatalog', () => {
  it('holds the contract table number for number', () => {
    const rows = Object.entries(CONTRACT_PLANS).map(([plan, l]) => [
      plan,
      l.priceCents,
      l.includedCredits,
      l.dailyCap,
      l.ratePerMinute,
      l.overage?.centsPer1000Credits ?? null,
      l.overage?.requiresOptIn ?? null,
    ]);

    expect(rows).toEqual([
      ['free', 0, 2_000, 500, 5, null, null],
      ['starter', 900, 20_000, 5_000, 15, 75, true],
      ['growth', 2_900, 100_000, 25_000, 45, 45, true],
      ['pro', 7_900, 400_000, null, 120, 30, false],
      ['business', 19_900, 1_200_000, null, 300, 20, false],
      ['enterprise', 49_900, 5_000_000, null, 1_000, 12, false],
    ]);
  });

  it("gives the admin plan enterprise's limits at price 0", () => {
    const catalog = new PlanCatalog();

    expect(catalog.limitsOf('admin')).toEqual({ ...CONTRACT_PLANS.enterprise, priceCents: 0 });
  });

  it("lets admin follow an overridden enterprise, unless admin is overridden itself", () => {
    expect(new PlanCatalog({ enterprise: { ratePerMinute: 2_000 } }).limitsOf('admin').ratePerMinute).toBe(2_000);
    expect(
      new PlanCatalog({ enterprise: { ratePerMinute: 2_000 }, admin: { ratePerMinute: 50 } }).limitsOf('admin').ratePerMinute,
    ).toBe(50);
  });

  it('applies overrides field by field and lists only the six public plans', () => {
    const catalog = new PlanCatalog({ free: { dailyCap: 3 } });

    expect(catalog.limitsOf('free')).toEqual({ ...CONTRACT_PLANS.free, dailyCap: 3 });
    expect(catalog.publicPlans().map(({ plan }) => plan)).toEqual([
      'free',
      'starter',
      'growth',
      'pro',
      'business',
      'enterprise',
    ]);
  });

  it.each([
    ['free', false, false],
    ['free', true, false],
    ['starter', false, false],
    ['starter', true, true],
    ['growth', false, false],
    ['growth', true, true],
    ['pro', false, true],
    ['business', false, true],
    ['enterprise', false, true],
    ['admin', false, true],
  ] as const)('allows overage on %s with overage_enabled=%s: %s', (plan, enabled, allowed) => {
    expect(new PlanCatalog().overageAllowed(plan, enabled)).toBe(allowed);
  });
});

describe('overageCostMicros', () => {
  it('prices credits exactly in micro-dollars', () => {
    expect(overageCostMicros(1_000, CONTRACT_PLANS.starter.overage)).toBe(750_000); // $0.75
    expect(overageCostMicros(1, CONTRACT_PLANS.enterprise.overage)).toBe(120); // $0.00012
    expect(overageCostMicros(1_234, CONTRACT_PLANS.pro.overage)).toBe(370_200);
    expect(overageCostMicros(10, null)).toBe(0);
  });
});
