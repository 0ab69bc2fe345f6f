"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PLANS = void 0;
exports.isPlan = isPlan;
/** Every plan an account can be on. The numbers behind each plan live in the billing catalog. */
exports.PLANS = ['free', 'starter', 'growth', 'pro', 'business', 'enterprise', 'admin'];
function isPlan(value) {
    return typeof value === 'string' && exports.PLANS.includes(value);
}
//# sourceMappingURL=plan.js.map