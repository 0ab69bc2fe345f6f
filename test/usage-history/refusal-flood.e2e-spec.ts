import { DataSource } from 'typeorm';
import { UsageCounterRecorder } from '../../src/usage-history/usage-counter.recorder';
import { planOverridesFile, removePlanOverridesFiles } from '../billing/support/billing-fixtures';
import { startInstance, type Instance } from '../billing/support/instances';
import { METERED, MeteredRoutesModule } from '../billing/support/metered-routes.module';
import { createAccountWithKey } from '../support/auth-fixtures';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const FLOOD = 10_000;
const CONCURRENCY = 50;

/** Exact row counts of every table (not the statistics views, which lag). */
async function rowCounts(db: DataSource): Promise<Record<string, number>> {
  const tables: Array<{ name: string }> = await db.query(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await db.query(`SELECT count(*) FROM ${name}`))[0].count);
  return counts;
}

describe('a 429 flood', () => {
  let database: TestDatabase;
  let instance: Instance;

  beforeAll(async () => {
    database = await createTestDatabase();
    instance = await startInstance(
      database,
      // A daily cap of one credit: every request after the first is refused for the rest of the UTC day, however
      // long the flood takes on a loaded machine (a per-minute limit would let one through each minute).
      {
        PLAN_OVERRIDES_FILE: planOverridesFile({ free: { daily_cap: 1, rate_limit_per_minute: 100_000 } }),
        USAGE_COUNTER_FLUSH_MS: '1000',
      },
      [MeteredRoutesModule],
    );
  });

  afterAll(async () => {
    await instance.close();
    await database.drop();
    removePlanOverridesFiles();
  });

  it(`of ${FLOOD.toLocaleString('en')} refused requests adds no row per request, and counts every refusal`, async () => {
    const { accountId, apiKey } = await createAccountWithKey(instance.app, 'free');
    const recorder = instance.app.get(UsageCounterRecorder);
    const first = await fetch(`${instance.baseUrl}${METERED}/ok`, { headers: { 'x-api-key': apiKey } });
    expect(first.status).toBe(200); // the one admission of the day; everything below is refused
    await recorder.flush();
    const before = await rowCounts(instance.db);
    const writesBefore = recorder.writes;

    const statuses: Record<number, number> = {};
    let sent = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (sent < FLOOD) {
          sent += 1;
          const response = await fetch(`${instance.baseUrl}${METERED}/ok`, { headers: { 'x-api-key': apiKey } });
          await response.arrayBuffer();
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const writes = recorder.writes - writesBefore;
    await recorder.flush();
    const after = await rowCounts(instance.db);

    const added: Record<string, number> = Object.fromEntries(
      Object.keys(after)
        .map((table): [string, number] => [table, after[table] - (before[table] ?? 0)])
        .filter(([, n]) => n !== 0),
    );
    console.log(
      `${FLOOD} requests in ${seconds.toFixed(2)} s (${Math.round(FLOOD / seconds)} req/s, ${CONCURRENCY} connections): ` +
        `statuses ${JSON.stringify(statuses)}; counter writes during the flood: ${writes} ` +
        `(${(writes / FLOOD).toFixed(4)} per request); rows added: ${JSON.stringify(added)}`,
    );
    expect(statuses).toEqual({ 429: FLOOD });
    // The only new rows: today's daily_cap_reached counter for the account, and the one billing event of that
    // transition (the admitted request's counter was written before). The first request's provisional-charge
    // marker may be confirmed, i.e. deleted, meanwhile.
    const grown = Object.fromEntries(Object.entries(added).filter(([, n]) => n > 0));
    expect(grown).toEqual({ usage_daily_counters: 1, webhook_events: 1 });
    const [{ count }] = await instance.db.query(
      `SELECT count::int FROM usage_daily_counters WHERE account_id = $1 AND kind = 'daily_cap_reached'`,
      [accountId],
    );
    expect(count).toBe(FLOOD);
    expect(writes).toBeLessThan(Math.ceil(seconds) + 2); // about one write per second, not per request
  }, 180_000);
});
