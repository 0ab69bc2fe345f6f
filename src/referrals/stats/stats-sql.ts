import type { Routine } from '../../database/routines';
import { CAMPAIGN_SORTS, type CampaignSort, SERIES_INTERVALS, type SeriesInterval } from './breakdown-options';
import type { FunnelCounts } from './funnel';
import { ROLLUP_COLUMNS, ROLLUP_TABLES, rollupsFromEvents, type RollupUnit } from './rollups';

/**
 * The stats statements, built once at load time from constant names only: every value is a bind parameter.
 * They share one shape: a window is the sum of its parts (see window-parts.ts), whole UTC days from the
 * daily rollups, whole hours from the hourly rollups, and the partial hours at its edges from raw events.
 */

/** The rollup row holding the totals over all campaigns. */
export const ALL_CAMPAIGNS = '';

/** Each funnel count: its rollup column, and the raw table and timestamp that date its events. */
export const FUNNEL_EVENTS: ReadonlyArray<readonly [keyof FunnelCounts, string, string, string]> = [
  ['clicks', 'clicks', 'referral_clicks', 'created_at'],
  ['attributedSignups', 'signups', 'referrals', 'signed_up_at'],
  ['qualified', 'qualified', 'referrals', 'qualified_at'],
  ['reviewRequired', 'review_required', 'referrals', 'review_required_at'],
  ['rewarded', 'rewarded', 'referrals', 'rewarded_at'],
  ['capped', 'capped', 'referrals', 'capped_at'],
  ['rejected', 'rejected', 'referrals', 'rejected_at'],
];

/** SQL expressions (bind parameters or columns) bounding each part of a window. */
interface PartBounds {
  days: [string, string];
  hours: Array<[string, string]>;
  raw: Array<[string, string]>;
}

const param = (n: number) => `$${n}::timestamptz`;

/** $2..$11, in the order of windowParameters(). */
const WINDOW_PARAMETERS: PartBounds = {
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

/**
 * How a statement reads the parts of its window (see window-parts.ts, where most windows have some parts empty).
 *
 * 'range-lists' (migration 1764860000001, current): each source is read by ONE scan over a `VALUES` list of
 * its ranges, each joined on `lower < upper` so that an empty range reads nothing: the daily rollups over
 * [days], the hourly rollups over [hours head, hours tail], and one row of the seven raw counts per non-empty
 * raw edge. About half the plan nodes (25 instead of 43), and so about half the executor state, which
 * PostgreSQL builds for every node on every call, run or not: 1.1 MB instead of 2.0 MB. At 2.0 MB, each call
 * of the function grew the server's heap past glibc's trim threshold, gave it back to the kernel at its end
 * and faulted it in again on the next call (~180 page faults a call on PostgreSQL 15, 125 on 18; none now):
 * most of what the function cost over a named prepared statement (README, "The stats statement").
 *
 * Earlier modes, kept for the migrations' down() and the before/after benchmark
 * (bench/stats-statement.bench.ts): 'needed-parts' (migration 1764750000001) runs one subquery per part, each
 * gated by `lower < upper`, a condition on the parameters alone that PostgreSQL plans as a one-time filter;
 * 'every-part' (before it) runs every part's subquery, empty or not.
 */
export type PartsMode = 'range-lists' | 'needed-parts' | 'every-part';

/** `ranges` as rows `part (lower, upper)`. */
const rangeRows = (ranges: Array<[string, string]>) =>
  `(VALUES ${ranges.map(([lower, upper]) => `(${lower}, ${upper})`).join(', ')}) AS part (lower, upper)`;

/** One row: `unit`'s rollups summed over the non-empty `ranges` (zeros when none: an aggregate without GROUP BY always answers). */
function rollupSumsOver(unit: RollupUnit, ranges: Array<[string, string]>): string {
  const sums = FUNNEL_EVENTS.map(([alias, column]) => `coalesce(sum(rollup.${column}), 0) AS "${alias}"`).join(', ');
  return `SELECT ${sums} FROM ${rangeRows(ranges)}
      JOIN ${ROLLUP_TABLES[unit]} AS rollup
        ON part.lower < part.upper AND rollup.campaign = $1 AND rollup.bucket >= part.lower AND rollup.bucket < part.upper`;
}

/** A row of raw counts per non-empty range, each count an index range scan on its stage's timestamp. */
function rawCountsOver(ranges: Array<[string, string]>, withCampaign: boolean): string {
  return `SELECT ${rawCounts(['part.lower', 'part.upper'], withCampaign)} FROM ${rangeRows(ranges)} WHERE part.lower < part.upper`;
}

/** The funnel of one window. $1 is the campaign ('' = all campaigns; also the raw filter when `withCampaign`). */
function funnelSelect(bounds: PartBounds, withCampaign: boolean, mode: PartsMode): string {
  const totals = FUNNEL_EVENTS.map(([alias]) => `sum("${alias}")::bigint AS "${alias}"`).join(', ');
  const parts =
    mode === 'range-lists'
      ? [rollupSumsOver('day', [bounds.days]), rollupSumsOver('hour', bounds.hours), rawCountsOver(bounds.raw, withCampaign)]
      : subqueryPerPart(bounds, withCampaign, mode);
  return `SELECT ${totals} FROM (${parts.join('\n UNION ALL ')}) AS parts`;
}

/** Raw counts of each stage's events in [lower, upper), each an index range scan on its timestamp. */
function rawCounts([lower, upper]: [string, string], withCampaign: boolean): string {
  const campaignFilter = withCampaign ? ' AND utm_campaign = $1' : '';
  return FUNNEL_EVENTS.map(
    ([alias, , table, column]) =>
      `(SELECT count(*) FROM ${table} WHERE ${column} >= ${lower} AND ${column} < ${upper}${campaignFilter}) AS "${alias}"`,
  ).join(', ');
}

/*
 * Earlier versions of the funnel's parts ('needed-parts', 'every-part': see PartsMode), exactly as their
 * migrations installed them, for the migrations' down() and the before/after benchmark.
 */

const gate = (mode: PartsMode, [lower, upper]: [string, string]) => (mode === 'needed-parts' ? `${lower} < ${upper}` : null);

/** One row of sums (zeros when the range is empty or gated off: an aggregate without GROUP BY always answers). */
function rollupSums(unit: RollupUnit, range: [string, string], mode: PartsMode): string {
  const [lower, upper] = range;
  const sums = FUNNEL_EVENTS.map(([alias, column]) => `coalesce(sum(${column}), 0) AS "${alias}"`).join(', ');
  const conditions = [gate(mode, range), 'campaign = $1', `bucket >= ${lower}`, `bucket < ${upper}`].filter(Boolean);
  return `SELECT ${sums} FROM ${ROLLUP_TABLES[unit]} WHERE ${conditions.join(' AND ')}`;
}

/** One row of raw counts, or (gated off) none: the rollup parts' rows keep the outer sums from being null. */
function rawPart(range: [string, string], withCampaign: boolean, mode: PartsMode): string {
  const condition = gate(mode, range);
  return `SELECT ${rawCounts(range, withCampaign)}${condition ? ` WHERE ${condition}` : ''}`;
}

/** A subquery per part: the days, the hourly head and tail, the raw head and tail. */
function subqueryPerPart(bounds: PartBounds, withCampaign: boolean, mode: PartsMode): string[] {
  return [
    rollupSums('day', bounds.days, mode),
    ...bounds.hours.map((range) => rollupSums('hour', range, mode)),
    ...bounds.raw.map((range) => rawPart(range, withCampaign, mode)),
  ];
}

const HOUR_FLOOR = (column: string) => `date_trunc('hour', ${column}, 'UTC')`;
const EMPTY = `'infinity'::timestamptz`;
const NO_WHOLE_HOUR = 'w.lo_ceil >= w.hi_floor';

/** Buckets summed from hourly rollups and raw partial hours only (no days). */
const HOURS_AND_RAW_BUCKET_PARTS: BucketParts = {
  cuts: `
    w AS (
      SELECT lo, hi, ${HOUR_FLOOR('hi')} AS hi_floor,
             CASE WHEN ${HOUR_FLOOR('lo')} = lo THEN lo ELSE ${HOUR_FLOOR('lo')} + interval '1 hour' END AS lo_ceil
        FROM buckets WHERE lo < hi
    )`,
  bounds: {
    days: [EMPTY, EMPTY],
    hours: [[`CASE WHEN ${NO_WHOLE_HOUR} THEN ${EMPTY} ELSE w.lo_ceil END`, `CASE WHEN ${NO_WHOLE_HOUR} THEN ${EMPTY} ELSE w.hi_floor END`]],
    raw: [
      ['w.lo', `CASE WHEN ${NO_WHOLE_HOUR} THEN w.hi ELSE w.lo_ceil END`],
      [`CASE WHEN ${NO_WHOLE_HOUR} THEN ${EMPTY} ELSE w.hi_floor END`, `CASE WHEN ${NO_WHOLE_HOUR} THEN ${EMPTY} ELSE w.hi END`],
    ],
  },
};

export const FUNNEL_QUERY = funnelSelect(WINDOW_PARAMETERS, false, 'range-lists');
export const FUNNEL_QUERY_FOR_CAMPAIGN = funnelSelect(WINDOW_PARAMETERS, true, 'range-lists');

/**
 * Bucket starts of a series in `$4` (an IANA zone): hours are absolute (a DST change does not repeat or skip
 * one); days, weeks (from Monday) and months are calendar units in the zone, so a DST day lasts 23 or 25 hours.
 */
const SERIES_BOUNDARIES: Record<SeriesInterval, string> = {
  hour: `SELECT generate_series(date_trunc('hour', $2::timestamptz, $4), $3::timestamptz - interval '1 microsecond',
                                interval '1 hour') AS boundary`,
  day: calendarBoundaries('day'),
  week: calendarBoundaries('week'),
  month: calendarBoundaries('month'),
};

function calendarBoundaries(unit: 'day' | 'week' | 'month'): string {
  return `SELECT local AT TIME ZONE $4 AS boundary
            FROM generate_series(date_trunc('${unit}', $2::timestamptz AT TIME ZONE $4),
                                 ($3::timestamptz - interval '1 microsecond') AT TIME ZONE $4,
                                 interval '1 ${unit}') AS local`;
}

/** A bucket's bounds (lo, hi) and the bounds of its parts, as columns of `w`, and the parts as PartBounds over them. */
interface BucketParts {
  /** CTEs after `buckets (lo, hi)` that define `w`. */
  cuts: string;
  bounds: PartBounds;
}

const utcCeil = (unit: 'hour' | 'day', column: string) =>
  `CASE WHEN date_trunc('${unit}', ${column}, 'UTC') = ${column} THEN ${column}
                      ELSE date_trunc('${unit}', ${column}, 'UTC') + interval '${unit === 'hour' ? '1 hour' : '24 hours'}' END`;

/**
 * Each bucket cut like window-parts.ts cuts a window: whole hours [hour_lo, hour_hi), the whole UTC days
 * [day_lo, day_hi) inside them, and raw partial hours at the edges. Each bound is clamped between the ones
 * around it, lo <= hour_lo <= day_lo <= day_hi <= hour_hi <= hi, so a part the bucket lacks is empty
 * (lower = upper) and reads nothing; a day (in UTC), week or month reads its days, not its 24-744 hours.
 * MATERIALIZED: the bounds are computed once per bucket, not inlined into each part's conditions.
 */
const BUCKET_PARTS: BucketParts = {
  cuts: `
    hours AS (
      SELECT lo, hi, hour_lo, greatest(date_trunc('hour', hi, 'UTC'), hour_lo) AS hour_hi
        FROM buckets CROSS JOIN LATERAL (SELECT least(${utcCeil('hour', 'lo')}, hi) AS hour_lo) AS ceiling
       WHERE lo < hi
    ),
    w AS MATERIALIZED (
      SELECT lo, hi, hour_lo, hour_hi, day_lo, greatest(date_trunc('day', hour_hi, 'UTC'), day_lo) AS day_hi
        FROM hours CROSS JOIN LATERAL (SELECT least(${utcCeil('day', 'hour_lo')}, hour_hi) AS day_lo) AS ceiling
    )`,
  bounds: {
    days: ['w.day_lo', 'w.day_hi'],
    hours: [
      ['w.hour_lo', 'w.day_lo'],
      ['w.day_hi', 'w.hour_hi'],
    ],
    raw: [
      ['w.lo', 'w.hour_lo'],
      ['w.hour_hi', 'w.hi'],
    ],
  },
};

/**
 * The funnel of every bucket of [$2, $3) in one statement. Bucket edges in a zone need not fall on UTC days
 * (nor, in a half-hour zone, on hours), so each bucket is cut into its own parts (BUCKET_PARTS).
 */
export function seriesQuery(interval: SeriesInterval, withCampaign: boolean, mode: PartsMode = 'range-lists'): string {
  const { cuts, bounds } = mode === 'range-lists' ? BUCKET_PARTS : HOURS_AND_RAW_BUCKET_PARTS;
  return `
    WITH boundaries AS (${SERIES_BOUNDARIES[interval]}),
    buckets AS (
      SELECT greatest(boundary, $2::timestamptz) AS lo,
             least(coalesce(lead(boundary) OVER (ORDER BY boundary), $3::timestamptz), $3::timestamptz) AS hi
        FROM boundaries
    ),${cuts}
    SELECT to_char(w.lo AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "from",
           to_char(w.hi AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "to",
           extract(epoch FROM (w.lo AT TIME ZONE $4) - (w.lo AT TIME ZONE 'UTC'))::int AS "offsetSeconds",
           f.*
      FROM w CROSS JOIN LATERAL (${funnelSelect(bounds, withCampaign, mode)}) AS f
     ORDER BY w.lo`;
}

/** Campaign rows of the breakdown are ordered by this count (its rollup column). */
const CAMPAIGN_SORT_COLUMNS: Record<CampaignSort, string> = {
  clicks: 'clicks',
  attributed_signups: 'signups',
  qualified_referrals: 'qualified',
  review_required: 'review_required',
  rewarded_referrals: 'rewarded',
  capped_referrals: 'capped',
  rejected_referrals: 'rejected',
};

/** Per-campaign funnels of the window given as $2..$11 (like FUNNEL_QUERY), top $1 by the sort column. */
export function campaignsQuery(sort: CampaignSort): string {
  const { days, hours, raw } = WINDOW_PARAMETERS;
  const inRaw = (column: string) => `(${raw.map(([lo, hi]) => `(${column} >= ${lo} AND ${column} < ${hi})`).join(' OR ')})`;
  const stages = FUNNEL_EVENTS.filter(([, , table]) => table === 'referrals').map(([, , , column]) => column);
  const rollupRows = (unit: RollupUnit, [lo, hi]: [string, string]) =>
    `SELECT campaign, ${ROLLUP_COLUMNS.join(', ')} FROM ${ROLLUP_TABLES[unit]}
      WHERE campaign <> '' AND bucket >= ${lo} AND bucket < ${hi}`;
  return `
    SELECT campaign, ${ROLLUP_COLUMNS.map((c) => `sum(${c})::bigint AS ${c}`).join(', ')}
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
    HAVING ${ROLLUP_COLUMNS.map((c) => `sum(${c}) <> 0`).join(' OR ')}
     ORDER BY ${CAMPAIGN_SORT_COLUMNS[sort]} DESC, campaign ASC
     LIMIT $1`;
}

/** Rollup rows of `unit` that differ from a recount of the raw events. */
export function driftQuery(unit: RollupUnit): string {
  const table = ROLLUP_TABLES[unit];
  return `
    WITH expected AS (
      SELECT campaign, bucket, ${ROLLUP_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')}
        FROM (${rollupsFromEvents(unit)}) AS deltas GROUP BY campaign, bucket
    )
    SELECT '${unit}' AS unit, coalesce(s.campaign, e.campaign) AS campaign,
           to_char(coalesce(s.bucket, e.bucket) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS bucket,
           ${ROLLUP_COLUMNS.map((c) => `coalesce(s.${c}, 0) AS stored_${c}, coalesce(e.${c}, 0) AS expected_${c}`).join(', ')}
      FROM ${table} s
      FULL JOIN expected e ON e.campaign = s.campaign AND e.bucket = s.bucket
     WHERE ${ROLLUP_COLUMNS.map((c) => `coalesce(s.${c}, 0) <> coalesce(e.${c}, 0)`).join(' OR ')}
     ORDER BY 2, 3
     LIMIT $1`;
}

/** Every row of `unit` recomputed from the raw events. */
export function rebuildStatement(unit: RollupUnit): string {
  return `
    INSERT INTO ${ROLLUP_TABLES[unit]} (campaign, bucket, ${ROLLUP_COLUMNS.join(', ')})
    SELECT campaign, bucket, ${ROLLUP_COLUMNS.map((c) => `sum(${c})`).join(', ')}
      FROM (${rollupsFromEvents(unit)}) AS deltas GROUP BY campaign, bucket
    RETURNING 1`;
}


/** The stats statements as server-side functions (see database/routines.ts), one per statement above. */
const WINDOW_TYPES = Array<string>(10).fill('timestamptz');
const FUNNEL_COLUMNS = FUNNEL_EVENTS.map(([alias]) => `"${alias}" bigint`).join(', ');

export function funnelRoutine(withCampaign: boolean, mode: PartsMode = 'range-lists'): Routine {
  return {
    name: withCampaign ? 'referral_funnel_campaign' : 'referral_funnel',
    parameters: ['text', ...WINDOW_TYPES],
    returns: `TABLE (${FUNNEL_COLUMNS})`,
    body: funnelSelect(WINDOW_PARAMETERS, withCampaign, mode),
  };
}

export function seriesRoutine(interval: SeriesInterval, withCampaign: boolean, mode: PartsMode = 'range-lists'): Routine {
  return {
    name: `referral_series_${interval}${withCampaign ? '_campaign' : ''}`,
    parameters: ['text', 'timestamptz', 'timestamptz', 'text'],
    returns: `TABLE ("from" text, "to" text, "offsetSeconds" int, ${FUNNEL_COLUMNS})`,
    body: seriesQuery(interval, withCampaign, mode),
  };
}

export function campaignsRoutine(sort: CampaignSort): Routine {
  return {
    name: `referral_campaigns_${sort}`,
    parameters: ['int', ...WINDOW_TYPES],
    returns: `TABLE (campaign text, ${ROLLUP_COLUMNS.map((c) => `${c} bigint`).join(', ')})`,
    body: campaignsQuery(sort),
  };
}

export const FUNNEL_ROUTINE = funnelRoutine(false);
export const FUNNEL_FOR_CAMPAIGN_ROUTINE = funnelRoutine(true);

/** The stats routines whose funnel parts are built in `mode` (the campaigns breakdown has no such parts). */
export function statsRoutines(mode: PartsMode): readonly Routine[] {
  return [
    funnelRoutine(false, mode),
    funnelRoutine(true, mode),
    ...SERIES_INTERVALS.flatMap((interval) => [seriesRoutine(interval, false, mode), seriesRoutine(interval, true, mode)]),
    ...CAMPAIGN_SORTS.map(campaignsRoutine),
  ];
}

export const STATS_ROUTINES: readonly Routine[] = statsRoutines('range-lists');
