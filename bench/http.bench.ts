import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import type { BareServerReady, BareServerStart } from './bare-server';
import { BENCH_METERED, BENCH_UNMETERED } from './bench-routes.module';
import type { BenchServerReady } from './bench-server';
import { median } from './median';
import { PEER_MEMORY, PEER_REDIS } from './peer/peer.module';

export interface HttpBenchOptions {
  /** The database the service runs on (migrated at its boot). May already hold the big dataset. */
  databaseUrl: string;
  /** Seconds per measurement (each target, each round). */
  seconds: number;
  /** Rounds; each measures every target in turn (A B C D A B C D …), so drift hits all alike. Medians are reported. */
  rounds: number;
  connections: number;
  /** API keys (one account each), the load spread over them round-robin. */
  keys: number;
  /** Plans assigned round-robin to the accounts; default every plan that can call the stats twins. */
  plans?: string[];
  /** Warm-up seconds per target before the rounds (JIT, key cache, pool, counters rows). Default 2. */
  warmupSeconds?: number;
  /** Redis for the peer's Redis-backed throttler; that peer is skipped (with a line logged) when it does not answer. */
  redisUrl?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export type HttpBenchTarget = 'bare' | 'unmetered' | 'metered' | 'peer_memory' | 'peer_redis';
export const HTTP_BENCH_TARGETS: readonly HttpBenchTarget[] = ['bare', 'unmetered', 'metered', 'peer_memory', 'peer_redis'];

export interface HttpMeasurement {
  requestsPerSecond: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

/**
 * Rates and latencies are medians over the rounds; non2xx and errors are totals over them (warm-up excluded):
 * a benchmark with refusals measures the wrong thing.
 */
export interface HttpTargetSummary extends HttpMeasurement {
  target: HttpBenchTarget;
  path: string;
  rounds: HttpMeasurement[];
}

/** Metered throughput ÷ another target's, per round (both measured in the same round): median and range. */
export interface RoundRatio {
  median: number;
  min: number;
  max: number;
  rounds: number;
}

export interface HttpBenchResult {
  options: { seconds: number; rounds: number; connections: number; keys: number; plans: string[] };
  /** peer_redis is absent when Redis did not answer (skippedPeerRedis says why). */
  targets: Partial<Record<HttpBenchTarget, HttpTargetSummary>>;
  skippedPeerRedis: string | null;
  /** Per-round throughput ratios, all from this one run; metered_vs_peer_redis is null when that peer was skipped. */
  ratios: {
    metered_vs_unmetered: RoundRatio;
    metered_vs_peer_memory: RoundRatio;
    metered_vs_peer_redis: RoundRatio | null;
    metered_vs_bare: RoundRatio;
    unmetered_vs_bare: RoundRatio;
    /** Metered p99 ÷ unmetered p99, per round. */
    p99_metered_vs_unmetered: RoundRatio;
  };
  /** The service process's peak resident set (VmHWM) over the whole run, and the highest sample of VmRSS. */
  serviceRss: { peakMb: number; sampledPeakMb: number };
}

export const DEFAULT_BENCH_PLANS = ['free', 'starter', 'growth', 'pro', 'business', 'enterprise', 'admin'];
const QUERY = '?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
const BARE_PATH = '/api/v1/bench/stats-bare';

/**
 * Every plan's limits lifted (rate limit at its maximum, no daily cap, included credits out of reach), so the
 * benchmark measures what metering costs, not refusals: every admission still runs the full check and writes
 * the full charge.
 */
export function liftedLimits(plans: string[]): Record<string, unknown> {
  return Object.fromEntries(
    plans.map((plan) => [plan, { rate_limit_per_minute: 100_000, daily_cap: null, included_credits: 1_000_000_000 }]),
  );
}

export function start<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code} before it was ready`)));
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** kB figures from /proc/<pid>/status (Linux); 0 where unavailable. */
export function memoryOf(pid: number): { rssKb: number; hwmKb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
  } catch {
    return { rssKb: 0, hwmKb: 0 };
  }
}

async function measure(
  port: number,
  path: string,
  apiKeys: string[],
  seconds: number,
  connections: number,
): Promise<HttpMeasurement> {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
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
    meanMs: result.latency.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function summarize(target: HttpBenchTarget, path: string, rounds: HttpMeasurement[]): HttpTargetSummary {
  return {
    target,
    path,
    requestsPerSecond: Math.round(median(rounds.map((run) => run.requestsPerSecond))),
    meanMs: Number(median(rounds.map((run) => run.meanMs)).toFixed(2)),
    p50Ms: median(rounds.map((run) => run.p50Ms)),
    p99Ms: median(rounds.map((run) => run.p99Ms)),
    non2xx: rounds.reduce((sum, run) => sum + run.non2xx, 0),
    errors: rounds.reduce((sum, run) => sum + run.errors, 0),
    rounds,
  };
}

const ratio = (a: number, b: number) => (b > 0 ? Number((a / b).toFixed(3)) : 0);

function roundRatio(numerators: number[], denominators: number[]): RoundRatio {
  const ratios = numerators.map((value, i) => ratio(value, denominators[i]));
  return { median: Number(median(ratios).toFixed(3)), min: Math.min(...ratios), max: Math.max(...ratios), rounds: ratios.length };
}

/** Why the Redis peer cannot run, or null when REDIS_URL answers a PING within a second. */
export async function redisUnavailable(url: string | undefined): Promise<string | null> {
  if (!url) return 'REDIS_URL is not set';
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG' ? null : 'REDIS_URL did not answer PONG';
  } catch (error) {
    return `REDIS_URL did not answer (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    redis.disconnect();
  }
}

/**
 * HTTP throughput and latency, measured with autocannon in one run: (1) a bare Fastify route answering the
 * stats endpoint's JSON, (2) the stats endpoint without metering, (3) the stats endpoint metered with
 * `@Credits(1)`; (2) and (3) are twins differing only by the decorator (bench-routes.module.ts); (4) the peer,
 * the same endpoint behind `@nestjs/throttler` in memory and an UPDATE after the response, and (5) the same
 * peer with Redis storage when Redis answers (peer/peer.module.ts). The service and the bare server each run
 * in their own process; the service's RSS is sampled throughout. Rounds interleave the targets.
 */
export async function runHttpBench(options: HttpBenchOptions): Promise<HttpBenchResult> {
  const plans = options.plans ?? DEFAULT_BENCH_PLANS;
  const log = options.log ?? (() => undefined);
  const skippedPeerRedis = await redisUnavailable(options.redisUrl);
  if (skippedPeerRedis) log(`peer with Redis throttler storage skipped: ${skippedPeerRedis}`);
  const warmup = options.warmupSeconds ?? 2;
  const overridesDir = mkdtempSync(join(tmpdir(), 'bench-plans-'));
  const overridesFile = join(overridesDir, 'plans.json');
  writeFileSync(overridesFile, JSON.stringify(liftedLimits(plans)));

  const service = fork(join(__dirname, 'bench-server.js'), [], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PLAN_OVERRIDES_FILE: overridesFile,
      BENCH_ACCOUNTS: String(options.keys),
      BENCH_PLAN: plans.join(','),
      BENCH_PEER_REDIS_URL: skippedPeerRedis ? '' : options.redisUrl,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const bare = fork(join(__dirname, 'bare-server.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let sampledPeakKb = 0;
  let sampler: NodeJS.Timeout | undefined;
  try {
    const ready = await start<BenchServerReady>(service, 'bench server');
    sampler = setInterval(() => {
      sampledPeakKb = Math.max(sampledPeakKb, memoryOf(service.pid!).rssKb);
    }, 100);

    // The bare route answers exactly what the stats endpoint answers.
    const sample = await fetch(`http://127.0.0.1:${ready.port}${BENCH_UNMETERED}${QUERY}`, {
      headers: { 'x-api-key': ready.apiKeys[0] },
    });
    if (sample.status !== 200) throw new Error(`stats endpoint answered ${sample.status}: ${await sample.text()}`);
    const bareReady = start<BareServerReady>(bare, 'bare server');
    bare.send({ body: await sample.json() } satisfies BareServerStart);
    const { port: barePort } = await bareReady;

    const targets: Array<{ target: HttpBenchTarget; port: number; path: string }> = [
      { target: 'bare', port: barePort, path: BARE_PATH },
      { target: 'unmetered', port: ready.port, path: BENCH_UNMETERED },
      { target: 'metered', port: ready.port, path: BENCH_METERED },
      { target: 'peer_memory', port: ready.port, path: PEER_MEMORY },
      ...(skippedPeerRedis ? [] : [{ target: 'peer_redis' as const, port: ready.port, path: PEER_REDIS }]),
    ];
    log(
      `HTTP: ${options.rounds} rounds x ${options.seconds} s per target, ${options.connections} connections, ` +
        `${ready.apiKeys.length} keys (${plans.join(', ')}; limits lifted)`,
    );
    for (const { port, path } of targets) await measure(port, path, ready.apiKeys, warmup, options.connections);

    const runs: Record<HttpBenchTarget, HttpMeasurement[]> = { bare: [], unmetered: [], metered: [], peer_memory: [], peer_redis: [] };
    for (let round = 1; round <= options.rounds; round++) {
      for (const { target, port, path } of targets) {
        runs[target].push(await measure(port, path, ready.apiKeys, options.seconds, options.connections));
      }
      log(
        `  round ${round}: ` +
          targets
            .map(({ target }) => {
              const run = runs[target][round - 1];
              return `${target} ${run.requestsPerSecond.toFixed(0)} req/s p99 ${run.p99Ms} ms`;
            })
            .join(', '),
      );
    }

    const summaries = Object.fromEntries(
      targets.map(({ target, path }) => [target, summarize(target, path, runs[target])]),
    ) as Partial<Record<HttpBenchTarget, HttpTargetSummary>>;
    const rps = (target: HttpBenchTarget) => runs[target].map((run) => run.requestsPerSecond);
    const p99 = (target: HttpBenchTarget) => runs[target].map((run) => run.p99Ms);
    const hwmKb = memoryOf(service.pid!).hwmKb;
    return {
      options: {
        seconds: options.seconds,
        rounds: options.rounds,
        connections: options.connections,
        keys: ready.apiKeys.length,
        plans,
      },
      targets: summaries,
      skippedPeerRedis,
      ratios: {
        metered_vs_unmetered: roundRatio(rps('metered'), rps('unmetered')),
        metered_vs_peer_memory: roundRatio(rps('metered'), rps('peer_memory')),
        metered_vs_peer_redis: skippedPeerRedis ? null : roundRatio(rps('metered'), rps('peer_redis')),
        metered_vs_bare: roundRatio(rps('metered'), rps('bare')),
        unmetered_vs_bare: roundRatio(rps('unmetered'), rps('bare')),
        p99_metered_vs_unmetered: roundRatio(p99('metered'), p99('unmetered')),
      },
      serviceRss: {
        peakMb: Math.round(Math.max(hwmKb, sampledPeakKb) / 1024),
        sampledPeakMb: Math.round(sampledPeakKb / 1024),
      },
    };
  } finally {
    clearInterval(sampler);
    await Promise.all([stop(service), stop(bare)]);
    rmSync(overridesDir, { recursive: true, force: true });
  }
}

/** The result as table rows (for console.table or a README). */
export function httpBenchRows(result: HttpBenchResult): Array<Record<string, string | number>> {
  const bare = result.targets.bare!;
  return HTTP_BENCH_TARGETS.flatMap((name) => {
    const target = result.targets[name];
    if (!target) return [];
    return {
      target: name,
      'req/s': target.requestsPerSecond,
      'mean ms': target.meanMs,
      'p50 ms': target.p50Ms,
      'p99 ms': target.p99Ms,
      'vs bare': ratio(target.requestsPerSecond, bare.requestsPerSecond),
      'non-2xx': target.non2xx,
      errors: target.errors,
    };
  });
}
