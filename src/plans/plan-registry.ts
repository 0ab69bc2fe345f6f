/**
 * Every plan an account can be on, and everything about it that is fixed in code: this is the one place to
 * add or change a plan. The plan list and its order, the paying and public plans, the default numbers, the
 * CLI's choices, the 403 message of a plan-gated route and the database's CHECK on accounts.plan are all
 * derived from it (adding a plan: edit this table, then `npm run plans:migration`; see docs/architecture.md).
 *
 * A plain module with no imports, so every layer (config, accounts, auth, billing, the CLI) may use it.
 */

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

interface PlanTraits {
  /** Position in the order of plans, lowest first: a route requiring a plan admits it and every plan ranked above. */
  readonly rank: number;
  /** How messages name it: "<label> plan required". */
  readonly label: string;
  /** Sold to customers: listed by `GET /api/v1/plans` and the API description. */
  readonly public: boolean;
  /** A customer pays for it: a referee moving onto one "became a paying customer" and qualifies its referral. */
  readonly paying: boolean;
}

/** A plan with its own numbers (the contract's table, for the public plans). */
interface PlanWithLimits extends PlanTraits {
  readonly limits: PlanLimits;
}

/**
 * A plan that takes another plan's numbers as the catalog resolves them (after that plan's PLAN_OVERRIDES_FILE
 * entries), then its own `limits` on top, then its own overrides.
 */
interface PlanWithInheritedLimits extends PlanTraits {
  readonly limitsOf: string;
  readonly limits: Partial<PlanLimits>;
}

export type PlanDefinition = PlanWithLimits | PlanWithInheritedLimits;

/** The plans, in rank order. The public plans' numbers are the contract's table (reference/referral-stats-endpoint.txt, "Billing"). */
export const PLAN_REGISTRY = {
  free: {
    rank: 0,
    label: 'Free',
    public: true,
    paying: false,
    limits: { priceCents: 0, includedCredits: 2_000, dailyCap: 500, ratePerMinute: 5, overage: null },
  },
  starter: {
    rank: 1,
    label: 'Starter',
    public: true,
    paying: true,
    limits: {
      priceCents: 900,
      includedCredits: 20_000,
      dailyCap: 5_000,
      ratePerMinute: 15,
      overage: { centsPer1000Credits: 75, requiresOptIn: true },
    },
  },
  growth: {
    rank: 2,
    label: 'Growth',
    public: true,
    paying: true,
    limits: {
      priceCents: 2_900,
      includedCredits: 100_000,
      dailyCap: 25_000,
      ratePerMinute: 45,
      overage: { centsPer1000Credits: 45, requiresOptIn: true },
    },
  },
  pro: {
    rank: 3,
    label: 'Pro',
    public: true,
    paying: true,
    limits: {
      priceCents: 7_900,
      includedCredits: 400_000,
      dailyCap: null,
      ratePerMinute: 120,
      overage: { centsPer1000Credits: 30, requiresOptIn: false },
    },
  },
  business: {
    rank: 4,
    label: 'Business',
    public: true,
    paying: true,
    limits: {
      priceCents: 19_900,
      includedCredits: 1_200_000,
      dailyCap: null,
      ratePerMinute: 300,
      overage: { centsPer1000Credits: 20, requiresOptIn: false },
    },
  },
  enterprise: {
    rank: 5,
    label: 'Enterprise',
    public: true,
    paying: true,
    limits: {
      priceCents: 49_900,
      includedCredits: 5_000_000,
      dailyCap: null,
      ratePerMinute: 1_000,
      overage: { centsPer1000Credits: 12, requiresOptIn: false },
    },
  },
  /**
   * Internal: the operators' own accounts, the only plan admin routes admit. Not sold, not paying. It gets
   * enterprise's numbers at price 0 (5,000,000 credits, no daily cap, 1,000/min, overage at 12 ¢ per 1,000), and
   * follows enterprise's overrides unless PLAN_OVERRIDES_FILE gives `admin` its own.
   */
  admin: {
    rank: 6,
    label: 'Admin',
    public: false,
    paying: false,
    limitsOf: 'enterprise',
    limits: { priceCents: 0 },
  },
} as const satisfies Record<string, PlanDefinition>;

export type Plan = keyof typeof PLAN_REGISTRY;

/** Every plan, lowest rank first. */
export const PLANS: readonly Plan[] = (Object.keys(PLAN_REGISTRY) as Plan[]).sort((a, b) => PLAN_REGISTRY[a].rank - PLAN_REGISTRY[b].rank);

type PublicPlanName<P extends Plan = Plan> = P extends Plan ? ((typeof PLAN_REGISTRY)[P]['public'] extends true ? P : never) : never;
export type PublicPlan = PublicPlanName;

/** The plans customers buy, in rank order. */
export const PUBLIC_PLANS = PLANS.filter((plan): plan is PublicPlan => PLAN_REGISTRY[plan].public);

/** Plans a customer pays for; a move onto one of them is what "became a paying customer" means. */
export const PAYING_PLANS: readonly Plan[] = PLANS.filter((plan) => PLAN_REGISTRY[plan].paying);

export function isPlan(value: unknown): value is Plan {
  return typeof value === 'string' && Object.hasOwn(PLAN_REGISTRY, value);
}

export function planRank(plan: Plan): number {
  return PLAN_REGISTRY[plan].rank;
}

/** The 403 of a route that requires `plan`: "Admin plan required". */
export function planRequiredMessage(plan: Plan): string {
  return `${PLAN_REGISTRY[plan].label} plan required`;
}

/** `a, b, c`: the plans as the CLI, validation messages and the override file's errors list them. */
export const PLAN_LIST = PLANS.join(', ');

/** The CHECK on accounts.plan that the registry implies; a migration holds it literally (see plan-check-migration.ts). */
export function planCheckExpression(plans: readonly string[] = PLANS): string {
  return `plan IN (${plans.map((plan) => `'${plan}'`).join(', ')})`;
}
