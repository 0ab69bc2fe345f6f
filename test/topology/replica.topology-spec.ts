import { Client } from 'pg';
import { Cluster, Standby, startCluster, startStandby } from '../../deploy/topology/standby';
import { call, Instance, Outcome, startInstance } from '../billing/support/instances';
import { createAccountWithKey } from '../support/auth-fixtures';
import { eventually } from '../support/eventually';
import { freePort } from '../support/free-port';
import { FunnelFixtures } from '../support/funnel-fixtures';
import type { TestDatabase } from '../support/test-database';

const MAX_LAG_MS = 1000;
const WINDOW = 'from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
const REPORTS = [
  `/api/v1/admin/referrals/stats?${WINDOW}`,
  `/api/v1/admin/referrals/stats?${WINDOW}&campaign=spring`,
  `/api/v1/admin/referrals/stats/timeseries?${WINDOW}&interval=month&timezone=Europe/Berlin`,
  `/api/v1/admin/referrals/stats/campaigns?${WINDOW}&sort=attributed_signups`,
  '/api/v1/admin/referrals?limit=5',
];

async function querySingle<T>(url: string, sql: string): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as T;
  } finally {
    await client.end();
  }
}

describe('reports from a streaming hot standby (DATABASE_REPLICA_URLS)', () => {
  let primary: Cluster;
  let standby: Standby;
  let withReplica: Instance;
  let primaryOnly: Instance;
  let apiKey: string;
  let fixtures: FunnelFixtures;
  let referrerId: string;

  const replicaUsable = async () => {
    const ready = (await (await fetch(`${withReplica.baseUrl}/health/ready`)).json()) as { data: { replicas: Array<{ usable: boolean }> } };
    return ready.data.replicas[0].usable;
  };
  const bodiesOf = (outcome: Outcome) => outcome.body.data;

  beforeAll(async () => {
    primary = await startCluster({ port: await freePort(), database: 'crawlora' });
    const database: TestDatabase = { name: 'crawlora', url: primary.url, drop: async () => undefined };
    primaryOnly = await startInstance(database); // migrates the primary
    standby = await startStandby({ primaryUrl: primary.url, primaryDataDir: primary.dataDir, port: await freePort() });
    withReplica = await startInstance(database, {
      DATABASE_REPLICA_URLS: standby.url,
      DB_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
      METRICS_TOKEN: 'metrics-token-for-the-replica-test',
    });
    ({ apiKey } = await createAccountWithKey(primaryOnly.app, 'admin'));
    fixtures = new FunnelFixtures(primaryOnly.db);
    referrerId = await fixtures.account('pro');
    await fixtures.clicksAt(referrerId, '2026-03-01T10:15:00Z', 40, 'spring');
    await fixtures.clicksAt(referrerId, '2026-06-01T23:59:59.5Z', 25);
    for (let i = 0; i < 6; i++) {
      await fixtures.referral(referrerId, { campaign: i % 2 ? 'spring' : 'autumn', signedUpAt: `2026-03-0${i + 2}T08:00:00Z` });
    }
  });

  afterAll(async () => {
    await withReplica?.close();
    await primaryOnly?.close();
    await standby?.stop();
    await primary?.stop();
  });

  it('serves stats, timeseries, campaigns and the referral list from the standby, equal to the primary once caught up', async () => {
    await standby.catchUp();
    await eventually('the standby is usable', replicaUsable);
    for (const path of REPORTS) {
      const fromReplica = await call(withReplica.baseUrl, path, apiKey);
      const fromPrimary = await call(primaryOnly.baseUrl, path, apiKey);
      expect({ path, status: fromReplica.status, source: fromReplica.headers.get('x-data-source') }).toEqual({ path, status: 200, source: 'replica' });
      expect(Number(fromReplica.headers.get('x-replica-lag-ms'))).toBeLessThanOrEqual(MAX_LAG_MS);
      expect(fromPrimary.headers.get('x-data-source')).toBe('primary');
      expect(fromPrimary.headers.get('x-replica-lag-ms')).toBe('0');
      expect(bodiesOf(fromReplica)).toEqual(bodiesOf(fromPrimary));
    }
    const [{ id }] = await primaryOnly.db.query(`SELECT id FROM referrals ORDER BY signed_up_at LIMIT 1`);
    const detail = await call(withReplica.baseUrl, `/api/v1/admin/referrals/${id}`, apiKey);
    expect([detail.status, detail.headers.get('x-data-source')]).toEqual([200, 'replica']);
    expect(bodiesOf(detail)).toEqual(bodiesOf(await call(primaryOnly.baseUrl, `/api/v1/admin/referrals/${id}`, apiKey)));

    // Metering, auth and money never read from it: the charges are on the primary, one per report.
    const [{ charged }] = await primaryOnly.db.query(`SELECT count(*)::int AS charged FROM billing_ledger`);
    expect(charged).toBe(2 * REPORTS.length + 2);
    const metrics = await fetch(`${withReplica.baseUrl}/metrics`, { headers: { authorization: 'Bearer metrics-token-for-the-replica-test' } });
    const text = await metrics.text();
    expect(text).toMatch(/db_report_reads_total\{source="replica",server="replica-1"\} [1-9]/);
    expect(text).toMatch(/db_replica_lag_ms\{replica="replica-1"\} \d/);
  });

  it('keeps reading from an idle primary\'s standby whose last replayed transaction is older than the bound', async () => {
    await standby.catchUp();
    // Nothing is written meanwhile: the replay timestamp ages past the bound while nothing is pending.
    await eventually('the last replayed transaction is older than the bound', async () => {
      const row = await querySingle<{ age: number }>(
        standby.url,
        `SELECT extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000 AS age`,
      );
      return Number(row.age) > MAX_LAG_MS * 1.5;
    });
    const outcome = await call(withReplica.baseUrl, REPORTS[0], apiKey);
    expect([outcome.status, outcome.headers.get('x-data-source')]).toEqual([200, 'replica']);
  });

  it('skips a standby held behind beyond the bound (replay paused), and uses it again once it caught up', async () => {
    await querySingle(standby.url, `SELECT pg_wal_replay_pause()`);
    try {
      await fixtures.clicksAt(referrerId, '2026-03-01T11:00:00Z', 7, 'spring');
      await eventually('the paused standby is skipped', async () => !(await replicaUsable()));
      for (const path of REPORTS.slice(0, 4)) {
        const outcome = await call(withReplica.baseUrl, path, apiKey);
        expect([outcome.status, outcome.headers.get('x-data-source'), outcome.headers.get('x-replica-lag-ms')]).toEqual([200, 'primary', '0']);
        // From the primary, so the 7 new clicks are in.
        expect(bodiesOf(outcome)).toEqual(bodiesOf(await call(primaryOnly.baseUrl, path, apiKey)));
      }
    } finally {
      await querySingle(standby.url, `SELECT pg_wal_replay_resume()`);
    }
    await standby.catchUp();
    await eventually('the standby is usable again', replicaUsable);
    const outcome = await call(withReplica.baseUrl, REPORTS[0], apiKey);
    expect(outcome.headers.get('x-data-source')).toBe('replica');
    expect(bodiesOf(outcome)).toEqual(bodiesOf(await call(primaryOnly.baseUrl, REPORTS[0], apiKey)));
  });

  it('keeps answering from the primary with no 5xx when the standby is stopped mid-load', async () => {
    await eventually('the standby is usable', replicaUsable);
    const outcomes: Outcome[] = [];
    let stopping: Promise<void> | undefined;
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 400) {
          const i = next++;
          // An immediate stop (like a crash or a lost host) once a quarter of the load is answered.
          if (i === 100) stopping = standby.stop('SIGQUIT');
          outcomes.push(await call(withReplica.baseUrl, REPORTS[i % REPORTS.length], apiKey));
        }
      }),
    );
    await stopping;
    const sources = outcomes.map((outcome) => outcome.headers.get('x-data-source'));
    const statuses = [...new Set(outcomes.map((outcome) => outcome.status))];
    console.log(
      `standby stopped mid-load: ${outcomes.length} answers, statuses ${JSON.stringify(statuses)}, ` +
        `replica ${sources.filter((s) => s === 'replica').length}, primary ${sources.filter((s) => s === 'primary').length}`,
    );
    expect(statuses).toEqual([200]);
    expect(sources.filter((s) => s === 'replica').length).toBeGreaterThan(0);
    expect(sources.slice(-50).every((s) => s === 'primary')).toBe(true);
    expect(await replicaUsable()).toBe(false);
  });
});
