import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OptionalLimit } from '../../common/validation/query-parameter.decorators';
import { IsIanaTimeZone } from '../../common/validation/time-zone.decorator';
import { SingleValue } from '../../common/validation/single-value.decorator';
import { CAMPAIGN_SORTS, type CampaignSort, SERIES_INTERVALS, type SeriesInterval } from '../stats/breakdown-options';
import { ReferralStatsQueryDto } from './referral-stats-query.dto';

export class ReferralTimeseriesQueryDto extends ReferralStatsQueryDto {
  @ApiPropertyOptional({ enum: SERIES_INTERVALS, default: 'day', description: 'Bucket size. Weeks start on Monday.' })
  @IsOptional()
  @SingleValue()
  @IsIn(SERIES_INTERVALS, { message: `interval must be one of ${SERIES_INTERVALS.join(', ')}` })
  interval?: SeriesInterval;

  @ApiPropertyOptional({
    example: 'Europe/Berlin',
    default: 'UTC',
    description: 'IANA time zone whose calendar days, weeks and months the buckets follow (DST included).',
  })
  @IsOptional()
  @SingleValue()
  @IsIanaTimeZone()
  timezone?: string;
}

export class ReferralCampaignsQueryDto extends OmitType(ReferralStatsQueryDto, ['campaign'] as const) {
  @ApiPropertyOptional({ enum: CAMPAIGN_SORTS, default: 'clicks', description: 'Count to sort by, largest first.' })
  @IsOptional()
  @SingleValue()
  @IsIn(CAMPAIGN_SORTS, { message: `sort must be one of ${CAMPAIGN_SORTS.join(', ')}` })
  sort?: CampaignSort;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @OptionalLimit(200)
  limit?: number;
}
