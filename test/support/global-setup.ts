import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DatabaseServer, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { freePort } from './free-port';

declare global {
  var embeddedTestServer: { server: DatabaseServer; dataDir: string } | undefined;
}

/** Starts one real PostgreSQL for the whole run, unless DATABASE_URL names a server to use instead. */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  Logger.overrideLogger(['fatal', 'error', 'warn']);
  const parent = await mkdtemp(join(tmpdir(), 'crawlora-test-pg-'));
  await chmod(parent, 0o755); // as root, PostgreSQL runs as the `postgres` user, who must reach the data dir
  const dataDir = join(parent, 'data');
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  globalThis.embeddedTestServer = { server, dataDir };
  process.env.TEST_SERVER_URL = server.url;
}
