import 'reflect-metadata';
import { Pool, PoolConfig } from 'pg';
import { DataSource } from 'typeorm';
import { parseArgs } from 'node:util';
import { ADMIT_BATCH, ADMIT_BATCH_ROUTINE } from '../src/billing/metering/admission.sql';
import { dataSourceOptions, poolSettings } from '../src/database/data-source-options';
import { callStatement } from '../src/database/routines';
import { FUNNEL_QUERY, FUNNEL_ROUTINE } from '../src/referrals/stats/stats-sql';
import { splitWindow, windowParameters } from '../src/referrals/stats/window-parts';
import { startBenchDatabase } from './bench-database';
import { buildDataset, DATASET_END, DATASET_SIZES } from './dataset';
import { median } from './median';

/**
 * `npm run bench:statements`: what a metered request's statements and a stats statement cost on a direct
 * connection, the way this version runs them (an unnamed call of a server-side function, bounded by a
 * set_config prelude in the same round trip) beside the way the previous version did (a named prepared
 * statement per connection, plan_cache_mode and statement_timeout as startup parameters), on one database,
 * in interleaved rounds (ABBA…) so machine noise hits both alike. Prints ops/s and per-op latency.
 */
const STATEMENT_TIMEOUT_MS = 5000;
const ACCOUNTS = 3000;

interface Way {
  readonly name: 'before (named prepared)' | 'after (function call)';
  readonly pool: Pool;
  admit(values: unknown[]): Promise<Array<{ charge_id: string | null }>>;
  confirm(ids: string[]): Promise<void>;
  funnel(values: unknown[]): Promise<unknown>;
}

/** A confirmation on its own: the admission statement with no request to admit (MeteringRepository.confirmCharges). */
const confirmationAlone = (ids: string[]) => [[], [], [], [], [], [], [], [], [], [], 120_000, ids, []];

function ways(url: string, connections: number): Way[] {
  const before = new Pool({
    connectionString: url,
    max: connections,
    // What data-source-options.ts sent before this change.
    statement_timeout: STATEMENT_TIMEOUT_MS,
    options: '-c plan_cache_mode=force_generic_plan',
  } as PoolConfig);
  const database = { poolSize: connections, statementTimeoutMs: STATEMENT_TIMEOUT_MS, embedded: { dataDir: '', port: 0 }, runMigrations: false, replicaUrls: [], replicaMaxLagMs: 0 };
  const after = new Pool({ connectionString: url, ...poolSettings(database) } as PoolConfig);
  const rows = <T>(promise: Promise<{ rows: unknown[] }>) => promise.then((result) => result.rows as T[]);
  return [
    {
      name: 'before (named prepared)',
      pool: before,
      admit: (values) => rows(before.query({ name: 'billing_admit_batch', text: ADMIT_BATCH, values })),
      confirm: async (ids) => void (await before.query({ name: 'billing_admit_batch', text: ADMIT_BATCH, values: confirmationAlone(ids) })),
      funnel: (values) => rows(before.query({ name: 'referral_funnel', text: FUNNEL_QUERY, values })),
    },
    {
      name: 'after (function call)',
      pool: after,
      admit: (values) => rows(after.query(callStatement(ADMIT_BATCH_ROUTINE), values)),
      confirm: async (ids) => void (await after.query(callStatement(ADMIT_BATCH_ROUTINE), confirmationAlone(ids))),
      funnel: (values) => rows(after.query(callStatement(FUNNEL_ROUTINE), values)),
    },
  ];
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '8' }, ops: { type: 'string', default: '600' }, connections: { type: 'string', default: '4' } },
  });
  const rounds = Number(values.rounds);
  const opsPerRound = Number(values.ops);
  const connections = Number(values.connections);
  const log = (line: string) => console.log(`[bench:statements] ${line}`);
  const database = await startBenchDatabase();
  try {
    const dataSource = await new DataSource(dataSourceOptions({ ...database, url: database.url, poolSize: 2, statementTimeoutMs: 600_000, embedded: { dataDir: '', port: 0 }, runMigrations: true, replicaUrls: [], replicaMaxLagMs: 0 })).initialize();
    await dataSource.runMigrations();
    log(`loading the small dataset`);
    await buildDataset(database.url, DATASET_SIZES.small, log);
    const accountIds: string[] = (
      await dataSource.query(
        `INSERT INTO accounts (email, plan, overage_enabled) SELECT 'metered-' || i || '@bench.example', 'enterprise', true
           FROM generate_series(1, $1) i RETURNING id`,
        [ACCOUNTS],
      )
    ).map((row: { id: string }) => row.id);
    await dataSource.query(`INSERT INTO billing_counters (account_id) SELECT unnest($1::uuid[])`, [accountIds]);
    await dataSource.destroy();

    const end = BigInt(DATASET_END.getTime()) * 1000n;
    const day = 86_400_000_000n;
    let next = 0;
    const metered = async (way: Way) => {
      const accountId = accountIds[next++ % accountIds.length];
      const [row] = await way.admit([[accountId], [1], [1000], [null], [1_000_000_000], [true], [`r${next}`], ['api_key'], ['bench'], ['/bench'], 120_000, [], [null]]);
      if (!row?.charge_id) throw new Error('the bench admission was not charged');
      await way.confirm([row.charge_id]);
    };
    const stats = async (way: Way) => {
      // A 30-day window ending at a random minute: days from rollups, hours from rollups, edges from raw rows.
      const to = end - BigInt(Math.floor(Math.random() * 60 * 24 * 60)) * 60_000_000n;
      const from = to - 30n * day - 3_600_000_000n * 5n - 7_000_000n;
      await way.funnel(['', ...windowParameters(splitWindow(from, to))]);
    };

    const pools = ways(database.url, connections);
    const results: Record<string, Record<string, Array<{ opsPerSecond: number; medianMs: number }>>> = {};
    for (const [kind, operation] of [
      ['metering (admit + confirm)', metered],
      ['stats (30-day funnel)', stats],
    ] as const) {
      // Warm both: every backend plans once either way.
      for (const way of pools) await Promise.all(Array.from({ length: connections * 20 }, () => operation(way)));
      results[kind] = {};
      for (let r = 0; r < rounds; r++) {
        // ABBA: before, after, after, before, …
        const order = r % 2 === 0 ? pools : [...pools].reverse();
        for (const way of order) {
          const latencies: number[] = [];
          let remaining = opsPerRound;
          const started = performance.now();
          await Promise.all(
            Array.from({ length: connections }, async () => {
              while (remaining-- > 0) {
                const t0 = performance.now();
                await operation(way);
                latencies.push(performance.now() - t0);
              }
            }),
          );
          const seconds = (performance.now() - started) / 1000;
          (results[kind][way.name] ??= []).push({ opsPerSecond: opsPerRound / seconds, medianMs: median(latencies) });
        }
      }
    }
    for (const way of pools) await way.pool.end();

    log(`${rounds} interleaved rounds of ${opsPerRound} operations at ${connections} connections, direct to PostgreSQL`);
    const table: Array<Record<string, string | number>> = [];
    for (const [kind, byWay] of Object.entries(results)) {
      for (const [name, samples] of Object.entries(byWay)) {
        const ops = samples.map((s) => s.opsPerSecond);
        const lat = samples.map((s) => s.medianMs);
        table.push({
          statement: kind,
          way: name,
          'ops/s median': round(median(ops), 0),
          'ops/s min-max': `${round(Math.min(...ops), 0)}-${round(Math.max(...ops), 0)}`,
          'ms/op median': round(median(lat)),
          'ms/op min-max': `${round(Math.min(...lat))}-${round(Math.max(...lat))}`,
        });
      }
      const [before, after] = Object.values(byWay).map((samples) => median(samples.map((s) => s.opsPerSecond)));
      log(`${kind}: after/before throughput = ${round(after / before, 3)}`);
    }
    console.table(table);
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
