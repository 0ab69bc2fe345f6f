import { parse } from 'csv-parse/sync';
import { UsageCounterRecorder } from '../../src/usage-history/usage-counter.recorder';
import { planOverridesFile, removePlanOverridesFiles } from '../billing/support/billing-fixtures';
import { METERED, MeteredRoutesModule } from '../billing/support/metered-routes.module';
import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

type Reason = 'rate_limited' | 'daily_cap_reached' | 'credits_exhausted';
interface Observed {
  admitted: number;
  refusals: Record<Reason, number>;
}

const DAILY = '/api/v1/account/usage/daily';

describe('usage history', () => {
  let t: TestApp;
  let admin: string;
  /** Starter without overage: small numbers so one day shows every refusal reason. */
  let capped: { accountId: string; apiKey: string };
  /** Growth with overage on: overage credits and their cost. */
  let paying: { accountId: string; apiKey: string };
  const observed = new Map<string, Map<string, Observed>>(); // account -> day -> what the responses said

  const today = () => new Date().toISOString().slice(0, 10);
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const flush = () => t.app.get(UsageCounterRecorder).flush();

  /** Sends `paths` one after another as the account, noting each outcome under `day`. */
  async function send(account: { accountId: string; apiKey: string }, day: string, paths: string[]): Promise<void> {
    const days = observed.get(account.accountId) ?? new Map<string, Observed>();
    observed.set(account.accountId, days);
    const tally = days.get(day) ?? { admitted: 0, refusals: { rate_limited: 0, daily_cap_reached: 0, credits_exhausted: 0 } };
    days.set(day, tally);
    for (const path of paths) {
      const response = await t.http.get(`${METERED}/${path}`).set('x-api-key', account.apiKey);
      if (response.status === 429) tally.refusals[response.body.data.reason as Reason] += 1;
      else tally.admitted += 1;
    }
  }

  /**
   * Moves everything the accounts did today `days` days into the past, as if it had happened then: ledger
   * rows, usage counters, and the billing counters' current day and period (with an empty rate-limit log).
   */
  async function moveTodayBack(days: number, accountIds: string[]): Promise<void> {
    await flush();
    const today = `(now() AT TIME ZONE 'UTC')::date`;
    await t.db.query(
      `UPDATE billing_ledger
          SET usage_day = usage_day - $1::int, period_start = date_trunc('month', usage_day - $1::int)::date,
              reserved_at = reserved_at - $1 * interval '1 day', charged_at = charged_at - $1 * interval '1 day'
        WHERE account_id = ANY($2::uuid[]) AND usage_day = ${today}`,
      [days, accountIds],
    );
    await t.db.query(`UPDATE usage_daily_counters SET day = day - $1::int WHERE account_id = ANY($2::uuid[]) AND day = ${today}`, [
      days,
      accountIds,
    ]);
    // The billing events those counts wrote, and the overage marker, happened then too.
    await t.db.query(
      `UPDATE webhook_events
          SET occurred_at = occurred_at - $1 * interval '1 day',
              data = jsonb_set(data, '{day}', to_jsonb(to_char((data->>'day')::date - $1::int, 'YYYY-MM-DD')))
        WHERE type IN ('billing.daily_cap_reached', 'billing.credits_exhausted') AND (data->>'day')::date = ${today}`,
      [days],
    );
    await t.db.query(
      `UPDATE usage_overage_periods SET period_start = date_trunc('month', ${today} - $1::int)::date
        WHERE account_id = ANY($2::uuid[]) AND period_start = date_trunc('month', ${today})::date`,
      [days, accountIds],
    );
    await t.db.query(
      `UPDATE webhook_events
          SET data = jsonb_set(data, '{period_start}',
                     to_jsonb(to_char(date_trunc('month', ${today} - $1::int), 'YYYY-MM-DD"T"00:00:00.000"Z"')))
        WHERE type = 'billing.overage_started' AND (data->>'period_start')::date = date_trunc('month', ${today})::date`,
      [days],
    );
    await t.db.query(
      `UPDATE billing_counters
          SET usage_day = ${today} - $1::int, period_start = date_trunc('month', ${today} - $1::int)::date, recent_admissions = '{}'
        WHERE account_id = ANY($2::uuid[])`,
      [days, accountIds],
    );
  }

  beforeAll(async () => {
    t = await createTestApp(
      {
        // Counts are written only by the explicit flush() calls below, so reads in between see stable numbers.
        USAGE_COUNTER_FLUSH_MS: '60000',
        PLAN_OVERRIDES_FILE: planOverridesFile({
          starter: { included_credits: 8, daily_cap: 6, rate_limit_per_minute: 4 },
          growth: { included_credits: 2, daily_cap: 1000, rate_limit_per_minute: 1000 },
        }),
      },
      [MeteredRoutesModule],
    );
    admin = (await createAccountWithKey(t.app, 'admin')).apiKey;
    capped = await createAccountWithKey(t.app, 'starter');
    paying = await createAccountWithKey(t.app, 'growth', { overageEnabled: true });

    // Three UTC days of traffic: the day before yesterday, yesterday, today.
    await send(capped, daysAgo(2), ['ok', 'ok', 'ok', 'ok', 'ok', 'ok']); // 4 admitted, then rate_limited
    await send(paying, daysAgo(2), ['ok', 'ok', 'ok']);
    await moveTodayBack(2, [capped.accountId, paying.accountId]);
    await send(capped, daysAgo(1), ['expensive', 'expensive', 'ok', 'ok', 'ok', 'ok']); // cap, credits, rate limit
    await send(paying, daysAgo(1), ['expensive', 'ok']);
    await moveTodayBack(1, [capped.accountId, paying.accountId]);
    await send(capped, today(), ['expensive', 'expensive', 'expensive', 'ok']);
    await send(paying, today(), ['ok', 'not-found', 'ok']);
    await flush();
  });

  afterAll(async () => {
    await t.close();
    removePlanOverridesFiles();
  });

  /** What the ledger says per UTC day, computed independently of the service's query. */
  async function ledgerByDay(accountId: string): Promise<Map<string, Record<string, number>>> {
    const rows = await t.db.query(
      `SELECT to_char(usage_day, 'YYYY-MM-DD') AS day, sum(credits)::int AS credits, count(*)::int AS requests,
              sum(included_credits)::int AS included, sum(overage_credits)::int AS overage, sum(bonus_credits)::int AS bonus
         FROM billing_ledger WHERE account_id = $1 GROUP BY usage_day`,
      [accountId],
    );
    return new Map(rows.map((row: { day: string } & Record<string, number>) => [row.day, row]));
  }

  describe(`GET ${DAILY}`, () => {
    it('equals the ledger and the answered refusals on every day of a span of days', async () => {
      for (const account of [capped, paying]) {
        const response = await t.http.get(DAILY).query({ from: daysAgo(3), to: today() }).set('x-api-key', account.apiKey).expect(200);
        const ledger = await ledgerByDay(account.accountId);
        const seen = observed.get(account.accountId)!;

        expect(response.body.data).toMatchObject({ account_id: account.accountId, from: daysAgo(3), to: today() });
        expect(response.body.data.days.map((day: { date: string }) => day.date)).toEqual([daysAgo(3), daysAgo(2), daysAgo(1), today()]);
        for (const day of response.body.data.days) {
          const charged = ledger.get(day.date) ?? { credits: 0, requests: 0, included: 0, overage: 0, bonus: 0 };
          const answered = seen.get(day.date) ?? { admitted: 0, refusals: { rate_limited: 0, daily_cap_reached: 0, credits_exhausted: 0 } };
          expect(day).toEqual({
            date: day.date,
            credits_charged: charged.credits,
            requests_charged: charged.requests,
            requests_admitted: answered.admitted,
            included_credits: charged.included,
            bonus_credits: charged.bonus,
            overage_credits: charged.overage,
            overage_cost_micros: charged.overage * 450, // growth: 45 cents per 1,000 credits
            refusals: answered.refusals,
          });
        }
      }
      // The span really exercised every column.
      const all = [...observed.get(capped.accountId)!.values()];
      for (const reason of ['rate_limited', 'daily_cap_reached', 'credits_exhausted'] as const) {
        expect(all.some((day) => day.refusals[reason] > 0)).toBe(true);
      }
      expect([...(await ledgerByDay(paying.accountId)).values()].some((day) => day.overage > 0)).toBe(true);
    });

    it('streams the same rows as CSV for ?format=csv and for Accept: text/csv', async () => {
      const query = { from: daysAgo(3), to: today() };
      const json = await t.http.get(DAILY).query(query).set('x-api-key', paying.apiKey).expect(200);
      const byFormat = await t.http.get(DAILY).query({ ...query, format: 'csv' }).set('x-api-key', paying.apiKey).expect(200);
      const byAccept = await t.http.get(DAILY).query(query).set('x-api-key', paying.apiKey).set('Accept', 'text/csv').expect(200);

      for (const csv of [byFormat, byAccept]) {
        expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="usage-.+\.csv"$/);
        const records = (parse(csv.text, { columns: true }) as Array<Record<string, string>>).map((record) =>
          Object.fromEntries(Object.entries(record).map(([column, value]) => [column, column === 'date' ? value : Number(value)])),
        );
        expect(records).toEqual(
          json.body.data.days.map((day: Record<string, any>) => ({
            date: day.date,
            credits_charged: day.credits_charged,
            requests_charged: day.requests_charged,
            requests_admitted: day.requests_admitted,
            included_credits: day.included_credits,
            bonus_credits: day.bonus_credits,
            overage_credits: day.overage_credits,
            overage_cost_micros: day.overage_cost_micros,
            refused_rate_limited: day.refusals.rate_limited,
            refused_daily_cap_reached: day.refusals.daily_cap_reached,
            refused_credits_exhausted: day.refusals.credits_exhausted,
          })),
        );
      }
    });

    it('defaults to the 30 days ending today, and accepts exactly 400 days', async () => {
      const last30 = await t.http.get(DAILY).set('x-api-key', paying.apiKey).expect(200);
      expect(last30.body.data).toMatchObject({ from: daysAgo(29), to: today() });
      expect(last30.body.data.days).toHaveLength(30);
      const longest = await t.http.get(DAILY).query({ from: '2026-01-01', to: '2027-02-04' }).set('x-api-key', paying.apiKey).expect(200);
      expect(longest.body.data.days).toHaveLength(400);
    });

    it.each([
      [{ from: '2026-01-01', to: '2027-02-05' }, 'to', /401 days; at most 400/],
      [{ from: '2026-12-02', to: '2026-12-01' }, 'to', /before from/],
      [{ from: '2026-02-30' }, 'from', /real calendar date/],
      [{ from: '2026-12-01T00:00:00Z' }, 'from', /YYYY-MM-DD/],
      [{ format: 'xml' }, 'format', /json or csv/],
      [{ since: '2026-12-01' }, 'since', /./],
    ])('answers 400 for %j, naming %s', async (query, field, message) => {
      const response = await t.http.get(DAILY).query(query).set('x-api-key', paying.apiKey).expect(400);
      expect(response.body).toMatchObject({ code: 400, data: { request_id: expect.any(String) } });
      const messages = response.body.data.errors
        .filter((entry: { field: string }) => entry.field === field)
        .map((entry: { message: string }) => entry.message);
      expect(messages.join('; ')).toMatch(message);
    });

    it('shows only the caller’s own account', async () => {
      const other = await createAccountWithKey(t.app, 'free');
      const response = await t.http.get(DAILY).query({ from: daysAgo(3), to: today() }).set('x-api-key', other.apiKey).expect(200);
      expect(response.body.data.account_id).toBe(other.accountId);
      expect(response.body.data.days.every((day: { credits_charged: number }) => day.credits_charged === 0)).toBe(true);
    });
  });

  describe('billing webhook events', () => {
    it('writes one event per account and UTC day for its first refusal of each reason, and one per period for overage', async () => {
      const events = await t.db.query(
        `SELECT type, data->>'account_id' AS account, data->>'day' AS day, data->>'period_start' AS period
           FROM webhook_events WHERE type LIKE 'billing.%' ORDER BY type, day`,
      );
      const expected: Array<{ type: string; account: string; day: string | null; period: string | null }> = [];
      for (const [day, tally] of observed.get(capped.accountId)!) {
        if (tally.refusals.credits_exhausted > 0) expected.push({ type: 'billing.credits_exhausted', account: capped.accountId, day, period: null });
        if (tally.refusals.daily_cap_reached > 0) expected.push({ type: 'billing.daily_cap_reached', account: capped.accountId, day, period: null });
      }
      const overagePeriods = await t.db.query(
        `SELECT DISTINCT to_char(period_start, 'YYYY-MM-DD') || 'T00:00:00.000Z' AS period FROM billing_ledger
          WHERE account_id = $1 AND overage_credits > 0 ORDER BY 1`,
        [paying.accountId],
      );
      for (const { period } of overagePeriods) expected.push({ type: 'billing.overage_started', account: paying.accountId, day: null, period });
      const key = (event: { type: string; day: string | null; period: string | null }) => `${event.type} ${event.day ?? event.period}`;
      expect(events.map(key).sort()).toEqual(expected.map(key).sort());
      expect(events.every((event: { account: string }) => event.account === capped.accountId || event.account === paying.accountId)).toBe(true);
    });
  });

  describe('GET /api/v1/admin/accounts/:id/usage/daily', () => {
    it("answers any account's days, the same as its own route", async () => {
      const query = { from: daysAgo(3), to: today() };
      const own = await t.http.get(DAILY).query(query).set('x-api-key', paying.apiKey).expect(200);
      const asAdmin = await t.http.get(`/api/v1/admin/accounts/${paying.accountId}/usage/daily`).query(query).set('x-api-key', admin).expect(200);
      expect(asAdmin.body.data).toEqual(own.body.data);
      const csv = await t.http
        .get(`/api/v1/admin/accounts/${paying.accountId}/usage/daily`)
        .query({ ...query, format: 'csv' })
        .set('x-api-key', admin)
        .expect(200);
      expect(parse(csv.text, { columns: true })).toHaveLength(4);
    });

    it('answers 404 for an unknown account, 400 for a malformed id, 403 for other plans', async () => {
      await t.http.get('/api/v1/admin/accounts/00000000-0000-0000-0000-000000000000/usage/daily').set('x-api-key', admin).expect(404);
      await t.http.get('/api/v1/admin/accounts/nope/usage/daily').set('x-api-key', admin).expect(400);
      await t.http.get(`/api/v1/admin/accounts/${paying.accountId}/usage/daily`).set('x-api-key', capped.apiKey).expect(403);
    });
  });

  describe('GET /api/v1/admin/usage/top', () => {
    it('lists the largest consumers of the window, largest first, as the ledger sums them', async () => {
      const response = await t.http.get('/api/v1/admin/usage/top').query({ from: daysAgo(3), to: today(), limit: 2 }).set('x-api-key', admin).expect(200);
      const sums = await t.db.query(
        `SELECT account_id, sum(credits)::int AS credits FROM billing_ledger WHERE usage_day >= $1::date
          GROUP BY account_id ORDER BY credits DESC, account_id LIMIT 2`,
        [daysAgo(3)],
      );
      expect(response.body.data.items.map((item: { account_id: string; credits_charged: number }) => [item.account_id, item.credits_charged])).toEqual(
        sums.map((row: { account_id: string; credits: number }) => [row.account_id, row.credits]),
      );
      await t.http.get('/api/v1/admin/usage/top').query({ limit: 0 }).set('x-api-key', admin).expect(400);
      await t.http.get('/api/v1/admin/usage/top').set('x-api-key', capped.apiKey).expect(403);
    });
  });
});
