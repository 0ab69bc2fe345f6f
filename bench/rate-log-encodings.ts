import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { freePort } from '../test/support/free-port';
import { clusterCpuSeconds } from './cpu-accounting';
import { median } from './median';

/**
 * `node dist/bench/rate-log-encodings.js`: what the exact sliding log costs per admission in each encoding, on
 * the database alone: a statement per batch of distinct accounts that locks their rows, decides, and rewrites
 * the log (nothing else), one after another on one connection. Each encoding has its own table and accounts;
 * rounds interleave them. `--prefill` admissions `--spacing` ms apart start each log; `--accounts` sets how fast
 * each account is admitted (the statements' rate spread over them), so whether a time-trimmed log stays long.
 */

interface Encoding {
  readonly name: string;
  readonly table: string;
  /** `$1` the account ids; `$2` the limit per minute. Answers the admitted rows with the minute's count. */
  readonly statement: string;
}

const TRIM_BY_COUNT = {
  name: 'timestamptz[], trimmed to the latest N (today)',
  table: `CREATE TABLE log_count (account_id uuid PRIMARY KEY, log timestamptz[] NOT NULL, other bigint[] NOT NULL)`,
  statement: `
WITH locked AS MATERIALIZED (
  SELECT account_id, log FROM log_count WHERE account_id = ANY($1::uuid[]) ORDER BY account_id FOR UPDATE
),
k AS MATERIALIZED (SELECT account_id, log, greatest(clock_timestamp(), log[cardinality(log)]) AS now FROM locked),
d AS MATERIALIZED (
  SELECT *, coalesce(log[cardinality(log) - $2::int + 1] > now - interval '60 seconds', false) AS limited,
         (log || now)[cardinality(log) + 2 - $2::int:] AS after
    FROM k
),
u AS (UPDATE log_count c SET log = d.after FROM d WHERE c.account_id = d.account_id AND NOT d.limited)
SELECT d.account_id, w.n FROM d
 CROSS JOIN LATERAL (SELECT count(*)::int AS n, min(a) AS oldest FROM unnest(d.after) a WHERE a > d.now - interval '60 seconds') w`,
};

const TRIM_BY_TIME = {
  name: 'timestamptz[], trimmed by time and N (width_bucket)',
  table: `CREATE TABLE log_time (account_id uuid PRIMARY KEY, log timestamptz[] NOT NULL, other bigint[] NOT NULL)`,
  statement: `
WITH locked AS MATERIALIZED (
  SELECT account_id, log FROM log_time WHERE account_id = ANY($1::uuid[]) ORDER BY account_id FOR UPDATE
),
k AS MATERIALIZED (SELECT account_id, log, greatest(clock_timestamp(), log[cardinality(log)]) AS now FROM locked),
d AS MATERIALIZED (
  SELECT *, coalesce(log[cardinality(log) - $2::int + 1] > now - interval '60 seconds', false) AS limited,
         (log || now)[greatest(cardinality(log) + 2 - $2::int, width_bucket(now - interval '60 seconds', log) + 1):] AS after
    FROM k
),
u AS (UPDATE log_time c SET log = d.after FROM d WHERE c.account_id = d.account_id AND NOT d.limited)
SELECT d.account_id, cardinality(d.after) AS n, d.after[1] AS oldest FROM d`,
};

/**
 * int4 milliseconds since a per-row epoch. Times are floored to the millisecond, so the window is checked as
 * 60,001 ms: an admission is allowed only when the N-th latest is more than 60 s older in real time too.
 */
const MILLIS = {
  name: 'int4[] ms since a per-row epoch, trimmed by time and N',
  table: `CREATE TABLE log_ms (account_id uuid PRIMARY KEY, epoch timestamptz NOT NULL, log int[] NOT NULL, other bigint[] NOT NULL)`,
  statement: `
WITH locked AS MATERIALIZED (
  SELECT account_id, epoch, log FROM log_ms WHERE account_id = ANY($1::uuid[]) ORDER BY account_id FOR UPDATE
),
k AS MATERIALIZED (
  SELECT account_id, epoch, log,
         greatest(floor(extract(epoch FROM clock_timestamp() - epoch) * 1000)::int, log[cardinality(log)]) AS now_ms
    FROM locked
),
d AS MATERIALIZED (
  SELECT *, coalesce(log[cardinality(log) - $2::int + 1] > now_ms - 60001, false) AS limited,
         (log || now_ms)[greatest(cardinality(log) + 2 - $2::int, width_bucket(now_ms - 60001, log) + 1):] AS after
    FROM k
),
u AS (UPDATE log_ms c SET log = d.after FROM d WHERE c.account_id = d.account_id AND NOT d.limited)
SELECT d.account_id, cardinality(d.after) AS n, d.epoch + d.after[1] * interval '1 millisecond' AS oldest FROM d`,
};

/**
 * Per-second buckets (not exact: an admission counts until 61 s after the start of its second, so the limit may
 * refuse up to 1 s longer than the exact log): bucket starts in seconds since a per-row epoch, and their counts.
 */
const BUCKETS = {
  name: 'per-second buckets (int4[] seconds + int4[] counts), conservative',
  table: `CREATE TABLE log_buckets (account_id uuid PRIMARY KEY, epoch timestamptz NOT NULL, secs int[] NOT NULL, counts int[] NOT NULL,
                                    other bigint[] NOT NULL)`,
  statement: `
WITH locked AS MATERIALIZED (
  SELECT account_id, epoch, secs, counts FROM log_buckets WHERE account_id = ANY($1::uuid[]) ORDER BY account_id FOR UPDATE
),
k AS MATERIALIZED (
  SELECT l.*, t.now_s, cut.n AS cut,
         (SELECT coalesce(sum(c), 0) FROM unnest(l.counts[cut.n + 1:]) c)::int AS in_window
    FROM locked l
   CROSS JOIN LATERAL (SELECT greatest(floor(extract(epoch FROM clock_timestamp() - l.epoch))::int, l.secs[cardinality(l.secs)]) AS now_s) t
   CROSS JOIN LATERAL (SELECT width_bucket(t.now_s - 61, l.secs) AS n) cut
),
d AS MATERIALIZED (
  SELECT *, in_window >= $2::int AS limited,
         CASE WHEN secs[cardinality(secs)] = now_s THEN secs[cut + 1:] ELSE secs[cut + 1:] || now_s END AS secs_after,
         CASE WHEN secs[cardinality(secs)] = now_s
              THEN counts[cut + 1:cardinality(counts) - 1] || (counts[cardinality(counts)] + 1)
              ELSE counts[cut + 1:] || 1 END AS counts_after
    FROM k
),
u AS (UPDATE log_buckets c SET secs = d.secs_after, counts = d.counts_after FROM d WHERE c.account_id = d.account_id AND NOT d.limited)
SELECT d.account_id, d.in_window + 1 AS n, d.epoch + d.secs_after[1] * interval '1 second' AS oldest FROM d`,
};

const ENCODINGS: Record<string, Encoding> = { count: TRIM_BY_COUNT, time: TRIM_BY_TIME, ms: MILLIS, buckets: BUCKETS };


async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      encodings: { type: 'string', default: 'count,time,ms' },
      accounts: { type: 'string', default: '2000' },
      batch: { type: 'string', default: '20' },
      prefill: { type: 'string', default: '60' },
      spacing: { type: 'string', default: '1000' },
      limit: { type: 'string', default: '100000' },
      seconds: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '5' },
      /** Keep rows inline up to ~8 KB (no TOAST compression below that). */
      inline: { type: 'boolean', default: false },
    },
  });
  const names = values.encodings!.split(',');
  const accounts = Number(values.accounts);
  const batch = Number(values.batch);
  const parent = await mkdtemp(join(tmpdir(), 'crawlora-ratelog-'));
  await chmod(parent, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: join(parent, 'data'), port: await freePort(), settings: ['-c', 'shared_buffers=256MB'] });
  const client = new Client({ connectionString: server.url });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SET plan_cache_mode = force_generic_plan');
    const ids: string[] = (await client.query(`SELECT gen_random_uuid() AS id FROM generate_series(1, $1) ORDER BY 1`, [accounts])).rows.map((r) => r.id);
    for (const key of names) {
      const encoding = ENCODINGS[key];
      await client.query(encoding.table);
      const table = /CREATE TABLE (\w+)/.exec(encoding.table)![1];
      if (values.inline) await client.query(`ALTER TABLE ${table} SET (toast_tuple_target = 8160)`);
      // The counters row's other columns, roughly: ~100 bytes beside the log.
      const prefill = `ARRAY(SELECT now() - s * $3::int * interval '1 millisecond' FROM generate_series($2::int, 1, -1) s)`;
      if (key === 'buckets') {
        // The same admissions, counted per second.
        await client.query(
          `INSERT INTO ${table}
           SELECT id, now() - interval '1 hour', array_agg(sec ORDER BY sec), array_agg(n ORDER BY sec), '{1,2,3,4,5,6,7,8,9,10,11,12}'
             FROM unnest($1::uuid[]) id
            CROSS JOIN LATERAL (SELECT ((3600000 - s * $3::int) / 1000)::int AS sec, count(*)::int AS n
                                  FROM generate_series($2::int, 1, -1) s GROUP BY 1) b
            GROUP BY id`,
          [ids, Number(values.prefill), Number(values.spacing)],
        );
      } else if (key === 'ms') {
        await client.query(
          `INSERT INTO ${table} SELECT id, now() - interval '1 hour',
                  ARRAY(SELECT (3600000 - s * $3::int)::int FROM generate_series($2::int, 1, -1) s), '{1,2,3,4,5,6,7,8,9,10,11,12}'
             FROM unnest($1::uuid[]) id`,
          [ids, Number(values.prefill), Number(values.spacing)],
        );
      } else {
        await client.query(`INSERT INTO ${table} SELECT id, ${prefill}, '{1,2,3,4,5,6,7,8,9,10,11,12}' FROM unnest($1::uuid[]) id`, [
          ids,
          Number(values.prefill),
          Number(values.spacing),
        ]);
      }
      await client.query(`VACUUM ANALYZE ${table}`);
    }
    let offset = 0;
    const run = async (key: string, seconds: number) => {
      const until = performance.now() + seconds * 1000;
      let admitted = 0;
      const cpu = clusterCpuSeconds(server.dataDir);
      const started = performance.now();
      while (performance.now() < until) {
        const slice = Array.from({ length: batch }, (_, i) => ids[(offset + i) % accounts]);
        offset += batch;
        const { rows } = await client.query({ name: key, text: ENCODINGS[key].statement, values: [slice, Number(values.limit)] });
        admitted += rows.length;
      }
      const elapsed = (performance.now() - started) / 1000;
      return { perSecond: admitted / elapsed, cpuUs: ((clusterCpuSeconds(server.dataDir) - cpu) / admitted) * 1e6 };
    };
    for (const key of names) await run(key, 1);
    const samples: Record<string, Array<{ perSecond: number; cpuUs: number }>> = {};
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const key of round % 2 ? [...names].reverse() : names) (samples[key] ??= []).push(await run(key, Number(values.seconds)));
    }
    const rows = [];
    for (const key of names) {
      const table = /CREATE TABLE (\w+)/.exec(ENCODINGS[key].table)![1];
      const logColumn = key === 'buckets' ? 'secs' : 'log';
      const bytes = key === 'buckets' ? 'pg_column_size(secs) + pg_column_size(counts)' : 'pg_column_size(log)';
      const size = (await client.query(`SELECT avg(cardinality(${logColumn}))::int AS entries, avg(${bytes})::int AS bytes,
                                               pg_total_relation_size('${table}') / 1024 AS table_kb FROM ${table}`)).rows[0];
      const cpuRatios = samples[key].map((s, i) => s.cpuUs / samples[names[0]][i].cpuUs);
      rows.push({
        encoding: ENCODINGS[key].name,
        'admissions/s': Math.round(median(samples[key].map((s) => s.perSecond))),
        'CPU µs/admission': Math.round(median(samples[key].map((s) => s.cpuUs))),
        [`CPU ÷ ${names[0]}`]: `${median(cpuRatios).toFixed(2)} (${Math.min(...cpuRatios).toFixed(2)}–${Math.max(...cpuRatios).toFixed(2)})`,
        'log entries': size.entries,
        'log bytes': size.bytes,
        'table KB': Number(size.table_kb),
      });
    }
    console.log(`prefill ${values.prefill} every ${values.spacing} ms, ${accounts} accounts, batches of ${batch}, limit ${values.limit}${values.inline ? ', toast_tuple_target 8160' : ''}`);
    console.table(rows);
  } finally {
    await client.end().catch(() => undefined);
    await server.stop();
    await rm(parent, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
