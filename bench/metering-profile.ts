import 'reflect-metadata';
import { fork } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { AppConfig } from '../src/config/app-config';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { freePort } from '../test/support/free-port';
import { BENCH_METERED, BENCH_UNMETERED } from './bench-routes.module';
import type { BenchServerReady } from './bench-server';
import { clusterCpuSeconds, processCpuSeconds } from './cpu-accounting';
import { buildDataset, DATASET_SIZES, DatasetSizeName } from './dataset';
import { DEFAULT_BENCH_PLANS, liftedLimits, start, stop } from './http.bench';
import { median } from './median';
import { PEER_MEMORY } from './peer/peer.module';

/**
 * `npm run bench:metering`: what a metered request costs beside its unmetered twin and the peer (bench/peer/), in
 * units that survive a shared, noisy machine better than requests/s: CPU time per 2xx of the service process, of
 * PostgreSQL (every process of the cluster, exited autovacuum workers included) and of the load generator, and
 * statements per 2xx (pg_stat_statements, top level, on an embedded PostgreSQL of its own). One service at 50
 * connections over 1,000 keys of every plan (limits lifted, as in `npm run bench`); rounds interleave the targets.
 * Ends with the billing tables' sequential scans (a metering statement should make none).
 */
const QUERY = '?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
/** The peer: the same endpoint behind @nestjs/throttler (in memory) and an UPDATE after the response. */
const TARGETS = { unmetered: BENCH_UNMETERED, metered: BENCH_METERED, peer: PEER_MEMORY } as const;
type Target = keyof typeof TARGETS;

interface Round {
  requestsPerSecond: number;
  serviceUs: number;
  databaseUs: number;
  loadGeneratorUs: number;
  statements: Array<{ query: string; per2xx: number; meanMs: number }>;
}

const range = (values: number[]) => `${Math.min(...values)}–${Math.max(...values)}`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      seconds: { type: 'string', default: '6' },
      rounds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '50' },
    },
  });
  const log = (line: string) => console.log(`[bench:metering] ${line}`);
  const parent = await mkdtemp(join(tmpdir(), 'crawlora-metering-'));
  await chmod(parent, 0o755); // as root, PostgreSQL runs as `postgres`, which must reach the data directory
  const server = await startEmbeddedPostgres({
    dataDir: join(parent, 'data'),
    port: await freePort(),
    settings: ['-c', 'shared_buffers=512MB', '-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=top'],
  });
  let service: ReturnType<typeof fork> | undefined;
  const admin = new Client({ connectionString: server.url });
  admin.on('error', () => undefined);
  try {
    const context = await NestFactory.createApplicationContext(
      AppModule.forRoot(AppConfig.fromEnvironment({ DATABASE_URL: server.url, LOG_LEVEL: 'error' })),
      { logger: ['error'] },
    );
    await context.close();
    await admin.connect();
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    log(`loading the ${values.size} dataset`);
    await buildDataset(server.url, DATASET_SIZES[values.size as DatasetSizeName], log);

    const overrides = join(parent, 'plans.json');
    await writeFile(overrides, JSON.stringify(liftedLimits(DEFAULT_BENCH_PLANS)));
    service = fork(join(__dirname, 'bench-server.js'), [], {
      env: {
        ...process.env,
        DATABASE_URL: server.url,
        PLAN_OVERRIDES_FILE: overrides,
        BENCH_ACCOUNTS: '1000',
        BENCH_PLAN: DEFAULT_BENCH_PLANS.join(','),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await start<BenchServerReady>(service, 'bench server');
    const drive = (target: Target, seconds: number) => {
      let next = 0;
      return autocannon({
        url: `http://127.0.0.1:${ready.port}`,
        connections: Number(values.connections),
        duration: seconds,
        requests: [
          {
            method: 'GET',
            path: `${TARGETS[target]}${QUERY}`,
            setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'x-api-key': ready.apiKeys[next++ % ready.apiKeys.length] } }),
          },
        ],
      });
    };
    const targets = Object.keys(TARGETS) as Target[];
    for (const target of targets) await drive(target, 3); // warm-up: JIT, key cache, counters rows

    const rounds: Record<Target, Round[]> = { unmetered: [], metered: [], peer: [] };
    for (let round = 1; round <= Number(values.rounds); round++) {
      for (const target of round % 2 ? targets : [...targets].reverse()) {
        await admin.query('SELECT pg_stat_statements_reset()');
        const before = { service: processCpuSeconds(service.pid!), database: clusterCpuSeconds(server.dataDir), driver: process.cpuUsage() };
        const result = await drive(target, Number(values.seconds));
        const driver = process.cpuUsage(before.driver);
        const ok = result['2xx'];
        const { rows } = await admin.query<{ calls: string; mean: number; query: string }>(
          `SELECT calls, mean_exec_time AS mean, query FROM pg_stat_statements
            WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC LIMIT 8`,
        );
        rounds[target].push({
          requestsPerSecond: Math.round(result.requests.average),
          serviceUs: Math.round(((processCpuSeconds(service.pid!) - before.service) / ok) * 1e6),
          databaseUs: Math.round(((clusterCpuSeconds(server.dataDir) - before.database) / ok) * 1e6),
          loadGeneratorUs: Math.round((driver.user + driver.system) / ok),
          statements: rows.map((row) => ({
            query: row.query.replace(/\s+/g, ' ').slice(0, 60),
            per2xx: Number((Number(row.calls) / ok).toFixed(3)),
            meanMs: Number(row.mean.toFixed(3)),
          })),
        });
        const last = rounds[target][round - 1];
        log(`round ${round} ${target}: ${last.requestsPerSecond} req/s; CPU µs per 2xx: service ${last.serviceUs}, PostgreSQL ${last.databaseUs}`);
      }
    }

    console.log(`\nMedians (min–max) over ${values.rounds} rounds of ${values.seconds} s, CPU µs per 2xx:`);
    console.table(
      targets.map((target) => {
        const mine = rounds[target];
        const pick = (key: 'requestsPerSecond' | 'serviceUs' | 'databaseUs' | 'loadGeneratorUs') => mine.map((r) => r[key]);
        const statements = mine.map((r) => Number(r.statements.reduce((sum, s) => sum + s.per2xx, 0).toFixed(3)));
        return {
          target,
          'req/s': `${median(pick('requestsPerSecond'))} (${range(pick('requestsPerSecond'))})`,
          service: `${median(pick('serviceUs'))} (${range(pick('serviceUs'))})`,
          PostgreSQL: `${median(pick('databaseUs'))} (${range(pick('databaseUs'))})`,
          'load generator': median(pick('loadGeneratorUs')),
          'statements/2xx': `${median(statements)} (${range(statements)})`,
        };
      }),
    );
    for (const target of targets) {
      console.log(`\nStatements per 2xx, ${target}, last round:`);
      console.table(rounds[target].at(-1)!.statements);
    }
    const { rows: scans } = await admin.query(
      `SELECT relname AS table, seq_scan, idx_scan, n_live_tup AS live, n_dead_tup AS dead
         FROM pg_stat_user_tables WHERE relname LIKE 'billing%' ORDER BY relname`,
    );
    console.log('\nBilling tables since the start (the warm-up and any other statement included):');
    console.table(scans);
  } finally {
    if (service) await stop(service);
    await admin.end().catch(() => undefined);
    await server.stop();
    await rm(parent, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
