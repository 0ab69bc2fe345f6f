import 'reflect-metadata';
import { fork } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { DatabaseServer, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { BENCH_METERED, BENCH_UNMETERED } from './bench-routes.module';
import type { BenchServerReady } from './bench-server';

/**
 * `npm run bench`: throughput and latency of the referral stats endpoint with and without metering, in one
 * run, on one database. Rounds alternate unmetered / metered so drift (caches, autovacuum, CPU boost) hits
 * both alike; medians over rounds are reported with the ratio. A real PostgreSQL is used: DATABASE_URL's
 * server (a scratch database is created and dropped) or, by default, an embedded one in a temp directory.
 *
 * BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (10), BENCH_ACCOUNTS (100), BENCH_PLAN (enterprise).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const QUERY = '?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';

interface Measurement {
  requestsPerSecond: number;
  meanLatency: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

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

async function measure(port: number, path: string, apiKeys: string[], seconds: number): Promise<Measurement> {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        path: `${path}${QUERY}`,
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, 'x-api-key': apiKeys[next++ % apiKeys.length] },
        }),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    meanLatency: result.latency.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main(): Promise<void> {
  Logger.overrideLogger(['fatal', 'error', 'warn']);
  const database = await startDatabase();
  const server = fork(join(__dirname, 'bench-server.js'), [], {
    env: { ...process.env, DATABASE_URL: database.url },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await new Promise<BenchServerReady>((resolve, reject) => {
      server.once('message', (message) => resolve(message as BenchServerReady));
      server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    console.log(
      `metering benchmark: ${ROUNDS} rounds x ${SECONDS} s per route, ${CONNECTIONS} connections, ` +
        `${ready.apiKeys.length} ${process.env.BENCH_PLAN ?? 'enterprise'} accounts, GET stats (demo data)`,
    );
    // Warm up both routes (JIT, API-key cache, connection pool, counters rows).
    await measure(ready.port, BENCH_UNMETERED, ready.apiKeys, 2);
    await measure(ready.port, BENCH_METERED, ready.apiKeys, 2);

    const runs: Record<'unmetered' | 'metered', Measurement[]> = { unmetered: [], metered: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      runs.unmetered.push(await measure(ready.port, BENCH_UNMETERED, ready.apiKeys, SECONDS));
      runs.metered.push(await measure(ready.port, BENCH_METERED, ready.apiKeys, SECONDS));
      console.log(
        `round ${round}: unmetered ${runs.unmetered[round - 1].requestsPerSecond.toFixed(0)} req/s, ` +
          `metered ${runs.metered[round - 1].requestsPerSecond.toFixed(0)} req/s`,
      );
    }

    const summary = (name: 'unmetered' | 'metered') => ({
      route: name,
      'req/s (median)': Math.round(median(runs[name].map((run) => run.requestsPerSecond))),
      'mean ms (median)': Number(median(runs[name].map((run) => run.meanLatency)).toFixed(2)),
      'p50 ms (median)': median(runs[name].map((run) => run.p50)),
      'p99 ms (median)': median(runs[name].map((run) => run.p99)),
      'non-2xx': runs[name].reduce((sum, run) => sum + run.non2xx, 0),
      errors: runs[name].reduce((sum, run) => sum + run.errors, 0),
    });
    const unmetered = summary('unmetered');
    const metered = summary('metered');
    console.table([unmetered, metered]);
    // autocannon's percentiles are whole milliseconds; the mean keeps the fraction, so the ratio uses it.
    const ratio = (a: number, b: number) => (b > 0 ? `x${(a / b).toFixed(2)}` : 'n/a');
    console.log(
      `metered/unmetered: throughput ${ratio(metered['req/s (median)'], unmetered['req/s (median)'])}, ` +
        `mean latency ${ratio(metered['mean ms (median)'], unmetered['mean ms (median)'])}, ` +
        `p99 latency ${ratio(metered['p99 ms (median)'], unmetered['p99 ms (median)'])}`,
    );
    if (metered['non-2xx'] + unmetered['non-2xx'] + metered.errors + unmetered.errors > 0) {
      console.log('WARNING: some requests failed or were refused; the figures above include them.');
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
