import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { primaryPool } from '../../database/pools';
import { GenerateSql, SkipSqlSnapshot, SQL_SAMPLE } from '../../database/generate-sql';
import { callStatement } from '../../database/routines';
import { IN_ADMISSION_STATEMENT } from '../rate-limit/rate-limiter';
import { ADMIT_BATCH_ROUTINE, ENSURE_COUNTERS } from './admission.sql';
import { SWEEP_CHARGES_LOCK_KEY, SWEEP_RESERVATIONS_LOCK_KEY } from './lock-keys';
import { AdmissionRow, CountersRow, toAdmissionResult, toSettled } from './metering-rows';
import type { BatchedAdmission, BatchedAdmissionResult, SettledCounters } from './metering.types';
import { CHARGE_RESERVATION_ROUTINE, REFUND_CHARGES_ROUTINE, RETURN_RESERVATIONS_ROUTINE } from './settlement.sql';
import { SWEEP_EXPIRED_CHARGES, SWEEP_EXPIRED_RESERVATIONS } from './sweeps.sql';

/** What the client sends for each hot statement: a call of its server-side function. */
const CALL_ADMIT_BATCH = callStatement(ADMIT_BATCH_ROUTINE);
const CALL_CHARGE_RESERVATION = callStatement(CHARGE_RESERVATION_ROUTINE);
const CALL_RETURN_RESERVATIONS = callStatement(RETURN_RESERVATIONS_ROUTINE);
const CALL_REFUND_CHARGES = callStatement(REFUND_CHARGES_ROUTINE);

/**
 * Every statement of metering, always on the primary. The hot ones call server-side functions (planned once per
 * backend: planning the admission costs about as much as executing it). Row mapping: metering-rows.ts.
 */
@Injectable()
export class MeteringRepository {
  /** How long an admission's provisional charge or reservation lives before the sweep presumes its process dead. */
  private readonly expiresAfterMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.expiresAfterMs = config.billing.reservationTtlMs;
  }

  /** Straight on the pool (no TypeORM query runner on the hot path); errors are pg's own, with `code`. */
  @SkipSqlSnapshot('sends the statement it is given: the callers snapshot theirs')
  private run<T>(text: string, values: unknown[]): Promise<T[]> {
    return primaryPool(this.dataSource).query(text, values).then((result) => result.rows as T[]);
  }

  /**
   * Admits several requests in one statement (ADMIT_BATCH), confirming `confirmChargeIds` in the same statement;
   * results in the order of `batch`. The accounts must be distinct: the caller queues a second request of an
   * account for the next statement.
   */
  @GenerateSql(
    {
      name: 'one request, confirming two earlier charges',
      params: [[{ request: { accountId: SQL_SAMPLE.accountId, credits: 1, requestId: 'sample-request', credential: { kind: 'api_key', id: SQL_SAMPLE.apiKeyId }, route: 'GET /sample' }, limits: { ratePerMinute: 60, dailyCap: 1000, includedCredits: 1000, overageAllowed: false } }], ['1', '2']],
    },
    {
      name: 'a request the rate limiter already allowed',
      params: [[{ request: { accountId: SQL_SAMPLE.accountId, credits: 1, requestId: 'sample-request', credential: { kind: 'api_key', id: SQL_SAMPLE.apiKeyId }, route: 'GET /sample' }, limits: { ratePerMinute: 60, dailyCap: 1000, includedCredits: 1000, overageAllowed: false }, rate: { allowed: true, blockingAdmission: null, minuteCount: 1, minuteOldest: SQL_SAMPLE.date } }]],
    },
  )
  async admitBatch(batch: readonly BatchedAdmission[], confirmChargeIds: readonly string[] = []): Promise<BatchedAdmissionResult[]> {
    const column = <T>(pick: (item: BatchedAdmission) => T) => batch.map(pick);
    const rows = await this.run<AdmissionRow>(CALL_ADMIT_BATCH, [
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
      this.expiresAfterMs,
      confirmChargeIds,
      column((item) => (item.rate ? item.rate.allowed : null)),
    ]);
    const results: BatchedAdmissionResult[] = new Array(batch.length);
    for (const row of rows) {
      const index = Number(row.n) - 1;
      results[index] = row.missing
        ? { missing: true }
        : { missing: false, ...toAdmissionResult(row, batch[index].rate ?? IN_ADMISSION_STATEMENT) };
    }
    return results;
  }

  /** Creates the counters rows of these accounts where missing; returns the ids of those that exist. */
  @GenerateSql({ params: [[SQL_SAMPLE.accountId, SQL_SAMPLE.newAccountId]] })
  async ensureCounters(accountIds: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await this.dataSource.query(ENSURE_COUNTERS, [accountIds]);
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Makes these provisional charges final (their requests answered 2xx): the admission statement with no request
   * to admit, so confirmations have one definition whether they ride along with admissions or go alone.
   */
  @GenerateSql({ params: [['1', '2']] })
  async confirmCharges(chargeIds: readonly string[]): Promise<void> {
    await this.admitBatch([], chargeIds);
  }

  /** Refunds a provisional charge. Null when it was already confirmed or swept: then nothing changed. */
  @GenerateSql({ params: ['1'] })
  async refundCharge(chargeId: string): Promise<SettledCounters | null> {
    const [row] = await this.run<CountersRow>(CALL_REFUND_CHARGES, [[chargeId]]);
    return row ? toSettled(row) : null;
  }

  /** Null when the reservation no longer exists (it expired and was swept): then nothing was charged. */
  @GenerateSql({ params: [SQL_SAMPLE.unknownId] })
  async chargeReservation(reservationId: string): Promise<SettledCounters | null> {
    const [row] = await this.run<CountersRow>(CALL_CHARGE_RESERVATION, [reservationId]);
    return row ? toSettled(row) : null;
  }

  /** Null when the reservation no longer exists (charged, returned or swept): then nothing changed. */
  @GenerateSql({ params: [SQL_SAMPLE.unknownId] })
  async returnReservation(reservationId: string): Promise<SettledCounters | null> {
    const [row] = await this.run<CountersRow>(CALL_RETURN_RESERVATIONS, [[reservationId]]);
    return row ? toSettled(row) : null;
  }

  /** Returns the credits of up to `batchSize` expired reservations; the number of accounts they came back to. */
  @GenerateSql({ params: [100] })
  async sweepExpiredReservations(batchSize: number): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(SWEEP_EXPIRED_RESERVATIONS, [batchSize, SWEEP_RESERVATIONS_LOCK_KEY]);
    return rows.length;
  }

  /** Refunds up to `batchSize` expired provisional charges; the number of accounts they came back to. */
  @GenerateSql({ params: [100] })
  async sweepExpiredCharges(batchSize: number): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(SWEEP_EXPIRED_CHARGES, [batchSize, SWEEP_CHARGES_LOCK_KEY]);
    return rows.length;
  }
}
