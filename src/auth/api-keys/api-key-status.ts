import type { ApiKeyRecord } from './api-keys.repository';

export const API_KEY_STATUSES = ['active', 'rotating', 'rotated', 'expired', 'revoked'] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];

/**
 * What a key can do now: `active`; `rotating` (replaced, still working until rotation_ends_at); `rotated`
 * (its overlap is over); `expired`; `revoked`. Revocation wins over everything, then expiry.
 */
export function statusOf(key: ApiKeyRecord, now = Date.now()): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt.getTime() <= now) return 'expired';
  if (key.rotationEndsAt) return key.rotationEndsAt.getTime() <= now ? 'rotated' : 'rotating';
  return 'active';
}
