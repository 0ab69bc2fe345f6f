import { ApiPropertyOptional } from '@nestjs/swagger';
import { utcMidnight } from '../../common/swagger/examples';
import { OptionalCampaign, OptionalDateTime } from '../../common/validation/query-parameter.decorators';
import { IsLaterThan } from '../../common/validation/rfc3339.decorators';


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
    description:
      'Filter by UTM campaign: exact, case-sensitive match of `utm_campaign`, such as `spring_launch`. Omit it for ' +
      'every campaign.',
  })
  @OptionalCampaign()
  campaign?: string;
}
