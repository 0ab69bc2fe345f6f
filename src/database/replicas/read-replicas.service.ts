import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { poolSettings } from '../data-source-options';
import { isDatabaseUnavailable } from '../../common/http/database-unavailable';
import { primaryPool, sqlState } from '../pools';
import { readScopes } from './read-source';
import { ReplicaReadMetrics } from './replica-read-metrics';

/**
 * How far behind the primary this standby's data may be, measured on the standby itself.
 *
 * - Everything received has been replayed and the WAL receiver is streaming: nothing is pending, so the
 *   lag is 0 however old the last replayed transaction is (an idle primary writes no transactions, so the
 *   replay timestamp alone would make a perfectly current standby look stale).
 * - Otherwise (replay behind what was received, replay paused, receiver not streaming, or its state not
 *   visible to this role): the age of the last replayed transaction, an upper bound on how old the data is.
 * - Not in recovery: it is no standby (a promoted one has its own history); `lag_ms` null, never used.
 *
 * pg_stat_wal_receiver shows `status` to superusers and members of pg_read_all_stats only; without it the
 * second rule applies, which can only overstate the lag (the primary then serves more often).
 */
const MEASURE_LAG = `
SELECT CASE
         WHEN NOT pg_is_in_recovery() THEN NULL
         WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
              AND (SELECT status FROM pg_stat_wal_receiver) = 'streaming' THEN 0
         ELSE greatest(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000, 0)
       END::float8 AS lag_ms`;

/** Errors after which a read is retried on the primary: the replica is out of reach, slow or conflicting. */
const REPLICA_FAILURE_SQLSTATES = new Set([
  '40001', // canceling statement due to conflict with recovery
  '57014', // statement timeout
  '25006', // read-only transaction (a routine the standby cannot run)
]);

interface Replica {
  readonly name: string;
  readonly pool: Pool;
  /** Lag measured at `measuredAt`; null while unreachable or not a standby. */
  lagMs: number | null;
  measuredAt: number;
  /** A probe in flight: a hung one is not stacked on; its replica's bound keeps growing and it is skipped. */
  probing: boolean;
}

/**
 * Reads for reports, from a hot standby when one is current enough, else from the primary: never an error
 * for the client because of a replica. A background probe measures each replica's lag every
 * `probeIntervalMs`; a read's staleness bound is that lag plus the probe's age, and a replica whose bound
 * exceeds DB_REPLICA_MAX_LAG_MS, or that fails a probe or a read, is skipped until its next good probe.
 */
@Injectable()
export class ReadReplicas implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ReadReplicas');
  private readonly replicas: Replica[];
  private readonly maxLagMs: number;
  private readonly probeIntervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private next = 0;

  constructor(
    config: AppConfig,
    private readonly metrics: ReplicaReadMetrics,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.maxLagMs = config.database.replicaMaxLagMs;
    this.probeIntervalMs = Math.min(1000, Math.max(50, Math.floor(this.maxLagMs / 4)));
    this.replicas = config.database.replicaUrls.map((url, i) => {
      const pool = new Pool({ connectionString: url, ...poolSettings(config.database) });
      pool.on('error', (error) => this.logger.warn(`replica ${i + 1}: idle connection lost (${error.message})`));
      return { name: `replica-${i + 1}`, pool, lagMs: null, measuredAt: 0, probing: false };
    });
    metrics.trackReplicas(() => this.replicas.map((replica) => ({ name: replica.name, lagMs: this.boundOf(replica) })));
  }

  async onModuleInit(): Promise<void> {
    if (this.replicas.length === 0) return;
    await this.probeAll();
    this.timer = setInterval(() => void this.probeAll(), this.probeIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.replicas.map((replica) => replica.pool.end().catch(() => undefined)));
  }

  /** Each replica's current staleness bound (null: skipped), for readiness. */
  status(): Array<{ name: string; lagMs: number | null; usable: boolean }> {
    return this.replicas.map((replica) => {
      const lagMs = this.boundOf(replica);
      return { name: replica.name, lagMs, usable: lagMs !== null && lagMs <= this.maxLagMs };
    });
  }

  /**
   * Runs a read-only statement for a report. Within a `@ReadsFromReplica()` request the source is chosen once
   * and reported in the response headers; outside one (CLI, jobs) it reads from the primary.
   */
  async read<T>(text: string, values: unknown[]): Promise<T[]> {
    const scope = readScopes.getStore();
    if (scope && !scope.chosen) scope.chosen = this.choose();
    const chosen = scope?.chosen ?? { replica: null, lagMs: 0 };
    if (chosen.replica !== null) {
      const replica = this.replicas[chosen.replica];
      try {
        const rows = await this.query<T>(replica.pool, text, values);
        if (scope) scope.reported = { source: 'replica', lagMs: Math.max(chosen.lagMs, scope.reported?.lagMs ?? 0) };
        this.metrics.countRead('replica', replica.name);
        return rows;
      } catch (error) {
        if (!isDatabaseUnavailable(error) && !REPLICA_FAILURE_SQLSTATES.has(sqlState(error) ?? '')) throw error;
        this.logger.warn(`${replica.name} failed a read (${describe(error)}); reading from the primary`);
        replica.lagMs = null;
        if (scope) scope.chosen = { replica: null, lagMs: 0 };
      }
    }
    const rows = await this.query<T>(primaryPool(this.dataSource), text, values);
    if (scope && !scope.reported) scope.reported = { source: 'primary', lagMs: 0 };
    this.metrics.countRead('primary', 'primary');
    return rows;
  }

  private query<T>(pool: Pool, text: string, values: unknown[]): Promise<T[]> {
    return pool.query(text, values).then((result) => result.rows as T[]);
  }

  /** The next usable replica, round robin; null for the primary. */
  private choose(): { replica: number | null; lagMs: number } {
    for (let tried = 0; tried < this.replicas.length; tried++) {
      const index = (this.next + tried) % this.replicas.length;
      const bound = this.boundOf(this.replicas[index]);
      if (bound !== null && bound <= this.maxLagMs) {
        this.next = index + 1;
        return { replica: index, lagMs: Math.ceil(bound) };
      }
    }
    return { replica: null, lagMs: 0 };
  }

  /** Lag at the last probe plus the probe's age: how stale a read from this replica may be right now. */
  private boundOf(replica: Replica): number | null {
    return replica.lagMs === null ? null : replica.lagMs + (Date.now() - replica.measuredAt);
  }

  private async probeAll(): Promise<void> {
    await Promise.all(
      this.replicas.map(async (replica) => {
        if (replica.probing) return;
        replica.probing = true;
        const started = Date.now();
        try {
          const [row] = await this.query<{ lag_ms: number | null }>(replica.pool, MEASURE_LAG, []);
          replica.lagMs = row.lag_ms;
          replica.measuredAt = started;
        } catch (error) {
          if (replica.lagMs !== null) this.logger.warn(`${replica.name} unreachable (${describe(error)}); skipped`);
          replica.lagMs = null;
        } finally {
          replica.probing = false;
        }
      }),
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${sqlState(error) ?? 'no code'}: ${error.message}` : String(error);
}
