import { statusOf } from './api-key-status';
import type { ApiKeyRecord, KeyChangeEvent } from './api-keys.repository';
import type { ApiKeyResponse, KeyChangeEventResponse } from './dto/api-key.response';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** A key as the API and the CLI print it: never the secret. */
export function apiKeyView(key: ApiKeyRecord): ApiKeyResponse {
  return {
    id: key.id,
    account_id: key.accountId,
    name: key.name,
    display_prefix: key.displayPrefix,
    status: statusOf(key),
    created_at: key.createdAt.toISOString(),
    last_used_at: iso(key.lastUsedAt),
    expires_at: iso(key.expiresAt),
    revoked_at: iso(key.revokedAt),
    rotated_from_id: key.rotatedFromId,
    rotated_to_id: key.rotatedToId,
    rotated_at: iso(key.rotatedAt),
    rotation_ends_at: iso(key.rotationEndsAt),
  };
}

export function keyChangeEventView(event: KeyChangeEvent): KeyChangeEventResponse {
  return {
    id: event.id,
    occurred_at: event.occurredAt.toISOString(),
    account_id: event.accountId,
    key_id: event.keyId,
    key_display_prefix: event.keyDisplayPrefix,
    action: event.action,
    actor: {
      kind: event.actor.kind,
      credential_id: event.actor.credentialId,
      account_id: event.actor.accountId,
      ip: event.actor.ip,
      user_agent: event.actor.userAgent,
      request_id: event.actor.requestId,
    },
    details: event.details,
  };
}
