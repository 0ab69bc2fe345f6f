import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CounterSnapshot } from './metering/metering.types';
import { GenerateSql, SQL_SAMPLE } from '../database/generate-sql';

/** An account's counters for the current UTC day and period, as of `now` (the database clock). */
export interface CurrentUsage extends Omit<CounterSnapshot, 'minuteOldest'> {
  /** Unexpired, unreserved bonus credits, per expiry (soonest first). */
  readonly bonus: ReadonlyArray<{ expiresAt: Date; remaining: number }>;
}

/**
 * A plain read (no lock): usage is informational, and a request in flight may finish a moment later.
 * Counters of a past day or period read as zero, exactly as the admission statement reads them
 * (billing_rollover); the minute's admissions are counted by the rate limiter's own window function; an account
 * that never made a metered request has no row and reads as zero too.
 */
const CURRENT_USAGE = `
SELECT t.now,
       billing_rollover(c.day_used, c.usage_day, t.today) AS day_used,
       billing_rollover(c.day_reserved, c.usage_day, t.today) AS day_reserved,
       billing_rollover(c.included_used, c.period_start, t.this_period) AS included_used,
       billing_rollover(c.included_reserved, c.period_start, t.this_period) AS included_reserved,
       billing_rollover(c.overage_used, c.period_start, t.this_period) AS overage_used,
       (SELECT w.minute_count FROM billing_rate_window(c.recent_admissions, c.admissions_epoch, t.now) w) AS minute_count,
       (SELECT coalesce(json_agg(json_build_object('expiresAt', e, 'remaining', r) ORDER BY e), '[]')
          FROM unnest(bonus_spend(c.bonus_expires_at, c.bonus_remaining, t.now, c.bonus_reserved), c.bonus_expires_at)
               AS b(r, e)
         WHERE e > t.now AND r > 0) AS bonus
  FROM (SELECT now, (now AT TIME ZONE 'UTC')::date AS today,
               date_trunc('month', now AT TIME ZONE 'UTC')::date AS this_period
          FROM (SELECT clock_timestamp() AS now) clock) t
  LEFT JOIN billing_counters c ON c.account_id = $1`;

interface UsageRow {
  now: Date;
  day_used: string | null;
  day_reserved: string | null;
  included_used: string | null;
  included_reserved: string | null;
  overage_used: string | null;
  minute_count: number | null;
  bonus: Array<{ expiresAt: string; remaining: number }> | null;
}

@Injectable()
export class UsageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @GenerateSql({ params: [SQL_SAMPLE.accountId] })
  async currentUsage(accountId: string): Promise<CurrentUsage> {
    const [row] = (await this.dataSource.query(CURRENT_USAGE, [accountId])) as UsageRow[];
    return {
      now: row.now,
      dayUsed: Number(row.day_used ?? 0),
      dayReserved: Number(row.day_reserved ?? 0),
      includedUsed: Number(row.included_used ?? 0),
      includedReserved: Number(row.included_reserved ?? 0),
      overageUsed: Number(row.overage_used ?? 0),
      minuteCount: row.minute_count ?? 0,
      bonus: (row.bonus ?? []).map((balance) => ({ expiresAt: new Date(balance.expiresAt), remaining: Number(balance.remaining) })),
    };
  }
}
