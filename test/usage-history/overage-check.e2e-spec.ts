import { UsageCounterRecorder } from '../../src/usage-history/usage-counter.recorder';
import { UsageHistoryRepository } from '../../src/usage-history/usage-history.repository';
import { planOverridesFile, removePlanOverridesFiles } from '../billing/support/billing-fixtures';
import { METERED, MeteredRoutesModule } from '../billing/support/metered-routes.module';
import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The usage counters' write checks for a period's first overage (billing.overage_started) only for accounts
 * whose counters showed overage when they were charged: one within its included credits costs that write
 * nothing (before, every account charged since the last write was looked up, every second).
 */
describe('the overage check of the usage counters write', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(
      {
        USAGE_COUNTER_FLUSH_MS: '60000',
        PLAN_OVERRIDES_FILE: planOverridesFile({ growth: { included_credits: 2, daily_cap: 1000, rate_limit_per_minute: 1000 } }),
      },
      [MeteredRoutesModule],
    );
  });

  afterAll(async () => {
    await t.close();
    removePlanOverridesFiles();
  });

  it('asks only about accounts charged into overage, and still writes their overage_started event once', async () => {
    const within = await createAccountWithKey(t.app, 'growth', { overageEnabled: true });
    const over = await createAccountWithKey(t.app, 'growth', { overageEnabled: true });
    const asked = jest.spyOn(t.app.get(UsageHistoryRepository), 'markOverage');
    const recorder = t.app.get(UsageCounterRecorder);
    try {
      await t.http.get(`${METERED}/ok`).set('x-api-key', within.apiKey).expect(200); // 1 of its 2 included credits
      for (let i = 0; i < 3; i++) await t.http.get(`${METERED}/ok`).set('x-api-key', over.apiKey).expect(200); // the third is overage
      await recorder.flush();
      await t.http.get(`${METERED}/ok`).set('x-api-key', over.apiKey).expect(200); // overage again: already known
      await recorder.flush();

      const askedAbout = asked.mock.calls.flatMap(([, accountIds]) => accountIds);
      expect(askedAbout).toEqual([over.accountId]);
    } finally {
      asked.mockRestore();
    }
    const events = await t.db.query(`SELECT data->>'account_id' AS account FROM webhook_events WHERE type = 'billing.overage_started'`);
    expect(events).toEqual([{ account: over.accountId }]);
  });
});
