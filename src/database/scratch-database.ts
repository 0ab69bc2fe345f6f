import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';
import { freePort } from './free-port';

export interface ScratchDatabase {
  url: string;
  stop(): Promise<void>;
  /**
   * Stops and starts an embedded server on the same data and port, so its caches start empty; false on
   * DATABASE_URL's server, which is not the tool's to restart.
   */
  restart(): Promise<boolean>;
}

/**
 * A scratch database for one run of a tool (a benchmark, the SQL snapshot generator): a new database on
 * DATABASE_URL's server (dropped afterwards), or a fresh embedded PostgreSQL in a temporary directory, so a
 * run never touches anyone's data. `settings` are extra server settings for the embedded one. With `keep`, the
 * database stays for later runs, and a later run with the same `keep` opens it again: the embedded cluster in
 * the directory `keep` (created on the first run), or on DATABASE_URL's server the database named `keep`.
 */
export async function startScratchDatabase(prefix: string, settings: readonly string[] = [], keep?: string): Promise<ScratchDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = keep ?? `${prefix}_${Date.now()}`;
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`a kept database on DATABASE_URL's server is named with a-z, 0-9 and _: ${name}`);
    const onServer = async (sql: string, values: unknown[] = []) => {
      const admin = new Client({ connectionString: external });
      await admin.connect();
      try {
        return (await admin.query(sql, values)).rowCount;
      } finally {
        await admin.end();
      }
    };
    if (!(await onServer(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]))) await onServer(`CREATE DATABASE ${name}`);
    const url = new URL(external);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      stop: async () => void (keep ? undefined : await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
      restart: async () => false,
    };
  }
  const parent = keep ? resolve(keep) : await mkdtemp(join(tmpdir(), `crawlora-${prefix}-`));
  await mkdir(parent, { recursive: true });
  await chmod(parent, 0o755); // as root, PostgreSQL runs as `postgres`, which must reach the data directory
  const options = { dataDir: join(parent, 'data'), port: await freePort(), settings };
  let server = await startEmbeddedPostgres(options);
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      if (!keep) await rm(parent, { recursive: true, force: true });
    },
    restart: async () => {
      await server.stop();
      server = await startEmbeddedPostgres(options);
      return true;
    },
  };
}
