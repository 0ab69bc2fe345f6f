import { ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalCampaign, OptionalDateTime } from '../../common/validation/query-parameter.decorators';
import { IsLaterThan } from '../../common/validation/rfc3339.decorators';

/** Midnight UTC `days` from today, RFC 3339: examples that select recent data whenever the docs are read. */
function utcMidnight(days: number): string {
  const date = new Date();
  date.setUTCHours(0, 0, 0, 0);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().replace('.000Z', 'Z');
}

export class ReferralStatsQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    example: utcMidnight(-30),
    description: 'Lower bound, inclusive, in RFC 3339 format (Z or an offset such as +05:30; fractional seconds allowed).',
  })
  @OptionalDateTime()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: utcMidnight(1),
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
