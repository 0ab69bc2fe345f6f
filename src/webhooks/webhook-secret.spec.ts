import { Webhook } from 'standardwebhooks';
import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';
import { generateWebhookSecret, signatureHeader } from './webhook-secret';
import { retryDelayMs, retryWindowOver } from './retry-schedule';

describe('webhook signatures', () => {
  it('verify with the standardwebhooks library, with one secret or two during a rotation', () => {
    const current = generateWebhookSecret();
    const previous = generateWebhookSecret();
    expect(current).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: 'referral.signed_up', data: { id: 'r1' } });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = (secrets: string[]) => ({
      'webhook-id': 'evt_1',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(secrets, 'evt_1', timestamp, body),
    });

    expect(new Webhook(current).verify(body, headers([current]))).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers([current, previous]))).toEqual(JSON.parse(body));
    expect(new Webhook(current).verify(body, headers([current, previous]))).toEqual(JSON.parse(body));
    expect(() => new Webhook(previous).verify(body, headers([current]))).toThrow();
    expect(() => new Webhook(current).verify(body + ' ', headers([current]))).toThrow();
  });
});

describe('SecretBox', () => {
  const key = randomBytes(32);
  const box = new SecretBox(() => key);

  it('opens what it sealed, for the same context only, and detects tampering', () => {
    const sealed = box.seal('whsec_abc', 'endpoint-1');
    expect(sealed.toString('utf8')).not.toContain('whsec_abc');
    expect(box.open(sealed, 'endpoint-1')).toBe('whsec_abc');
    expect(() => box.open(sealed, 'endpoint-2')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => box.open(tampered, 'endpoint-1')).toThrow();
    expect(() => new SecretBox(() => randomBytes(32)).open(sealed, 'endpoint-1')).toThrow();
  });
});

describe('retry schedule', () => {
  const policy = { baseDelayMs: 30_000, maxDelayMs: 6 * 3_600_000 };

  it('doubles from the base with ±20 % jitter, up to the cap', () => {
    expect(retryDelayMs(1, policy, 0.5)).toBe(30_000);
    expect(retryDelayMs(2, policy, 0.5)).toBe(60_000);
    expect(retryDelayMs(1, policy, 0)).toBe(24_000);
    expect(retryDelayMs(1, policy, 0.999999)).toBeLessThanOrEqual(36_000);
    expect(retryDelayMs(30, policy, 0.5)).toBe(6 * 3_600_000);
  });

  it('keeps retrying for at least 24 hours', () => {
    let elapsed = 0;
    let attempt = 1;
    while (!retryWindowOver(new Date(0), new Date(elapsed))) elapsed += retryDelayMs(attempt++, policy, 0);
    expect(elapsed).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(attempt).toBeGreaterThan(10);
  });
});
