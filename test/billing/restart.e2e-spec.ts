import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { countersOf, ledgerDisagreements, planOverridesFile, removePlanOverridesFiles } from './support/billing-fixtures';
import { call, startInstance } from './support/instances';
import { METERED, MeteredRoutesModule } from './support/metered-routes.module';

describe('A restart of the service', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
    removePlanOverridesFiles();
  });

  it('keeps the counters, the rate-limit window and the daily cap', async () => {
    const env = { PLAN_OVERRIDES_FILE: planOverridesFile({ free: { daily_cap: 4 } }) };
    const before = await startInstance(database, env, [MeteredRoutesModule]);
    const { accountId, apiKey } = await createAccountWithKey(before.app, 'free');
    for (let i = 0; i < 3; i++) expect((await call(before.baseUrl, `${METERED}/ok`, apiKey)).status).toBe(200);
    await before.close();

    const after = await startInstance(database, env, [MeteredRoutesModule]);
    try {
      const usage = await call(after.baseUrl, '/api/v1/account/usage', apiKey);
      const fourth = await call(after.baseUrl, `${METERED}/ok`, apiKey);
      const capped = await call(after.baseUrl, `${METERED}/ok`, apiKey);
      // 3 before the restart + usage + 4th = 5 admitted (a refusal is not an admission): the free plan's
      // 5/min is used up, so the window survived the restart too.
      const rateLimited = await call(after.baseUrl, `${METERED}/free`, apiKey);

      expect(usage.body.data).toMatchObject({ credits: { used: 3 }, today: { used: 3, cap: 4 } });
      expect(fourth.status).toBe(200);
      expect(capped.body.data).toMatchObject({ reason: 'daily_cap_reached' });
      expect(rateLimited.body.data).toMatchObject({ reason: 'rate_limited' });
      expect(await countersOf(after.db, accountId)).toMatchObject({ day_used: 4, included_used: 4, admissions: 5 });
      expect(await ledgerDisagreements(after.db)).toEqual([]);
    } finally {
      await after.close();
    }
  });
});
