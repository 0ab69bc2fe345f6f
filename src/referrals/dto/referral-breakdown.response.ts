import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CAMPAIGN_SORTS } from '../stats/breakdown-options';
import { ReferralStatsResponse } from './referral-stats.response';

@ApiSchema({ name: 'referrals.TimeseriesBucket' })
export class TimeseriesBucketResponse extends ReferralStatsResponse {
  @ApiProperty({ format: 'date-time', example: '2026-03-29T00:00:00+01:00', description: "Bucket start in the requested zone (clipped to `from`)." })
  start: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-30T00:00:00+02:00', description: 'Bucket end, exclusive (clipped to `to`).' })
  end: string;
}

@ApiSchema({ name: 'referrals.Timeseries' })
export class TimeseriesResponse {
  @ApiProperty({ enum: ['hour', 'day', 'week', 'month'] }) interval: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timezone: string;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: [TimeseriesBucketResponse] }) buckets: TimeseriesBucketResponse[];
}

@ApiSchema({ name: 'referrals.CampaignFunnel' })
export class CampaignFunnelResponse extends ReferralStatsResponse {
  @ApiProperty({ example: 'spring_launch' }) campaign: string;
}

@ApiSchema({ name: 'referrals.CampaignBreakdown' })
export class CampaignBreakdownResponse {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: unbounded.' }) from: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: unbounded.' }) to: string | null;
  @ApiProperty({ enum: CAMPAIGN_SORTS, example: 'clicks' }) sort: string;
  @ApiProperty({ type: [CampaignFunnelResponse] }) campaigns: CampaignFunnelResponse[];
}
