"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PlanCatalog = exports.CONTRACT_PLANS = exports.PUBLIC_PLANS = void 0;
exports.overageCostMicros = overageCostMicros;
/** The plans customers buy, in the contract's order. `admin` is internal and not listed. */
exports.PUBLIC_PLANS = ['free', 'starter', 'growth', 'pro', 'business', 'enterprise'];
/** The contract's plan table (reference/referral-stats-endpoint.txt, "Billing"), number for number. */
exports.CONTRACT_PLANS = {
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
/**
 * The one source of truth for plan numbers at run time: the contract's table, with the operator's overrides
 * applied. The admin plan is internal: it gets enterprise's limits (after enterprise's overrides) at price 0,
 * then its own overrides, so raising enterprise also raises admin unless admin is configured separately.
 */
class PlanCatalog {
    constructor(overrides = {}) {
        const merged = Object.fromEntries(exports.PUBLIC_PLANS.map((plan) => [plan, { ...exports.CONTRACT_PLANS[plan], ...overrides[plan] }]));
        this.plans = { ...merged, admin: { ...merged.enterprise, priceCents: 0, ...overrides.admin } };
    }
    limitsOf(plan) {
        return this.plans[plan];
    }
    /** Whether an account on `plan` may run past its included credits. */
    overageAllowed(plan, overageEnabled) {
        const overage = this.plans[plan].overage;
        return overage !== null && (!overage.requiresOptIn || overageEnabled);
    }
    publicPlans() {
        return exports.PUBLIC_PLANS.map((plan) => ({ plan, limits: this.plans[plan] }));
    }
}
exports.PlanCatalog = PlanCatalog;
/**
 * The price of `credits` overage credits in micro-dollars (1 cent = 10,000 µ$), exact in integers:
 * a credit at N cents per 1,000 costs N × 10 µ$.
 */
function overageCostMicros(credits, pricing) {
    return pricing === null ? 0 : credits * pricing.centsPer1000Credits * 10;
}
//# sourceMappingURL=plan-catalog.js.map