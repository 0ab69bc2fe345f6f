import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GenerateSql, SkipSqlSnapshot, SQL_SAMPLE } from '../database/generate-sql';
import { entityManagerOf, inTransaction, TransactionContext } from '../database/transaction-context';
import type { UsageCounterKind } from './usage-counter-kinds';

/**
 * Adds a batch of counts (one row per account, day and kind, summed in memory) in one statement. `inserted`
 * is true for a row this statement created: the first count of that kind for that account that day, which
 * is the transition billing.daily_cap_reached / billing.credits_exhausted announce.
 */
const ADD_COUNTS = `
INSERT INTO usage_daily_counters AS c (account_id, day, kind, count)
SELECT * FROM unnest($1::uuid[], $2::date[], $3::text[], $4::bigint[])
ON CONFLICT (account_id, day, kind) DO UPDATE SET count = c.count + excluded.count
RETURNING account_id, to_char(day, 'YYYY-MM-DD') AS day, kind, (xmax = 0) AS inserted`;

/**
 * Of these accounts, those whose current period has overage charged (billing_counters, read only), and
 * whether this statement is the first to record it (the billing.overage_started transition).
 */
const MARK_OVERAGE = `
WITH over AS (
  SELECT account_id, period_start FROM billing_counters WHERE account_id = ANY($1::uuid[]) AND overage_used > 0
),
marked AS (
  INSERT INTO usage_overage_periods (account_id, period_start)
  SELECT account_id, period_start FROM over
  ON CONFLICT (account_id, period_start) DO NOTHING
  RETURNING account_id, period_start
)
SELECT o.account_id, to_char(o.period_start, 'YYYY-MM-DD') AS period_start, (m.account_id IS NOT NULL) AS started_now
  FROM over o LEFT JOIN marked m ON m.account_id = o.account_id AND m.period_start = o.period_start`;

/**
 * One row per UTC day of [$2, $3] (both inclusive), days without usage included as zeros. Charges come from
 * the ledger (every row, as it stands: a request still in flight is there provisionally until it settles);
 * admissions and refusals from usage_daily_counters. The period_start bound lets the ledger's
 * (account_id, period_start, usage_day) index narrow the scan to the window's months.
 */
const DAILY_USAGE = `
WITH days AS (
  SELECT d::date AS day FROM generate_series($2::date, $3::date, interval '1 day') d
),
ledger AS (
  SELECT usage_day, sum(credits)::bigint AS credits, count(*)::bigint AS requests,
         sum(included_credits)::bigint AS included, sum(overage_credits)::bigint AS overage,
         sum(bonus_credits)::bigint AS bonus
    FROM billing_ledger
   WHERE account_id = $1 AND usage_day BETWEEN $2::date AND $3::date
     AND period_start BETWEEN date_trunc('month', $2::date)::date AND $3::date
   GROUP BY usage_day
),
counters AS (
  SELECT day,
         sum(count) FILTER (WHERE kind = 'admitted')::bigint AS admitted,
         sum(count) FILTER (WHERE kind = 'rate_limited')::bigint AS rate_limited,
         sum(count) FILTER (WHERE kind = 'daily_cap_reached')::bigint AS daily_cap_reached,
         sum(count) FILTER (WHERE kind = 'credits_exhausted')::bigint AS credits_exhausted
    FROM usage_daily_counters
   WHERE account_id = $1 AND day BETWEEN $2::date AND $3::date
   GROUP BY day
)
SELECT to_char(days.day, 'YYYY-MM-DD') AS day,
       coalesce(l.credits, 0) AS credits, coalesce(l.requests, 0) AS requests,
       coalesce(l.included, 0) AS included, coalesce(l.overage, 0) AS overage, coalesce(l.bonus, 0) AS bonus,
       coalesce(c.admitted, 0) AS admitted, coalesce(c.rate_limited, 0) AS rate_limited,
       coalesce(c.daily_cap_reached, 0) AS daily_cap_reached, coalesce(c.credits_exhausted, 0) AS credits_exhausted
  FROM days
  LEFT JOIN ledger l ON l.usage_day = days.day
  LEFT JOIN counters c ON c.day = days.day
 ORDER BY days.day`;

/**
 * The accounts charged the most credits in [$1, $2] (inclusive days), largest first, ties by account id.
 * Scans the window's ledger rows (an admin report; no index on usage_day alone, to keep the hot insert lean).
 */
const TOP_CONSUMERS = `
SELECT l.account_id, a.email, a.plan, sum(l.credits)::bigint AS credits, count(*)::bigint AS requests,
       sum(l.overage_credits)::bigint AS overage
  FROM billing_ledger l
  JOIN accounts a ON a.id = l.account_id
 WHERE l.usage_day BETWEEN $1::date AND $2::date
 GROUP BY l.account_id, a.email, a.plan
 ORDER BY credits DESC, l.account_id
 LIMIT $3`;

export interface CountEntry {
  accountId: string;
  day: string;
  kind: UsageCounterKind;
  count: number;
}

export interface DailyUsageRow {
  day: string;
  credits: string;
  requests: string;
  included: string;
  overage: string;
  bonus: string;
  admitted: string;
  rate_limited: string;
  daily_cap_reached: string;
  credits_exhausted: string;
}

export interface TopConsumerRow {
  account_id: string;
  email: string;
  plan: string;
  credits: string;
  requests: string;
  overage: string;
}

/** Statements on usage_daily_counters and usage_overage_periods (written here only), and the history reads. */
@Injectable()
export class UsageHistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @SkipSqlSnapshot('runs the work in one transaction: addCounts and markOverage snapshot its statements')
  transaction<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work);
  }

  @GenerateSql({ params: [SQL_SAMPLE.transaction, [{ accountId: SQL_SAMPLE.accountId, day: SQL_SAMPLE.day, kind: 'admitted', count: 3 }]] })
  async addCounts(tx: TransactionContext, entries: CountEntry[]): Promise<Array<{ account_id: string; day: string; kind: UsageCounterKind; inserted: boolean }>> {
    if (entries.length === 0) return [];
    return entityManagerOf(tx).query(ADD_COUNTS, [
      entries.map((entry) => entry.accountId),
      entries.map((entry) => entry.day),
      entries.map((entry) => entry.kind),
      entries.map((entry) => entry.count),
    ]);
  }

  @GenerateSql({ params: [SQL_SAMPLE.transaction, [SQL_SAMPLE.accountId]] })
  async markOverage(tx: TransactionContext, accountIds: string[]): Promise<Array<{ account_id: string; period_start: string; started_now: boolean }>> {
    if (accountIds.length === 0) return [];
    return entityManagerOf(tx).query(MARK_OVERAGE, [accountIds]);
  }

  @GenerateSql({ params: [SQL_SAMPLE.accountId, '2026-01-01', '2026-01-31'] })
  dailyUsage(accountId: string, from: string, to: string): Promise<DailyUsageRow[]> {
    return this.dataSource.query(DAILY_USAGE, [accountId, from, to]);
  }

  @GenerateSql({ params: ['2026-01-01', '2026-01-31', 10] })
  topConsumers(from: string, to: string, limit: number): Promise<TopConsumerRow[]> {
    return this.dataSource.query(TOP_CONSUMERS, [from, to, limit]);
  }
}
