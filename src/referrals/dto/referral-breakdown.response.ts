import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CAMPAIGN_SORTS } from '../stats/breakdown-options';
import { ReferralStatsResponse } from './referral-stats.response';

@ApiSchema({ name: 'referrals.TimeseriesBucket' })
export class TimeseriesBucketDoc extends ReferralStatsResponse {
  @ApiProperty({ format: 'date-time', example: '2026-03-29T00:00:00+01:00', description: "Bucket start in the requested zone (clipped to `from`)." })
  start: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-30T00:00:00+02:00', description: 'Bucket end, exclusive (clipped to `to`).' })
  end: string;
}

@ApiSchema({ name: 'referrals.Timeseries' })
export class TimeseriesDoc {
  @ApiProperty({ enum: ['hour', 'day', 'week', 'month'] }) interval: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timezone: string;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: [TimeseriesBucketDoc] }) buckets: TimeseriesBucketDoc[];
}

@ApiSchema({ name: 'referrals.CampaignFunnel' })
export class CampaignFunnelDoc extends ReferralStatsResponse {
  @ApiProperty({ example: 'spring_launch' }) campaign: string;
}

@ApiSchema({ name: 'referrals.CampaignBreakdown' })
export class CampaignBreakdownDoc {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: unbounded.' }) from: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: unbounded.' }) to: string | null;
  @ApiProperty({ enum: CAMPAIGN_SORTS, example: 'clicks' }) sort: string;
  @ApiProperty({ type: [CampaignFunnelDoc] }) campaigns: CampaignFunnelDoc[];
}
