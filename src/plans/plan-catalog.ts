import { type OveragePricing, type Plan, PLAN_REGISTRY, type PlanLimits, PLANS, type PublicPlan, PUBLIC_PLANS } from './plan-registry';

/** Partial numbers for any plan, as read from PLAN_OVERRIDES_FILE (validated in plan-overrides.ts). */
export type PlanOverrides = Partial<Record<Plan, Partial<PlanLimits>>>;

/**
 * The one source of truth for plan numbers at run time: the registry's numbers with the operator's overrides
 * applied. A plan whose registry entry takes another plan's numbers (`limitsOf`: admin takes enterprise's)
 * gets them after that plan's overrides, then its own numbers, then its own overrides.
 */
export class PlanCatalog {
  private readonly plans: Readonly<Record<Plan, PlanLimits>>;

  constructor(overrides: PlanOverrides = {}) {
    const resolved: Partial<Record<Plan, PlanLimits>> = {};
    const resolve = (plan: Plan): PlanLimits => {
      const definition = PLAN_REGISTRY[plan];
      const inherited = 'limitsOf' in definition ? resolve(definition.limitsOf) : undefined;
      return (resolved[plan] ??= { ...inherited, ...definition.limits, ...overrides[plan] } as PlanLimits);
    };
    this.plans = Object.fromEntries(PLANS.map((plan) => [plan, resolve(plan)])) as Record<Plan, PlanLimits>;
  }

  limitsOf(plan: Plan): PlanLimits {
    return this.plans[plan];
  }

  /** Whether an account on `plan` may run past its included credits. */
  overageAllowed(plan: Plan, overageEnabled: boolean): boolean {
    const overage = this.plans[plan].overage;
    return overage !== null && (!overage.requiresOptIn || overageEnabled);
  }

  publicPlans(): Array<{ plan: PublicPlan; limits: PlanLimits }> {
    return PUBLIC_PLANS.map((plan) => ({ plan, limits: this.plans[plan] }));
  }
}

/**
 * The price of `credits` overage credits in micro-dollars (1 cent = 10,000 µ$), exact in integers:
 * a credit at N cents per 1,000 costs N × 10 µ$.
 */
export function overageCostMicros(credits: number, pricing: OveragePricing | null): number {
  return pricing === null ? 0 : credits * pricing.centsPer1000Credits * 10;
}
