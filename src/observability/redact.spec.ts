import { generateApiKey } from '../auth/api-keys/api-key-format';
import { redactSecrets } from './redact';

describe('redactSecrets', () => {
  it('removes API keys, JWTs and bearer credentials from any text', () => {
    const { key } = generateApiKey();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const text = `failed for ${key} with Authorization: Bearer ${jwt}; also bearer opaque-token-123`;

    const redacted = redactSecrets(text);

    expect(redacted).not.toContain(key);
    expect(redacted).not.toContain(key.slice(9, 30));
    expect(redacted).not.toContain(jwt.split('.')[1]);
    expect(redacted).not.toContain('opaque-token-123');
    expect(redacted).toContain('crw_live_[REDACTED]');
  });

  it('leaves ordinary text alone', () => {
    expect(redactSecrets('GET /api/v1/admin/referrals/stats 200 in 1.2 ms')).toBe('GET /api/v1/admin/referrals/stats 200 in 1.2 ms');
  });
});
