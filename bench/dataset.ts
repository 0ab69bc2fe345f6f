import { Client } from 'pg';
import { rebuildStatement } from '../src/referrals/stats/stats-sql';

export interface DatasetSize {
  clicks: number;
  referrals: number;
  campaigns: number;
  days: number;
  referrers: number;
}

export type DatasetSizeName = 'small' | 'medium' | 'full';

/** medium: a tenth of full, loaded in about a tenth of its time (about a minute here), for a shared machine. */
export const DATASET_SIZES: Record<DatasetSizeName, DatasetSize> = {
  small: { clicks: 200_000, referrals: 20_000, campaigns: 200, days: 400, referrers: 200 },
  medium: { clicks: 1_000_000, referrals: 100_000, campaigns: 200, days: 400, referrers: 500 },
  full: { clicks: 10_000_000, referrals: 1_000_000, campaigns: 200, days: 400, referrers: 1_000 },
};

/** The dataset's last instant: fixed, so every run measures the same windows. */
export const DATASET_END = new Date('2026-11-01T00:00:00Z');

/**
 * Fills a migrated, empty database with a referral program's history, entirely in SQL (generate_series):
 * clicks spread over `days` and `campaigns` (a tenth without a campaign), referrals with every funnel
 * outcome. Loaded the way a bulk load is (loadWithoutUpkeep): the same rows afterwards, 2-4 times sooner
 * than inserting into the live schema. Records its size last (datasetIn), so a kept database is reused.
 * Returns the seconds taken.
 */
export async function buildDataset(url: string, size: DatasetSize, log: (line: string) => void): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  try {
    await client.query(`SET synchronous_commit = off`);
    await loadWithoutUpkeep(client, log, () => insertHistory(client, size, log));
    await client.query(DATASET_TABLE);
    await client.query(`INSERT INTO bench_dataset (size, load_seconds) VALUES ($1, $2)`, [JSON.stringify(size), (Date.now() - started) / 1000]);
    return (Date.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

/** The accounts, clicks and referrals, in batches of a million rows. */
async function insertHistory(client: Client, size: DatasetSize, log: (line: string) => void): Promise<void> {
  await client.query(
    `INSERT INTO accounts (email, plan) SELECT 'referrer-' || i || '@bench.example', 'pro' FROM generate_series(1, $1) i`,
    [size.referrers],
  );
  const params = (batch: number, count: number) => [DATASET_END.toISOString(), size.days, size.campaigns, batch, count];
  const BATCH = 1_000_000;
  for (let done = 0; done < size.clicks; done += BATCH) {
    const count = Math.min(BATCH, size.clicks - done);
    await client.query(
      `WITH referrers AS (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM accounts WHERE email LIKE 'referrer-%')
       INSERT INTO referral_clicks (referral_code, referrer_account_id, utm_source, utm_campaign, created_at)
       SELECT 'BENCH', r.ids[1 + (i % r.n)], 'bench',
              CASE WHEN i % 10 = 0 THEN NULL ELSE 'campaign_' || (i % $3) END,
              $1::timestamptz - random() * ($2 * interval '1 day')
         FROM referrers r, generate_series($4 + 1, $4 + $5) i`,
      params(done, count),
    );
    log(`  clicks: ${done + count} / ${size.clicks}`);
  }
  for (let done = 0; done < size.referrals; done += BATCH) {
    const count = Math.min(BATCH, size.referrals - done);
    // Each referral has its own referee account, created in the same statement.
    await client.query(
      `WITH referrers AS (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM accounts WHERE email LIKE 'referrer-%'),
       referees AS (
         INSERT INTO accounts (email, plan)
         SELECT 'referee-' || i || '@bench.example', 'free' FROM generate_series($4 + 1, $4 + $5) i
         RETURNING id, email
       ),
       draws AS (
         SELECT id AS referee, random() AS outcome, (hashtext(email) & 2147483647) AS h,
                $1::timestamptz - random() * ($2 * interval '1 day') AS signed_up_at
           FROM referees
       )
       INSERT INTO referrals (referrer_account_id, referee_account_id, utm_campaign, status, signed_up_at,
                              review_required_at, qualified_at, rewarded_at, capped_at, rejected_at, rejection_reason)
       SELECT r.ids[1 + (d.h % r.n)], d.referee,
              CASE WHEN d.h % 10 = 0 THEN NULL ELSE 'campaign_' || (d.h % $3) END,
              CASE WHEN d.outcome < 0.50 THEN 'signed_up' WHEN d.outcome < 0.60 THEN 'review_required'
                   WHEN d.outcome < 0.65 THEN 'rejected' WHEN d.outcome < 0.75 THEN 'qualified'
                   WHEN d.outcome < 0.95 THEN 'rewarded' ELSE 'capped' END,
              d.signed_up_at,
              CASE WHEN d.outcome >= 0.50 AND d.outcome < 0.60 THEN d.signed_up_at END,
              CASE WHEN d.outcome >= 0.65 THEN d.signed_up_at + interval '2 days' END,
              CASE WHEN d.outcome >= 0.75 AND d.outcome < 0.95 THEN d.signed_up_at + interval '2 days' END,
              CASE WHEN d.outcome >= 0.95 THEN d.signed_up_at + interval '2 days' END,
              CASE WHEN d.outcome >= 0.60 AND d.outcome < 0.65 THEN d.signed_up_at + interval '1 day' END,
              CASE WHEN d.outcome >= 0.60 AND d.outcome < 0.65 THEN 'bench' END
         FROM draws d, referrers r`,
      params(done, count),
    );
    log(`  referrals: ${done + count} / ${size.referrals}`);
  }
}

const LOADED_TABLES = ['accounts', 'referral_clicks', 'referrals'];
const ROLLED_UP_TABLES = ['referral_clicks', 'referrals'];

/** What keeps the loaded tables consistent row by row: their foreign keys and non-unique indexes. */
const UPKEEP = `
  SELECT 'ALTER TABLE ' || conrelid::regclass || ' DROP CONSTRAINT ' || quote_ident(conname) AS "drop",
         'ALTER TABLE ' || conrelid::regclass || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid) AS "restore"
    FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[])
  UNION ALL
  SELECT 'DROP INDEX ' || indexrelid::regclass, pg_get_indexdef(indexrelid)
    FROM pg_index WHERE indrelid = ANY($1::regclass[]) AND NOT indisunique`;

/**
 * Runs `load` with the loaded tables' foreign keys, non-unique indexes and rollup triggers out of the way, then
 * puts them back: the rollups rebuilt in one pass (the statement of `stats:rebuild`), each index built by one
 * sort, each foreign key checked by one join. 300k clicks into the live schema took 25 s here (PostgreSQL 15,
 * shared machine); 12.5 s without the five non-unique indexes (random keys); 3.9 s without the rollup trigger
 * too (each batch upserts most of the 200 campaigns x 9,600 hours again); 1.6 s without the foreign key.
 * Unique indexes stay, so a duplicate fails the load where it happens.
 */
async function loadWithoutUpkeep(client: Client, log: (line: string) => void, load: () => Promise<void>): Promise<void> {
  const upkeep: Array<{ drop: string; restore: string }> = (await client.query(UPKEEP, [LOADED_TABLES])).rows;
  for (const { drop } of upkeep) await client.query(drop);
  for (const table of ROLLED_UP_TABLES) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  await load();
  // Room to aggregate the rollups in memory and to sort each index in one pass.
  await client.query(`SET work_mem = '256MB'`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  for (const unit of ['hour', 'day'] as const) {
    const [{ rows }] = (await client.query(`WITH written AS (${rebuildStatement(unit)}) SELECT count(*)::int AS rows FROM written`)).rows;
    log(`  ${unit} rollups rebuilt: ${rows} rows`);
  }
  for (const table of ROLLED_UP_TABLES) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  for (const { restore } of upkeep) await client.query(restore);
  log(`  ${upkeep.length} indexes and foreign keys restored`);
  // Sets the visibility map too, so counts can be index-only scans, as autovacuum would in production.
  await client.query('VACUUM ANALYZE');
}

/** Written last by buildDataset: a database holding it holds the whole dataset of that size. */
const DATASET_TABLE = `CREATE TABLE bench_dataset (size jsonb NOT NULL, load_seconds numeric NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())`;

/** The dataset a kept database holds (null: none, or a load that did not finish), and how long it took to load. */
export async function datasetIn(url: string): Promise<{ size: DatasetSize; loadSeconds: number } | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [table] = (await client.query(`SELECT to_regclass('bench_dataset') IS NOT NULL AS present`)).rows;
    if (!table.present) return null;
    const [row] = (await client.query(`SELECT size, load_seconds::float AS "loadSeconds" FROM bench_dataset`)).rows;
    return row ?? null;
  } finally {
    await client.end();
  }
}
