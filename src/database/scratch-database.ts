import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';
import { freePort } from './free-port';

export interface ScratchDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A scratch database for one run of a tool (a benchmark, the SQL snapshot generator): a new database on
 * DATABASE_URL's server (dropped afterwards), or a fresh embedded PostgreSQL in a temporary directory, so a
 * run never touches anyone's data. `settings` are extra server settings for the embedded one.
 */
export async function startScratchDatabase(prefix: string, settings: readonly string[] = []): Promise<ScratchDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `${prefix}_${Date.now()}`;
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
  const parent = await mkdtemp(join(tmpdir(), `crawlora-${prefix}-`));
  await chmod(parent, 0o755); // as root, PostgreSQL runs as `postgres`, which must reach the data directory
  const server = await startEmbeddedPostgres({ dataDir: join(parent, 'data'), port: await freePort(), settings });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}
