import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ScratchDatabase, startScratchDatabase } from '../src/database/scratch-database';
import { buildDataset, DATASET_SIZES, DatasetSize, DatasetSizeName, datasetIn } from './dataset';

export type BenchDatabase = ScratchDatabase;

/**
 * A scratch database for a benchmark run (see startScratchDatabase; `keep` keeps it for later runs): on the
 * embedded server, with room for a 10M-row load: bigger caches and fewer checkpoints than the development
 * defaults. shared_buffers holds what the stats statement reads on the full dataset (the rollups, the indexes
 * its raw edges scan and the referrals heap, ~1.1 GB, prewarmed by stats-queries.ts) with room to spare, as a
 * serving database's would: at 1 GB they evicted each other and the stats classes' p95 measured 1.4–2.6 ms, at
 * 2 GB 0.5–1.4 ms (same run order, same hour).
 */
export function startBenchDatabase(keep?: string): Promise<BenchDatabase> {
  const settings = ['-c', 'shared_buffers=2GB', '-c', 'max_wal_size=8GB', '-c', 'checkpoint_timeout=30min', '-c', 'maintenance_work_mem=512MB'];
  // The embedded server's own log lines at debug level are noise in a benchmark's output.
  Logger.overrideLogger(['log', 'warn', 'error']);
  return startScratchDatabase('bench', settings, keep);
}

/**
 * After a load, what follows is measured on a serving database, not on a bulk load still draining. The load
 * leaves shared_buffers full of the pages it wrote, dirty and with high usage counts: the checkpointer then
 * spreads them over the next minutes (checkpoint_timeout is 30 min), beside the measurements, and prewarming
 * the ~1.1 GB the stats statement reads into the 2 GB evicts part of it again (pg_buffercache: 70 % of the
 * campaign index resident afterwards). Measured right after a full load: p95 2.2-3.1 ms in seven of the eight
 * stats classes, with or without a CHECKPOINT first, against 0.8-1.6 ms on the same data restarted.
 * So the embedded server is restarted, as a kept dataset is (its shutdown checkpoint writes the load out, and
 * its caches start empty). DATABASE_URL's server is not the benchmark's to restart: there a CHECKPOINT at
 * least writes the load out (it needs a superuser or pg_checkpoint).
 */
async function startServing(database: BenchDatabase, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  if (await database.restart()) return log(`  database restarted after the load (${seconds()} s)`);
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
    log(`  checkpoint after the load (${seconds()} s); the server's caches still hold the load`);
  } catch (error) {
    log(`  no checkpoint after the load (${error instanceof Error ? error.message : String(error)}): the first measurements may see it drain`);
  } finally {
    await client.end();
  }
}

export interface BenchDataset {
  database: BenchDatabase;
  size: DatasetSize;
  /** How long the load took (an earlier run's, when reused). */
  loadSeconds: number;
  reused: boolean;
}

const sameSize = (a: DatasetSize, b: DatasetSize) => (Object.keys(a) as Array<keyof DatasetSize>).every((key) => a[key] === b[key]);

/**
 * A migrated scratch database holding the `sizeName` dataset: loaded now, or, with `keep` (see
 * startBenchDatabase), found there from an earlier run, so a measurement on the full dataset can be repeated
 * without its load. A kept database whose load did not finish, or that holds another size, is refused.
 */
export async function openBenchDataset(sizeName: DatasetSizeName, keep: string | undefined, log: (line: string) => void): Promise<BenchDataset> {
  const size = DATASET_SIZES[sizeName];
  const database = await startBenchDatabase(keep);
  try {
    log('Migrating the scratch database');
    const migrations = await new DataSource(
      dataSourceOptions({ url: database.url, poolSize: 2, statementTimeoutMs: 600_000, embedded: { dataDir: '', port: 0 }, runMigrations: true, replicaUrls: [], replicaMaxLagMs: 0 }),
    ).initialize();
    try {
      await migrations.runMigrations();
      const [{ clicks }] = await migrations.query(`SELECT EXISTS (SELECT FROM referral_clicks) AS clicks`);
      const loaded = await datasetIn(database.url);
      if (loaded && sameSize(loaded.size, size)) {
        log(`Reusing the ${sizeName} dataset kept in ${keep} (loaded in ${Math.round(loaded.loadSeconds)} s)`);
        return { database, size, loadSeconds: loaded.loadSeconds, reused: true };
      }
      if (loaded || clicks) {
        throw new Error(`${keep} holds ${loaded ? `another dataset (${JSON.stringify(loaded.size)})` : 'an unfinished load'}: remove it, or pick another --data`);
      }
    } finally {
      await migrations.destroy();
    }
    log(`Building the ${sizeName} dataset: ${size.clicks.toLocaleString('en')} clicks, ${size.referrals.toLocaleString('en')} referrals`);
    const loadSeconds = await buildDataset(database.url, size, log);
    log(`  loaded in ${Math.round(loadSeconds)} s${keep ? `, kept in ${keep}` : ''}`);
    await startServing(database, log);
    return { database, size, loadSeconds, reused: false };
  } catch (error) {
    await database.stop();
    throw error;
  }
}
