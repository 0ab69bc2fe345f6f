import type { RateDecision } from '../rate-limit/rate-limiter';
import type { AdmissionResult, RefusalReason, SettledCounters } from './metering.types';

/**
 * The rows the metering statements answer, and their mapping to the service's types. Counters are bigint
 * (strings from pg), far below 2^53.
 */

/** One row of ADMIT_BATCH. */
export interface AdmissionRow {
  n: string;
  missing: boolean;
  refusal: RefusalReason | null;
  charge_id: string | null;
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

/** A row of the settlement statements: the account's counters after it. */
export interface CountersRow {
  day_used: string;
  day_reserved: string;
  included_used: string;
  included_reserved: string;
}

export function toSettled(row: CountersRow): SettledCounters {
  return {
    dayUsed: Number(row.day_used),
    dayReserved: Number(row.day_reserved),
    includedUsed: Number(row.included_used),
    includedReserved: Number(row.included_reserved),
  };
}

/** The rate window comes from the limiter's verdict when it decided outside the statement. */
export function toAdmissionResult(row: AdmissionRow, rate: RateDecision): AdmissionResult {
  return {
    refusal: row.refusal,
    reservationId: row.reservation_id,
    chargeId: row.charge_id,
    blockingAdmission: rate ? rate.blockingAdmission : row.blocking_admission,
    counters: {
      now: row.now,
      dayUsed: Number(row.day_used),
      dayReserved: Number(row.day_reserved),
      includedUsed: Number(row.included_used),
      includedReserved: Number(row.included_reserved),
      overageUsed: Number(row.overage_used),
      minuteCount: rate ? rate.minuteCount : row.minute_count,
      minuteOldest: rate ? rate.minuteOldest : row.minute_oldest,
    },
  };
}
