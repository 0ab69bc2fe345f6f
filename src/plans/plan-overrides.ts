import { readFileSync } from 'node:fs';
import { isPlan, PLAN_LIST } from './plan-registry';
import type { PlanOverrides } from './plan-catalog';
import type { OveragePricing, PlanLimits } from './plan-registry';

/**
 * The override file's format uses the same snake_case names as `GET /api/v1/plans`, so an operator can copy a
 * plan from the API, change a number, and drop it in the file:
 *
 *   { "free": { "daily_cap": 3, "rate_limit_per_minute": 1000 },
 *     "starter": { "overage": { "cents_per_1000_credits": 60, "requires_opt_in": true } } }
 */
const FIELDS = {
  price_cents: 'priceCents',
  included_credits: 'includedCredits',
  daily_cap: 'dailyCap',
  rate_limit_per_minute: 'ratePerMinute',
  overage: 'overage',
} as const satisfies Record<string, keyof PlanLimits>;

/** Amounts are stored in bigint columns but travel through JavaScript numbers: keep them exact. */
const MAX_AMOUNT = 1_000_000_000_000;

function isAmount(value: unknown, minimum: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= minimum && (value as number) <= MAX_AMOUNT;
}

function parseOverage(value: unknown, path: string, problems: string[]): OveragePricing | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${path} must be null or { "cents_per_1000_credits": integer, "requires_opt_in": boolean }`);
    return undefined;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'cents_per_1000_credits' && key !== 'requires_opt_in') problems.push(`${path}.${key} is not a known field`);
  }
  const cents = record.cents_per_1000_credits;
  const optIn = record.requires_opt_in;
  if (!isAmount(cents, 0)) problems.push(`${path}.cents_per_1000_credits must be an integer >= 0`);
  if (typeof optIn !== 'boolean') problems.push(`${path}.requires_opt_in must be true or false`);
  return isAmount(cents, 0) && typeof optIn === 'boolean' ? { centsPer1000Credits: cents, requiresOptIn: optIn } : undefined;
}

/** Validates parsed JSON; returns the overrides and every problem found, each naming its path. */
export function parsePlanOverrides(json: unknown): { overrides: PlanOverrides; problems: string[] } {
  const problems: string[] = [];
  const overrides: PlanOverrides = {};
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { overrides, problems: ['the file must hold a JSON object keyed by plan name'] };
  }
  for (const [plan, fields] of Object.entries(json)) {
    if (!isPlan(plan)) {
      problems.push(`"${plan}" is not a plan (${PLAN_LIST})`);
      continue;
    }
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      problems.push(`${plan} must be an object`);
      continue;
    }
    const limits: { -readonly [K in keyof PlanLimits]?: PlanLimits[K] } = {};
    for (const [name, value] of Object.entries(fields as Record<string, unknown>)) {
      const path = `${plan}.${name}`;
      switch (name) {
        case 'price_cents':
        case 'included_credits':
          if (isAmount(value, 0)) limits[FIELDS[name]] = value;
          else problems.push(`${path} must be an integer >= 0`);
          break;
        case 'rate_limit_per_minute':
          // The sliding log keeps one timestamp per admission in the window; beyond this a row gets heavy.
          if (isAmount(value, 1) && value <= 100_000) limits.ratePerMinute = value;
          else problems.push(`${path} must be an integer from 1 to 100000`);
          break;
        case 'daily_cap':
          if (value === null || isAmount(value, 1)) limits.dailyCap = value;
          else problems.push(`${path} must be an integer >= 1, or null for no cap`);
          break;
        case 'overage': {
          const overage = parseOverage(value, path, problems);
          if (overage !== undefined) limits.overage = overage;
          break;
        }
        default:
          problems.push(`${path} is not a known field (${Object.keys(FIELDS).join(', ')})`);
      }
    }
    overrides[plan] = limits;
  }
  return { overrides, problems };
}

/** Reads and validates the file; problems are prefixed with the file name so the boot error is self-explanatory. */
export function loadPlanOverrides(file: string): { overrides: PlanOverrides; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { overrides: {}, problems: [`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { overrides: {}, problems: [`${file} is not valid JSON: ${(error as Error).message}`] };
  }
  const result = parsePlanOverrides(json);
  return { overrides: result.overrides, problems: result.problems.map((problem) => `${file}: ${problem}`) };
}
