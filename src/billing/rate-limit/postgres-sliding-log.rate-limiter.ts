import { Injectable } from '@nestjs/common';
import { IN_ADMISSION_STATEMENT, RateDecision, RateLimitedRequest, RateLimiter } from './rate-limiter';

/**
 * Today's limiter: an exact sliding log per account in billing_counters.recent_admissions, decided inside the
 * admission statement with the functions of sliding-log.sql.ts (atomic with the admission, exact on any number
 * of instances, no store besides PostgreSQL). It therefore does no work of its own here.
 */
@Injectable()
export class PostgresSlidingLogRateLimiter implements RateLimiter {
  decide(requests: readonly RateLimitedRequest[]): Promise<ReadonlyArray<RateDecision>> {
    return Promise.resolve(requests.map(() => IN_ADMISSION_STATEMENT));
  }

  /** Never called with anything: this limiter allows nothing outside the statement. */
  forget(): Promise<void> {
    return Promise.resolve();
  }
}
