import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { OptionalLimit } from '../../../common/validation/query-parameter.decorators';
import { IsRfc3339DateTime } from '../../../common/validation/rfc3339.decorators';
import { SingleValue } from '../../../common/validation/single-value.decorator';
import { DEFAULT_ROTATION_OVERLAP_SECONDS, MAX_ROTATION_OVERLAP_SECONDS } from '../api-keys.service';

export class KeyIdParams {
  @ApiProperty({ format: 'uuid', description: 'API key id', example: '6d1f2a0e-3c4b-4e8a-9f1d-7a2b3c4d5e6f' })
  @IsUUID('all', { message: 'id must be an API key id (a UUID)' })
  id: string;
}

export class CreateApiKeyDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, default: 'default', example: 'production crawler' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'name must be 1 to 100 characters long' })
  @Matches(/^[^\u0000-\u001f\u007f]*$/, { message: 'name must not contain control characters' })
  name?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2027-06-01T00:00:00Z',
    description: 'When the key stops working (RFC 3339, in the future); null or absent: never.',
  })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsRfc3339DateTime()
  expires_at?: string | null;
}

export class RotateApiKeyDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_ROTATION_OVERLAP_SECONDS,
    default: DEFAULT_ROTATION_OVERLAP_SECONDS,
    description:
      'How long the old key keeps working beside the new one. 0 ends it at once (every instance within ' +
      'API_KEY_CACHE_TTL_MS); at most 7 days.',
  })
  @IsOptional()
  @IsInt({ message: `overlap_seconds must be an integer from 0 to ${MAX_ROTATION_OVERLAP_SECONDS}` })
  @Min(0, { message: `overlap_seconds must be an integer from 0 to ${MAX_ROTATION_OVERLAP_SECONDS}` })
  @Max(MAX_ROTATION_OVERLAP_SECONDS, { message: `overlap_seconds must be an integer from 0 to ${MAX_ROTATION_OVERLAP_SECONDS}` })
  overlap_seconds?: number;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      "Expiry of the new key (RFC 3339, in the future); null: never. Absent: the old key's lifetime (created to " +
      'expires) counted from now, or never if the old key had no expiry.',
  })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsRfc3339DateTime()
  expires_at?: string | null;
}

/** The audit trail of the caller's own keys: the account comes from the credential, never from the query. */
export class OwnKeyAuditQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this key.' })
  @IsOptional()
  @SingleValue()
  @IsUUID('all', { message: 'key_id must be an API key id (a UUID)' })
  key_id?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @OptionalLimit(200)
  limit?: number;

  @ApiPropertyOptional({ description: '`next_cursor` of the previous page.' })
  @IsOptional()
  @SingleValue()
  @Matches(/^[1-9]\d{0,18}$/, { message: 'cursor must be the next_cursor of a previous page' })
  cursor?: string;
}

export class KeyAuditQueryDto extends OwnKeyAuditQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this account's keys." })
  @IsOptional()
  @SingleValue()
  @IsUUID('all', { message: 'account_id must be an account id (a UUID)' })
  account_id?: string;
}
