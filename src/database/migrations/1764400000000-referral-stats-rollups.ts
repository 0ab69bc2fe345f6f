import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  CLICK_DELTAS,
  REFERRAL_DELTAS,
  ROLLUP_COLUMNS,
  ROLLUP_TABLES,
  rollupsFromEvents,
  type RollupUnit,
} from '../../referrals/stats/rollups';

/**
 * Hourly and daily rollups of the referral funnel, so a stats window costs O(days + hours at its ends)
 * instead of O(events): a window is summed from daily rows for its whole UTC days, hourly rows for the
 * whole hours at either end, and raw events only for the partial hours at its very edges.
 *
 * One row per (campaign, UTC hour or day); campaign '' holds the totals over all campaigns (a real
 * campaign is 1–200 characters, so '' cannot collide). Statement-level triggers with transition tables keep the rows
 * exact in the same transaction as the events, whoever writes them (the API, a bulk import, a fix-up by
 * hand), and cost one grouped upsert per statement rather than one per row. Rows are upserted in
 * (campaign, bucket) order so concurrent writers lock them in the same order and cannot deadlock.
 */

const UPSERT = (unit: RollupUnit, source: string) => `
    INSERT INTO ${ROLLUP_TABLES[unit]} AS t (campaign, bucket, ${ROLLUP_COLUMNS.join(', ')})
    SELECT campaign, bucket, ${ROLLUP_COLUMNS.map((c) => `sum(${c})`).join(', ')}
      FROM (${source}) AS deltas
     GROUP BY campaign, bucket
    HAVING ${ROLLUP_COLUMNS.map((c) => `sum(${c}) <> 0`).join(' OR ')}
     ORDER BY campaign, bucket
    ON CONFLICT (campaign, bucket) DO UPDATE
       SET ${ROLLUP_COLUMNS.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ')}`;

type Deltas = (unit: RollupUnit, rows: string, sign: string) => string;

/** Hourly rows first, then daily, in every writer: one lock order for all. */
const UPSERT_BOTH = (source: (unit: RollupUnit) => string) =>
  `${UPSERT('hour', source('hour'))};\n${UPSERT('day', source('day'))}`;

function triggerFunction(name: string, deltas: Deltas): string {
  return `
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      ${UPSERT_BOTH((unit) => deltas(unit, 'new_rows', '1'))};
    ELSIF TG_OP = 'DELETE' THEN
      ${UPSERT_BOTH((unit) => deltas(unit, 'old_rows', '-1'))};
    ELSE
      ${UPSERT_BOTH((unit) => `${deltas(unit, 'new_rows', '1')} UNION ALL ${deltas(unit, 'old_rows', '-1')}`)};
    END IF;
    RETURN NULL;
  END
  $$`;
}

export class ReferralStatsRollups1764400000000 implements MigrationInterface {
  name = 'ReferralStatsRollups1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const unit of ['hour', 'day'] as const) {
      await queryRunner.query(`
        CREATE TABLE ${ROLLUP_TABLES[unit]} (
          campaign        text NOT NULL,
          bucket          timestamptz NOT NULL CHECK (bucket = date_trunc('${unit}', bucket, 'UTC')),
          -- No CHECK (>= 0): an upsert with a negative delta (a delete) is checked as an insert first and would fail.
          ${ROLLUP_COLUMNS.map((c) => `${c} bigint NOT NULL DEFAULT 0`).join(',\n          ')},
          PRIMARY KEY (campaign, bucket)
        )`);
    }
    await queryRunner.query(triggerFunction('referral_clicks_rollup', CLICK_DELTAS));
    await queryRunner.query(triggerFunction('referrals_rollup', REFERRAL_DELTAS));
    for (const [table, fn] of [
      ['referral_clicks', 'referral_clicks_rollup'],
      ['referrals', 'referrals_rollup'],
    ]) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_rollup_insert AFTER INSERT ON ${table}
           REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_rollup_update AFTER UPDATE ON ${table}
           REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_rollup_delete AFTER DELETE ON ${table}
           REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
    }
    // Raw events are now only counted over the partial hours at a window's edges: a few hundred rows, which
    // the stage-time indexes serve alone. The per-campaign copies of them only cost writes from here on.
    for (const column of ['signed_up_at', 'review_required_at', 'qualified_at', 'rewarded_at', 'capped_at', 'rejected_at']) {
      await queryRunner.query(`DROP INDEX referrals_campaign_${column}_idx`);
    }
    // (signed_up_at DESC, id DESC) from the review listing serves signup-time ranges as well.
    await queryRunner.query(`DROP INDEX referrals_signed_up_at_idx`);

    // Rows that exist already (demo data, an upgraded deployment).
    for (const unit of ['hour', 'day'] as const) await queryRunner.query(UPSERT(unit, rollupsFromEvents(unit)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['referral_clicks', 'referrals']) {
      for (const event of ['insert', 'update', 'delete']) {
        await queryRunner.query(`DROP TRIGGER ${table}_rollup_${event} ON ${table}`);
      }
    }
    await queryRunner.query(`DROP FUNCTION referrals_rollup()`);
    await queryRunner.query(`DROP FUNCTION referral_clicks_rollup()`);
    await queryRunner.query(`CREATE INDEX referrals_signed_up_at_idx ON referrals (signed_up_at)`);
    for (const column of ['signed_up_at', 'review_required_at', 'qualified_at', 'rewarded_at', 'capped_at', 'rejected_at']) {
      const partial = column === 'signed_up_at' ? '' : `WHERE ${column} IS NOT NULL`;
      await queryRunner.query(`CREATE INDEX referrals_campaign_${column}_idx ON referrals (utm_campaign, ${column}) ${partial}`);
    }
    await queryRunner.query(`DROP TABLE referral_stats_daily`);
    await queryRunner.query(`DROP TABLE referral_stats_hourly`);
  }
}
