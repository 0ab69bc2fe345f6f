import { request as httpRequest } from 'node:http';
import { mintJwt } from '../../src/auth/jwt/jwt-minter';
import { MeteringService } from '../../src/billing/metering.service';
import { AppConfig } from '../../src/config/app-config';
import { createAccount } from '../support/auth-fixtures';
import { createAccountWithKey } from '../support/auth-fixtures';

const JWT_SECRET = 'a-test-only-secret-of-at-least-32-characters';
import { createTestApp, TestApp } from '../support/test-app';
import {
  countersOf,
  ledgerDisagreements,
  ledgerOf,
  planOverridesFile,
  removePlanOverridesFiles,
} from './support/billing-fixtures';
import { METERED, MeteredRoutesModule, slowHandlers } from './support/metered-routes.module';

const STATS = '/api/v1/admin/referrals/stats';

describe('Metering of @Credits routes', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Rate limits out of the way (except where a test sets its own), so each test sees credits alone.
    t = await createTestApp(
      {
        JWT_SECRET,
        PLAN_OVERRIDES_FILE: planOverridesFile({
          free: { rate_limit_per_minute: 1000 },
          starter: { rate_limit_per_minute: 1000, included_credits: 2 },
          pro: { rate_limit_per_minute: 1000, included_credits: 2 },
          admin: { rate_limit_per_minute: 1000 },
        }),
      },
      [MeteredRoutesModule],
    );
  });

  afterEach(async () => {
    expect(await ledgerDisagreements(t.db)).toEqual([]);
  });

  afterAll(async () => {
    await t.close();
    removePlanOverridesFiles();
  });

  const get = (path: string, apiKey: string) => t.http.get(path).set('x-api-key', apiKey);

  describe('a successful (2xx) response', () => {
    it('costs exactly its declared credits, with a ledger row naming request, credential and route', async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'free');

      const response = await get(`${METERED}/ok`, apiKey).set('x-request-id', 'req-ok-1').expect(200);

      expect(response.body).toEqual({ code: 200, msg: 'ok', data: { ok: true } });
      expect(response.headers['x-credits-charged']).toBe('1');
      expect(response.headers['x-credits-remaining']).toBe('1999');
      expect(await countersOf(t.db, accountId)).toMatchObject({
        day_used: 1,
        day_reserved: 0,
        included_used: 1,
        included_reserved: 0,
        overage_used: 0,
      });
      const ledger = await ledgerOf(t.db, accountId);
      expect(ledger).toEqual([
        {
          request_id: 'req-ok-1',
          account_id: accountId,
          credential_kind: 'api_key',
          credential_id: expect.any(String),
          route: 'GET /api/v1/test-metered/ok',
          credits: 1,
          included_credits: 1,
          overage_credits: 0,
        },
      ]);
    });

    it('charges the cost the route declares (3)', async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'free');

      const response = await get(`${METERED}/expensive`, apiKey).expect(200);

      expect(response.headers['x-credits-charged']).toBe('3');
      expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 3, included_used: 3 });
    });

    it('charges a 201 like any other 2xx', async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'free');

      const response = await t.http.post(`${METERED}/created`).set('x-api-key', apiKey).expect(201);

      expect(response.headers['x-credits-charged']).toBe('1');
      expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 1, included_used: 1 });
    });

    it('charges nothing on a @Credits(0) route but still counts it toward the rate limit', async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'free');

      const response = await get(`${METERED}/free`, apiKey).expect(200);

      expect(response.headers['x-credits-charged']).toBe('0');
      expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 0, included_used: 0, admissions: 1 });
      expect(await ledgerOf(t.db, accountId)).toEqual([]);
    });

    it('charges the referral stats endpoint 1 credit per admin request', async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'admin');

      const first = await get(STATS, apiKey).expect(200);
      await get(STATS, apiKey).expect(200);

      expect(first.headers['x-credits-charged']).toBe('1');
      expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 2, included_used: 2 });
      expect((await ledgerOf(t.db, accountId)).map((row) => row.route)).toEqual([
        `GET ${STATS}`,
        `GET ${STATS}`,
      ]);
    });
  });

  describe('credentials', () => {
    it('records an admin JWT caller as a jwt credential, and meters it like a key', async () => {
      const accountId = await createAccount(t.db, { plan: 'admin' });
      const token = mintJwt(t.app.get(AppConfig).auth.jwt, accountId, 300);

      const response = await t.http.get(STATS).set('authorization', `Bearer ${token}`).expect(200);
      const usage = await t.http.get('/api/v1/account/usage').set('authorization', `Bearer ${token}`).expect(200);

      expect(response.headers['x-credits-charged']).toBe('1');
      expect(usage.body.data).toMatchObject({ plan: 'admin', credits: { used: 1, included: 5_000_000 } });
      const [row] = await ledgerOf(t.db, accountId);
      expect(row).toMatchObject({ credential_kind: 'jwt', route: `GET ${STATS}`, credits: 1 });
      expect(row.credential_id).not.toBe('');
    });
  });

  describe('a failed response costs 0 credits and leaves the counters unchanged', () => {
    const failures: Array<[string, string, number]> = [
      ['a 400 from validation', `${METERED}/validated?n=zero`, 400],
      ['a 400 from an unknown query parameter on the stats endpoint', `${STATS}?limit=1`, 400],
      ['a 403 thrown by the handler', `${METERED}/forbidden`, 403],
      ['a 404', `${METERED}/not-found`, 404],
      ['a handler that throws (500)', `${METERED}/throws`, 500],
    ];

    it.each(failures)('%s', async (_case, path, status) => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'admin');
      await get(`${METERED}/ok`, apiKey).expect(200);
      const before = await countersOf(t.db, accountId);

      const response = await get(path, apiKey).expect(status);

      expect(response.body.code).toBe(status);
      expect(response.headers['x-credits-charged']).toBe('0');
      expect(response.headers['ratelimit-policy']).toContain('"minute"');
      const after = await countersOf(t.db, accountId);
      // The failed request was admitted, so it counts toward the rate limit; credits and the day do not move.
      expect(after).toEqual({ ...before, admissions: before.admissions + 1 });
      expect(await ledgerOf(t.db, accountId)).toHaveLength(1);
    });

    it('a 403 from the plan guard (a starter key on an admin route)', async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'starter');
      await get(`${METERED}/ok`, apiKey).expect(200);
      const before = await countersOf(t.db, accountId);

      await get(`${METERED}/admin-only`, apiKey).expect(403);
      await get(STATS, apiKey).expect(403);

      // Refused before metering: not even admitted.
      expect(await countersOf(t.db, accountId)).toEqual(before);
    });

    it('a 401 (no or bad key) touches no counters at all', async () => {
      const books = () =>
        t.db.query(
          `SELECT (SELECT count(*) FROM billing_counters)::int AS counters,
                  (SELECT coalesce(sum(cardinality(recent_admissions)), 0) FROM billing_counters)::int AS admissions,
                  (SELECT count(*) FROM billing_ledger)::int AS ledger,
                  (SELECT count(*) FROM billing_reservations)::int AS reservations`,
        );
      const before = await books();

      await t.http.get(`${METERED}/ok`).expect(401);
      await t.http.get(`${METERED}/ok`).set('x-api-key', 'crw_nonsense').expect(401);

      expect(await books()).toEqual(before);
    });

    it('a client that disconnects before the response', async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'free');
      const finishedBefore = slowHandlers.finished;
      const server = t.app.getHttpServer();
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      const { port } = server.address() as { port: number };

      await new Promise<void>((resolve) => {
        const request = httpRequest({
          host: '127.0.0.1',
          port,
          path: `${METERED}/slow?ms=600`,
          headers: { 'x-api-key': apiKey },
        });
        request.on('error', () => resolve());
        request.end();
        setTimeout(() => {
          request.destroy();
          resolve();
        }, 250);
      });
      // The handler is still sleeping: wait for it to return, then for every settlement it could trigger, so a
      // (wrong) late commit would be visible.
      const deadline = Date.now() + 10_000;
      while (slowHandlers.finished === finishedBefore && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
      expect(slowHandlers.finished).toBe(finishedBefore + 1);
      await t.app.get(MeteringService).beforeApplicationShutdown();

      expect(await countersOf(t.db, accountId)).toMatchObject({
        day_used: 0,
        day_reserved: 0,
        included_used: 0,
        included_reserved: 0,
        admissions: 1,
      });
      expect(await ledgerOf(t.db, accountId)).toEqual([]);
    });
  });

  describe('headers', () => {
    it('sets RateLimit-Policy and RateLimit for the minute and the day on a capped plan', async () => {
      const { apiKey } = await createAccountWithKey(t.app, 'free');

      const response = await get(`${METERED}/ok`, apiKey).expect(200);

      expect(response.headers['ratelimit-policy']).toBe('"minute";q=1000;w=60, "day";q=500;w=86400');
      expect(response.headers['ratelimit']).toMatch(/^"minute";r=999;t=(59|60), "day";r=499;t=\d+$/);
      expect(response.headers['retry-after']).toBeUndefined();
    });

    it('sets only the minute policy on a plan without a daily cap', async () => {
      const { apiKey } = await createAccountWithKey(t.app, 'pro');

      const response = await get(`${METERED}/ok`, apiKey).expect(200);

      expect(response.headers['ratelimit-policy']).toBe('"minute";q=1000;w=60');
      expect(response.headers['ratelimit']).toMatch(/^"minute";r=999;t=\d+$/);
    });

    it('leaves routes without @Credits untouched', async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'free');

      const response = await get(`${METERED}/unmetered`, apiKey).expect(200);
      const plans = await t.http.get('/api/v1/plans').expect(200);

      for (const headers of [response.headers, plans.headers]) {
        expect(headers['ratelimit']).toBeUndefined();
        expect(headers['ratelimit-policy']).toBeUndefined();
        expect(headers['x-credits-charged']).toBeUndefined();
      }
      expect(await countersOf(t.db, accountId)).toMatchObject({ admissions: 0 });
    });
  });

  describe('credits and overage', () => {
    it('refuses a free account past its included credits with 429 credits_exhausted until the period ends', async () => {
      const free = await createTestApp(
        { PLAN_OVERRIDES_FILE: planOverridesFile({ free: { included_credits: 2, rate_limit_per_minute: 1000 } }) },
        [MeteredRoutesModule],
      );
      try {
        const { accountId, apiKey } = await createAccountWithKey(free.app, 'free');
        await free.http.get(`${METERED}/ok`).set('x-api-key', apiKey).expect(200);
        await free.http.get(`${METERED}/ok`).set('x-api-key', apiKey).expect(200);

        const refused = await free.http.get(`${METERED}/ok`).set('x-api-key', apiKey).expect(429);

        const now = new Date();
        const periodEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
        const expected = Math.ceil((periodEnd - now.getTime()) / 1000);
        expect(refused.body).toEqual({
          code: 429,
          msg: 'Included credits exhausted for this billing period',
          data: {
            request_id: refused.headers['x-request-id'],
            reason: 'credits_exhausted',
            retry_after_seconds: expect.any(Number),
          },
        });
        expect(Math.abs(refused.body.data.retry_after_seconds - expected)).toBeLessThanOrEqual(5);
        expect(refused.headers['retry-after']).toBe(String(refused.body.data.retry_after_seconds));
        expect(refused.headers['x-credits-charged']).toBe('0');
        expect(refused.headers['x-credits-remaining']).toBe('0');
        expect(refused.headers['ratelimit-policy']).toBeDefined();
        expect(await countersOf(free.db, accountId)).toMatchObject({ included_used: 2, overage_used: 0, admissions: 2 });
        // Free routes stay reachable: the account can still see why it was refused.
        const usage = await free.http.get('/api/v1/account/usage').set('x-api-key', apiKey).expect(200);
        expect(usage.body.data.credits).toMatchObject({ used: 2, remaining: 0, overage_allowed: false });
        expect(await ledgerDisagreements(free.db)).toEqual([]);
      } finally {
        await free.close();
      }
    });

    it('bills pro past its included credits as overage', async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'pro');

      for (let i = 0; i < 2; i++) await get(`${METERED}/ok`, apiKey).expect(200);
      const third = await get(`${METERED}/ok`, apiKey).expect(200);
      const fourth = await get(`${METERED}/expensive`, apiKey).expect(200);

      expect(third.headers['x-credits-charged']).toBe('1');
      expect(third.headers['x-credits-remaining']).toBe('0');
      expect(fourth.headers['x-credits-charged']).toBe('3');
      expect(await countersOf(t.db, accountId)).toMatchObject({ included_used: 2, overage_used: 4, day_used: 6 });
      const ledger = await ledgerOf(t.db, accountId);
      expect(ledger.map((row) => [row.included_credits, row.overage_credits])).toEqual([
        [1, 0],
        [1, 0],
        [0, 1],
        [0, 3],
      ]);
    });

    it('splits a charge that crosses the end of the included credits', async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'pro');
      await get(`${METERED}/ok`, apiKey).expect(200);

      await get(`${METERED}/expensive`, apiKey).expect(200);

      expect((await ledgerOf(t.db, accountId)).map((row) => [row.included_credits, row.overage_credits])).toEqual([
        [1, 0],
        [1, 2],
      ]);
    });

    it('refuses starter past its included credits when overage is not enabled', async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'starter');
      await get(`${METERED}/ok`, apiKey).expect(200);
      await get(`${METERED}/ok`, apiKey).expect(200);

      const refused = await get(`${METERED}/ok`, apiKey).expect(429);

      expect(refused.body.data.reason).toBe('credits_exhausted');
      expect(await countersOf(t.db, accountId)).toMatchObject({ included_used: 2, overage_used: 0 });
    });

    it('bills starter past its included credits as overage when enabled on the account', async () => {
      const { accountId, apiKey } = await createAccountWithKey(t.app, 'starter', { overageEnabled: true });
      await get(`${METERED}/ok`, apiKey).expect(200);
      await get(`${METERED}/ok`, apiKey).expect(200);

      const third = await get(`${METERED}/ok`, apiKey).expect(200);

      expect(third.headers['x-credits-charged']).toBe('1');
      expect(await countersOf(t.db, accountId)).toMatchObject({ included_used: 2, overage_used: 1 });
    });
  });

  it('keeps one account from spending another account\'s credits', async () => {
    const a = await createAccountWithKey(t.app, 'free');
    const b = await createAccountWithKey(t.app, 'free');

    await get(`${METERED}/ok`, a.apiKey).expect(200);
    await get(`${METERED}/ok`, a.apiKey).expect(200);

    expect(await countersOf(t.db, a.accountId)).toMatchObject({ day_used: 2 });
    expect(await countersOf(t.db, b.accountId)).toMatchObject({ day_used: 0, admissions: 0 });
  });
});
