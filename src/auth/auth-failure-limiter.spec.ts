import { AppConfig } from '../config/app-config';
import { AuthFailureLimiter } from './auth-failure-limiter';
import type { AuthFailuresRepository, CountedFailure } from './auth-failures.repository';

/** The repository's statement, as a map, on a clock the test moves: enough to test the decisions around it. */
function fakeRepository(clock: { now: number }, failing = false): AuthFailuresRepository {
  const rows = new Map<string, { startedAt: number; failures: number }>();
  return {
    async count(ip: string, windowSeconds: number): Promise<CountedFailure> {
      if (failing) throw new Error('connection refused');
      const row = rows.get(ip);
      const next = row && row.startedAt > clock.now - windowSeconds * 1000 ? { ...row, failures: row.failures + 1 } : { startedAt: clock.now, failures: 1 };
      rows.set(ip, next);
      return { failures: next.failures, windowEndsAt: new Date(next.startedAt + windowSeconds * 1000) };
    },
    sweepEnded: async () => 0,
  } as unknown as AuthFailuresRepository;
}

describe('AuthFailureLimiter', () => {
  const clock = { now: 1_000_000 };
  const limiter = (failing = false) =>
    new AuthFailureLimiter(AppConfig.fromEnvironment({ AUTH_FAILURES_PER_MINUTE: '3' }), fakeRepository(clock, failing));

  beforeEach(() => {
    clock.now = 1_000_000;
  });

  it.each([false, true])('allows the limit, then blocks the IP until its window ends (database unreachable: %s)', async (failing) => {
    const subject = limiter(failing);
    const start = clock.now;
    expect(await subject.recordFailure('10.0.0.1', start)).toBe(0);
    clock.now = start + 10_000;
    expect(await subject.recordFailure('10.0.0.1', clock.now)).toBe(0);
    expect(subject.retryAfterSeconds('10.0.0.1', clock.now)).toBe(0);

    clock.now = start + 20_000;
    expect(await subject.recordFailure('10.0.0.1', clock.now)).toBe(0); // the third: still a 401

    expect(subject.retryAfterSeconds('10.0.0.1', start + 20_000)).toBe(40);
    expect(subject.retryAfterSeconds('10.0.0.1', start + 59_999)).toBe(1);
    expect(subject.retryAfterSeconds('10.0.0.1', start + 60_000)).toBe(0);
  });

  it('answers a failure past the limit (counted by another instance) with the seconds to wait', async () => {
    const repository = fakeRepository(clock);
    const config = AppConfig.fromEnvironment({ AUTH_FAILURES_PER_MINUTE: '3' });
    const [a, b] = [new AuthFailureLimiter(config, repository), new AuthFailureLimiter(config, repository)];
    for (let i = 0; i < 3; i++) expect(await a.recordFailure('10.0.0.5', clock.now)).toBe(0);

    expect(b.retryAfterSeconds('10.0.0.5', clock.now)).toBe(0); // b has not seen it fail yet
    expect(await b.recordFailure('10.0.0.5', clock.now)).toBe(60);
    expect(b.retryAfterSeconds('10.0.0.5', clock.now)).toBe(60);
  });

  it('starts a new window once the last one has ended', async () => {
    const subject = limiter();
    for (let i = 0; i < 10; i++) {
      clock.now = 1_000_000 + i * 60_001;
      expect(await subject.recordFailure('10.0.0.2', clock.now)).toBe(0);
    }
    expect(subject.retryAfterSeconds('10.0.0.2', clock.now)).toBe(0);
  });

  it('keeps IPs apart', async () => {
    const subject = limiter();
    for (let i = 0; i < 3; i++) await subject.recordFailure('10.0.0.3', clock.now);

    expect(subject.retryAfterSeconds('10.0.0.3', clock.now)).toBeGreaterThan(0);
    expect(subject.retryAfterSeconds('10.0.0.4', clock.now)).toBe(0);
  });
});
