import { MeteringRepository } from '../../src/billing/metering/metering.repository';
import type { AdmissionLimits, AdmissionRequest, BatchedAdmissionResult } from '../../src/billing/metering/metering.types';
import { createAccount, createApiKey } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { clearOfMidnight, countersOf, ledgerDisagreements, ledgerOf } from './support/billing-fixtures';
import { METERED, MeteredRoutesModule } from './support/metered-routes.module';

/**
 * The billing calendar through the statement production runs (admitBatch, the batched admission), with the
 * stored counters moved across each boundary: the statement reads the clock from PostgreSQL, so moving the
 * rows a day or a month back is what the next request after 00:00 UTC or the 1st of the month finds.
 */
describe('billing time boundaries through the batched admission', () => {
  let t: TestApp;
  let repository: MeteringRepository;
  const limits: AdmissionLimits = { ratePerMinute: 1000, dailyCap: 10, includedCredits: 100, overageAllowed: false };
  let sequence = 0;
  const requestFor = (accountId: string, credits: number): AdmissionRequest => ({
    accountId,
    credits,
    requestId: `boundary-${++sequence}`,
    credential: { kind: 'api_key', id: 'key' },
    route: 'GET /boundary',
  });

  /** One admission through admitBatch, creating the counters row first as the batcher does. */
  async function admit(accountId: string, credits: number, with_: AdmissionLimits = limits) {
    let [result]: BatchedAdmissionResult[] = await repository.admitBatch([{ request: requestFor(accountId, credits), limits: with_ }]);
    if (result.missing) {
      await repository.ensureCounters([accountId]);
      [result] = await repository.admitBatch([{ request: requestFor(accountId, credits), limits: with_ }]);
    }
    if (result.missing) throw new Error('no counters row');
    return result;
  }

  /** A fresh account with a counters row, its ledger and counters moved as one (so the books still balance). */
  async function accountWithUsage(sql: string): Promise<string> {
    await clearOfMidnight();
    const accountId = await createAccount(t.db, { plan: 'free' });
    await repository.ensureCounters([accountId]);
    await t.db.query(sql, [accountId]);
    return accountId;
  }

  beforeAll(async () => {
    t = await createTestApp();
    repository = t.app.get(MeteringRepository);
  });

  afterAll(() => t.close());

  describe('the daily cap resets at 00:00 UTC', () => {
    it("refuses when today's usage is at the cap", async () => {
      const accountId = await accountWithUsage(
        `UPDATE billing_counters SET usage_day = (now() AT TIME ZONE 'UTC')::date, day_used = 10 WHERE account_id = $1`,
      );

      expect((await admit(accountId, 1)).refusal).toBe('daily_cap_reached');
    });

    it("admits when the usage at the cap is yesterday's (UTC), and books the charge on today", async () => {
      const accountId = await accountWithUsage(
        `UPDATE billing_counters SET usage_day = (now() AT TIME ZONE 'UTC')::date - 1, day_used = 10 WHERE account_id = $1`,
      );

      const result = await admit(accountId, 1);

      expect(result.refusal).toBeNull();
      const [{ today }] = await t.db.query(`SELECT to_char((now() AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS today`);
      expect(await countersOf(t.db, accountId)).toMatchObject({ day_used: 1, usage_day: today });
    });

    it('decides the UTC day whatever the session time zone is', async () => {
      // A zone whose calendar date differs from UTC's right now (UTC-12 before noon UTC, UTC+14 after): a
      // statement that read the session's date would find yesterday's or tomorrow's counters and admit.
      const zone = new Date().getUTCHours() < 12 ? 'Etc/GMT+12' : 'Etc/GMT-14';
      const accountId = await accountWithUsage(
        `UPDATE billing_counters SET usage_day = (now() AT TIME ZONE 'UTC')::date, day_used = 10 WHERE account_id = $1`,
      );
      await t.db.query(`ALTER DATABASE ${t.database.name} SET timezone = '${zone}'`);
      try {
        // New connections pick up the setting; admitBatch takes one from the pool, so close the idle ones.
        await t.db.destroy();
        await t.db.initialize();
        const [{ differs }] = await t.db.query(`SELECT current_date <> (now() AT TIME ZONE 'UTC')::date AS differs`);
        expect(differs).toBe(true);
        expect((await admit(accountId, 1)).refusal).toBe('daily_cap_reached');
      } finally {
        await t.db.query(`ALTER DATABASE ${t.database.name} RESET timezone`);
      }
    });
  });

  describe('included credits reset at the month change (UTC)', () => {
    it('refuses past the included credits within the month (no overage)', async () => {
      const accountId = await accountWithUsage(
        `UPDATE billing_counters SET period_start = date_trunc('month', now() AT TIME ZONE 'UTC')::date, included_used = 100
          WHERE account_id = $1`,
      );

      expect((await admit(accountId, 1)).refusal).toBe('credits_exhausted');
    });

    it("admits from the new month's included credits once last month's are used up", async () => {
      const accountId = await accountWithUsage(
        `UPDATE billing_counters SET period_start = (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '1 month')::date,
                                     included_used = 100 WHERE account_id = $1`,
      );

      const result = await admit(accountId, 3);

      expect(result.refusal).toBeNull();
      expect(await countersOf(t.db, accountId)).toMatchObject({ included_used: 3 });
      expect((await ledgerOf(t.db, accountId)).map((row) => [row.included_credits, row.overage_credits])).toEqual([[3, 0]]);
    });
  });

  describe('bonus credits: spent soonest-expiring first, never once expired', () => {
    it('skips an expired grant, spends the soonest-expiring live one first, then the next, then included credits', async () => {
      const accountId = await accountWithUsage(
        `UPDATE billing_counters
            SET bonus_expires_at = ARRAY[now() - interval '1 minute', now() + interval '1 day', now() + interval '30 days'],
                bonus_remaining  = ARRAY[50, 2, 3]::bigint[]
          WHERE account_id = $1`,
      );

      const first = await admit(accountId, 4); // 2 from the grant expiring tomorrow, 2 from the next
      await repository.chargeReservation(first.reservationId!);
      const second = await admit(accountId, 4); // the last bonus credit, then 3 included credits
      await repository.chargeReservation(second.reservationId!);

      const [{ remaining }] = await t.db.query(
        `SELECT bonus_remaining::int[] AS remaining FROM billing_counters WHERE account_id = $1`,
        [accountId],
      );
      expect(remaining).toEqual([50, 0, 0]);
      const ledger = await t.db.query(`SELECT bonus_credits, included_credits FROM billing_ledger WHERE account_id = $1 ORDER BY id`, [accountId]);
      expect(ledger.map((row: { bonus_credits: number; included_credits: number }) => [row.bonus_credits, row.included_credits])).toEqual([
        [4, 0],
        [1, 3],
      ]);
      // The other tests here store usage without ledger rows on purpose; this account's books must balance.
      expect((await ledgerDisagreements(t.db)).filter((row) => (row as { account_id: string }).account_id === accountId)).toEqual([]);
    });
  });
});

describe('overage for opted-in Starter and Growth, over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({}, [MeteredRoutesModule]);
  });

  afterAll(() => t.close());

  it.each([
    ['starter', 20_000, 750],
    ['growth', 100_000, 450],
  ] as const)(
    '%s past its %i included credits: admitted as overage, charged at %i µ$ a credit in the usage report',
    async (plan, included, microsPerCredit) => {
      const accountId = await createAccount(t.db, { plan, overageEnabled: true });
      const apiKey = await createApiKey(t.app, accountId);
      await t.http.get('/api/v1/account/usage').set('x-api-key', apiKey).expect(200); // creates the counters row
      await t.db.query(
        `UPDATE billing_counters SET period_start = date_trunc('month', now() AT TIME ZONE 'UTC')::date, included_used = $2
          WHERE account_id = $1`,
        [accountId, included],
      );

      for (let i = 0; i < 3; i++) await t.http.get(`${METERED}/expensive`).set('x-api-key', apiKey).expect(200);

      const usage = (await t.http.get('/api/v1/account/usage').set('x-api-key', apiKey).expect(200)).body.data;
      expect(usage.credits).toMatchObject({ included, used: included + 9, remaining: 0, overage: 9, overage_cost_micros: 9 * microsPerCredit, overage_allowed: true });
      expect((await ledgerOf(t.db, accountId)).map((row) => row.overage_credits)).toEqual([3, 3, 3]);
    },
  );

  it.each(['starter', 'growth'] as const)('%s without the opt-in: refused past the included credits', async (plan) => {
    const accountId = await createAccount(t.db, { plan, overageEnabled: false });
    const apiKey = await createApiKey(t.app, accountId);
    await t.http.get('/api/v1/account/usage').set('x-api-key', apiKey).expect(200);
    await t.db.query(
      `UPDATE billing_counters SET period_start = date_trunc('month', now() AT TIME ZONE 'UTC')::date,
                                   included_used = (SELECT $2::int) WHERE account_id = $1`,
      [accountId, plan === 'starter' ? 20_000 : 100_000],
    );

    const response = await t.http.get(`${METERED}/ok`).set('x-api-key', apiKey).expect(429);

    expect(response.body.data.reason).toBe('credits_exhausted');
  });
});
