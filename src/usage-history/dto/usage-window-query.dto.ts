import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { OptionalLimit } from '../../common/validation/query-parameter.decorators';
import { SingleValue } from '../../common/validation/single-value.decorator';
import { IsCalendarDate } from '../calendar-date';

export class UsageWindowQueryDto {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-01',
    description: 'First UTC day, **inclusive**. Default: 29 days before `to` (30 days in all).',
  })
  @IsOptional()
  @SingleValue()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date such as 2026-11-01 (YYYY-MM-DD, UTC)' })
  @IsCalendarDate({ message: 'from must be a real calendar date' })
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-30',
    description: 'Last UTC day, **inclusive**. Default: today (UTC). At most 400 days from `from` to `to`.',
  })
  @IsOptional()
  @SingleValue()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date such as 2026-11-30 (YYYY-MM-DD, UTC)' })
  @IsCalendarDate({ message: 'to must be a real calendar date' })
  to?: string;
}

export class DailyUsageQueryDto extends UsageWindowQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: '`csv` (or `Accept: text/csv`): the same rows as CSV.' })
  @IsOptional()
  @SingleValue()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

export class TopConsumersQueryDto extends UsageWindowQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @OptionalLimit(100)
  limit?: number;
}
