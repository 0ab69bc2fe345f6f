"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.hasRequiredPlan = hasRequiredPlan;
const plan_1 = require("../accounts/plan");
/**
 * Whether an account on `plan` may use a route that requires `required`. Plans are ordered as listed in
 * PLANS (free lowest, admin highest), so a route for "pro" admits business and enterprise too, and a route
 * for "admin" admits only admin. Routes with no requirement admit every plan.
 */
function hasRequiredPlan(plan, required) {
    return required === undefined || plan_1.PLANS.indexOf(plan) >= plan_1.PLANS.indexOf(required);
}
//# sourceMappingURL=plan-access.js.map