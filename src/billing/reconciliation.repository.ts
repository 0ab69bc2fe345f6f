import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GenerateSql } from '../database/generate-sql';

/** One account whose counters disagree with what the ledger and the open reservations say they should be. */
export interface CounterDrift {
  account_id: string;
  usage_day: string;
  period_start: string;
  counters: Record<string, number>;
  expected: Record<string, number>;
}

/**
 * The counters' current day and period, recomputed: used from the ledger (a charge is in the ledger from its
 * admission until a failed request refunds it), reserved from the reservations still open.
 */
const EXPECTED = `
  SELECT c.account_id, c.usage_day, c.period_start,
         c.day_used, c.day_reserved, c.included_used, c.included_reserved, c.overage_used, c.bonus_reserved,
         coalesce(l.day_used, 0) AS expected_day_used,
         coalesce(l.included_used, 0) AS expected_included_used,
         coalesce(l.overage_used, 0) AS expected_overage_used,
         coalesce(r.day_reserved, 0) AS expected_day_reserved,
         coalesce(r.included_reserved, 0) AS expected_included_reserved,
         coalesce(r.bonus_reserved, 0) AS expected_bonus_reserved
    FROM billing_counters c
    LEFT JOIN LATERAL (
      SELECT sum(credits) FILTER (WHERE usage_day = c.usage_day) AS day_used,
             sum(included_credits) FILTER (WHERE period_start = c.period_start) AS included_used,
             sum(overage_credits) FILTER (WHERE period_start = c.period_start) AS overage_used
        FROM billing_ledger WHERE account_id = c.account_id) l ON true
    LEFT JOIN LATERAL (
      SELECT sum(credits) FILTER (WHERE usage_day = c.usage_day) AS day_reserved,
             sum(included_credits) FILTER (WHERE period_start = c.period_start) AS included_reserved,
             sum(bonus_credits) AS bonus_reserved
        FROM billing_reservations WHERE account_id = c.account_id) r ON true`;

const COLUMNS = ['day_used', 'included_used', 'overage_used', 'day_reserved', 'included_reserved', 'bonus_reserved'];

const DRIFTED = `${COLUMNS.map((column) => `${column} <> expected_${column}`).join(' OR ')}`;

/** Finds and repairs drift between the counters and the ledger (`npm run cli -- billing:reconcile`). */
@Injectable()
export class ReconciliationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @GenerateSql()
  async findDrift(): Promise<CounterDrift[]> {
    const rows: Array<Record<string, string>> = await this.dataSource.query(
      `SELECT * FROM (${EXPECTED}) AS e WHERE ${DRIFTED} ORDER BY account_id`,
    );
    return rows.map(toDrift);
  }

  /**
   * Sets drifted counters to their expected values, each account under its counters row lock (the lock every
   * admission takes), so no request is admitted against a half-repaired row. Returns what was repaired.
   */
  @GenerateSql()
  repair(): Promise<CounterDrift[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT account_id FROM billing_counters ORDER BY account_id FOR UPDATE`);
      const rows: Array<Record<string, string>> = await manager.query(
        `SELECT * FROM (${EXPECTED}) AS e WHERE ${DRIFTED} ORDER BY account_id`,
      );
      for (const row of rows) {
        await manager.query(
          `UPDATE billing_counters SET ${COLUMNS.map((column, i) => `${column} = $${i + 2}`).join(', ')}
            WHERE account_id = $1`,
          [row.account_id, ...COLUMNS.map((column) => row[`expected_${column}`])],
        );
      }
      return rows.map(toDrift);
    });
  }
}

function toDrift(row: Record<string, string>): CounterDrift {
  return {
    account_id: row.account_id,
    usage_day: String(row.usage_day),
    period_start: String(row.period_start),
    counters: Object.fromEntries(COLUMNS.map((column) => [column, Number(row[column])])),
    expected: Object.fromEntries(COLUMNS.map((column) => [column, Number(row[`expected_${column}`])])),
  };
}
