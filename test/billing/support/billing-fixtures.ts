import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

let overridesDir: string | undefined;
let overridesWritten = 0;

/** Writes a PLAN_OVERRIDES_FILE and returns its path. Call removePlanOverridesFiles() in afterAll. */
export function planOverridesFile(overrides: unknown): string {
  overridesDir ??= mkdtempSync(join(tmpdir(), 'plan-overrides-'));
  const file = join(overridesDir, `plans-${++overridesWritten}.json`);
  writeFileSync(file, typeof overrides === 'string' ? overrides : JSON.stringify(overrides));
  return file;
}

export function removePlanOverridesFiles(): void {
  if (overridesDir) rmSync(overridesDir, { recursive: true, force: true });
  overridesDir = undefined;
}

export interface Counters {
  usage_day: string;
  day_used: number;
  day_reserved: number;
  period_start: string;
  included_used: number;
  included_reserved: number;
  overage_used: number;
  admissions: number;
}

/** The account's counters row as stored (zeros when it has none). */
export async function countersOf(db: DataSource, accountId: string): Promise<Counters> {
  const [row] = await db.query(
    `SELECT to_char(usage_day, 'YYYY-MM-DD') AS usage_day, day_used::int, day_reserved::int,
            to_char(period_start, 'YYYY-MM-DD') AS period_start, included_used::int, included_reserved::int,
            overage_used::int, cardinality(recent_admissions) AS admissions
       FROM billing_counters WHERE account_id = $1`,
    [accountId],
  );
  return (
    row ?? {
      usage_day: '1970-01-01',
      day_used: 0,
      day_reserved: 0,
      period_start: '1970-01-01',
      included_used: 0,
      included_reserved: 0,
      overage_used: 0,
      admissions: 0,
    }
  );
}

export interface LedgerRow {
  request_id: string;
  account_id: string;
  credential_kind: string;
  credential_id: string;
  route: string;
  credits: number;
  included_credits: number;
  overage_credits: number;
}

export async function ledgerOf(db: DataSource, accountId: string): Promise<LedgerRow[]> {
  return db.query(
    `SELECT request_id, account_id::text, credential_kind, credential_id, route, credits, included_credits, overage_credits
       FROM billing_ledger WHERE account_id = $1 ORDER BY id`,
    [accountId],
  );
}

/**
 * Re-derives every account's counters from the ledger (used) and the open reservations (reserved), for the
 * counters' own day and period, and returns every disagreement. Empty = the books balance.
 */
export async function ledgerDisagreements(db: DataSource): Promise<unknown[]> {
  return db.query(`
    SELECT c.account_id, c.day_used, l.day_used AS ledger_day_used,
           c.included_used, l.included_used AS ledger_included_used,
           c.overage_used, l.overage_used AS ledger_overage_used,
           c.day_reserved, r.day_reserved AS open_day_reserved,
           c.included_reserved, r.included_reserved AS open_included_reserved,
           c.bonus_reserved, r.bonus_reserved AS open_bonus_reserved
      FROM billing_counters c
     CROSS JOIN LATERAL (
       SELECT coalesce(sum(credits) FILTER (WHERE usage_day = c.usage_day), 0) AS day_used,
              coalesce(sum(included_credits) FILTER (WHERE period_start = c.period_start), 0) AS included_used,
              coalesce(sum(overage_credits) FILTER (WHERE period_start = c.period_start), 0) AS overage_used
         FROM billing_ledger WHERE account_id = c.account_id) l
     CROSS JOIN LATERAL (
       SELECT coalesce(sum(credits) FILTER (WHERE usage_day = c.usage_day), 0) AS day_reserved,
              coalesce(sum(included_credits) FILTER (WHERE period_start = c.period_start), 0) AS included_reserved,
              coalesce(sum(bonus_credits), 0) AS bonus_reserved
         FROM billing_reservations WHERE account_id = c.account_id) r
     WHERE c.day_used <> l.day_used OR c.included_used <> l.included_used OR c.overage_used <> l.overage_used
        OR c.day_reserved <> r.day_reserved OR c.included_reserved <> r.included_reserved
        OR c.bonus_reserved <> r.bonus_reserved`);
}

/**
 * Waits out the last `marginMs` of a UTC day (and so of a month), so a test that books usage for "today" and
 * asserts on it a few seconds later never straddles 00:00 UTC, where "today" (and maybe the period) changes.
 * It decides no outcome: it only keeps the test away from the boundary the time-boundary tests cover on purpose.
 */
export async function clearOfMidnight(marginMs = 15_000): Promise<void> {
  const now = Date.now();
  const untilMidnight = 86_400_000 - (now % 86_400_000);
  if (untilMidnight < marginMs) await new Promise((resolve) => setTimeout(resolve, untilMidnight + 1_000));
}

/**
 * Books `credits` already charged today (one ledger row, and the counters to match), so a test can start
 * right below a real plan's daily cap or included credits without sending thousands of requests.
 */
export async function chargeEarlierToday(
  db: DataSource,
  accountId: string,
  credits: { included: number; overage?: number },
): Promise<void> {
  await clearOfMidnight();
  const overage = credits.overage ?? 0;
  const total = credits.included + overage;
  await db.query(
    `WITH clock AS (SELECT clock_timestamp() AS now),
          day AS (SELECT now, (now AT TIME ZONE 'UTC')::date AS today,
                         date_trunc('month', now AT TIME ZONE 'UTC')::date AS period FROM clock),
          ledger AS (
            INSERT INTO billing_ledger (request_id, account_id, credential_kind, credential_id, route, credits,
                                        included_credits, overage_credits, usage_day, period_start, reserved_at, charged_at)
            SELECT 'fixture', $1, 'api_key', 'fixture', 'GET /fixture', $2, $3, $4, today, period, now, now FROM day)
     INSERT INTO billing_counters (account_id, usage_day, day_used, period_start, included_used, overage_used)
     SELECT $1, today, $2, period, $3, $4 FROM day
     ON CONFLICT (account_id) DO UPDATE
       SET usage_day = EXCLUDED.usage_day, day_used = billing_counters.day_used + EXCLUDED.day_used,
           period_start = EXCLUDED.period_start, included_used = billing_counters.included_used + EXCLUDED.included_used,
           overage_used = billing_counters.overage_used + EXCLUDED.overage_used`,
    [accountId, total, credits.included, overage],
  );
}
