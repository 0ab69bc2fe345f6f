import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalCampaign, OptionalDateTime } from '../../common/validation/query-parameter.decorators';
import { IsLaterThan } from '../../common/validation/rfc3339.decorators';

export class ReferralStatsQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-10-01T00:00:00Z',
    description: 'Lower bound, inclusive, in RFC 3339 format (Z or an offset; fractional seconds allowed).',
  })
  @OptionalDateTime()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-01T00:00:00+05:30',
    description: 'Upper bound, exclusive, in RFC 3339 format. Must be later than `from`.',
  })
  @OptionalDateTime()
  @IsLaterThan('from')
  to?: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    example: 'spring_launch',
    description: 'Filter by UTM campaign: exact, case-sensitive match of `utm_campaign`.',
  })
  @OptionalCampaign()
  campaign?: string;
}
