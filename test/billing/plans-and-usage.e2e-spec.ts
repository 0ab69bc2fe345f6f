import { createAccount, createAccountWithKey, createApiKey } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import {
  chargeEarlierToday,
  ledgerDisagreements,
  planOverridesFile,
  removePlanOverridesFiles,
} from './support/billing-fixtures';
import { METERED, MeteredRoutesModule } from './support/metered-routes.module';

const CONTRACT_CATALOG = [
  { plan: 'free', price_cents: 0, included_credits: 2_000, daily_cap: 500, rate_limit_per_minute: 5, overage: null },
  {
    plan: 'starter',
    price_cents: 900,
    included_credits: 20_000,
    daily_cap: 5_000,
    rate_limit_per_minute: 15,
    overage: { cents_per_1000_credits: 75, requires_opt_in: true },
  },
  {
    plan: 'growth',
    price_cents: 2_900,
    included_credits: 100_000,
    daily_cap: 25_000,
    rate_limit_per_minute: 45,
    overage: { cents_per_1000_credits: 45, requires_opt_in: true },
  },
  {
    plan: 'pro',
    price_cents: 7_900,
    included_credits: 400_000,
    daily_cap: null,
    rate_limit_per_minute: 120,
    overage: { cents_per_1000_credits: 30, requires_opt_in: false },
  },
  {
    plan: 'business',
    price_cents: 19_900,
    included_credits: 1_200_000,
    daily_cap: null,
    rate_limit_per_minute: 300,
    overage: { cents_per_1000_credits: 20, requires_opt_in: false },
  },
  {
    plan: 'enterprise',
    price_cents: 49_900,
    included_credits: 5_000_000,
    daily_cap: null,
    rate_limit_per_minute: 1_000,
    overage: { cents_per_1000_credits: 12, requires_opt_in: false },
  },
];

describe('Billing routes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({}, [MeteredRoutesModule]);
  });

  afterEach(async () => {
    expect(await ledgerDisagreements(t.db)).toEqual([]);
  });

  afterAll(async () => {
    await t.close();
    removePlanOverridesFiles();
  });

  describe('GET /api/v1/plans', () => {
    it('returns the contract plan table, publicly and unmetered', async () => {
      const response = await t.http.get('/api/v1/plans').expect(200);

      expect(response.body).toEqual({ code: 200, msg: 'ok', data: { plans: CONTRACT_CATALOG } });
      expect(response.headers['ratelimit']).toBeUndefined();
    });

    it('applies PLAN_OVERRIDES_FILE', async () => {
      const overridden = await createTestApp({
        PLAN_OVERRIDES_FILE: planOverridesFile({ free: { daily_cap: 3 }, pro: { overage: null } }),
      });
      try {
        const response = await overridden.http.get('/api/v1/plans').expect(200);

        expect(response.body.data.plans[0]).toMatchObject({ plan: 'free', daily_cap: 3, included_credits: 2_000 });
        expect(response.body.data.plans[3]).toMatchObject({ plan: 'pro', overage: null });
      } finally {
        await overridden.close();
      }
    });

    it('reaches an overridden daily cap over HTTP', async () => {
      const overridden = await createTestApp({ PLAN_OVERRIDES_FILE: planOverridesFile({ free: { daily_cap: 3 } }) }, [
        MeteredRoutesModule,
      ]);
      try {
        const { apiKey } = await createAccountWithKey(overridden.app, 'free');
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) {
          statuses.push((await overridden.http.get(`${METERED}/ok`).set('x-api-key', apiKey)).status);
        }

        expect(statuses).toEqual([200, 200, 200, 429]);
        expect(await ledgerDisagreements(overridden.db)).toEqual([]);
      } finally {
        await overridden.close();
      }
    });
  });

  describe('GET /api/v1/account/usage', () => {
    it("reports the caller's plan, period, credits, today and rate limit, and costs nothing", async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'starter');
      await t.http.get(`${METERED}/ok`).set('x-api-key', apiKey).expect(200);
      await t.http.get(`${METERED}/throws`).set('x-api-key', apiKey).expect(500);

      const response = await t.http.get('/api/v1/account/usage').set('x-api-key', apiKey).expect(200);

      const now = new Date();
      expect(response.headers['x-credits-charged']).toBe('0');
      expect(response.body.data).toEqual({
        account_id: accountId,
        plan: 'starter',
        period: {
          start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(),
          end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString(),
        },
        credits: {
          included: 20_000,
          used: 1,
          remaining: 19_999,
          overage: 0,
          overage_cost_micros: 0,
          overage_allowed: false,
        },
        bonus: { remaining: 0, balances: [] },
        today: {
          date: now.toISOString().slice(0, 10),
          used: 1,
          cap: 5_000,
          remaining: 4_999,
          resets_at: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString(),
        },
        // The 2xx, the 500 and this call itself were all admitted.
        rate_limit: { limit_per_minute: 15, used_last_minute: 3, remaining: 12 },
      });
    });

    it('prices overage exactly, in micro-dollars', async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'pro');
      await chargeEarlierToday(t.db, accountId, { included: 400_000, overage: 1_234 });

      const response = await t.http.get('/api/v1/account/usage').set('x-api-key', apiKey).expect(200);

      // 1,234 credits at $0.30 per 1,000 = $0.3702 = 370,200 µ$.
      expect(response.body.data.credits).toEqual({
        included: 400_000,
        used: 401_234,
        remaining: 0,
        overage: 1_234,
        overage_cost_micros: 370_200,
        overage_allowed: true,
      });
      expect(response.body.data.today).toMatchObject({ used: 401_234, cap: null, remaining: null });
    });

    it('answers 401 without credentials', async () => {
      await t.http.get('/api/v1/account/usage').expect(401);
    });
  });

  describe('GET /api/v1/admin/accounts/:id/usage', () => {
    it("returns another account's usage to an admin", async () => {
      const customer = await createAccountWithKey(t.app, 'growth', { overageEnabled: true });
      await t.http.get(`${METERED}/ok`).set('x-api-key', customer.apiKey).expect(200);
      const admin = await createAccountWithKey(t.app, 'admin');

      const response = await t.http
        .get(`/api/v1/admin/accounts/${customer.accountId}/usage`)
        .set('x-api-key', admin.apiKey)
        .expect(200);

      expect(response.body.data).toMatchObject({
        account_id: customer.accountId,
        plan: 'growth',
        credits: { included: 100_000, used: 1, overage_allowed: true },
        today: { used: 1, cap: 25_000 },
        rate_limit: { limit_per_minute: 45, used_last_minute: 1 },
      });
    });

    it('answers 403 to a non-admin, even for its own account', async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'enterprise');

      await t.http.get(`/api/v1/admin/accounts/${accountId}/usage`).set('x-api-key', apiKey).expect(403);
    });

    it('answers 404 for an unknown account and 400 for a malformed id', async () => {
      const admin = await createAccountWithKey(t.app, 'admin');

      await t.http
        .get('/api/v1/admin/accounts/00000000-0000-4000-8000-000000000000/usage')
        .set('x-api-key', admin.apiKey)
        .expect(404);
      const malformed = await t.http.get('/api/v1/admin/accounts/nope/usage').set('x-api-key', admin.apiKey).expect(400);
      expect(malformed.body.data.errors).toEqual([{ field: 'id', message: 'id must be an account id (a UUID)' }]);
    });

    it('reports an account that never made a metered request as all zeros', async () => {
      const accountId = await createAccount(t.db, { plan: 'free' });
      await createApiKey(t.app, accountId);
      const admin = await createAccountWithKey(t.app, 'admin');

      const response = await t.http
        .get(`/api/v1/admin/accounts/${accountId}/usage`)
        .set('x-api-key', admin.apiKey)
        .expect(200);

      expect(response.body.data).toMatchObject({
        credits: { used: 0, remaining: 2_000, overage: 0 },
        today: { used: 0, remaining: 500 },
        rate_limit: { used_last_minute: 0, remaining: 5 },
      });
    });
  });

  describe('GET /docs-json', () => {
    let document: { paths: Record<string, Record<string, any>> };

    beforeAll(async () => {
      document = (await t.http.get('/docs-json').expect(200)).body;
    });

    it('documents the stats endpoint cost, its 429 reasons and the metering headers', () => {
      const stats = document.paths['/api/v1/admin/referrals/stats'].get;

      expect(stats['x-credit-cost']).toBe(1);
      expect(stats.responses['200'].description).toContain('1 credit/request');
      expect(Object.keys(stats.responses['200'].headers)).toEqual(
        expect.arrayContaining(['RateLimit-Policy', 'RateLimit', 'X-Credits-Charged', 'X-Credits-Remaining']),
      );
      expect(stats.responses['429'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/app.TooManyRequestsResponse',
      });
      expect(Object.keys(stats.responses['429'].content['application/json'].examples)).toEqual([
        'rate_limited',
        'daily_cap_reached',
        'credits_exhausted',
        'too_many_failures',
      ]);
      expect(stats.responses['429'].headers['Retry-After']).toBeDefined();
    });

    it('documents the headers under the status a metered route really answers (201 for a POST)', () => {
      const created = document.paths['/api/v1/test-metered/created'].post;

      expect(created['x-credit-cost']).toBe(1);
      expect(Object.keys(created.responses['201'].headers)).toContain('X-Credits-Charged');
      expect(created.responses['201'].description).toContain('1 credit/request');
      expect(created.responses['200']).toBeUndefined();
    });

    it('documents the usage routes as free and the plan catalog as unmetered', () => {
      expect(document.paths['/api/v1/account/usage'].get['x-credit-cost']).toBe(0);
      expect(document.paths['/api/v1/admin/accounts/{id}/usage'].get['x-credit-cost']).toBe(0);
      expect(document.paths['/api/v1/plans'].get['x-credit-cost']).toBeUndefined();
    });
  });
});
