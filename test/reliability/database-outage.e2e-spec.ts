import { Client } from 'pg';
import { createAccountWithKey } from '../support/auth-fixtures';
import { testServerUrl } from '../support/test-database';
import { createTestApp, TestApp } from '../support/test-app';

const STATS = '/api/v1/admin/referrals/stats';

/** Cuts this app's database off (existing sessions killed, new ones refused), or lets it back in. */
async function setDatabaseReachable(database: string, reachable: boolean): Promise<void> {
  const admin = new Client({ connectionString: testServerUrl() });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE ${database} WITH ALLOW_CONNECTIONS ${reachable}`);
    if (!reachable) {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [database]);
    }
  } finally {
    await admin.end();
  }
}

describe('database lost under traffic', () => {
  let t: TestApp;
  let adminKey: string;

  beforeAll(async () => {
    t = await createTestApp({ DB_STATEMENT_TIMEOUT_MS: '1000' });
    adminKey = (await createAccountWithKey(t.app, 'admin')).apiKey;
  });

  afterAll(async () => {
    await setDatabaseReachable(t.database.name, true);
    await t.close();
  });

  it('answers 503 database_unavailable quickly, charges nothing, and recovers without a restart', async () => {
    await t.http.get(STATS).set('x-api-key', adminKey).expect(200);
    const charged = async () => Number((await t.db.query(`SELECT count(*) FROM billing_ledger`))[0].count);
    const before = await charged();

    await setDatabaseReachable(t.database.name, false);
    const started = Date.now();
    const during = await t.http.get(STATS).set('x-api-key', adminKey);
    const elapsed = Date.now() - started;
    const ready = await t.http.get('/health/ready');
    const live = await t.http.get('/health');

    expect(during.status).toBe(503);
    expect(during.body).toEqual({
      code: 503,
      msg: 'Service unavailable',
      data: { request_id: expect.any(String), reason: 'database_unavailable', retry_after_seconds: 5 },
    });
    expect(during.headers['retry-after']).toBe('5');
    expect(elapsed).toBeLessThan(3000);
    expect(ready.status).toBe(503);
    expect(ready.body.data.reason).toBe('database_unavailable');
    expect(live.status).toBe(200);

    await setDatabaseReachable(t.database.name, true);
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
      status = (await t.http.get(STATS).set('x-api-key', adminKey)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    expect(await charged()).toBe(before + 1);
  });
});
