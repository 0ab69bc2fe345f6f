import { SetMetadata } from '@nestjs/common';
import type { TransactionContext } from './transaction-context';

/**
 * SQL snapshots (`npm run sql:snapshots`, src/bin/sql-snapshots): every method that sends SQL is marked with
 * `@GenerateSql(...)`, and the generator calls it with these sample arguments against a migrated, seeded
 * database (inside a transaction it rolls back), recording the statements it sent into docs/queries/*.sql. So
 * a change to a query shows up in review as SQL text, and CI fails when the committed text is out of date.
 */
export const GENERATE_SQL = 'crawlora:generate-sql';
export const SKIP_SQL_SNAPSHOT = 'crawlora:skip-sql-snapshot';

export interface SqlSample {
  /** Tells several samples of one method apart in its snapshot, e.g. 'every filter set'. */
  readonly name?: string;
  /** The method's arguments; `SQL_SAMPLE.transaction` stands for the caller's transaction context. */
  readonly params: readonly unknown[];
}

/** Records the SQL this method sends, once per sample (no sample: called without arguments). */
export const GenerateSql = (...samples: SqlSample[]): MethodDecorator =>
  SetMetadata(GENERATE_SQL, samples.length > 0 ? samples : [{ params: [] }]);

/**
 * For a method of a repository that sends no statement of its own (a transaction wrapper, a helper that sends
 * the text it is given): its statements are in its callers' snapshots. The reason is required.
 */
export const SkipSqlSnapshot = (reason: string): MethodDecorator => SetMetadata(SKIP_SQL_SNAPSHOT, reason);

/** Stands for the caller's transaction context; the generator passes one on its rolled-back transaction. */
const SAMPLE_TRANSACTION = Object.freeze({ sqlSnapshotTransaction: true }) as unknown as TransactionContext;

/**
 * Sample values. The ids name rows the generator seeds (src/bin/sql-snapshots/sample-data.ts), so a sample
 * can reach the statements that only run when a row exists; `unknownId` matches nothing.
 */
export const SQL_SAMPLE = {
  transaction: SAMPLE_TRANSACTION,
  /** A referrer: has billing counters, drifted from the ledger, an API key and a referral code. */
  accountId: '00000000-0000-4000-a000-000000000001',
  /** Referred by accountId (referral `referralId`). */
  refereeId: '00000000-0000-4000-a000-000000000002',
  /** An account with no counters row and no referral. */
  newAccountId: '00000000-0000-4000-a000-000000000003',
  referralId: '00000000-0000-4000-a000-000000000004',
  apiKeyId: '00000000-0000-4000-a000-000000000005',
  webhookEndpointId: '00000000-0000-4000-a000-000000000006',
  unknownId: '00000000-0000-4000-a000-00000000000f',
  referralCode: 'SAMPLECODE',
  /** An idempotency key already completed by accountId (its stored response is replayed). */
  idempotencyKey: 'sample-completed-key',
  /** A SHA-256-sized value (key hashes, visitor and IP hashes). */
  hash: Buffer.alloc(32, 7),
  email: 'sample@example.com',
  day: '2026-01-15',
  date: new Date('2026-01-15T12:00:00.000Z'),
} as const;
