import 'reflect-metadata';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { sign } from 'jsonwebtoken';
import { PLANS } from '../src/plans/plan-registry';
import { startBenchDatabase } from './bench-database';
import type { BenchServerMemory, BenchServerReady } from './bench-server';
import { BENCH_METERED } from './bench-routes.module';
import { liftedLimits, memoryOf, start, stop } from './http.bench';

const HELP = `npm run soak [-- options]

Runs the service in its own process on a scratch PostgreSQL and sends it bounded, mixed traffic for a while:
API keys and HS256 JWTs of every plan (one account each), own-usage reads, admin stats, a metered route,
plan-refused and bad-credential requests. Prints the service's RSS and heap every minute, then its peak RSS
and the growth over the second half.

  --minutes N       how long to send traffic (default 20)
  --rate N          requests per second, sent at a steady pace (default 100)
  --keys N          accounts, each with an API key and a JWT (default 1000)
  --concurrency N   most requests in flight; a tick that would exceed it is skipped and counted (default 32)
  --max-rss-mb N    peak RSS allowed (default 250)
  --max-growth-mb N RSS growth allowed over the second half (default 10)
  --help            this text

Exit code 1 when the peak or the second-half growth is over its bound, or when any request failed at the
socket or answered 5xx.`;

/** One request of the mix: what is sent and the status that must come back. */
interface Shot {
  path: string;
  headers: Record<string, string>;
  expected: number;
}

interface Minute {
  minute: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  sent: number;
  skipped: number;
  p50Ms: number;
  p99Ms: number;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const STATS_QUERY = '?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] * 10) / 10;
}

/** Least-squares slope of y over x (MB per minute here). */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '20' },
      rate: { type: 'string', default: '100' },
      keys: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '32' },
      'max-rss-mb': { type: 'string', default: '250' },
      'max-growth-mb': { type: 'string', default: '10' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const minutes = Number(values.minutes);
  const rate = Number(values.rate);
  const keys = Number(values.keys);
  const concurrency = Number(values.concurrency);
  const maxRssMb = Number(values['max-rss-mb']);
  const maxGrowthMb = Number(values['max-growth-mb']);
  for (const [name, value] of Object.entries({ minutes, rate, keys, concurrency, maxRssMb, maxGrowthMb })) {
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number (see --help)`);
  }
  const log = (line: string) => console.log(`[soak] ${line}`);
  // The scratch database's server log is debug noise here.
  Logger.overrideLogger(['fatal', 'error', 'warn']);

  const database = await startBenchDatabase();
  const overridesDir = mkdtempSync(join(tmpdir(), 'soak-plans-'));
  const overridesFile = join(overridesDir, 'plans.json');
  // Limits lifted: the soak measures memory under steady mixed traffic, not refusals.
  writeFileSync(overridesFile, JSON.stringify(liftedLimits([...PLANS])));
  const jwtSecret = randomBytes(32).toString('hex');
  log(`Starting the service with ${keys} accounts (every plan, round-robin)`);
  const service = fork(join(__dirname, 'bench-server.js'), [], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PLAN_OVERRIDES_FILE: overridesFile,
      BENCH_ACCOUNTS: String(keys),
      BENCH_PLAN: PLANS.join(','),
      JWT_SECRET: jwtSecret,
      // One client address sends everything, including the bad credentials of the mix.
      AUTH_FAILURES_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let exitCode = 0;
  try {
    const ready = await start<BenchServerReady>(service, 'soak service');
    const base = `http://127.0.0.1:${ready.port}`;
    const expiry = Math.floor(Date.now() / 1000) + (minutes + 30) * 60;
    const tokens = ready.accounts.map(({ id }) => sign({ sub: id, exp: expiry }, jwtSecret, { algorithm: 'HS256' }));
    const admins = ready.accounts.map((account, index) => ({ ...account, index })).filter((a) => a.plan === 'admin');
    const others = ready.accounts.map((account, index) => ({ ...account, index })).filter((a) => a.plan !== 'admin');
    const credentialOf = (index: number, jwt: boolean): Record<string, string> =>
      jwt ? { authorization: `Bearer ${tokens[index]}` } : { 'x-api-key': ready.apiKeys[index] };

    let counter = 0;
    /** The mix, chosen round-robin by weight so every minute sends the same proportions. */
    const mix: Array<[number, () => Shot]> = [
      [30, () => ({ path: '/api/v1/account/usage', headers: credentialOf(counter % keys, false), expected: 200 })],
      [20, () => ({ path: '/api/v1/account/usage', headers: credentialOf(counter % keys, true), expected: 200 })],
      [15, () => {
        const admin = admins[counter % admins.length];
        return { path: `/api/v1/admin/referrals/stats${STATS_QUERY}`, headers: credentialOf(admin.index, counter % 2 === 0), expected: 200 };
      }],
      [15, () => ({ path: `${BENCH_METERED}${STATS_QUERY}`, headers: credentialOf(counter % keys, counter % 3 === 0), expected: 200 })],
      [10, () => {
        const other = others[counter % others.length];
        return { path: `/api/v1/admin/referrals/stats${STATS_QUERY}`, headers: credentialOf(other.index, counter % 2 === 0), expected: 403 };
      }],
      [5, () => ({ path: '/api/v1/plans', headers: {}, expected: 200 })],
      [3, () => ({ path: '/api/v1/account/usage', headers: { 'x-api-key': `crw_live_${randomBytes(37).toString('base64url').slice(0, 49)}` }, expected: 401 })],
      [2, () => ({ path: '/api/v1/account/usage', headers: { authorization: `Bearer ${tokens[counter % keys]}x` }, expected: 401 })],
    ];
    const wheel = mix.flatMap(([weight, make]) => Array.from({ length: weight }, () => make));

    const statuses: Record<string, number> = {};
    const unexpected: Record<string, number> = {};
    let inFlight = 0;
    let sent = 0;
    let skipped = 0;
    let latencies: number[] = [];
    const fire = async (): Promise<void> => {
      const shot = wheel[counter % wheel.length]();
      counter++;
      inFlight++;
      sent++;
      const started = performance.now();
      let status: string;
      try {
        const response = await fetch(`${base}${shot.path}`, { headers: shot.headers });
        await response.arrayBuffer();
        status = String(response.status);
        if (response.status !== shot.expected) unexpected[`${shot.expected}->${status}`] = (unexpected[`${shot.expected}->${status}`] ?? 0) + 1;
      } catch (error) {
        status = `socket:${(error as { cause?: { code?: string } }).cause?.code ?? 'error'}`;
        unexpected[status] = (unexpected[status] ?? 0) + 1;
      } finally {
        inFlight--;
      }
      latencies.push(performance.now() - started);
      statuses[status] = (statuses[status] ?? 0) + 1;
    };

    const askMemory = () =>
      new Promise<BenchServerMemory>((resolve) => {
        const onMessage = (message: unknown) => {
          if (typeof message === 'object' && message !== null && 'memory' in message) {
            service.off('message', onMessage);
            resolve(message as BenchServerMemory);
          }
        };
        service.on('message', onMessage);
        service.send('memory');
      });

    const samples: Minute[] = [];
    const sample = async (minute: number) => {
      const { memory, spaces } = await askMemory();
      const sorted = [...latencies].sort((a, b) => a - b);
      latencies = [];
      const row: Minute = {
        minute,
        rssMb: mb(memoryOf(service.pid!).rssKb * 1024),
        heapUsedMb: mb(memory.heapUsed),
        heapTotalMb: mb(memory.heapTotal),
        externalMb: mb(memory.external),
        arrayBuffersMb: mb(memory.arrayBuffers),
        sent,
        skipped,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
      };
      samples.push(row);
      log(
        `minute ${String(minute).padStart(2)}: RSS ${row.rssMb} MB (heap ${row.heapUsedMb}/${row.heapTotalMb} MB, ` +
          `external ${row.externalMb} MB, array buffers ${row.arrayBuffersMb} MB), ${sent} sent, ${skipped} skipped, ` +
          `p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms; heap spaces MB ${JSON.stringify(spaces)}`,
      );
    };

    log(`Sending ${rate} req/s for ${minutes} min over ${keys} keys and JWTs (at most ${concurrency} in flight)`);
    await sample(0);
    const tickMs = 50;
    const perTick = (rate * tickMs) / 1000;
    const startedAt = Date.now();
    const endAt = startedAt + minutes * 60_000;
    let owed = 0;
    let nextMinute = 1;
    const pending = new Set<Promise<void>>();
    while (Date.now() < endAt) {
      owed += perTick;
      while (owed >= 1) {
        owed--;
        if (inFlight >= concurrency) {
          skipped++;
          continue;
        }
        const request = fire();
        pending.add(request);
        void request.finally(() => pending.delete(request));
      }
      if (Date.now() >= startedAt + nextMinute * 60_000) await sample(nextMinute++);
      await new Promise((resolve) => setTimeout(resolve, tickMs));
    }
    await Promise.all(pending);
    if (samples[samples.length - 1].minute < minutes) await sample(minutes);

    const peakMb = mb(memoryOf(service.pid!).hwmKb * 1024);
    const half = samples.filter((row) => row.minute >= minutes / 2);
    const growthMb = Math.round((half[half.length - 1].rssMb - half[0].rssMb) * 10) / 10;
    const slopeMbPerMin = Math.round(slope(half.map((row) => [row.minute, row.rssMb])) * 100) / 100;
    const heapGrowthMb = Math.round((half[half.length - 1].heapUsedMb - half[0].heapUsedMb) * 10) / 10;
    console.table(samples);
    log(`statuses: ${JSON.stringify(statuses)}`);
    log(`unexpected: ${JSON.stringify(unexpected)}`);
    log(
      `peak RSS (VmHWM) ${peakMb} MB (bound ${maxRssMb}); second half (minute ${half[0].minute} to ${half[half.length - 1].minute}): ` +
        `RSS ${half[0].rssMb} -> ${half[half.length - 1].rssMb} MB (${growthMb >= 0 ? '+' : ''}${growthMb} MB, slope ${slopeMbPerMin} MB/min), ` +
        `heap used ${heapGrowthMb >= 0 ? '+' : ''}${heapGrowthMb} MB (bound ${maxGrowthMb} MB)`,
    );
    const failures = Object.keys(unexpected).filter((key) => key.startsWith('socket') || /->5\d\d$/.test(key));
    if (peakMb > maxRssMb) exitCode = 1;
    if (growthMb > maxGrowthMb) exitCode = 1;
    if (failures.length > 0) exitCode = 1;
    log(exitCode === 0 ? 'PASS' : `FAIL${failures.length ? ` (failed requests: ${failures.join(', ')})` : ''}`);
  } finally {
    await stop(service);
    await database.stop();
    rmSync(overridesDir, { recursive: true, force: true });
  }
  process.exitCode = exitCode;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
