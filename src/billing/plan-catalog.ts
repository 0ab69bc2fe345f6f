import type { Plan } from '../accounts/plan';

/** Overage pricing of a plan. Money is integer cents per 1,000 credits: $0.75/1,000 is 75. */
export interface OveragePricing {
  readonly centsPer1000Credits: number;
  /** Starter and Growth: overage only when the account has turned it on; otherwise included credits are a hard stop. */
  readonly requiresOptIn: boolean;
}

/** The numbers behind one plan. Every amount is an integer; money is in cents. */
export interface PlanLimits {
  readonly priceCents: number;
  /** Credits included per billing period (calendar month, UTC). */
  readonly includedCredits: number;
  /** Credits per UTC day; null = no daily cap. */
  readonly dailyCap: number | null;
  /** Admitted requests in any rolling 60 seconds, whatever their outcome. */
  readonly ratePerMinute: number;
  /** null = no overage: past the included credits, requests are refused until the period resets. */
  readonly overage: OveragePricing | null;
}

/** The plans customers buy, in the contract's order. `admin` is internal and not listed. */
export const PUBLIC_PLANS = ['free', 'starter', 'growth', 'pro', 'business', 'enterprise'] as const;
export type PublicPlan = (typeof PUBLIC_PLANS)[number];

/** The contract's plan table (reference/referral-stats-endpoint.txt, "Billing"), number for number. */
export const CONTRACT_PLANS: Readonly<Record<PublicPlan, PlanLimits>> = {
  free: { priceCents: 0, includedCredits: 2_000, dailyCap: 500, ratePerMinute: 5, overage: null },
  starter: {
    priceCents: 900,
    includedCredits: 20_000,
    dailyCap: 5_000,
    ratePerMinute: 15,
    overage: { centsPer1000Credits: 75, requiresOptIn: true },
  },
  growth: {
    priceCents: 2_900,
    includedCredits: 100_000,
    dailyCap: 25_000,
    ratePerMinute: 45,
    overage: { centsPer1000Credits: 45, requiresOptIn: true },
  },
  pro: {
    priceCents: 7_900,
    includedCredits: 400_000,
    dailyCap: null,
    ratePerMinute: 120,
    overage: { centsPer1000Credits: 30, requiresOptIn: false },
  },
  business: {
    priceCents: 19_900,
    includedCredits: 1_200_000,
    dailyCap: null,
    ratePerMinute: 300,
    overage: { centsPer1000Credits: 20, requiresOptIn: false },
  },
  enterprise: {
    priceCents: 49_900,
    includedCredits: 5_000_000,
    dailyCap: null,
    ratePerMinute: 1_000,
    overage: { centsPer1000Credits: 12, requiresOptIn: false },
  },
};

/** Partial numbers for any plan, as read from PLAN_OVERRIDES_FILE (validated in plan-overrides.ts). */
export type PlanOverrides = Partial<Record<Plan, Partial<PlanLimits>>>;

/**
 * The one source of truth for plan numbers at run time: the contract's table, with the operator's overrides
 * applied. The admin plan is internal: it gets enterprise's limits (after enterprise's overrides) at price 0,
 * then its own overrides, so raising enterprise also raises admin unless admin is configured separately.
 */
export class PlanCatalog {
  private readonly plans: Readonly<Record<Plan, PlanLimits>>;

  constructor(overrides: PlanOverrides = {}) {
    const merged = Object.fromEntries(
      PUBLIC_PLANS.map((plan) => [plan, { ...CONTRACT_PLANS[plan], ...overrides[plan] }]),
    ) as Record<PublicPlan, PlanLimits>;
    this.plans = { ...merged, admin: { ...merged.enterprise, priceCents: 0, ...overrides.admin } };
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
