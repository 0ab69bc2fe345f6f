import { ADMIT_BATCH_ROUTINE } from '../../src/billing/metering/admission.sql';
import { ROLLOVER } from '../../src/billing/metering/rollover.sql';
import { createInlineFunctionStatement, createRoutineStatement } from '../../src/database/routines';
import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { METERED, MeteredRoutesModule } from '../billing/support/metered-routes.module';

const ADMIT_BATCH_ARGS = ADMIT_BATCH_ROUTINE.parameters.join(', ');

describe('GET /health/ready', () => {
  let t: TestApp;
  let apiKey: string;

  beforeAll(async () => {
    t = await createTestApp({}, [MeteredRoutesModule]);
    apiKey = (await createAccountWithKey(t.app, 'pro')).apiKey;
  });

  afterAll(() => t.close());

  it('answers 503 while the metering statement cannot run (SELECT 1 still would), and 200 again once it can', async () => {
    await t.http.get(`${METERED}/ok`).set('x-api-key', apiKey).expect(200);
    await t.db.query(`ALTER FUNCTION billing_admit_batch(${ADMIT_BATCH_ARGS}) RENAME TO billing_admit_batch_gone`);
    try {
      await t.db.query('SELECT 1');
      const metered = await t.http.get(`${METERED}/ok`).set('x-api-key', apiKey);
      const ready = await t.http.get('/health/ready');
      expect([metered.status, ready.status, ready.body.data.reason]).toEqual([500, 503, 'database_path_broken']);
      expect(ready.body.data.request_id).toEqual(expect.any(String));
    } finally {
      await t.db.query(`ALTER FUNCTION billing_admit_batch_gone(${ADMIT_BATCH_ARGS}) RENAME TO billing_admit_batch`);
    }
    await t.http.get('/health/ready').expect(200);
    await t.http.get(`${METERED}/ok`).set('x-api-key', apiKey).expect(200);
  });

  it('answers 503 schema_outdated while an installed routine differs from this version\'s SQL', async () => {
    const altered = { ...ADMIT_BATCH_ROUTINE, body: `/* an older version */ ${ADMIT_BATCH_ROUTINE.body}` };
    await t.db.query(createRoutineStatement(altered));
    try {
      const ready = await t.http.get('/health/ready').expect(503);
      expect(ready.body.data).toMatchObject({ reason: 'schema_outdated', routines: ['billing_admit_batch'] });
    } finally {
      await t.db.query(createRoutineStatement(ADMIT_BATCH_ROUTINE));
    }
    await t.http.get('/health/ready').expect(200);
  });

  it('answers 503 schema_outdated while a SQL function the routines call differs from this version\'s', async () => {
    const altered = { ...ROLLOVER, body: `SELECT CASE WHEN counted_for >= as_of THEN amount ELSE 0 END` };
    await t.db.query(createInlineFunctionStatement(altered));
    try {
      const ready = await t.http.get('/health/ready').expect(503);
      expect(ready.body.data).toMatchObject({ reason: 'schema_outdated', routines: ['billing_rollover'] });
    } finally {
      await t.db.query(createInlineFunctionStatement(ROLLOVER));
    }
    await t.http.get('/health/ready').expect(200);
  });

  it('bounds a statement by DB_STATEMENT_TIMEOUT_MS without any session setting', async () => {
    const bounded = await createTestApp({ DB_STATEMENT_TIMEOUT_MS: '200' });
    try {
      await expect(bounded.db.query('SELECT pg_sleep($1)', [1])).rejects.toMatchObject({ driverError: { code: '57014' } });
      // Parameterless statements carry no prelude: the session itself was never changed.
      expect((await bounded.db.query('SHOW statement_timeout'))[0].statement_timeout).toBe('0');
    } finally {
      await bounded.close();
    }
  });
});
