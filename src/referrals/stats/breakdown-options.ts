/**
 * What a stats breakdown may be asked for: the query DTOs validate against these, the SQL builder
 * (stats-sql.ts) has one statement per value.
 */

/** Bucket sizes of the time series. */
export const SERIES_INTERVALS = ['hour', 'day', 'week', 'month'] as const;
export type SeriesInterval = (typeof SERIES_INTERVALS)[number];

/** Counts the campaign breakdown can be sorted by, as the funnel response names them. */
export const CAMPAIGN_SORTS = [
  'clicks',
  'attributed_signups',
  'qualified_referrals',
  'review_required',
  'rewarded_referrals',
  'capped_referrals',
  'rejected_referrals',
] as const;
export type CampaignSort = (typeof CAMPAIGN_SORTS)[number];
