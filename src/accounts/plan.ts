/** Every plan an account can be on. The numbers behind each plan live in the billing catalog. */
export const PLANS = ['free', 'starter', 'growth', 'pro', 'business', 'enterprise', 'admin'] as const;
export type Plan = (typeof PLANS)[number];

export function isPlan(value: unknown): value is Plan {
  return typeof value === 'string' && (PLANS as readonly string[]).includes(value);
}
