import { Injectable } from '@nestjs/common';
import { parseRfc3339 } from '../common/time/rfc3339';
import { ReferralStatsQueryDto } from './dto/referral-stats-query.dto';
import { ReferralStatsResponse } from './dto/referral-stats.response';
import { conversionRate, FunnelWindow } from './funnel';
import { ReferralStatsRepository } from './referral-stats.repository';

@Injectable()
export class ReferralStatsService {
  constructor(private readonly repository: ReferralStatsRepository) {}

  async getStats(query: ReferralStatsQueryDto): Promise<ReferralStatsResponse> {
    const counts = await this.repository.countFunnel(toWindow(query));
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
}

/** The query was validated at the edge, so the bounds parse; absent bounds mean "unbounded". */
function toWindow(query: ReferralStatsQueryDto): FunnelWindow {
  return {
    from: query.from === undefined ? null : parseRfc3339(query.from),
    to: query.to === undefined ? null : parseRfc3339(query.to),
    campaign: query.campaign ?? null,
  };
}
