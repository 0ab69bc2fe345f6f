import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Pool, QueryConfig } from 'pg';
import { callStatement, createRoutineStatement, Routine } from '../src/database/routines';
import { ALL_CAMPAIGNS, funnelRoutine, PartsMode } from '../src/referrals/stats/stats-sql';
import { splitWindow, windowParameters } from '../src/referrals/stats/window-parts';
import { openBenchDataset } from './bench-database';
import { DATASET_SIZES, DatasetSizeName } from './dataset';
import { median } from './median';
import { randomFractions, windowClasses } from './stats-queries';

const MODES: readonly PartsMode[] = ['every-part', 'needed-parts', 'range-lists'];

const USAGE = `npm run bench:stats-statement -- [--size small|medium|full] [--before MODE] [--after MODE] [--named]
                                  [--rounds N] [--seconds S] [--clients C] [--data DIR]

The funnel statement built two ways (PartsMode in stats-sql.ts: ${MODES.join(', ')}; default --before
needed-parts --after range-lists) on one dataset, both installed as functions side by side, in interleaved
rounds (A B B A …): per window class, C concurrent callers for S seconds per variant per round. Prints calls/s
and p50 per variant, and the median and min–max of the per-round after/before ratios. --named adds both bodies
as named prepared statements (generic plans, no function): the function's own cost is function ÷ named.
--data keeps the loaded dataset for later runs, as in npm run bench. Default: --size small --rounds 6
--seconds 2 --clients 2.`;

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

interface Variant {
  label: string;
  /** The statement for one window's parameters. */
  query(withCampaign: boolean, values: unknown[]): QueryConfig;
  pool: Pool;
}

/** `mode`'s funnel routines under their own names, so every mode lives in one database. */
function routinesOf(mode: PartsMode): Record<'plain' | 'campaign', Routine> {
  const rename = (routine: Routine): Routine => ({ ...routine, name: `bench_${routine.name}_${mode.replace('-', '_')}` });
  return { plain: rename(funnelRoutine(false, mode)), campaign: rename(funnelRoutine(true, mode)) };
}

async function callsFor(variant: Variant, withCampaign: boolean, windows: unknown[][], seconds: number, clients: number) {
  const deadline = process.hrtime.bigint() + BigInt(seconds * 1e9);
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (process.hrtime.bigint() < deadline) {
        const started = process.hrtime.bigint();
        await variant.pool.query(variant.query(withCampaign, windows[next++ % windows.length]));
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
      before: { type: 'string', default: 'needed-parts' },
      after: { type: 'string', default: 'range-lists' },
      named: { type: 'boolean', default: false },
      rounds: { type: 'string', default: '6' },
      seconds: { type: 'string', default: '2' },
      clients: { type: 'string', default: '2' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const sizeName = values.size as DatasetSizeName;
  const [before, after] = [values.before, values.after] as PartsMode[];
  if (!DATASET_SIZES[sizeName] || !MODES.includes(before) || !MODES.includes(after)) throw new Error(`bad arguments\n\n${USAGE}`);
  const [rounds, seconds, clients] = [Number(values.rounds), Number(values.seconds), Number(values.clients)];
  const log = (line: string) => console.log(`[bench:stats-statement] ${line}`);

  const { database, size } = await openBenchDataset(sizeName, values.data, log);
  const functions = new Pool({ connectionString: database.url, max: clients });
  // What the function sets for itself (routines.ts), here for the session: named statements keep one plan.
  const named = new Pool({ connectionString: database.url, max: clients, options: '-c plan_cache_mode=force_generic_plan' });
  try {
    const variants: Variant[] = [];
    for (const mode of [before, after]) {
      const routines = routinesOf(mode);
      for (const routine of Object.values(routines)) await functions.query(createRoutineStatement(routine));
      const routine = (withCampaign: boolean) => (withCampaign ? routines.campaign : routines.plain);
      variants.push({ label: `${mode} function`, pool: functions, query: (withCampaign, args) => ({ text: callStatement(routine(withCampaign)), values: args }) });
      if (values.named) {
        variants.push({
          label: `${mode} named`,
          pool: named,
          query: (withCampaign, args) => ({ name: routine(withCampaign).name, text: routine(withCampaign).body, values: args }),
        });
      }
    }

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
    type Run = Record<string, { callsPerSecond: number; p50Ms: number }>;
    const ratio = (runs: Run[], numerator: string, denominator: string) =>
      runs.map((run) => run[numerator].callsPerSecond / run[denominator].callsPerSecond);
    const range = (ratios: number[]) => `x${round(median(ratios), 2)} (${round(Math.min(...ratios), 2)}–${round(Math.max(...ratios), 2)})`;
    const comparisons: Array<[string, string, string]> = [[`after/before (functions)`, `${after} function`, `${before} function`]];
    if (values.named) {
      for (const mode of [before, after]) comparisons.push([`${mode}: function/named`, `${mode} function`, `${mode} named`]);
    }
    const rows: Array<Record<string, string | number>> = [];
    for (const { name, withCampaign, windows } of cases) {
      // Warm-up: every backend plans every variant before anything is timed.
      for (const variant of variants) await callsFor(variant, withCampaign, windows, 0.5, clients);
      const runs: Run[] = [];
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 === 0 ? variants : [...variants].reverse();
        const run: Run = {};
        for (const variant of order) run[variant.label] = await callsFor(variant, withCampaign, windows, seconds, clients);
        runs.push(run);
      }
      log(`${name}: ${comparisons.map(([label, a, b]) => `${label} ${range(ratio(runs, a, b))}`).join(', ')}`);
      rows.push({
        window: name,
        ...Object.fromEntries(variants.map(({ label }) => [`${label} calls/s`, round(median(runs.map((run) => run[label].callsPerSecond)), 0)])),
        ...Object.fromEntries(variants.map(({ label }) => [`${label} p50 ms`, round(median(runs.map((run) => run[label].p50Ms)))])),
        ...Object.fromEntries(comparisons.map(([label, a, b]) => [label, range(ratio(runs, a, b))])),
      });
    }
    console.log(`\nFunnel statement, ${rounds} interleaved rounds x ${seconds} s per variant, ${clients} clients, ${sizeName} dataset:`);
    console.table(rows);
  } finally {
    await Promise.all([functions.end(), named.end()]);
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
