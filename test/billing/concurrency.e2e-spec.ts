import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import {
  chargeEarlierToday,
  countersOf,
  ledgerDisagreements,
  ledgerOf,
  planOverridesFile,
  removePlanOverridesFiles,
} from './support/billing-fixtures';
import { call, countStatuses, Instance, Outcome, startInstance } from './support/instances';
import { METERED, MeteredRoutesModule } from './support/metered-routes.module';

const OK = `${METERED}/ok`;

/** `count` requests fired at once, spread round-robin over the instances. */
function flood(instances: Instance[], count: number, apiKey: string): Promise<Outcome[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => call(instances[i % instances.length].baseUrl, OK, apiKey)),
  );
}

describe('Metering under concurrency (real sockets, one database)', () => {
  let database: TestDatabase;
  let instances: Instance[];

  beforeAll(async () => {
    database = await createTestDatabase();
    // Two instances of the service on one database, as behind a load balancer. Free keeps its real daily cap
    // (500) and included credits; only the rate limit is lifted for the daily-cap cases.
    const env = { PLAN_OVERRIDES_FILE: planOverridesFile({ starter: { rate_limit_per_minute: 100_000 } }) };
    instances = [
      await startInstance(database, env, [MeteredRoutesModule]),
      await startInstance(database, env, [MeteredRoutesModule]),
    ];
  });

  afterEach(async () => {
    expect(await ledgerDisagreements(instances[0].db)).toEqual([]);
  });

  afterAll(async () => {
    for (const instance of instances ?? []) await instance.close();
    await database?.drop();
    removePlanOverridesFiles();
  });

  describe.each([
    ['one instance', 1],
    ['two instances', 2],
  ])('200 simultaneous requests against 5 remaining daily credits, on %s', (_name, instanceCount) => {
    it('answers exactly 5 × 200 and 195 × 429 daily_cap_reached, and the counter ends at the cap', async () => {
      const { accountId, apiKey } = await createAccountWithKey(instances[0].app, 'starter');
      await chargeEarlierToday(instances[0].db, accountId, { included: 4_995 }); // starter's daily cap: 5,000

      const outcomes = await flood(instances.slice(0, instanceCount), 200, apiKey);

      expect(countStatuses(outcomes)).toEqual({ 200: 5, 429: 195 });
      const refusals = outcomes.filter((outcome) => outcome.status === 429);
      expect(new Set(refusals.map((outcome) => outcome.body.data?.reason))).toEqual(new Set(['daily_cap_reached']));
      expect(await countersOf(instances[0].db, accountId)).toMatchObject({
        day_used: 5_000,
        day_reserved: 0,
        included_used: 5_000,
        included_reserved: 0,
      });
      expect((await ledgerOf(instances[0].db, accountId)).filter((row) => row.request_id !== 'fixture')).toHaveLength(5);
    });
  });

  describe.each([
    ['one instance', 1],
    ['two instances', 2],
  ])('a flood of 1,000 requests at the free plan\'s 5/min, on %s', (_name, instanceCount) => {
    it('admits exactly 5; the rest are 429 rate_limited with Retry-After', async () => {
      const { accountId, apiKey } = await createAccountWithKey(instances[0].app, 'free');

      const outcomes = await flood(instances.slice(0, instanceCount), 1_000, apiKey);

      expect(countStatuses(outcomes)).toEqual({ 200: 5, 429: 995 });
      for (const refusal of outcomes.filter((outcome) => outcome.status === 429)) {
        expect(refusal.body.data).toMatchObject({ reason: 'rate_limited' });
        const retryAfter = Number(refusal.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect(refusal.headers.get('ratelimit')).toMatch(/^"minute";r=0;t=\d+, "day";r=495;t=\d+$/);
      }
      expect(await countersOf(instances[0].db, accountId)).toMatchObject({ day_used: 5, admissions: 5 });
    });
  });
});
