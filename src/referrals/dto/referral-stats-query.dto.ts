import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsLaterThan, IsRfc3339DateTime } from '../../common/validation/rfc3339.decorators';
import { SingleValue } from '../../common/validation/single-value.decorator';

export class ReferralStatsQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-10-01T00:00:00Z',
    description: 'Lower bound, inclusive, in RFC 3339 format (Z or an offset; fractional seconds allowed).',
  })
  @IsOptional()
  @SingleValue()
  @IsRfc3339DateTime()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-01T00:00:00+05:30',
    description: 'Upper bound, exclusive, in RFC 3339 format. Must be later than `from`.',
  })
  @IsOptional()
  @SingleValue()
  @IsRfc3339DateTime()
  @IsLaterThan('from')
  to?: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    example: 'spring_launch',
    description: 'Filter by UTM campaign: exact, case-sensitive match of `utm_campaign`.',
  })
  @IsOptional()
  @SingleValue()
  @IsString()
  @Length(1, 200, { message: 'campaign must be 1 to 200 characters long' })
  // PostgreSQL text cannot hold NUL, so no stored campaign contains one: say so rather than answer zeros.
  @Matches(/^[^\u0000]*$/, { message: 'campaign must not contain NUL characters' })
  campaign?: string;
}
