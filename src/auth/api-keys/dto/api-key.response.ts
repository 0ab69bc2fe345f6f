import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { API_KEY_STATUSES } from '../api-key-status';

@ApiSchema({ name: 'apiKeys.ApiKey' })
export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) account_id: string;
  @ApiProperty({ example: 'production crawler' }) name: string;
  @ApiProperty({ example: 'crw_live_3fZq', description: 'The first 13 characters: enough to recognise a key, useless to call with.' })
  display_prefix: string;
  @ApiProperty({
    enum: API_KEY_STATUSES,
    description:
      '`active`; `rotating`: replaced, still working until `rotation_ends_at`; `rotated`: the overlap is over; ' +
      '`expired`; `revoked`.',
  })
  status: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Recorded at most once a minute.' })
  last_used_at: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expires_at: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revoked_at: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The key this one replaced.' })
  rotated_from_id: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The key that replaced this one.' })
  rotated_to_id: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) rotated_at: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'A rotated key works until then, and answers 401 `rotated_api_key` after.',
  })
  rotation_ends_at: string | null;
}

const KEY_DESCRIPTION =
  'The secret, shown in this response only: it is stored as its SHA-256 and cannot be shown again. ' +
  '`null` on an `Idempotent-Replayed` repeat (the secret is never stored, not even for replays): if the first ' +
  'response was lost, revoke this key id and create another.';

@ApiSchema({ name: 'apiKeys.CreatedApiKey' })
export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ type: String, nullable: true, example: 'crw_live_3fZq…', description: KEY_DESCRIPTION })
  key: string | null;
}

@ApiSchema({ name: 'apiKeys.RotatedApiKey' })
export class RotatedApiKeyResponse extends CreatedApiKeyResponse {
  @ApiProperty({ type: ApiKeyResponse, description: 'The key that was rotated, with its `rotation_ends_at`.' })
  previous: ApiKeyResponse;
}

@ApiSchema({ name: 'apiKeys.ApiKeyList' })
export class ApiKeyListResponse {
  @ApiProperty({ type: [ApiKeyResponse], description: 'Every key of the account, oldest first, whatever its status.' })
  items: ApiKeyResponse[];
}

@ApiSchema({ name: 'apiKeys.KeyChangeActor' })
export class KeyChangeActorResponse {
  @ApiProperty({ enum: ['api_key', 'jwt', 'cli'] }) kind: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The API key id or the JWT `jti` (else its account id) that made the change; for the CLI, the OS user.',
  })
  credential_id: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) account_id: string | null;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7', description: 'Client IP (see TRUST_PROXY).' })
  ip: string | null;
  @ApiProperty({ type: String, nullable: true }) user_agent: string | null;
  @ApiProperty({ type: String, nullable: true }) request_id: string | null;
}

@ApiSchema({ name: 'apiKeys.KeyChangeEvent' })
export class KeyChangeEventResponse {
  @ApiProperty({ example: '1042' }) id: string;
  @ApiProperty({ format: 'date-time' }) occurred_at: string;
  @ApiProperty({ format: 'uuid', description: "The key's account." }) account_id: string;
  @ApiProperty({ format: 'uuid' }) key_id: string;
  @ApiProperty({ example: 'crw_live_3fZq' }) key_display_prefix: string;
  @ApiProperty({ enum: ['created', 'rotated', 'revoked'] }) action: string;
  @ApiProperty({ type: KeyChangeActorResponse }) actor: KeyChangeActorResponse;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { rotated_to_id: 'uuid', overlap_seconds: 86400, rotation_ends_at: '2026-12-02T08:00:00.000Z' },
    description: 'created: name, expires_at, rotated_from_id; rotated: rotated_to_id, overlap_seconds, rotation_ends_at.',
  })
  details: Record<string, unknown>;
}

@ApiSchema({ name: 'apiKeys.KeyChangeEventPage' })
export class KeyChangeEventPageResponse {
  @ApiProperty({ type: [KeyChangeEventResponse], description: 'Newest first.' }) items: KeyChangeEventResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  next_cursor: string | null;
}
