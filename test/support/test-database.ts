import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { eventually } from './eventually';

/**
 * The PostgreSQL server the tests use: DATABASE_URL when given, otherwise the embedded server that
 * global-setup started (its URL is handed over in TEST_SERVER_URL).
 */
export function testServerUrl(): string {
  const url = process.env.TEST_SERVER_URL;
  if (!url) throw new Error('TEST_SERVER_URL is not set: run the tests through jest (global-setup starts a server)');
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database per test file, so files can run in parallel without sharing rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: withDatabase(testServerUrl(), name),
    drop: () => onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** One statement on its own connection to `url`: for tests that look into a database that service processes use. */
export async function queryDatabase<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Resolves once some backend of the database at `url` waits on a lock: a statement the test holds back has reached the database. */
export async function untilWaitingOnALock(url: string, timeoutMs = 10_000): Promise<void> {
  await eventually(
    'a statement waits on a lock',
    async () => {
      const [{ waiting }] = await queryDatabase<{ waiting: number }>(
        url,
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return waiting > 0;
    },
    timeoutMs,
  );
}
