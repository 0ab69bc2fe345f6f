import { runCommand } from '../../src/cli/commands';
import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { ledgerDisagreements } from './support/billing-fixtures';
import { METERED, MeteredRoutesModule } from './support/metered-routes.module';

describe('npm run cli -- billing:reconcile', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({}, [MeteredRoutesModule]);
  });

  afterAll(() => t.close());

  it('reports no drift after real traffic, finds damage done by hand, and repairs it', async () => {
    const { accountId, apiKey } = await createAccountWithKey(t.app, 'starter');
    for (let i = 0; i < 3; i++) await t.http.get(`${METERED}/ok`).set('x-api-key', apiKey).expect(200);
    await t.http.get(`${METERED}/throws`).set('x-api-key', apiKey).expect(500);
    await expect(runCommand(t.app, ['billing:reconcile'])).resolves.toEqual({ ok: true, drift: [] });

    await t.db.query(`UPDATE billing_counters SET day_used = day_used + 7, included_used = 0 WHERE account_id = $1`, [accountId]);
    const report = (await runCommand(t.app, ['billing:reconcile'])) as { ok: boolean; drift: Array<Record<string, any>> };
    expect(report.ok).toBe(false);
    expect(report.drift).toEqual([
      expect.objectContaining({
        account_id: accountId,
        counters: expect.objectContaining({ day_used: 10, included_used: 0 }),
        expected: expect.objectContaining({ day_used: 3, included_used: 3 }),
      }),
    ]);

    const repaired = (await runCommand(t.app, ['billing:reconcile', '--repair'])) as { ok: boolean; repaired: unknown[] };

    expect(repaired.ok).toBe(true);
    expect(repaired.repaired).toHaveLength(1);
    await expect(ledgerDisagreements(t.db)).resolves.toEqual([]);
    const usage = await t.http.get('/api/v1/account/usage').set('x-api-key', apiKey).expect(200);
    expect(usage.body.data.credits).toMatchObject({ used: 3, remaining: 19_997 });
  });
});
