import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../../auth/auth.decorator';
import { Credits } from '../../billing/credits.decorator';
import { ReadsFromReplica } from '../../database/replicas/reads-from-replica.decorator';
import { ApiEnvelopeResponse, ApiErrorResponses } from '../../common/swagger/api-responses.decorator';
import { ReferralCampaignsQueryDto, ReferralTimeseriesQueryDto } from '../dto/referral-breakdown-query.dto';
import { CampaignBreakdownResponse, TimeseriesResponse } from '../dto/referral-breakdown.response';
import { ReferralStatsQueryDto } from '../dto/referral-stats-query.dto';
import { ReferralStatsResponse } from '../dto/referral-stats.response';
import { ReferralStatsService } from './referral-stats.service';

/** The referral funnel for admins: totals, a time series, and a per-campaign breakdown. */
@ApiTags('Referrals')
@Controller('admin/referrals')
@Auth({ plan: 'admin' })
export class ReferralStatsController {
  constructor(private readonly stats: ReferralStatsService) {}

  @Get('stats')
  @ApiOperation({
    operationId: 'getReferralStats',
    summary: 'Get referral funnel stats',
    description:
      'Returns referral clicks, attributed signups, qualification, reward, cap, and review counts, with signup, ' +
      'qualification and reward rates. Each count is the number of events of that stage whose own timestamp ' +
      'lies in [from, to). Requires the admin plan (admin API key, or admin JWT through the console proxy).',
  })
  @Credits(1)
  @ReadsFromReplica()
  @ApiEnvelopeResponse(ReferralStatsResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST)
  getStats(@Query() query: ReferralStatsQueryDto): Promise<ReferralStatsResponse> {
    return this.stats.getStats(query);
  }

  @Get('stats/timeseries')
  @ApiOperation({
    operationId: 'getReferralStatsTimeseries',
    summary: 'Referral funnel per hour, day, week or month',
    description:
      'The funnel of each bucket of [from, to) in the given IANA time zone; days, weeks (from Monday) and ' +
      'months follow the zone\'s calendar, DST included. Without bounds: a recent window ending now (48 hours, ' +
      '30 days, 12 weeks or 12 months). At most 1000 buckets.',
  })
  @Credits(1)
  @ReadsFromReplica()
  @ApiEnvelopeResponse(TimeseriesResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST)
  getTimeseries(@Query() query: ReferralTimeseriesQueryDto): Promise<TimeseriesResponse> {
    return this.stats.getTimeseries(query);
  }

  @Get('stats/campaigns')
  @ApiOperation({
    operationId: 'getReferralStatsByCampaign',
    summary: 'Referral funnel per UTM campaign',
    description:
      'The funnel of every campaign with events in [from, to), sorted by the chosen count (largest first, then ' +
      'by name) and limited. Events without a campaign are not listed.',
  })
  @Credits(1)
  @ReadsFromReplica()
  @ApiEnvelopeResponse(CampaignBreakdownResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST)
  getCampaigns(@Query() query: ReferralCampaignsQueryDto): Promise<CampaignBreakdownResponse> {
    return this.stats.getCampaigns(query);
  }
}
