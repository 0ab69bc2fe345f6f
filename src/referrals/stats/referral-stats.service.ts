import { Injectable } from '@nestjs/common';
import { formatEpochMicros, MIN_EPOCH_MICROS, parseRfc3339 } from '../../common/time/rfc3339';
import { ReferralCampaignsQueryDto, ReferralTimeseriesQueryDto } from '../dto/referral-breakdown-query.dto';
import { CampaignBreakdownResponse, TimeseriesResponse } from '../dto/referral-breakdown.response';
import { ReferralStatsQueryDto } from '../dto/referral-stats-query.dto';
import { ReferralStatsResponse } from '../dto/referral-stats.response';
import { ReferralException } from '../referral.exception';
import { conversionRate, FunnelCounts, FunnelWindow } from './funnel';
import { ReferralStatsRepository } from './referral-stats.repository';
import type { SeriesInterval } from './breakdown-options';

const MICROS_PER_HOUR = 3_600_000_000n;
const MAX_BUCKETS = 1000;

/** Default window of a series ending now, and the shortest a bucket of each interval can be (DST). */
const SERIES_SHAPE: Record<SeriesInterval, { defaultSpanHours: bigint; minBucketHours: bigint }> = {
  hour: { defaultSpanHours: 48n, minBucketHours: 1n },
  day: { defaultSpanHours: 30n * 24n, minBucketHours: 23n },
  week: { defaultSpanHours: 12n * 7n * 24n, minBucketHours: 7n * 24n - 1n },
  month: { defaultSpanHours: 365n * 24n, minBucketHours: 28n * 24n - 1n },
};

@Injectable()
export class ReferralStatsService {
  constructor(private readonly repository: ReferralStatsRepository) {}

  async getStats(query: ReferralStatsQueryDto): Promise<ReferralStatsResponse> {
    return toFunnelResponse(await this.repository.countFunnel(toWindow(query)));
  }

  /** The funnel per hour/day/week/month of the zone; without bounds, a recent window ending now. */
  async getTimeseries(query: ReferralTimeseriesQueryDto): Promise<TimeseriesResponse> {
    const interval = query.interval ?? 'day';
    const timezone = query.timezone ?? 'UTC';
    const shape = SERIES_SHAPE[interval];
    const window = toWindow(query);
    const to = window.to ?? BigInt(Date.now()) * 1000n;
    // A default window never reaches back before year 1, which no RFC 3339 timestamp can name.
    const from = window.from ?? maxOf(to - shape.defaultSpanHours * MICROS_PER_HOUR, MIN_EPOCH_MICROS);
    if (from >= to) {
      throw ReferralException.invalidQuery({ field: 'from', message: 'from must be earlier than to' });
    }
    if ((to - from) / (shape.minBucketHours * MICROS_PER_HOUR) + 2n > BigInt(MAX_BUCKETS)) {
      throw ReferralException.invalidQuery({
        field: 'interval',
        message: `at most ${MAX_BUCKETS} buckets: narrow the window or use a longer interval`,
      });
    }
    const buckets = await this.repository.countSeries({ ...window, from, to }, interval, timezone);
    return {
      interval,
      timezone,
      from: formatEpochMicros(from),
      to: formatEpochMicros(to),
      buckets: buckets.map((bucket, index) => ({
        start: inZone(bucket.from, bucket.offsetSeconds),
        end: inZone(bucket.to, buckets[index + 1]?.offsetSeconds ?? bucket.offsetSeconds),
        ...toFunnelResponse(bucket.counts),
      })),
    };
  }

  async getCampaigns(query: ReferralCampaignsQueryDto): Promise<CampaignBreakdownResponse> {
    const window = toWindow(query);
    const sort = query.sort ?? 'clicks';
    const rows = await this.repository.countByCampaign(window, sort, query.limit ?? 50);
    return {
      from: window.from === null ? null : formatEpochMicros(window.from),
      to: window.to === null ? null : formatEpochMicros(window.to),
      sort,
      campaigns: rows.map((row) => ({ campaign: row.campaign, ...toFunnelResponse(row.counts) })),
    };
  }
}

const maxOf = (a: bigint, b: bigint) => (a > b ? a : b);

function toFunnelResponse(counts: FunnelCounts): ReferralStatsResponse {
  return {
    clicks: counts.clicks,
    attributed_signups: counts.attributedSignups,
    qualified_referrals: counts.qualified,
    review_required: counts.reviewRequired,
    rewarded_referrals: counts.rewarded,
    capped_referrals: counts.capped,
    rejected_referrals: counts.rejected,
    signup_rate: conversionRate(counts.attributedSignups, counts.clicks),
    qualification_rate: conversionRate(counts.qualified, counts.attributedSignups),
    reward_rate: conversionRate(counts.rewarded, counts.attributedSignups),
  };
}

/** The query was validated at the edge, so the bounds parse; absent bounds mean "unbounded". */
function toWindow(query: { from?: string; to?: string; campaign?: string }): FunnelWindow {
  return {
    from: query.from === undefined ? null : parseRfc3339(query.from),
    to: query.to === undefined ? null : parseRfc3339(query.to),
    campaign: query.campaign ?? null,
  };
}

/** `2026-03-29T00:00:00Z` with offset +3600 -> `2026-03-29T01:00:00+01:00` (fraction kept only when non-zero). */
function inZone(utc: string, offsetSeconds: number): string {
  const micros = parseRfc3339(utc)! + BigInt(offsetSeconds) * 1_000_000n;
  const wall = formatEpochMicros(micros).slice(0, -1).replace(/\.000000$/, '');
  const sign = offsetSeconds < 0 ? '-' : '+';
  const minutes = Math.abs(offsetSeconds) / 60;
  const offset = `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${wall}${offset}`;
}
