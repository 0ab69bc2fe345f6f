import { AppConfig } from '../config/app-config';
import { AuthFailureLimiter } from './auth-failure-limiter';

describe('AuthFailureLimiter', () => {
  const limiter = () => new AuthFailureLimiter(AppConfig.fromEnvironment({ AUTH_FAILURES_PER_MINUTE: '3' }));

  it('blocks an IP once it reaches the limit within 60 s, until its oldest failure ages out', () => {
    const subject = limiter();
    const start = 1_000_000;
    subject.recordFailure('10.0.0.1', start);
    subject.recordFailure('10.0.0.1', start + 10_000);
    expect(subject.retryAfterSeconds('10.0.0.1', start + 10_000)).toBe(0);

    subject.recordFailure('10.0.0.1', start + 20_000);

    expect(subject.retryAfterSeconds('10.0.0.1', start + 20_000)).toBe(40);
    expect(subject.retryAfterSeconds('10.0.0.1', start + 59_999)).toBe(1);
    expect(subject.retryAfterSeconds('10.0.0.1', start + 60_000)).toBe(0);
  });

  it('is rolling: failures spread over more than a minute never block', () => {
    const subject = limiter();
    for (let i = 0; i < 10; i++) subject.recordFailure('10.0.0.2', i * 30_001);

    expect(subject.retryAfterSeconds('10.0.0.2', 9 * 30_001)).toBe(0);
  });

  it('keeps IPs apart', () => {
    const subject = limiter();
    for (let i = 0; i < 3; i++) subject.recordFailure('10.0.0.3', 1000 + i);

    expect(subject.retryAfterSeconds('10.0.0.3', 2000)).toBeGreaterThan(0);
    expect(subject.retryAfterSeconds('10.0.0.4', 2000)).toBe(0);
  });
});
