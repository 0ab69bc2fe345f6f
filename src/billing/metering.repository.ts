import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { primaryPool } from '../database/pools';
import { callStatement } from '../database/routines';
import type {
  AdmissionLimits,
  AdmissionRequest,
  AdmissionResult,
  BatchedAdmission,
  BatchedAdmissionResult,
  RefusalReason,
  SettledCounters,
} from './metering.types';
import {
  ADMIT_BATCH_ROUTINE,
  ADMIT_ROUTINE,
  COMMIT_ROUTINE,
  CONFIRM_ROUTINE,
  ENSURE_COUNTERS,
  ENSURE_COUNTERS_MANY,
  REFUND_ROUTINE,
  RELEASE_ROUTINE,
  SWEEP,
  SWEEP_PENDING,
} from './metering.sql';
import { GenerateSql, SkipSqlSnapshot, SQL_SAMPLE } from '../database/generate-sql';

/** What the client sends for each hot statement: a call of its server-side function. */
const CALL_ADMIT = callStatement(ADMIT_ROUTINE);
const CALL_ADMIT_BATCH = callStatement(ADMIT_BATCH_ROUTINE);
const CALL_CONFIRM = callStatement(CONFIRM_ROUTINE);
const CALL_REFUND = callStatement(REFUND_ROUTINE);
const CALL_COMMIT = callStatement(COMMIT_ROUTINE);
const CALL_RELEASE = callStatement(RELEASE_ROUTINE);

interface AdmissionRow {
  refusal: RefusalReason | null;
  reservation_id: string | null;
  now: Date;
  blocking_admission: Date | null;
  day_used: string;
  day_reserved: string;
  included_used: string;
  included_reserved: string;
  overage_used: string;
  minute_count: number;
  minute_oldest: Date | null;
}

interface BatchAdmissionRow extends Omit<AdmissionRow, 'refusal'> {
  n: string;
  missing: boolean;
  refusal: RefusalReason | null;
  charge_id: string | null;
}

interface CountersRow {
  day_used: string;
  day_reserved: string;
  included_used: string;
  included_reserved: string;
}

function toSettled(row: CountersRow): SettledCounters {
  return {
    dayUsed: Number(row.day_used),
    dayReserved: Number(row.day_reserved),
    includedUsed: Number(row.included_used),
    includedReserved: Number(row.included_reserved),
  };
}

/**
 * Every statement of the metering hot path, always on the primary. Admit, commit, confirm, refund and release
 * call server-side functions (planned once per backend: planning the admission costs about as much as
 * executing it). Counters are bigint (strings from pg), far below 2^53.
 */
@Injectable()
export class MeteringRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Straight on the pool (no TypeORM query runner on the hot path); errors are pg's own, with `code`. */
  @SkipSqlSnapshot('sends the statement it is given: the callers snapshot theirs')
  private run<T>(text: string, values: unknown[]): Promise<T[]> {
    return primaryPool(this.dataSource).query(text, values).then((result) => result.rows as T[]);
  }

  @GenerateSql({ name: 'counters exist', params: [{ accountId: SQL_SAMPLE.accountId, credits: 1, requestId: 'sample-request', credential: { kind: 'api_key', id: SQL_SAMPLE.apiKeyId }, route: 'GET /sample' }, { ratePerMinute: 60, dailyCap: 1000, includedCredits: 1000, overageAllowed: false }, 120_000] }, { name: 'first request of an account', params: [{ accountId: SQL_SAMPLE.newAccountId, credits: 1, requestId: 'sample-request', credential: { kind: 'api_key', id: SQL_SAMPLE.apiKeyId }, route: 'GET /sample' }, { ratePerMinute: 60, dailyCap: 1000, includedCredits: 1000, overageAllowed: false }, 120_000] })
  async admit(request: AdmissionRequest, limits: AdmissionLimits, reservationTtlMs: number): Promise<AdmissionResult> {
    const params = [
      request.accountId,
      request.credits,
      limits.ratePerMinute,
      limits.dailyCap,
      limits.includedCredits,
      limits.overageAllowed,
      request.requestId,
      request.credential.kind,
      request.credential.id,
      request.route,
      reservationTtlMs,
    ];
    let rows = await this.run<AdmissionRow>(CALL_ADMIT, params);
    if (rows.length === 0) {
      await this.dataSource.query(ENSURE_COUNTERS, [request.accountId]);
      rows = await this.run<AdmissionRow>(CALL_ADMIT, params);
    }
    const [row] = rows;
    if (!row) throw new Error(`no billing counters for account ${request.accountId} after creating them`);
    return toResult(row, null);
  }

  /**
   * Admits several requests in one statement (ADMIT_BATCH); results in the order of `batch`. The accounts
   * must be distinct: the caller queues a second request of an account for the next statement.
   */
  @GenerateSql({ params: [[{ request: { accountId: SQL_SAMPLE.accountId, credits: 1, requestId: 'sample-request', credential: { kind: 'api_key', id: SQL_SAMPLE.apiKeyId }, route: 'GET /sample' }, limits: { ratePerMinute: 60, dailyCap: 1000, includedCredits: 1000, overageAllowed: false } }], 120_000, ['1']] })
  async admitBatch(
    batch: readonly BatchedAdmission[],
    reservationTtlMs: number,
    confirmChargeIds: readonly string[] = [],
  ): Promise<BatchedAdmissionResult[]> {
    const column = <T>(pick: (item: BatchedAdmission) => T) => batch.map(pick);
    const rows = await this.run<BatchAdmissionRow>(CALL_ADMIT_BATCH, [
      column((item) => item.request.accountId),
      column((item) => item.request.credits),
      column((item) => item.limits.ratePerMinute),
      column((item) => item.limits.dailyCap),
      column((item) => item.limits.includedCredits),
      column((item) => item.limits.overageAllowed),
      column((item) => item.request.requestId),
      column((item) => item.request.credential.kind),
      column((item) => item.request.credential.id),
      column((item) => item.request.route),
      reservationTtlMs,
      confirmChargeIds,
    ]);
    const results: BatchedAdmissionResult[] = new Array(batch.length);
    for (const row of rows) {
      results[Number(row.n) - 1] = row.missing ? { missing: true } : { missing: false, ...toResult(row, row.charge_id) };
    }
    return results;
  }

  /** Creates the counters rows of these accounts where missing; returns the ids of those that exist. */
  @GenerateSql({ params: [[SQL_SAMPLE.accountId, SQL_SAMPLE.newAccountId]] })
  async ensureCounters(accountIds: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await this.dataSource.query(ENSURE_COUNTERS_MANY, [accountIds]);
    return new Set(rows.map((row) => row.id));
  }

  /** Makes these provisional charges final (their requests answered 2xx). */
  @GenerateSql({ params: [['1', '2']] })
  async confirmCharges(chargeIds: readonly string[]): Promise<void> {
    await this.run(CALL_CONFIRM, [chargeIds]);
  }

  /** Refunds a provisional charge. Null when it was already confirmed or swept: then nothing changed. */
  @GenerateSql({ params: ['1'] })
  async refund(chargeId: string): Promise<SettledCounters | null> {
    const rows = await this.run<CountersRow>(CALL_REFUND, [chargeId]);
    return rows.length > 0 ? toSettled(rows[0]) : null;
  }

  /** Null when the reservation no longer exists (it expired and was swept): then nothing was charged. */
  @GenerateSql({ params: [SQL_SAMPLE.unknownId] })
  async commit(reservationId: string): Promise<SettledCounters | null> {
    const rows = await this.run<CountersRow>(CALL_COMMIT, [reservationId]);
    return rows.length > 0 ? toSettled(rows[0]) : null;
  }

  @GenerateSql({ params: [SQL_SAMPLE.unknownId] })
  async release(reservationId: string): Promise<SettledCounters | null> {
    const rows = await this.run<CountersRow>(CALL_RELEASE, [reservationId]);
    return rows.length > 0 ? toSettled(rows[0]) : null;
  }

  /**
   * Returns the number of accounts whose expired reservations were released, plus the number whose expired
   * provisional charges were refunded.
   */
  @GenerateSql({ params: [100] })
  async sweepExpired(batchSize: number): Promise<number> {
    const [reserved] = (await this.dataSource.query(SWEEP, [batchSize])) as [CountersRow[], number];
    const [charged] = (await this.dataSource.query(SWEEP_PENDING, [batchSize])) as [CountersRow[], number];
    return reserved.length + charged.length;
  }
}

function toResult(row: AdmissionRow, chargeId: string | null): AdmissionResult {
  return {
    refusal: row.refusal,
    reservationId: row.reservation_id,
    chargeId,
    blockingAdmission: row.blocking_admission,
    counters: {
      now: row.now,
      dayUsed: Number(row.day_used),
      dayReserved: Number(row.day_reserved),
      includedUsed: Number(row.included_used),
      includedReserved: Number(row.included_reserved),
      overageUsed: Number(row.overage_used),
      minuteCount: row.minute_count,
      minuteOldest: row.minute_oldest,
    },
  };
}
