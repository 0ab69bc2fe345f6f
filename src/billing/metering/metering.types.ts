import type { RateDecision } from '../rate-limit/rate-limiter';

/** Why an admission was refused; sent as `data.reason` of the 429. */
export type RefusalReason = 'rate_limited' | 'daily_cap_reached' | 'credits_exhausted';

/** What the caller of a metered route is asking for. */
export interface AdmissionRequest {
  readonly accountId: string;
  readonly credits: number;
  readonly requestId: string;
  readonly credential: { readonly kind: string; readonly id: string };
  /** The route pattern (`GET /api/v1/admin/referrals/stats`), not the URL: no query strings in the ledger. */
  readonly route: string;
}

/** The plan numbers one admission is checked against (from the catalog, at request time). */
export interface AdmissionLimits {
  readonly ratePerMinute: number;
  readonly dailyCap: number | null;
  readonly includedCredits: number;
  readonly overageAllowed: boolean;
}

/**
 * The account's counters as the admission statement left them (including this request's reservation when
 * admitted), with the database clock reading the decision was made at.
 */
export interface CounterSnapshot {
  readonly now: Date;
  readonly dayUsed: number;
  readonly dayReserved: number;
  readonly includedUsed: number;
  readonly includedReserved: number;
  readonly overageUsed: number;
  /** Admissions in the 60 s ending at `now`, and the oldest of them (null when none). */
  readonly minuteCount: number;
  readonly minuteOldest: Date | null;
}

export interface AdmissionResult {
  readonly refusal: RefusalReason | null;
  /** Set when credits were reserved (admitted with bonus credits in the cost): charge or return it after the handler. */
  readonly reservationId: string | null;
  /**
   * Set when the admission itself charged the credits (no bonus credits involved): the ledger id of the
   * provisional charge, to confirm after a 2xx or refund after an error.
   */
  readonly chargeId?: string | null;
  /** For rate_limited: when the admission that must leave the window before another fits was made. */
  readonly blockingAdmission: Date | null;
  readonly counters: CounterSnapshot;
}

/** The counters after a settlement (charge, return, refund), for the response headers. */
export interface SettledCounters {
  readonly includedUsed: number;
  readonly includedReserved: number;
  readonly dayUsed: number;
  readonly dayReserved: number;
}

/** One request of a batched admission: what is asked, and the plan numbers it is checked against. */
export interface BatchedAdmission {
  readonly request: AdmissionRequest;
  readonly limits: AdmissionLimits;
  /** The rate limiter's answer for it; absent = decided inside the admission statement (IN_ADMISSION_STATEMENT). */
  readonly rate?: RateDecision;
}

/** A batched admission's outcome; `missing` when the account had no counters row (create it, then retry). */
export type BatchedAdmissionResult = { readonly missing: true } | ({ readonly missing: false } & AdmissionResult);
