import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { freePort } from '../test/support/free-port';

export interface BenchDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A scratch database for a benchmark run: a new database on DATABASE_URL's server (dropped afterwards), or a
 * fresh embedded PostgreSQL in a temporary directory, so a run never touches anyone's data.
 */
export async function startBenchDatabase(): Promise<BenchDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `bench_${Date.now()}`;
    const onServer = async (sql: string) => {
      const admin = new Client({ connectionString: external });
      await admin.connect();
      try {
        await admin.query(sql);
      } finally {
        await admin.end();
      }
    };
    await onServer(`CREATE DATABASE ${name}`);
    const url = new URL(external);
    url.pathname = `/${name}`;
    return { url: url.toString(), stop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const parent = await mkdtemp(join(tmpdir(), 'crawlora-bench-'));
  await chmod(parent, 0o755); // as root, PostgreSQL runs as `postgres`, which must reach the data directory
  const server = await startEmbeddedPostgres({
    dataDir: join(parent, 'data'),
    port: await freePort(),
    // Room for a 10M-row load: bigger caches and fewer checkpoints than the development defaults.
    settings: ['-c', 'shared_buffers=1GB', '-c', 'max_wal_size=8GB', '-c', 'checkpoint_timeout=30min', '-c', 'maintenance_work_mem=512MB'],
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}
