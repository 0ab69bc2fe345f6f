import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { formatEpochMicros } from '../common/time/rfc3339';
import { FunnelCounts, FunnelWindow } from './funnel';

/** Each funnel count: the table and the timestamp column that dates its event. */
const FUNNEL_EVENTS: ReadonlyArray<readonly [keyof FunnelCounts, string, string]> = [
  ['clicks', 'referral_clicks', 'created_at'],
  ['attributedSignups', 'referrals', 'signed_up_at'],
  ['qualified', 'referrals', 'qualified_at'],
  ['reviewRequired', 'referrals', 'review_required_at'],
  ['rewarded', 'referrals', 'rewarded_at'],
  ['capped', 'referrals', 'capped_at'],
  ['rejected', 'referrals', 'rejected_at'],
];

/**
 * One statement, one round trip: a count per stage, each an index range scan on that stage's timestamp
 * (and campaign) index. Built from the constant list above only; every value is a bind parameter.
 */
function funnelQuery(withCampaign: boolean): string {
  const campaignFilter = withCampaign ? ' AND utm_campaign = $3' : '';
  const counts = FUNNEL_EVENTS.map(
    ([alias, table, column]) =>
      `(SELECT count(*) FROM ${table} WHERE ${column} >= $1 AND ${column} < $2${campaignFilter}) AS "${alias}"`,
  );
  return `SELECT ${counts.join(',\n       ')}`;
}

const FUNNEL_QUERY = funnelQuery(false);
const FUNNEL_QUERY_FOR_CAMPAIGN = funnelQuery(true);

@Injectable()
export class ReferralStatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async countFunnel(window: FunnelWindow): Promise<FunnelCounts> {
    const params: string[] = [
      window.from === null ? '-infinity' : formatEpochMicros(window.from),
      window.to === null ? 'infinity' : formatEpochMicros(window.to),
    ];
    if (window.campaign !== null) params.push(window.campaign);
    const [row] = (await this.dataSource.query(
      window.campaign === null ? FUNNEL_QUERY : FUNNEL_QUERY_FOR_CAMPAIGN,
      params,
    )) as Array<Record<keyof FunnelCounts, string>>;
    // count(*) is bigint, which pg returns as a string; funnel counts stay far below 2^53.
    return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])) as unknown as FunnelCounts;
  }
}
