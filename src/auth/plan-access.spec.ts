import { PLANS } from '../plans/plan-registry';
import { hasRequiredPlan } from './plan-access';

describe('hasRequiredPlan', () => {
  it.each(PLANS.filter((plan) => plan !== 'admin'))('refuses %s on an admin route', (plan) => {
    expect(hasRequiredPlan(plan, 'admin')).toBe(false);
  });

  it('admits admin on an admin route', () => {
    expect(hasRequiredPlan('admin', 'admin')).toBe(true);
  });

  it.each(PLANS)('admits %s on a route with no plan requirement', (plan) => {
    expect(hasRequiredPlan(plan, undefined)).toBe(true);
  });

  it('admits higher plans and refuses lower ones on a plan-gated route', () => {
    expect(hasRequiredPlan('business', 'pro')).toBe(true);
    expect(hasRequiredPlan('pro', 'pro')).toBe(true);
    expect(hasRequiredPlan('growth', 'pro')).toBe(false);
  });
});
