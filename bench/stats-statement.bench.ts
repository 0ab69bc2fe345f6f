import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { callStatement, createRoutineStatement, Routine } from '../src/database/routines';
import { ALL_CAMPAIGNS, funnelRoutine, PartsMode } from '../src/referrals/stats/stats-sql';
import { splitWindow, windowParameters } from '../src/referrals/stats/window-parts';
import { startBenchDatabase } from './bench-database';
import { buildDataset, DATASET_SIZES, DatasetSizeName } from './dataset';
import { randomFractions, windowClasses } from './stats-queries';

const USAGE = `npm run bench:stats-statement -- [--size small|medium|full] [--rounds N] [--seconds S] [--clients C]

The funnel statement before (every part runs, 'every-part') and after ('needed-parts': empty parts are gated
off) on one dataset, both installed as functions side by side, in interleaved rounds (ABBA…): per window class,
C concurrent callers for S seconds per variant per round. Prints calls/s and p50 per variant, and the median and
min–max of the per-round after/before ratios. Default: --size small --rounds 6 --seconds 2 --clients 2.`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The variant's funnel routines under their own names, so both live in one database. */
function variant(mode: PartsMode): { mode: PartsMode; plain: Routine; campaign: Routine } {
  const rename = (routine: Routine): Routine => ({ ...routine, name: `bench_${routine.name}_${mode.replace('-', '_')}` });
  return { mode, plain: rename(funnelRoutine(false, mode)), campaign: rename(funnelRoutine(true, mode)) };
}

async function callsFor(pool: Pool, statement: string, windows: unknown[][], seconds: number, clients: number) {
  const deadline = process.hrtime.bigint() + BigInt(seconds * 1e9);
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (process.hrtime.bigint() < deadline) {
        const started = process.hrtime.bigint();
        await pool.query(statement, windows[next++ % windows.length]);
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  return { callsPerSecond: latencies.length / seconds, p50Ms: median(latencies) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      rounds: { type: 'string', default: '6' },
      seconds: { type: 'string', default: '2' },
      clients: { type: 'string', default: '2' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const size = DATASET_SIZES[values.size as DatasetSizeName];
  if (!size) throw new Error(`--size must be small, medium or full\n\n${USAGE}`);
  const [rounds, seconds, clients] = [Number(values.rounds), Number(values.seconds), Number(values.clients)];
  const log = (line: string) => console.log(`[bench:stats-statement] ${line}`);

  const database = await startBenchDatabase();
  const pool = new Pool({ connectionString: database.url, max: clients });
  try {
    const dataSource = await new DataSource(
      dataSourceOptions({ url: database.url, poolSize: 2, statementTimeoutMs: 600_000, embedded: { dataDir: '', port: 0 }, runMigrations: true, replicaUrls: [], replicaMaxLagMs: 0 }),
    ).initialize();
    await dataSource.runMigrations();
    log(`loading the ${values.size} dataset`);
    await buildDataset(database.url, size, log);
    const variants = [variant('every-part'), variant('needed-parts')];
    for (const { plain, campaign } of variants) {
      await dataSource.query(createRoutineStatement(plain));
      await dataSource.query(createRoutineStatement(campaign));
    }
    await dataSource.destroy();

    const random = randomFractions(7);
    const pick = () => random.next().value as number;
    const cases = windowClasses(size).flatMap((windowClass) =>
      [false, true].map((withCampaign) => ({
        name: windowClass.name + (withCampaign ? ', one campaign' : ''),
        withCampaign,
        windows: Array.from({ length: 200 }, (_, i) => {
          const { from, to } = windowClass.window(pick);
          return [withCampaign ? `campaign_${i % size.campaigns}` : ALL_CAMPAIGNS, ...windowParameters(splitWindow(from, to))];
        }),
      })),
    );
    const runs = new Map<string, Array<Record<PartsMode, { callsPerSecond: number; p50Ms: number }>>>();
    for (const { name, withCampaign, windows } of cases) {
      // Warm-up: every backend plans both variants before anything is timed.
      for (const v of variants) await callsFor(pool, callStatement(withCampaign ? v.campaign : v.plain), windows, 0.5, clients);
      const perRound: Array<Record<PartsMode, { callsPerSecond: number; p50Ms: number }>> = [];
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 === 0 ? variants : [...variants].reverse();
        const result = {} as Record<PartsMode, { callsPerSecond: number; p50Ms: number }>;
        for (const v of order) result[v.mode] = await callsFor(pool, callStatement(withCampaign ? v.campaign : v.plain), windows, seconds, clients);
        perRound.push(result);
      }
      runs.set(name, perRound);
      const ratios = perRound.map((run) => run['needed-parts'].callsPerSecond / run['every-part'].callsPerSecond);
      log(`${name}: after/before x${round(median(ratios), 2)} (${round(Math.min(...ratios), 2)}–${round(Math.max(...ratios), 2)})`);
    }
    const rows = [...runs].map(([name, perRound]) => {
      const ratios = perRound.map((run) => run['needed-parts'].callsPerSecond / run['every-part'].callsPerSecond);
      const of = (mode: PartsMode, key: 'callsPerSecond' | 'p50Ms') => round(median(perRound.map((run) => run[mode][key])), key === 'p50Ms' ? 3 : 0);
      return {
        window: name,
        'before calls/s': of('every-part', 'callsPerSecond'),
        'after calls/s': of('needed-parts', 'callsPerSecond'),
        'before p50 ms': of('every-part', 'p50Ms'),
        'after p50 ms': of('needed-parts', 'p50Ms'),
        'after/before median': round(median(ratios), 2),
        'min–max': `${round(Math.min(...ratios), 2)}–${round(Math.max(...ratios), 2)}`,
      };
    });
    console.log(`\nFunnel statement, ${rounds} interleaved rounds x ${seconds} s per variant, ${clients} clients, ${values.size} dataset:`);
    console.table(rows);
  } finally {
    await pool.end();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
