import { BUILT_IN_DISPOSABLE_DOMAINS, evaluateSignup, normalizeEmail, SignupFacts } from './fraud-rules';

describe('normalizeEmail', () => {
  it.each([
    ['Jane.Doe+referrals@Gmail.com', 'janedoe@gmail.com'],
    ['j.a.n.e.doe@googlemail.com', 'janedoe@gmail.com'],
    ['jane+x@outlook.com', 'jane@outlook.com'],
    ['jane.doe@outlook.com', 'jane.doe@outlook.com'],
    ['jane.doe+tag@example.com', 'jane.doe+tag@example.com'],
    ['  JANE@EXAMPLE.COM ', 'jane@example.com'],
  ])('%s -> %s', (email, normalized) => {
    expect(normalizeEmail(email)).toBe(normalized);
  });
});

describe('evaluateSignup', () => {
  const ip = (byte: number) => Buffer.alloc(32, byte);
  const settings = { maxSignupsPerIpPerDay: 3, disposableDomains: new Set(BUILT_IN_DISPOSABLE_DOMAINS) };
  const facts = (overrides: Partial<SignupFacts> = {}): SignupFacts => ({
    refereeEmail: 'new.user@example.org',
    refereeAccountId: 'referee',
    referrerEmail: 'ada@gmail.com',
    referrerAccountId: 'referrer',
    signupIpHash: ip(1),
    referrerIpHash: ip(2),
    signupsFromIpLastDay: 0,
    ...overrides,
  });

  it('accepts an ordinary signup', () => {
    expect(evaluateSignup(facts(), settings)).toEqual({ outcome: 'accept' });
  });

  it('rejects a self-referral by account or by normalized email', () => {
    expect(evaluateSignup(facts({ refereeAccountId: 'referrer' }), settings)).toEqual({ outcome: 'reject', reason: 'self_referral' });
    expect(evaluateSignup(facts({ refereeEmail: 'A.D.A+free@googlemail.com' }), settings)).toEqual({
      outcome: 'reject',
      reason: 'self_referral',
    });
  });

  it("holds a signup from the referrer's own IP for review", () => {
    expect(evaluateSignup(facts({ signupIpHash: ip(2) }), settings)).toEqual({ outcome: 'review', reason: 'same_ip_as_referrer' });
  });

  it('holds the signup that exceeds the per-IP daily limit for review', () => {
    expect(evaluateSignup(facts({ signupsFromIpLastDay: 2 }), settings).outcome).toBe('accept');
    expect(evaluateSignup(facts({ signupsFromIpLastDay: 3 }), settings)).toEqual({ outcome: 'review', reason: 'ip_signup_velocity' });
  });

  it('holds a disposable email domain (and its subdomains) for review', () => {
    expect(evaluateSignup(facts({ refereeEmail: 'x@mailinator.com' }), settings)).toEqual({ outcome: 'review', reason: 'disposable_email' });
    expect(evaluateSignup(facts({ refereeEmail: 'x@inbox.yopmail.com' }), settings).outcome).toBe('review');
    expect(evaluateSignup(facts({ refereeEmail: 'x@notmailinator.com' }), settings).outcome).toBe('accept');
  });

  it('does not compare IPs when either is unknown', () => {
    expect(evaluateSignup(facts({ signupIpHash: null, referrerIpHash: null }), settings).outcome).toBe('accept');
  });
});
