import type { RefusalReason } from '../billing/metering/metering.types';

/** The refusal reasons a 429 names, in the order the usage reports list them. */
export const REFUSAL_REASONS = ['rate_limited', 'daily_cap_reached', 'credits_exhausted'] as const satisfies readonly RefusalReason[];

/** What usage_daily_counters counts per account and UTC day: admitted requests, and refusals by reason. */
export const USAGE_COUNTER_KINDS = ['admitted', ...REFUSAL_REASONS] as const;
export type UsageCounterKind = (typeof USAGE_COUNTER_KINDS)[number];
