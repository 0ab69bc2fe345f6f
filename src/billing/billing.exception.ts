import { domainExceptionWithKinds, ErrorKind } from '../common/errors/domain.exception';
import type { RefusalReason } from './metering/metering.types';

/** The code is the admission's refusal, which the envelope's `data.reason` also carries. */
export type BillingExceptionCode = RefusalReason;

const KINDS: Record<BillingExceptionCode, ErrorKind> = {
  rate_limited: ErrorKind.RateLimited,
  daily_cap_reached: ErrorKind.RateLimited,
  credits_exhausted: ErrorKind.RateLimited,
};

/** A metered call refused at admission: the rate window, the daily cap or the credits. */
export class BillingException extends domainExceptionWithKinds(KINDS) {}
