import { Client } from 'pg';
import { findPgBouncer, PgBouncer, startPgBouncer } from '../../deploy/topology/pgbouncer';
import { runCommand } from '../../src/cli/commands';
import { ledgerDisagreements, planOverridesFile, removePlanOverridesFiles } from '../billing/support/billing-fixtures';
import { call, countStatuses, Instance, startInstance } from '../billing/support/instances';
import { METERED, MeteredRoutesModule } from '../billing/support/metered-routes.module';
import { createAccountWithKey } from '../support/auth-fixtures';
import { freePort } from '../support/free-port';
import { createTestDatabase, TestDatabase } from '../support/test-database';

if (!findPgBouncer()) {
  // The suite cannot run without the package; say so loudly rather than pass (CI installs it with apt-get).
  throw new Error('pgbouncer is not installed: apt-get install pgbouncer (Debian ships 1.18)');
}

/** 20 connections for 20 s, spread over the instances and tenants; each answer's status and cost kept. */
async function sustainedLoad(
  instances: Instance[],
  tenants: Array<{ apiKey: string }>,
  options: { connections: number; seconds: number; path: string },
): Promise<Array<{ status: number; tenant: number; reason?: string }>> {
  const outcomes: Array<{ status: number; tenant: number; reason?: string }> = [];
  const deadline = Date.now() + options.seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (Date.now() < deadline) {
        const i = n++;
        const tenant = i % tenants.length;
        const outcome = await call(instances[i % instances.length].baseUrl, options.path, tenants[tenant].apiKey).catch(
          (error: Error) => ({ status: 0, body: { data: { reason: error.message } } }) as const,
        );
        outcomes.push({ status: outcome.status, tenant, reason: (outcome.body.data as { reason?: string } | null)?.reason });
      }
    }),
  );
  return outcomes;
}

describe('behind PgBouncer 1.18 in transaction mode, only extra_float_digits ignored', () => {
  let database: TestDatabase;
  let bouncer: PgBouncer;
  let pooled: TestDatabase;
  const instances: Instance[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    // Fewer server connections than the instances' pools together: transactions must really share them.
    bouncer = await startPgBouncer({ upstreamUrl: database.url, port: await freePort(), poolSize: 6 });
    pooled = { ...database, url: bouncer.urlFor(database.url) };
  });

  afterAll(async () => {
    for (const instance of instances) await instance.close();
    await bouncer?.stop();
    await database?.drop();
    removePlanOverridesFiles();
  });

  it('bounds each statement in its own transaction and leaves no session setting behind', async () => {
    const client = new Client({ connectionString: pooled.url });
    await client.connect();
    try {
      // The service's own client class, as every pool of the service uses it.
      const { boundedClientClass } = await import('../../src/database/bounded-client');
      const Bounded = boundedClientClass({ statementTimeoutMs: 300, idleInTransactionTimeoutMs: 600 });
      const bounded = new Bounded({ connectionString: pooled.url });
      await bounded.connect();
      try {
        await expect(bounded.query('SELECT pg_sleep($1)', [2])).rejects.toMatchObject({ code: '57014' });
        const [row] = (await bounded.query('SELECT current_setting($1) AS value', ['statement_timeout'])).rows;
        expect(row.value).toBe('300ms');
      } finally {
        await bounded.end();
      }
      // Whatever server connection this plain client gets, no bound leaked into its session.
      for (let i = 0; i < 10; i++) {
        expect((await client.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('0');
      }
    } finally {
      await client.end();
    }
  });

  it('boots (migrations through the pooler), is ready, and charges 600 of 600 metered requests at 10 concurrent', async () => {
    const env = { PLAN_OVERRIDES_FILE: planOverridesFile({ admin: { rate_limit_per_minute: 100_000, daily_cap: null } }) };
    const instance = await startInstance(pooled, env, [MeteredRoutesModule]);
    instances.push(instance);
    const ready = await fetch(`${instance.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    const admin = await createAccountWithKey(instance.app, 'admin');

    const paths = [
      '/api/v1/admin/referrals/stats?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z',
      '/api/v1/admin/referrals/stats/timeseries?interval=day&timezone=Europe/Berlin',
      '/api/v1/admin/referrals/stats/campaigns?sort=clicks',
      '/api/v1/admin/referrals',
      `${METERED}/ok`,
    ];
    const outcomes: Array<{ status: number; path: string }> = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (next < 600) {
          const path = paths[next++ % paths.length];
          outcomes.push({ status: (await call(instance.baseUrl, path, admin.apiKey)).status, path });
        }
      }),
    );
    const ok = outcomes.filter((outcome) => outcome.status >= 200 && outcome.status < 300).length;
    const [ledger] = await instance.db.query(`SELECT coalesce(sum(credits), 0)::int AS credits FROM billing_ledger WHERE account_id = $1`, [
      admin.accountId,
    ]);
    const [counters] = await instance.db.query(`SELECT day_used::int FROM billing_counters WHERE account_id = $1`, [admin.accountId]);
    const reconcile = await runCommand(instance.app, ['billing:reconcile']);
    console.log(
      `through PgBouncer: ${ok} of ${outcomes.length} 2xx at 10 concurrent ${JSON.stringify(countStatuses(outcomes as never))}, ` +
        `ledger credits ${ledger.credits}, counters ${counters.day_used}, reconcile ${JSON.stringify(reconcile)}`,
    );
    expect({ sent: outcomes.length, ok }).toEqual({ sent: 600, ok: 600 });
    expect(ledger.credits).toBe(600);
    expect(counters.day_used).toBe(600);
    expect(reconcile).toEqual({ ok: true, drift: [] });
    expect((await fetch(`${instance.baseUrl}/health/ready`)).status).toBe(200);
  });

  it('2 instances, 20 concurrent connections for 20 s: 0 errors, limits exact, ledger == 2xx, reconcile clean', async () => {
    const env = {
      PLAN_OVERRIDES_FILE: planOverridesFile({
        starter: { rate_limit_per_minute: 100_000, daily_cap: 300 },
        growth: { rate_limit_per_minute: 45, daily_cap: null },
        pro: { rate_limit_per_minute: 100_000, daily_cap: null, included_credits: 1_000_000_000 },
      }),
    };
    const pair = [await startInstance(pooled, env, [MeteredRoutesModule]), await startInstance(pooled, env, [MeteredRoutesModule])];
    instances.push(...pair);
    // A daily cap that will be hit, a per-minute limit that will be hit (the run is shorter than a minute),
    // and an account limited by neither.
    const tenants = [
      await createAccountWithKey(pair[0].app, 'starter'),
      await createAccountWithKey(pair[0].app, 'growth'),
      await createAccountWithKey(pair[0].app, 'pro'),
    ];
    const outcomes = await sustainedLoad(pair, tenants, { connections: 20, seconds: 20, path: `${METERED}/ok` });

    const db = pair[0].db;
    const perTenant = await Promise.all(
      tenants.map(async (tenant, i) => {
        const mine = outcomes.filter((outcome) => outcome.tenant === i);
        const [ledger] = await db.query(`SELECT coalesce(sum(credits), 0)::int AS credits FROM billing_ledger WHERE account_id = $1`, [
          tenant.accountId,
        ]);
        return { sent: mine.length, ok: mine.filter((o) => o.status === 200).length, ledger: ledger.credits as number };
      }),
    );
    const statuses = countStatuses(outcomes as never);
    const reconcile = await runCommand(pair[1].app, ['billing:reconcile']);
    console.log(
      `2 instances through PgBouncer, 20 connections x 20 s: ${outcomes.length} requests ${JSON.stringify(statuses)}, ` +
        `per tenant ${JSON.stringify(perTenant)}, reconcile ${JSON.stringify(reconcile)}`,
    );
    expect(Object.keys(statuses).filter((status) => status !== '200' && status !== '429')).toEqual([]);
    expect(perTenant[0].ok).toBe(300); // the daily cap, exactly
    expect(perTenant[1].ok).toBe(45); // the per-minute limit, exactly
    expect(perTenant[2].ok).toBe(perTenant[2].sent); // nothing refused
    for (const tenant of perTenant) expect(tenant.ledger).toBe(tenant.ok);
    expect(reconcile).toEqual({ ok: true, drift: [] });
    expect(await ledgerDisagreements(db)).toEqual([]);
  });
});
