import type { Client, Pool } from 'pg';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { AppConfig, type DatabaseConfig } from '../../config/app-config';
import { compiledEntities, dataSourceOptions } from '../../database/data-source-options';
import { SQL_SAMPLE } from '../../database/generate-sql';
// The routines the migrations install, from the list readiness checks them against.
import { METERING_INLINE_FUNCTIONS } from '../../billing/metering/metering-routines';
import { HOT_ROUTINES } from '../../health/hot-routines';
import { primaryPool } from '../../database/pools';
import { ReadReplicas } from '../../database/replicas/read-replicas.service';
import type { ReplicaReadMetrics } from '../../database/replicas/replica-read-metrics';
import { TransactionContext } from '../../database/transaction-context';
import { seedSampleData } from './sample-data';
import {
  calledRoutine,
  distinctStatements,
  renderRoutines,
  renderSnapshot,
  ROUTINES_FILE,
  SnapshotEntry,
  snapshotFileName,
} from './snapshot-files';
import { recordingClientClass, StatementRecorder } from './statement-recorder';
import { discoverTargets, SnapshotTarget } from './targets';

/** Bound on one sample: a sample that waits for a second connection (the pool has one) fails instead of hanging. */
const SAMPLE_TIMEOUT_MS = 15_000;

export interface Generated {
  /** File name under docs/queries → content. */
  readonly files: Map<string, string>;
  /** Why the snapshots cannot be trusted: undecorated methods, failing samples, … (empty when all is well). */
  readonly problems: string[];
  readonly samples: number;
}

interface Dependencies {
  readonly dataSource: DataSource;
  readonly reads: ReadReplicas;
}

/**
 * Migrates the (empty) database at `url`, seeds the sample rows, runs every decorated method's samples, each
 * inside a transaction rolled back afterwards, and renders the snapshot files. The pool holds ONE connection,
 * so every statement of a sample, TypeORM's and raw pool queries alike, runs on that transaction.
 */
export async function generateSnapshots(root: string, url: string): Promise<Generated> {
  const recorder = new StatementRecorder();
  const database: DatabaseConfig & { url: string } = {
    url,
    embedded: { dataDir: '', port: 0 },
    poolSize: 1,
    statementTimeoutMs: 5_000,
    runMigrations: true,
    replicaUrls: [],
    replicaMaxLagMs: 5_000,
  };
  const options = dataSourceOptions(database, compiledEntities());
  const extra = (options as { extra: { Client: typeof Client } }).extra;
  const dataSource = await new DataSource({
    ...options,
    extra: { ...extra, max: 1, idleTimeoutMillis: 0, Client: recordingClientClass(extra.Client, recorder) },
  } as DataSourceOptions).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await seedSampleData(dataSource);
    const { targets, undecorated } = discoverTargets(root);
    const problems = [...undecorated];
    const dependencies: Dependencies = { dataSource, reads: readsFromThePrimary(dataSource) };
    const entriesByFile = new Map<string, { sourceFile: string; entries: SnapshotEntry[] }>();
    let samples = 0;
    for (const target of targets) {
      const instance = construct(target, dependencies) as Record<string, (...args: unknown[]) => Promise<unknown>>;
      const fileName = snapshotFileName(target.sourceFile);
      const file = entriesByFile.get(fileName) ?? { sourceFile: target.sourceFile, entries: [] };
      if (file.sourceFile !== target.sourceFile) {
        problems.push(`${target.sourceFile} and ${file.sourceFile} would both write ${fileName}: rename one`);
      }
      entriesByFile.set(fileName, file);
      for (const method of target.methods) {
        for (const sample of method.samples) {
          samples += 1;
          const label = `${target.type.name}.${method.name}${sample.name ? ` (${sample.name})` : ''}`;
          const params = sample.params.map((param) => (param === SQL_SAMPLE.transaction ? sandbox(dataSource) : param));
          const run = await runSample(primaryPool(dataSource), recorder, () => instance[method.name](...params));
          if (run.error) problems.push(`${target.sourceFile}: ${label} failed with its sample arguments: ${run.error}`);
          else if (run.statements.length === 0) problems.push(`${target.sourceFile}: ${label} sent no SQL with its sample arguments`);
          if (run.strays > 0) problems.push(`${target.sourceFile}: ${label} sent ${run.strays} statement(s) on a second connection`);
          for (const statement of run.statements) {
            const routine = calledRoutine(statement);
            if (routine && !HOT_ROUTINES.some((known) => known.name === routine)) {
              problems.push(`${target.sourceFile}: ${label} calls ${routine}(), which is not in HOT_ROUTINES: its body would be missing`);
            }
          }
          file.entries.push({ label, statements: run.statements });
        }
      }
    }
    const files = new Map<string, string>();
    for (const [fileName, { sourceFile, entries }] of [...entriesByFile].sort(([a], [b]) => a.localeCompare(b))) {
      files.set(fileName, renderSnapshot(sourceFile, entries));
    }
    files.set(ROUTINES_FILE, renderRoutines(HOT_ROUTINES, METERING_INLINE_FUNCTIONS));
    return { files, problems, samples };
  } finally {
    await dataSource.destroy();
  }
}

/**
 * One sample on the sandbox: BEGIN on the pool's only connection, the call (recorded), ROLLBACK. A sample's
 * error is kept (its statements so far still count) rather than thrown, so one run reports every problem.
 */
async function runSample(
  pool: Pool,
  recorder: StatementRecorder,
  call: () => Promise<unknown>,
): Promise<{ statements: string[]; strays: number; error?: string }> {
  const sandbox = await pool.connect();
  await sandbox.query('BEGIN');
  sandbox.release();
  recorder.start(sandbox);
  let error: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      call(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${SAMPLE_TIMEOUT_MS} ms`)), SAMPLE_TIMEOUT_MS);
      }),
    ]);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  } finally {
    clearTimeout(timer);
  }
  const { statements, strays } = recorder.stop();
  const again = await pool.connect();
  try {
    if (again !== sandbox) throw new Error('the pool opened a second connection: the sandbox transaction is lost');
    await again.query('ROLLBACK');
  } finally {
    again.release();
  }
  return { statements: distinctStatements(statements), strays, error };
}

/**
 * An instance of a target, its constructor's parameters resolved from their Nest metadata: the DataSource,
 * an EntityManager or TransactionContext (the sandbox's), ReadReplicas without replicas (every read on the
 * primary), a sample AppConfig. A class with no Nest decorator is a transaction's statements (ApiKeysTransaction,
 * ReferralsTransaction): it is built on the sample transaction. Anything else is a stand-in that fails loudly when a sample uses it.
 */
function construct(target: SnapshotTarget, { dataSource, reads }: Dependencies): object {
  const type = target.type as unknown as new (...args: unknown[]) => object;
  const parameterTypes = Reflect.getMetadata('design:paramtypes', type) as unknown[] | undefined;
  if (!parameterTypes) return new type(...Array.from({ length: type.length }, () => sandbox(dataSource)));
  return new type(
    ...parameterTypes.map((parameter) => {
      if (parameter === DataSource) return dataSource;
      if (parameter === EntityManager) return dataSource.manager;
      if (parameter === TransactionContext) return sandbox(dataSource);
      if (parameter === ReadReplicas) return reads;
      if (parameter === AppConfig) return SAMPLE_CONFIG;
      return unavailable(`${target.type.name}'s ${(parameter as { name?: string })?.name ?? 'dependency'}`);
    }),
  );
}

/** The sample transaction as the methods take it: the single pooled connection's manager, as a TransactionContext. */
function sandbox(dataSource: DataSource): TransactionContext {
  return TransactionContext.of(dataSource.manager);
}

/** The configuration a repository reads at construction (MeteringRepository: the reservation TTL it binds). */
const SAMPLE_CONFIG = { billing: { reservationTtlMs: 120_000 } } as unknown as AppConfig;

function readsFromThePrimary(dataSource: DataSource): ReadReplicas {
  const config = { database: { replicaUrls: [], replicaMaxLagMs: 5_000 } } as unknown as AppConfig;
  const metrics = { trackReplicas: () => undefined, countRead: () => undefined } satisfies ReplicaReadMetrics;
  return new ReadReplicas(config, metrics, dataSource);
}

function unavailable(what: string): object {
  return new Proxy(
    {},
    {
      get: (_target, property) => {
        throw new Error(`${what} (.${String(property)}) is not available to the SQL snapshot generator`);
      },
    },
  );
}
