import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openBenchDataset } from './bench-database';
import { DATASET_SIZES, DatasetSizeName } from './dataset';
import { httpBenchRows, RoundRatio, runHttpBench } from './http.bench';
import { benchStatsQueries, WindowClassResult } from './stats-queries';

const USAGE = `npm run bench -- [--size small|medium|full] [--http small|full|none] [--rounds N] [--data DIR] [--help]

Builds a referral program's history in a scratch PostgreSQL (a new database on DATABASE_URL's server, dropped
afterwards, or a temporary embedded PostgreSQL), then measures in one run
  1. the stats query per window class (p50/p95/p99) beside a plain COUNT of the same window,
  2. HTTP throughput and latency at 50 connections over many keys of mixed plans, in interleaved rounds
     (A B C D A B C D …): a bare Fastify route, the stats endpoint unmetered, metered, and the peer a NestJS
     team would write (@nestjs/throttler in memory, and with Redis storage when REDIS_URL answers; skipped
     with a printed line otherwise), with the per-round ratios' median and min–max,
  3. the service's peak RSS,
prints the tables and writes bench/results/latest.json.

  --size   dataset: small (200k clicks, CI), medium (1M clicks, about a minute to load), full (10M
           clicks, 1M referrals: keep it with --data). Default full.
  --http   HTTP rounds: small (3 rounds x 3 s per target) or full (5 rounds x 10 s), or none (the stats
           query classes only, written to bench/results/stats.json). Default: full for --size full,
           small otherwise.
  --rounds HTTP rounds instead of --http's 3 or 5 (each still measures every target in turn): on a noisy
           machine more rounds give a steadier median.
  --data   keep the loaded dataset for later runs, and reuse it when it is there: an embedded PostgreSQL
           data directory DIR (created on the first run), or with DATABASE_URL a database of that name on
           its server. Without it the scratch database is dropped at the end.`;

/** Per target and round; every target is measured once per round, in the same order. */
const HTTP_SETTINGS = {
  small: { seconds: 3, rounds: 3, connections: 50, keys: 200, warmupSeconds: 1 },
  full: { seconds: 10, rounds: 5, connections: 50, keys: 1000, warmupSeconds: 3 },
} as const;

const formatRatio = (name: string, value: RoundRatio | null) =>
  value === null ? `${name} skipped` : `${name} x${value.median} (${value.min}–${value.max}, ${value.rounds} rounds)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'full' },
      http: { type: 'string' },
      data: { type: 'string' },
      rounds: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const sizeName = values.size as DatasetSizeName;
  const httpSize = (values.http ?? (sizeName === 'full' ? 'full' : 'small')) as keyof typeof HTTP_SETTINGS | 'none';
  const size = DATASET_SIZES[sizeName];
  const roundsValid = values.rounds === undefined || (Number.isInteger(Number(values.rounds)) && Number(values.rounds) >= 1);
  if (!size || !(httpSize in HTTP_SETTINGS || httpSize === 'none') || !roundsValid) {
    throw new Error(`--size must be small, medium or full, --http small, full or none, --rounds a whole number ≥ 1\n\n${USAGE}`);
  }
  // Plain stdout: creating Nest contexts below resets Nest's logger to errors only.
  const log = (line: string) => console.log(`[bench] ${line}`);

  const { database, loadSeconds, reused } = await openBenchDataset(sizeName, values.data, log);
  try {
    log('Measuring the stats query per window class');
    const queries = await benchStatsQueries(database.url, size, sizeName === 'small' ? 100 : 300);

    const results = join(__dirname, '..', '..', 'bench', 'results');
    await mkdir(results, { recursive: true });
    const dataset = { ...size, loadSeconds: Math.round(loadSeconds), reused };
    const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
    printQueries(queries);
    if (httpSize === 'none') {
      const file = join(results, 'stats.json');
      await writeFile(file, `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, size: sizeName, dataset, statsQueries: queries }, null, 2)}\n`);
      return log(`Wrote ${file}`);
    }

    log('Measuring HTTP: bare Fastify, stats unmetered, stats metered, the peer(s)');
    const rounds = values.rounds === undefined ? HTTP_SETTINGS[httpSize].rounds : Number(values.rounds);
    const http = await runHttpBench({ databaseUrl: database.url, ...HTTP_SETTINGS[httpSize], rounds, redisUrl: process.env.REDIS_URL, log });

    const result = {
      generatedAt: new Date().toISOString(),
      machine,
      size: sizeName,
      httpSize,
      dataset,
      /** metered ÷ each other target, per round: median, min, max, rounds (peer_redis null when skipped). */
      ratios: {
        metered_vs_unmetered: http.ratios.metered_vs_unmetered,
        metered_vs_peer_memory: http.ratios.metered_vs_peer_memory,
        metered_vs_peer_redis: http.ratios.metered_vs_peer_redis,
        metered_vs_bare: http.ratios.metered_vs_bare,
      },
      peakRssMb: http.serviceRss.peakMb,
      statsQueries: queries,
      http,
    };
    console.log(
      `\nHTTP at ${http.options.connections} connections over ${http.options.keys} keys ` +
        `(medians of ${http.options.rounds} interleaved rounds x ${http.options.seconds} s):`,
    );
    console.table(httpBenchRows(http));
    const { ratios } = result;
    console.log(
      [
        formatRatio('metered/unmetered', ratios.metered_vs_unmetered),
        formatRatio('metered/peer (memory)', ratios.metered_vs_peer_memory),
        formatRatio('metered/peer (Redis)', ratios.metered_vs_peer_redis),
        formatRatio('metered/bare', ratios.metered_vs_bare),
        `service peak RSS ${http.serviceRss.peakMb} MB`,
      ].join('\n'),
    );
    const file = join(results, 'latest.json');
    await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    log(`Wrote ${file}`);
  } finally {
    await database.stop();
  }
}

function printQueries(results: WindowClassResult[]): void {
  const rows = results.map((result) => ({
    window: result.windowClass + (result.campaign ? ', one campaign' : ''),
    'rollup p50 ms': result.rollupMs.p50,
    'rollup p95 ms': result.rollupMs.p95,
    'rollup p99 ms': result.rollupMs.p99,
    'raw COUNT p50 ms': result.rawCountMs.p50,
    'raw COUNT p95 ms': result.rawCountMs.p95,
  }));
  console.log('\nStats query latency (database time + one loopback round trip):');
  console.table(rows);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
