import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { findBinary, giveToServerUser, startProcess, waitFor } from './processes';

export interface PgBouncer {
  readonly port: number;
  /** `upstreamUrl` with host and port replaced by PgBouncer's. */
  urlFor(upstreamUrl: string): string;
  stop(): Promise<void>;
}

export interface PgBouncerOptions {
  /** The PostgreSQL server behind it (any database on it is reachable by name). */
  readonly upstreamUrl: string;
  readonly port: number;
  /** Server connections per (database, user): what the instances share. */
  readonly poolSize: number;
  readonly log?: (line: string) => void;
}

export function findPgBouncer(): string | undefined {
  return findBinary('pgbouncer', ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer']);
}

/**
 * The settings deploy/pgbouncer/pgbouncer.ini documents, for a throwaway instance: transaction pooling, and
 * nothing ignored but extra_float_digits (what node-postgres sends). Clients authenticate as `trust` on
 * loopback here; the reference config uses scram-sha-256.
 */
export function pgbouncerIni(dir: string, options: PgBouncerOptions): string {
  const upstream = new URL(options.upstreamUrl);
  const password = decodeURIComponent(upstream.password);
  return `[databases]
* = host=${upstream.hostname} port=${upstream.port || 5432} user=${decodeURIComponent(upstream.username)}${password ? ` password=${password}` : ''}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${options.port}
unix_socket_dir =
auth_type = trust
auth_file = ${join(dir, 'userlist.txt')}
pool_mode = transaction
ignore_startup_parameters = extra_float_digits
default_pool_size = ${options.poolSize}
max_client_conn = 1000
logfile = ${join(dir, 'pgbouncer.log')}
pidfile = ${join(dir, 'pgbouncer.pid')}
`;
}

/** Starts Debian's PgBouncer (1.18 here) in transaction mode in front of `upstreamUrl`. */
export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  const binary = findPgBouncer();
  if (!binary) throw new Error('pgbouncer is not installed (Debian: apt-get install pgbouncer)');
  const dir = await mkdtemp(join(tmpdir(), 'crawlora-pgbouncer-'));
  await chmod(dir, 0o755);
  const user = decodeURIComponent(new URL(options.upstreamUrl).username);
  await writeFile(join(dir, 'userlist.txt'), `"${user}" ""\n`);
  await writeFile(join(dir, 'pgbouncer.ini'), pgbouncerIni(dir, options));
  giveToServerUser(dir);
  const process = startProcess(binary, [join(dir, 'pgbouncer.ini')], options.log);
  const urlFor = (upstreamUrl: string) => {
    const url = new URL(upstreamUrl);
    url.hostname = '127.0.0.1';
    url.port = String(options.port);
    return url.toString();
  };
  try {
    await waitFor('PgBouncer', async () => {
      if (process.child.exitCode !== null) throw new Error(`pgbouncer exited with ${process.child.exitCode}`);
      const client = new Client({ connectionString: urlFor(options.upstreamUrl), connectionTimeoutMillis: 1000 });
      await client.connect();
      await client.query('SELECT 1').finally(() => client.end());
    });
  } catch (error) {
    await process.stop();
    throw error;
  }
  return {
    port: options.port,
    urlFor,
    stop: async () => {
      await process.stop('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
