import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { AppConfig } from '../src/config/app-config';
import { formatEpochMicros } from '../src/common/time/rfc3339';
import { FunnelWindow } from '../src/referrals/stats/funnel';
import { ReferralStatsRepository } from '../src/referrals/stats/referral-stats.repository';
import { DATASET_END, DatasetSize } from './dataset';

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
}

export interface WindowClassResult {
  windowClass: string;
  campaign: boolean;
  samples: number;
  rollupMs: LatencySummary;
  rawCountMs: LatencySummary;
}

const MICROS_PER_DAY = 86_400_000_000n;
const MICROS_PER_HOUR = 3_600_000_000n;
const floorToHour = (micros: bigint) => micros - (micros % MICROS_PER_HOUR);
const END = BigInt(DATASET_END.getTime()) * 1000n;

export function percentiles(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)) };
}

/** A deterministic sequence, so runs compare the same windows. */
export function* randomFractions(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    yield state / 2_147_483_648;
  }
}

export interface WindowClass {
  name: string;
  /** A window of this class, drawn with `pick` (fractions in [0, 1)). */
  window: (pick: () => number) => { from: bigint | null; to: bigint | null };
}

/** The window classes measured, over a dataset of `size.days` days ending at DATASET_END. */
export function windowClasses(size: DatasetSize): WindowClass[] {
  const spanDays = BigInt(size.days);
  const startOfData = END - spanDays * MICROS_PER_DAY;
  const at = (fraction: number) => startOfData + BigInt(Math.floor(fraction * Number(spanDays * MICROS_PER_DAY)));
  return [
    { name: 'all time', window: () => ({ from: null, to: null }) },
    {
      name: '30 days (hour-aligned)',
      window: (pick) => {
        const from = floorToHour(at(pick() * 0.9));
        return { from, to: from + 30n * MICROS_PER_DAY };
      },
    },
    {
      name: '1 day (hour-aligned)',
      window: (pick) => {
        const from = floorToHour(at(pick() * 0.99));
        return { from, to: from + MICROS_PER_DAY };
      },
    },
    {
      name: '7 days, unaligned edges',
      window: (pick) => {
        const from = at(pick() * 0.98);
        return { from, to: from + 7n * MICROS_PER_DAY + 123_456_789n };
      },
    },
  ];
}

/** The rollups, the indexes the raw edges' counts scan, and the referrals heap (see the statement's plan). */
const READ_BY_THE_STATS_QUERY = [
  'referral_stats_daily',
  'referral_stats_daily_pkey',
  'referral_stats_hourly',
  'referral_stats_hourly_pkey',
  'referral_clicks_created_at_idx',
  'referral_clicks_campaign_created_at_idx',
  'referrals_listing_idx',
  // With a campaign, a raw edge's referral counts filter the rows the *_at indexes find by utm_campaign, in the
  // heap (133 MB on the full dataset); left cold, that class measured p50 1.9 ms against 0.6-0.9 warm.
  'referrals',
  'referrals_qualified_at_idx',
  'referrals_review_required_at_idx',
  'referrals_rewarded_at_idx',
  'referrals_capped_at_idx',
  'referrals_rejected_at_idx',
];

/**
 * A serving database holds what the stats query reads in its cache; a kept dataset starts on a cold one (its
 * server just started). pg_prewarm needs a superuser: on a server where the benchmark is not one, it says so.
 */
async function warmCache(db: DataSource): Promise<void> {
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
    for (const relation of READ_BY_THE_STATS_QUERY) await db.query('SELECT pg_prewarm($1::regclass)', [relation]);
  } catch (error) {
    console.log(`[bench]   cache not prewarmed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Latency of the stats query as the endpoint runs it (ReferralStatsRepository.countFunnel: hourly rollups
 * plus exact partial hours), beside a plain COUNT of the same window over the raw events, per window class,
 * with and without a campaign, after a warm-up (warmUp). Measured from Node over the pool, one query at a
 * time: database time plus a loopback round trip.
 */
export async function benchStatsQueries(url: string, size: DatasetSize, samples: number): Promise<WindowClassResult[]> {
  const config = AppConfig.fromEnvironment({ DATABASE_URL: url, LOG_LEVEL: 'error', DB_POOL_SIZE: '2' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'] });
  try {
    const repository = app.get(ReferralStatsRepository);
    const db = app.get(DataSource);
    await warmCache(db);
    const classes = windowClasses(size);
    await warmUp(repository, classes, size);
    const random = randomFractions(42);
    const pick = () => random.next().value as number;

    // Every class's samples first, then the raw COUNTs of the same windows: a raw COUNT scans up to the whole
    // 10M-row table, and the samples after one were slower (measured between a class's samples, p95 up to ×2; after
    // each class, the next class's p95 up to 2.4 ms against 0.8 ms when the COUNTs all come last).
    const measured = classes.flatMap((windowClass) =>
      [false, true].map((withCampaign) => {
        const windows: FunnelWindow[] = Array.from({ length: samples }, (_, i) => ({
          ...windowClass.window(pick),
          campaign: withCampaign ? `campaign_${i % size.campaigns}` : null,
        }));
        return { windowClass, withCampaign, windows, rollup: [] as number[] };
      }),
    );
    for (const { windowClass, withCampaign, windows, rollup } of measured) {
      for (const window of windows) {
        const started = process.hrtime.bigint();
        await repository.countFunnel(window);
        rollup.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      console.log(`[bench]   ${windowClass.name}${withCampaign ? ', one campaign' : ''}: p95 ${percentiles(rollup).p95} ms`);
    }
    const results: WindowClassResult[] = [];
    for (const { windowClass, withCampaign, windows, rollup } of measured) {
      // The raw COUNT is slow on the full dataset: a tenth as many samples keeps the run short.
      const raw: number[] = [];
      for (const window of windows.filter((_, i) => i % 10 === 0)) {
        const started = process.hrtime.bigint();
        await rawFunnelCount(db, window);
        raw.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      results.push({ windowClass: windowClass.name, campaign: withCampaign, samples, rollupMs: percentiles(rollup), rawCountMs: percentiles(raw) });
    }
    return results;
  } finally {
    await app.close();
  }
}

/** Warm-up windows per class and campaign setting: enough for every class to have run on both pooled connections. */
const WARM_UP_SAMPLES = 100;

/**
 * A serving instance has run the statement before: V8 has compiled the client path, each pooled connection has
 * its plan, and the buffer cache holds the index pages the classes read. The first samples after a (re)start pay
 * for all three (a kept dataset starts on a cold server: the first pass measured p95 1.1–5.3 ms, a second pass over
 * other windows 0.4–2.2 ms), so each class runs WARM_UP_SAMPLES windows of its own, drawn from another seed than
 * the measured ones, before the samples. Not measured.
 */
async function warmUp(repository: ReferralStatsRepository, classes: WindowClass[], size: DatasetSize): Promise<void> {
  const random = randomFractions(7);
  const pick = () => random.next().value as number;
  for (const windowClass of classes) {
    for (let i = 0; i < WARM_UP_SAMPLES * 2; i++) {
      await repository.countFunnel({ ...windowClass.window(pick), campaign: i % 2 ? `campaign_${i % size.campaigns}` : null });
    }
  }
}

/**
 * The straightforward query the rollups replace: seven COUNTs over the raw events. Bounds are inlined (they
 * are timestamps this bench formats) so PostgreSQL plans it for the actual window, its best case.
 */
async function rawFunnelCount(db: DataSource, window: FunnelWindow): Promise<void> {
  const from = window.from === null ? '-infinity' : formatEpochMicros(window.from);
  const to = window.to === null ? 'infinity' : formatEpochMicros(window.to);
  const campaign = window.campaign === null ? '' : ` AND utm_campaign = '${window.campaign}'`;
  const count = (table: string, column: string) =>
    `(SELECT count(*) FROM ${table} WHERE ${column} >= '${from}' AND ${column} < '${to}'${campaign})`;
  await db.query(
    `SELECT ${[
      count('referral_clicks', 'created_at'),
      count('referrals', 'signed_up_at'),
      count('referrals', 'qualified_at'),
      count('referrals', 'review_required_at'),
      count('referrals', 'rewarded_at'),
      count('referrals', 'capped_at'),
      count('referrals', 'rejected_at'),
    ].join(', ')}`,
  );
}
