import { PlanCatalog } from '../plans/plan-catalog';
import { loadPlanOverrides } from '../plans/plan-overrides';
import { ConfigValidationError, type EnvironmentVariables } from './environment';

export interface BillingConfig {
  /** The contract's plans with PLAN_OVERRIDES_FILE applied; validated at boot. */
  readonly catalog: PlanCatalog;
  /** How long a request's reserved credits are held before the sweeper presumes its process dead. */
  readonly reservationTtlMs: number;
  /** How often each instance sweeps expired reservations. */
  readonly sweepIntervalMs: number;
}

/** Builds the billing section of AppConfig; a bad override file stops the boot with every problem listed. */
export function billingConfigFrom(env: EnvironmentVariables): BillingConfig {
  let catalog = new PlanCatalog();
  if (env.PLAN_OVERRIDES_FILE) {
    const { overrides, problems } = loadPlanOverrides(env.PLAN_OVERRIDES_FILE);
    if (problems.length > 0) throw new ConfigValidationError(problems.map((problem) => `PLAN_OVERRIDES_FILE: ${problem}`));
    catalog = new PlanCatalog(overrides);
  }
  return {
    catalog,
    reservationTtlMs: env.BILLING_RESERVATION_TTL_MS,
    // Often enough that a crashed instance's credits come back within a fraction of the TTL.
    sweepIntervalMs: Math.min(30_000, Math.max(1_000, Math.floor(env.BILLING_RESERVATION_TTL_MS / 4))),
  };
}
