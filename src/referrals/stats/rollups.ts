/**
 * The hourly and daily rollups of the referral funnel (tables and triggers created by migration
 * 1764400000000): their columns, tables, and the deltas each raw event contributes. The triggers that
 * migration installs, `stats:rebuild` and `stats:verify` share these definitions; the triggers are installed
 * once, so changing a delta here needs a new migration that re-creates them.
 */
export const ROLLUP_COLUMNS = ['clicks', 'signups', 'qualified', 'review_required', 'rewarded', 'capped', 'rejected'];

export type RollupUnit = 'hour' | 'day';
export const ROLLUP_TABLES: Record<RollupUnit, string> = { hour: 'referral_stats_hourly', day: 'referral_stats_daily' };

/** Each click, as +sign in its hour or day, once for all campaigns and once for its own campaign. */
export const CLICK_DELTAS = (unit: RollupUnit, rows: string, sign: string) => `
    SELECT c.campaign, date_trunc('${unit}', r.created_at, 'UTC') AS bucket, ${sign} AS clicks,
           0 AS signups, 0 AS qualified, 0 AS review_required, 0 AS rewarded, 0 AS capped, 0 AS rejected
      FROM ${rows} r CROSS JOIN LATERAL (VALUES (''), (r.utm_campaign)) AS c(campaign)
     WHERE c.campaign IS NOT NULL`;

/** Each stage a referral reached, as +sign in the hour or day it was reached. */
export const REFERRAL_DELTAS = (unit: RollupUnit, rows: string, sign: string) => `
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

/**
 * The rollup rows of `unit` recomputed from the raw events (to be grouped by campaign and bucket): the one
 * definition the triggers, `stats:rebuild` and `stats:verify` share.
 */
export function rollupsFromEvents(unit: RollupUnit): string {
  return `${CLICK_DELTAS(unit, 'referral_clicks', '1')} UNION ALL ${REFERRAL_DELTAS(unit, 'referrals', '1')}`;
}
