"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.billingConfigFrom = billingConfigFrom;
const environment_1 = require("../config/environment");
const plan_catalog_1 = require("./plan-catalog");
const plan_overrides_1 = require("./plan-overrides");
/** Builds the billing section of AppConfig; a bad override file stops the boot with every problem listed. */
function billingConfigFrom(env) {
    let catalog = new plan_catalog_1.PlanCatalog();
    if (env.PLAN_OVERRIDES_FILE) {
        const { overrides, problems } = (0, plan_overrides_1.loadPlanOverrides)(env.PLAN_OVERRIDES_FILE);
        if (problems.length > 0)
            throw new environment_1.ConfigValidationError(problems.map((problem) => `PLAN_OVERRIDES_FILE: ${problem}`));
        catalog = new plan_catalog_1.PlanCatalog(overrides);
    }
    return {
        catalog,
        reservationTtlMs: env.BILLING_RESERVATION_TTL_MS,
        // Often enough that a crashed instance's credits come back within a fraction of the TTL.
        sweepIntervalMs: Math.min(30_000, Math.max(1_000, Math.floor(env.BILLING_RESERVATION_TTL_MS / 4))),
    };
}
//# sourceMappingURL=billing.config.js.map