import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { OptionalLimit } from '../../common/validation/query-parameter.decorators';
import { SingleValue } from '../../common/validation/single-value.decorator';

export const STORED_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

export class DeliveryListQueryDto {
  @ApiPropertyOptional({ enum: STORED_DELIVERY_STATUSES, description: '`pending` includes attempts in flight.' })
  @IsOptional()
  @SingleValue()
  @IsIn(STORED_DELIVERY_STATUSES, { message: `status must be one of ${STORED_DELIVERY_STATUSES.join(', ')}` })
  status?: (typeof STORED_DELIVERY_STATUSES)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @OptionalLimit(100)
  limit?: number;

  @ApiPropertyOptional({ example: '1042', description: '`next_before` of the previous page: deliveries older than this id.' })
  @IsOptional()
  @SingleValue()
  @Matches(/^\d{1,18}$/, { message: 'before must be a delivery id' })
  before?: string;
}
