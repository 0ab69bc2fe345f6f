import { type Plan, planRank } from '../plans/plan-registry';

/**
 * Whether an account on `plan` may use a route that requires `required`. Plans are ordered by their rank in
 * the plan registry (free lowest, admin highest), so a route for "pro" admits business and enterprise too, and
 * a route for "admin" admits only admin. Routes with no requirement admit every plan.
 */
export function hasRequiredPlan(plan: Plan, required: Plan | undefined): boolean {
  return required === undefined || planRank(plan) >= planRank(required);
}
