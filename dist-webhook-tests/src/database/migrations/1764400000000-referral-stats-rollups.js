"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ROLLUP_COLUMNS = exports.ReferralStatsRollups1764400000000 = exports.ROLLUP_TABLES = void 0;
exports.rollupsFromEvents = rollupsFromEvents;
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
const ROLLUP_COLUMNS = ['clicks', 'signups', 'qualified', 'review_required', 'rewarded', 'capped', 'rejected'];
exports.ROLLUP_COLUMNS = ROLLUP_COLUMNS;
exports.ROLLUP_TABLES = { hour: 'referral_stats_hourly', day: 'referral_stats_daily' };
const UPSERT = (unit, source) => `
    INSERT INTO ${exports.ROLLUP_TABLES[unit]} AS t (campaign, bucket, ${ROLLUP_COLUMNS.join(', ')})
    SELECT campaign, bucket, ${ROLLUP_COLUMNS.map((c) => `sum(${c})`).join(', ')}
      FROM (${source}) AS deltas
     GROUP BY campaign, bucket
    HAVING ${ROLLUP_COLUMNS.map((c) => `sum(${c}) <> 0`).join(' OR ')}
     ORDER BY campaign, bucket
    ON CONFLICT (campaign, bucket) DO UPDATE
       SET ${ROLLUP_COLUMNS.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ')}`;
/** Each click, as +sign in its hour or day, once for all campaigns and once for its own campaign. */
const CLICK_DELTAS = (unit, rows, sign) => `
    SELECT c.campaign, date_trunc('${unit}', r.created_at, 'UTC') AS bucket, ${sign} AS clicks,
           0 AS signups, 0 AS qualified, 0 AS review_required, 0 AS rewarded, 0 AS capped, 0 AS rejected
      FROM ${rows} r CROSS JOIN LATERAL (VALUES (''), (r.utm_campaign)) AS c(campaign)
     WHERE c.campaign IS NOT NULL`;
/** Each stage a referral reached, as +sign in the hour or day it was reached. */
const REFERRAL_DELTAS = (unit, rows, sign) => `
    SELECT c.campaign, date_trunc('${unit}', s.at, 'UTC') AS bucket, 0 AS clicks,
           CASE WHEN s.stage = 'signups' THEN ${sign} ELSE 0 END AS signups,
           CASE WHEN s.stage = 'qualified' THEN ${sign} ELSE 0 END AS qualified,
           CASE WHEN s.stage = 'review_required' THEN ${sign} ELSE 0 END AS review_required,
           CASE WHEN s.stage = 'rewarded' THEN ${sign} ELSE 0 END AS rewarded,
           CASE WHEN s.stage = 'capped' THEN ${sign} ELSE 0 END AS capped,
           CASE WHEN s.stage = 'rejected' THEN ${sign} ELSE 0 END AS rejected
      FROM ${rows} r
     CROSS JOIN LATERAL (VALUES ('signups', r.signed_up_at), ('qualified', r.qualified_at),
                                ('review_required', r.review_required_at), ('rewarded', r.rewarded_at),
                                ('capped', r.capped_at), ('rejected', r.rejected_at)) AS s(stage, at)
     CROSS JOIN LATERAL (VALUES (''), (r.utm_campaign)) AS c(campaign)
     WHERE s.at IS NOT NULL AND c.campaign IS NOT NULL`;
/** Hourly rows first, then daily, in every writer: one lock order for all. */
const UPSERT_BOTH = (source) => `${UPSERT('hour', source('hour'))};\n${UPSERT('day', source('day'))}`;
function triggerFunction(name, deltas) {
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
class ReferralStatsRollups1764400000000 {
    constructor() {
        this.name = 'ReferralStatsRollups1764400000000';
    }
    async up(queryRunner) {
        for (const unit of ['hour', 'day']) {
            await queryRunner.query(`
        CREATE TABLE ${exports.ROLLUP_TABLES[unit]} (
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
            await queryRunner.query(`CREATE TRIGGER ${table}_rollup_insert AFTER INSERT ON ${table}
           REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
            await queryRunner.query(`CREATE TRIGGER ${table}_rollup_update AFTER UPDATE ON ${table}
           REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
            await queryRunner.query(`CREATE TRIGGER ${table}_rollup_delete AFTER DELETE ON ${table}
           REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
        }
        // Raw events are now only counted over the partial hours at a window's edges: a few hundred rows, which
        // the stage-time indexes serve alone. The per-campaign copies of them only cost writes from here on.
        for (const column of ['signed_up_at', 'review_required_at', 'qualified_at', 'rewarded_at', 'capped_at', 'rejected_at']) {
            await queryRunner.query(`DROP INDEX referrals_campaign_${column}_idx`);
        }
        // (signed_up_at DESC, id DESC) from the review listing serves signup-time ranges as well.
        await queryRunner.query(`DROP INDEX referrals_signed_up_at_idx`);
        // Rows that exist already (demo data, an upgraded deployment).
        for (const unit of ['hour', 'day'])
            await queryRunner.query(UPSERT(unit, rollupsFromEvents(unit)));
    }
    async down(queryRunner) {
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
exports.ReferralStatsRollups1764400000000 = ReferralStatsRollups1764400000000;
/**
 * The rollup rows of `unit` recomputed from the raw events (to be grouped by campaign and bucket): the one
 * definition the triggers, `stats:rebuild` and `stats:verify` share.
 */
function rollupsFromEvents(unit) {
    return `${CLICK_DELTAS(unit, 'referral_clicks', '1')} UNION ALL ${REFERRAL_DELTAS(unit, 'referrals', '1')}`;
}
//# sourceMappingURL=1764400000000-referral-stats-rollups.js.map