/**
 * The rolling per-minute limit of an account's admissions, as a component of billing: the admission
 * (AdmissionBatcher, then the admission statement) asks it about every request of a batch; MeteringService, the
 * interceptor and the routes never see which limiter runs. billing.module.ts chooses the one implementation with
 * the RATE_LIMITER provider.
 *
 * A limiter decides in one of two places:
 * - inside the admission statement, when its state lives in the same database: `decide` answers
 *   IN_ADMISSION_STATEMENT, and the statement decides with the limiter's SQL functions while it holds the
 *   account's counters row, so the rate decision and the admission's other effects are one atomic step
 *   (PostgresSlidingLogRateLimiter: today's exact sliding log);
 * - before the statement, from its own store: `decide` answers a RateVerdict, which the statement applies in the
 *   same order of refusals (credits_exhausted, then daily_cap_reached, then rate_limited), and `forget` is told of
 *   the admissions it allowed that the statement then refused for another reason or retried.
 */
export interface RateLimiter {
  /** One answer per request, in the order of `requests`. */
  decide(requests: readonly RateLimitedRequest[]): Promise<ReadonlyArray<RateDecision>>;
  /** Requests this limiter allowed (a RateVerdict) that were not admitted after all: give their places back. */
  forget(requests: readonly RateLimitedRequest[]): Promise<void>;
}

export const RATE_LIMITER = Symbol('RateLimiter');

/** What the limiter is asked about one request. */
export interface RateLimitedRequest {
  readonly accountId: string;
  readonly ratePerMinute: number;
}

/** The answer of a limiter that decides inside the admission statement. */
export const IN_ADMISSION_STATEMENT = null;

export type RateDecision = RateVerdict | typeof IN_ADMISSION_STATEMENT;

/** A decision made outside the admission statement. Times are the limiter's readings of its own clock. */
export interface RateVerdict {
  readonly allowed: boolean;
  /** When refused: the admission that must leave the 60 s window before another fits. */
  readonly blockingAdmission: Date | null;
  /** Admissions in the last 60 s (this one included when allowed), and the oldest of them: the RateLimit headers. */
  readonly minuteCount: number;
  readonly minuteOldest: Date | null;
}
