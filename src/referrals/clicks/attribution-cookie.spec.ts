import { randomBytes } from 'node:crypto';
import { signAttribution, verifyAttribution } from './attribution-cookie';

describe('attribution cookie', () => {
  const secret = randomBytes(32);
  const day = 86_400_000;
  const issuedAt = new Date('2026-11-01T12:00:00Z');

  it('verifies its own token within the window', () => {
    const token = signAttribution('12345', issuedAt, secret);

    expect(verifyAttribution(token, secret, 30 * day, new Date('2026-11-20T00:00:00Z'))).toEqual({
      clickId: '12345',
      issuedAt,
    });
  });

  it('refuses a token past the attribution window', () => {
    const token = signAttribution('12345', issuedAt, secret);

    expect(verifyAttribution(token, secret, 30 * day, new Date(issuedAt.getTime() + 30 * day + 1000))).toBeNull();
  });

  it('refuses a tampered click id, timestamp or signature, and another secret', () => {
    const token = signAttribution('12345', issuedAt, secret);
    const [id, at, mac] = token.split('.');

    expect(verifyAttribution(`12346.${at}.${mac}`, secret, 30 * day, issuedAt)).toBeNull();
    expect(verifyAttribution(`${id}.${Number(at) + 86_400}.${mac}`, secret, 30 * day, issuedAt)).toBeNull();
    expect(verifyAttribution(`${id}.${at}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`, secret, 30 * day, issuedAt)).toBeNull();
    expect(verifyAttribution(token, randomBytes(32), 30 * day, issuedAt)).toBeNull();
  });

  it.each(['', 'garbage', '1.2.3', '12345.1700000000', `x.1.${'a'.repeat(43)}`])('refuses %p', (token) => {
    expect(verifyAttribution(token, secret, 30 * day, issuedAt)).toBeNull();
  });
});
