import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { OptionalCampaign, OptionalDateTime, OptionalLimit } from '../../common/validation/query-parameter.decorators';
import { IsLaterThan } from '../../common/validation/rfc3339.decorators';
import { SingleValue } from '../../common/validation/single-value.decorator';
import { REFERRAL_STATUSES, ReferralStatus } from '../entities/referral.entity';

export class ReferralListQueryDto {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, description: 'Only referrals in this status, such as `review_required`.' })
  @IsOptional()
  @SingleValue()
  @IsIn(REFERRAL_STATUSES, { message: `status must be one of ${REFERRAL_STATUSES.join(', ')}` })
  status?: ReferralStatus;

  @ApiPropertyOptional({ description: 'Exact, case-sensitive utm_campaign, such as `spring_launch`.' })
  @OptionalCampaign()
  campaign?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Signed up at or after (RFC 3339).' })
  @OptionalDateTime()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Signed up before (RFC 3339).' })
  @OptionalDateTime()
  @IsLaterThan('from')
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Referrer account id.' })
  @IsOptional()
  @SingleValue()
  @IsUUID(undefined, { message: 'referrer must be an account id (uuid)' })
  referrer?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @OptionalLimit(100)
  limit?: number;

  @ApiPropertyOptional({ description: '`next_cursor` of the previous page.' })
  @IsOptional()
  @SingleValue()
  @IsString()
  @Length(1, 200)
  cursor?: string;
}
