import type { ApiKeyRecord } from './api-keys.repository';
import { statusOf } from './api-key-status';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs);

function key(overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return {
    id: 'k',
    accountId: 'a',
    name: 'default',
    displayPrefix: 'crw_live_abcd',
    createdAt: at(-86_400_000),
    lastUsedAt: null,
    expiresAt: null,
    revokedAt: null,
    rotatedFromId: null,
    rotatedToId: null,
    rotatedAt: null,
    rotationEndsAt: null,
    ...overrides,
  };
}

describe('statusOf (API key status)', () => {
  it('is active for a plain key, and for one that expires later', () => {
    expect(statusOf(key(), NOW)).toBe('active');
    expect(statusOf(key({ expiresAt: at(1) }), NOW)).toBe('active');
  });

  it('is rotating during the overlap and rotated from its end on (the end itself included)', () => {
    const rotated = { rotatedAt: at(-1000), rotatedToId: 'k2' };
    expect(statusOf(key({ ...rotated, rotationEndsAt: at(1) }), NOW)).toBe('rotating');
    expect(statusOf(key({ ...rotated, rotationEndsAt: at(0) }), NOW)).toBe('rotated');
  });

  it('puts revocation before expiry before rotation', () => {
    const everything = { revokedAt: at(-10), expiresAt: at(-5), rotatedAt: at(-20), rotationEndsAt: at(-1) };
    expect(statusOf(key(everything), NOW)).toBe('revoked');
    expect(statusOf(key({ ...everything, revokedAt: null }), NOW)).toBe('expired');
  });
});
