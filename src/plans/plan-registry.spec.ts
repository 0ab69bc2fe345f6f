import { isPlan, PAYING_PLANS, PLAN_REGISTRY, planRequiredMessage, PLANS, PUBLIC_PLANS } from './plan-registry';

describe('the plan registry', () => {
  it('orders the plans by rank, each rank used once', () => {
    expect(PLANS).toEqual(['free', 'starter', 'growth', 'pro', 'business', 'enterprise', 'admin']);
    expect(new Set(PLANS.map((plan) => PLAN_REGISTRY[plan].rank)).size).toBe(PLANS.length);
  });

  it('derives the public plans (admin is internal) and the paying plans (free and admin pay nothing)', () => {
    expect(PUBLIC_PLANS).toEqual(['free', 'starter', 'growth', 'pro', 'business', 'enterprise']);
    expect(PAYING_PLANS).toEqual(['starter', 'growth', 'pro', 'business', 'enterprise']);
  });

  it("says admin takes enterprise's numbers at price 0, from a plan ranked below it", () => {
    expect(PLAN_REGISTRY.admin).toMatchObject({ limitsOf: 'enterprise', limits: { priceCents: 0 } });
    expect(PLAN_REGISTRY[PLAN_REGISTRY.admin.limitsOf].rank).toBeLessThan(PLAN_REGISTRY.admin.rank);
  });

  it('names the plan a route needs in its 403 message', () => {
    expect(planRequiredMessage('admin')).toBe('Admin plan required');
    expect(planRequiredMessage('pro')).toBe('Pro plan required');
  });

  it('knows its own plans only', () => {
    expect(isPlan('growth')).toBe(true);
    expect(isPlan('platinum')).toBe(false);
    expect(isPlan('toString')).toBe(false);
  });
});
