import 'reflect-metadata';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DatabaseServer, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { DEFAULT_BENCH_PLANS, httpBenchRows, runHttpBench } from './http.bench';

/**
 * The HTTP section of the benchmark on its own: a bare Fastify route, the stats endpoint unmetered and the
 * stats endpoint metered, in one run (see runHttpBench in http.bench.ts). A real PostgreSQL is used:
 * DATABASE_URL's server (a scratch database is created and dropped) or, by default, an embedded one in a temp
 * directory.
 *
 * BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50), BENCH_KEYS (1000),
 * BENCH_PLAN (comma-separated; default a mix of every plan).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const KEYS = Number(process.env.BENCH_KEYS ?? process.env.BENCH_ACCOUNTS ?? 1000);
const PLANS = process.env.BENCH_PLAN ? process.env.BENCH_PLAN.split(',') : DEFAULT_BENCH_PLANS;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A scratch database on DATABASE_URL's server, or an embedded server of our own. */
async function startDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `bench_${Date.now()}`;
    const admin = new Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(external);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      stop: async () => {
        const client = new Client({ connectionString: external });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const parent = await mkdtemp(join(tmpdir(), 'crawlora-bench-pg-'));
  await chmod(parent, 0o755); // as root, PostgreSQL runs as the `postgres` user, who must reach the data dir
  const server: DatabaseServer = await startEmbeddedPostgres({
    dataDir: join(parent, 'data'),
    port: await freePort(),
    logger: new Logger('BenchPostgres'),
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  Logger.overrideLogger(['fatal', 'error', 'warn']);
  const database = await startDatabase();
  try {
    const result = await runHttpBench({
      databaseUrl: database.url,
      seconds: SECONDS,
      rounds: ROUNDS,
      connections: CONNECTIONS,
      keys: KEYS,
      plans: PLANS,
      log: (line) => console.log(line),
    });
    console.table(httpBenchRows(result));
    const { ratios, serviceRss } = result;
    console.log(
      `metered/unmetered x${ratios.meteredToUnmetered}, metered/bare x${ratios.meteredToBare}, ` +
        `unmetered/bare x${ratios.unmeteredToBare}; service peak RSS ${serviceRss.peakMb} MB`,
    );
    const failures = Object.values(result.targets).reduce((sum, target) => sum + target.non2xx + target.errors, 0);
    if (failures > 0) console.log('WARNING: some requests failed or were refused; the figures above include them.');
    if (process.env.BENCH_JSON) console.log(JSON.stringify(result));
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
