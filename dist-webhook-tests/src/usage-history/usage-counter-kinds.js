"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.USAGE_COUNTER_KINDS = exports.REFUSAL_REASONS = void 0;
/** The refusal reasons a 429 names, in the order the usage reports list them. */
exports.REFUSAL_REASONS = ['rate_limited', 'daily_cap_reached', 'credits_exhausted'];
/** What usage_daily_counters counts per account and UTC day: admitted requests, and refusals by reason. */
exports.USAGE_COUNTER_KINDS = ['admitted', ...exports.REFUSAL_REASONS];
//# sourceMappingURL=usage-counter-kinds.js.map