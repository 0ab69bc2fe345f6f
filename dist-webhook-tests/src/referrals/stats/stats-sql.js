"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STATS_ROUTINES = exports.FUNNEL_FOR_CAMPAIGN_ROUTINE = exports.FUNNEL_ROUTINE = exports.ROLLUP_TABLES = exports.ROLLUP_COLUMNS = exports.CAMPAIGN_SORTS = exports.FUNNEL_QUERY_FOR_CAMPAIGN = exports.FUNNEL_QUERY = exports.FUNNEL_EVENTS = exports.ALL_CAMPAIGNS = void 0;
exports.seriesQuery = seriesQuery;
exports.campaignsQuery = campaignsQuery;
exports.driftQuery = driftQuery;
exports.rebuildStatement = rebuildStatement;
exports.seriesRoutine = seriesRoutine;
exports.campaignsRoutine = campaignsRoutine;
const _1764400000000_referral_stats_rollups_1 = require("../../database/migrations/1764400000000-referral-stats-rollups");
Object.defineProperty(exports, "ROLLUP_COLUMNS", { enumerable: true, get: function () { return _1764400000000_referral_stats_rollups_1.ROLLUP_COLUMNS; } });
Object.defineProperty(exports, "ROLLUP_TABLES", { enumerable: true, get: function () { return _1764400000000_referral_stats_rollups_1.ROLLUP_TABLES; } });
/**
 * The stats statements, built once at load time from constant names only: every value is a bind parameter.
 * They share one shape: a window is the sum of its parts (see window-parts.ts), whole UTC days from the
 * daily rollups, whole hours from the hourly rollups, and the partial hours at its edges from raw events.
 */
/** The rollup row holding the totals over all campaigns. */
exports.ALL_CAMPAIGNS = '';
/** Each funnel count: its rollup column, and the raw table and timestamp that date its events. */
exports.FUNNEL_EVENTS = [
    ['clicks', 'clicks', 'referral_clicks', 'created_at'],
    ['attributedSignups', 'signups', 'referrals', 'signed_up_at'],
    ['qualified', 'qualified', 'referrals', 'qualified_at'],
    ['reviewRequired', 'review_required', 'referrals', 'review_required_at'],
    ['rewarded', 'rewarded', 'referrals', 'rewarded_at'],
    ['capped', 'capped', 'referrals', 'capped_at'],
    ['rejected', 'rejected', 'referrals', 'rejected_at'],
];
const param = (n) => `$${n}::timestamptz`;
/** $2..$11, in the order of windowParameters(). */
const WINDOW_PARAMETERS = {
    days: [param(2), param(3)],
    hours: [
        [param(4), param(5)],
        [param(6), param(7)],
    ],
    raw: [
        [param(8), param(9)],
        [param(10), param(11)],
    ],
};
/** Raw counts of each stage's events in [lower, upper), each an index range scan on its timestamp. */
function rawCounts([lower, upper], withCampaign) {
    const campaignFilter = withCampaign ? ' AND utm_campaign = $1' : '';
    return exports.FUNNEL_EVENTS.map(([alias, , table, column]) => `(SELECT count(*) FROM ${table} WHERE ${column} >= ${lower} AND ${column} < ${upper}${campaignFilter}) AS "${alias}"`).join(', ');
}
function rollupSums(unit, [lower, upper]) {
    const sums = exports.FUNNEL_EVENTS.map(([alias, column]) => `coalesce(sum(${column}), 0) AS "${alias}"`).join(', ');
    return `SELECT ${sums} FROM ${_1764400000000_referral_stats_rollups_1.ROLLUP_TABLES[unit]} WHERE campaign = $1 AND bucket >= ${lower} AND bucket < ${upper}`;
}
/** The funnel of one window. $1 is the campaign ('' = all campaigns; also the raw filter when `withCampaign`). */
function funnelSelect(bounds, withCampaign) {
    const totals = exports.FUNNEL_EVENTS.map(([alias]) => `sum("${alias}")::bigint AS "${alias}"`).join(', ');
    const parts = [
        rollupSums('day', bounds.days),
        ...bounds.hours.map((range) => rollupSums('hour', range)),
        ...bounds.raw.map((range) => `SELECT ${rawCounts(range, withCampaign)}`),
    ];
    return `SELECT ${totals} FROM (${parts.join('\n UNION ALL ')}) AS parts`;
}
exports.FUNNEL_QUERY = funnelSelect(WINDOW_PARAMETERS, false);
exports.FUNNEL_QUERY_FOR_CAMPAIGN = funnelSelect(WINDOW_PARAMETERS, true);
/**
 * Bucket starts of a series in `$4` (an IANA zone): hours are absolute (a DST change does not repeat or skip
 * one); days, weeks (from Monday) and months are calendar units in the zone, so a DST day lasts 23 or 25 hours.
 */
const SERIES_BOUNDARIES = {
    hour: `SELECT generate_series(date_trunc('hour', $2::timestamptz, $4), $3::timestamptz - interval '1 microsecond',
                                interval '1 hour') AS boundary`,
    day: calendarBoundaries('day'),
    week: calendarBoundaries('week'),
    month: calendarBoundaries('month'),
};
function calendarBoundaries(unit) {
    return `SELECT local AT TIME ZONE $4 AS boundary
            FROM generate_series(date_trunc('${unit}', $2::timestamptz AT TIME ZONE $4),
                                 ($3::timestamptz - interval '1 microsecond') AT TIME ZONE $4,
                                 interval '1 ${unit}') AS local`;
}
const HOUR_FLOOR = (column) => `date_trunc('hour', ${column}, 'UTC')`;
const EMPTY = `'infinity'::timestamptz`;
/**
 * The funnel of every bucket of [$2, $3) in one statement. Bucket edges in a zone need not fall on UTC days
 * (nor, in a half-hour zone, on hours), so each bucket is summed from hourly rollups and raw partial hours.
 */
function seriesQuery(interval, withCampaign) {
    const noWholeHour = 'w.lo_ceil >= w.hi_floor';
    const bounds = {
        days: [EMPTY, EMPTY],
        hours: [[`CASE WHEN ${noWholeHour} THEN ${EMPTY} ELSE w.lo_ceil END`, `CASE WHEN ${noWholeHour} THEN ${EMPTY} ELSE w.hi_floor END`]],
        raw: [
            ['w.lo', `CASE WHEN ${noWholeHour} THEN w.hi ELSE w.lo_ceil END`],
            [`CASE WHEN ${noWholeHour} THEN ${EMPTY} ELSE w.hi_floor END`, `CASE WHEN ${noWholeHour} THEN ${EMPTY} ELSE w.hi END`],
        ],
    };
    return `
    WITH boundaries AS (${SERIES_BOUNDARIES[interval]}),
    buckets AS (
      SELECT greatest(boundary, $2::timestamptz) AS lo,
             least(coalesce(lead(boundary) OVER (ORDER BY boundary), $3::timestamptz), $3::timestamptz) AS hi
        FROM boundaries
    ),
    w AS (
      SELECT lo, hi, ${HOUR_FLOOR('hi')} AS hi_floor,
             CASE WHEN ${HOUR_FLOOR('lo')} = lo THEN lo ELSE ${HOUR_FLOOR('lo')} + interval '1 hour' END AS lo_ceil
        FROM buckets WHERE lo < hi
    )
    SELECT to_char(w.lo AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "from",
           to_char(w.hi AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "to",
           extract(epoch FROM (w.lo AT TIME ZONE $4) - (w.lo AT TIME ZONE 'UTC'))::int AS "offsetSeconds",
           f.*
      FROM w CROSS JOIN LATERAL (${funnelSelect(bounds, withCampaign)}) AS f
     ORDER BY w.lo`;
}
/** Campaign rows of the breakdown are ordered by this count (its rollup column). */
exports.CAMPAIGN_SORTS = {
    clicks: 'clicks',
    attributed_signups: 'signups',
    qualified_referrals: 'qualified',
    review_required: 'review_required',
    rewarded_referrals: 'rewarded',
    capped_referrals: 'capped',
    rejected_referrals: 'rejected',
};
/** Per-campaign funnels of the window given as $2..$11 (like FUNNEL_QUERY), top $1 by the sort column. */
function campaignsQuery(sort) {
    const { days, hours, raw } = WINDOW_PARAMETERS;
    const inRaw = (column) => `(${raw.map(([lo, hi]) => `(${column} >= ${lo} AND ${column} < ${hi})`).join(' OR ')})`;
    const stages = exports.FUNNEL_EVENTS.filter(([, , table]) => table === 'referrals').map(([, , , column]) => column);
    const rollupRows = (unit, [lo, hi]) => `SELECT campaign, ${_1764400000000_referral_stats_rollups_1.ROLLUP_COLUMNS.join(', ')} FROM ${_1764400000000_referral_stats_rollups_1.ROLLUP_TABLES[unit]}
      WHERE campaign <> '' AND bucket >= ${lo} AND bucket < ${hi}`;
    return `
    SELECT campaign, ${_1764400000000_referral_stats_rollups_1.ROLLUP_COLUMNS.map((c) => `sum(${c})::bigint AS ${c}`).join(', ')}
      FROM (
        ${[rollupRows('day', days), ...hours.map((range) => rollupRows('hour', range))].join('\n UNION ALL ')}
        UNION ALL
        SELECT utm_campaign, 1, 0, 0, 0, 0, 0, 0 FROM referral_clicks
         WHERE utm_campaign IS NOT NULL AND ${inRaw('created_at')}
        UNION ALL
        SELECT utm_campaign, 0, ${stages.map((column) => `${inRaw(column)}::int`).join(', ')}
          FROM referrals
         WHERE utm_campaign IS NOT NULL AND (${stages.map(inRaw).join(' OR ')})
      ) AS parts
     GROUP BY campaign
    HAVING ${_1764400000000_referral_stats_rollups_1.ROLLUP_COLUMNS.map((c) => `sum(${c}) <> 0`).join(' OR ')}
     ORDER BY ${exports.CAMPAIGN_SORTS[sort]} DESC, campaign ASC
     LIMIT $1`;
}
/** Rollup rows of `unit` that differ from a recount of the raw events. */
function driftQuery(unit) {
    const table = _1764400000000_referral_stats_rollups_1.ROLLUP_TABLES[unit];
    return `
    WITH expected AS (
      SELECT campaign, bucket, ${_1764400000000_referral_stats_rollups_1.ROLLUP_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')}
        FROM (${(0, _1764400000000_referral_stats_rollups_1.rollupsFromEvents)(unit)}) AS deltas GROUP BY campaign, bucket
    )
    SELECT '${unit}' AS unit, coalesce(s.campaign, e.campaign) AS campaign,
           to_char(coalesce(s.bucket, e.bucket) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS bucket,
           ${_1764400000000_referral_stats_rollups_1.ROLLUP_COLUMNS.map((c) => `coalesce(s.${c}, 0) AS stored_${c}, coalesce(e.${c}, 0) AS expected_${c}`).join(', ')}
      FROM ${table} s
      FULL JOIN expected e ON e.campaign = s.campaign AND e.bucket = s.bucket
     WHERE ${_1764400000000_referral_stats_rollups_1.ROLLUP_COLUMNS.map((c) => `coalesce(s.${c}, 0) <> coalesce(e.${c}, 0)`).join(' OR ')}
     ORDER BY 2, 3
     LIMIT $1`;
}
/** Every row of `unit` recomputed from the raw events. */
function rebuildStatement(unit) {
    return `
    INSERT INTO ${_1764400000000_referral_stats_rollups_1.ROLLUP_TABLES[unit]} (campaign, bucket, ${_1764400000000_referral_stats_rollups_1.ROLLUP_COLUMNS.join(', ')})
    SELECT campaign, bucket, ${_1764400000000_referral_stats_rollups_1.ROLLUP_COLUMNS.map((c) => `sum(${c})`).join(', ')}
      FROM (${(0, _1764400000000_referral_stats_rollups_1.rollupsFromEvents)(unit)}) AS deltas GROUP BY campaign, bucket
    RETURNING 1`;
}
/** The stats statements as server-side functions (see database/routines.ts), one per statement above. */
const WINDOW_TYPES = Array(10).fill('timestamptz');
const FUNNEL_COLUMNS = exports.FUNNEL_EVENTS.map(([alias]) => `"${alias}" bigint`).join(', ');
function funnelRoutine(withCampaign) {
    return {
        name: withCampaign ? 'referral_funnel_campaign' : 'referral_funnel',
        parameters: ['text', ...WINDOW_TYPES],
        returns: `TABLE (${FUNNEL_COLUMNS})`,
        body: withCampaign ? exports.FUNNEL_QUERY_FOR_CAMPAIGN : exports.FUNNEL_QUERY,
    };
}
function seriesRoutine(interval, withCampaign) {
    return {
        name: `referral_series_${interval}${withCampaign ? '_campaign' : ''}`,
        parameters: ['text', 'timestamptz', 'timestamptz', 'text'],
        returns: `TABLE ("from" text, "to" text, "offsetSeconds" int, ${FUNNEL_COLUMNS})`,
        body: seriesQuery(interval, withCampaign),
    };
}
function campaignsRoutine(sort) {
    return {
        name: `referral_campaigns_${sort}`,
        parameters: ['int', ...WINDOW_TYPES],
        returns: `TABLE (campaign text, ${_1764400000000_referral_stats_rollups_1.ROLLUP_COLUMNS.map((c) => `${c} bigint`).join(', ')})`,
        body: campaignsQuery(sort),
    };
}
exports.FUNNEL_ROUTINE = funnelRoutine(false);
exports.FUNNEL_FOR_CAMPAIGN_ROUTINE = funnelRoutine(true);
const SERIES_INTERVALS = ['hour', 'day', 'week', 'month'];
exports.STATS_ROUTINES = [
    exports.FUNNEL_ROUTINE,
    exports.FUNNEL_FOR_CAMPAIGN_ROUTINE,
    ...SERIES_INTERVALS.flatMap((interval) => [seriesRoutine(interval, false), seriesRoutine(interval, true)]),
    ...Object.keys(exports.CAMPAIGN_SORTS).map(campaignsRoutine),
];
//# sourceMappingURL=stats-sql.js.map