import type { Plan } from '../../src/plans/plan-registry';
import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { chargeEarlierToday, countersOf, ledgerDisagreements } from './support/billing-fixtures';
import { call, countStatuses, Instance, startInstance } from './support/instances';
import { METERED, MeteredRoutesModule } from './support/metered-routes.module';

/** The contract's numbers, written out again here on purpose: the catalog must match them, not itself. */
const RATE_LIMITS: Array<[Plan, number]> = [
  ['free', 5],
  ['starter', 15],
  ['growth', 45],
  ['pro', 120],
  ['business', 300],
  ['enterprise', 1_000],
  ['admin', 1_000],
];
const DAILY_CAPS: Array<[Plan, number]> = [
  ['free', 500],
  ['starter', 5_000],
  ['growth', 25_000],
];
const UNCAPPED: Plan[] = ['pro', 'business', 'enterprise', 'admin'];

function secondsToUtcMidnight(): number {
  const now = new Date();
  return Math.ceil((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000);
}

describe('Plan limits from the catalog, over HTTP (no overrides)', () => {
  let database: TestDatabase;
  let instance: Instance;

  beforeAll(async () => {
    database = await createTestDatabase();
    instance = await startInstance(database, {}, [MeteredRoutesModule]);
  });

  afterEach(async () => {
    expect(await ledgerDisagreements(instance.db)).toEqual([]);
  });

  afterAll(async () => {
    await instance?.close();
    await database?.drop();
  });

  describe.each(RATE_LIMITS)('the %s plan', (plan, limit) => {
    it(`admits exactly ${limit} requests a minute`, async () => {
      const { accountId, apiKey } = await createAccountWithKey(instance.app, plan);

      // A free (0-credit) route: only the rate limit can refuse.
      const outcomes = await Promise.all(
        Array.from({ length: limit + 3 }, () => call(instance.baseUrl, `${METERED}/free`, apiKey)),
      );

      expect(countStatuses(outcomes)).toEqual({ 200: limit, 429: 3 });
      expect(outcomes[0].headers.get('ratelimit-policy')).toMatch(new RegExp(`^"minute";q=${limit};w=60`));
      expect(outcomes.find((outcome) => outcome.status === 429)?.body.data).toMatchObject({ reason: 'rate_limited' });
      expect(await countersOf(instance.db, accountId)).toMatchObject({ admissions: limit });
    });
  });

  describe.each(DAILY_CAPS)('the %s plan', (plan, cap) => {
    it(`caps a UTC day at ${cap} credits, with Retry-After until 00:00 UTC`, async () => {
      const { accountId, apiKey } = await createAccountWithKey(instance.app, plan);
      await chargeEarlierToday(instance.db, accountId, { included: cap - 1 });

      const last = await call(instance.baseUrl, `${METERED}/ok`, apiKey);
      const refused = await call(instance.baseUrl, `${METERED}/ok`, apiKey);

      expect(last.status).toBe(200);
      expect(last.headers.get('ratelimit-policy')).toContain(`"day";q=${cap};w=86400`);
      expect(last.headers.get('ratelimit')).toMatch(/"day";r=0;t=\d+$/);
      expect(refused.status).toBe(429);
      expect(refused.body.data).toMatchObject({ reason: 'daily_cap_reached' });
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(Math.abs(retryAfter - secondsToUtcMidnight())).toBeLessThanOrEqual(5);
      expect(refused.body.data?.retry_after_seconds).toBe(retryAfter);
      expect(await countersOf(instance.db, accountId)).toMatchObject({ day_used: cap, day_reserved: 0 });
    });
  });

  it.each(UNCAPPED)('the %s plan has no daily cap', async (plan) => {
    const { apiKey, accountId } = await createAccountWithKey(instance.app, plan);
    await chargeEarlierToday(instance.db, accountId, { included: 100_000 });

    const response = await call(instance.baseUrl, `${METERED}/ok`, apiKey);

    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-policy')).not.toContain('"day"');
    expect(await countersOf(instance.db, accountId)).toMatchObject({ day_used: 100_001 });
  });
});
