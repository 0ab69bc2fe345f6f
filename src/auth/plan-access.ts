import type { Plan } from '../accounts/plan';
import { PLANS } from '../accounts/plan';

/**
 * Whether an account on `plan` may use a route that requires `required`. Plans are ordered as listed in
 * PLANS (free lowest, admin highest), so a route for "pro" admits business and enterprise too, and a route
 * for "admin" admits only admin. Routes with no requirement admit every plan.
 */
export function hasRequiredPlan(plan: Plan, required: Plan | undefined): boolean {
  return required === undefined || PLANS.indexOf(plan) >= PLANS.indexOf(required);
}
