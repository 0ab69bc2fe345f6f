/**
 * When a failed attempt is tried again: exponential backoff (base × 2^(attempt-1), capped), with ±20 % jitter
 * so endpoints that failed together do not all retry in the same second. Retries continue until the delivery
 * is RETRY_WINDOW_MS old (24 h, from its creation or its last manual redelivery); the first failure after that
 * marks it failed. With the defaults (30 s base, 6 h cap) the attempts come at about 0, 30 s, 1.5 min,
 * 3.5 min, 7.5 min, 15.5 min, 31.5 min, 1.1 h, 2.1 h, 4.2 h, 8.5 h, 14.5 h, 20.5 h, 26.5 h: 14 attempts.
 */
export const RETRY_WINDOW_MS = 24 * 3_600_000;
const JITTER = 0.2;

export interface RetryPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Milliseconds to wait after failed attempt number `attempt` (1-based); `random` in [0, 1). */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: number = Math.random()): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(exponential * (1 - JITTER + 2 * JITTER * random));
}

/** Whether a delivery whose retry window started at `windowStart` gives up at a failure happening at `now`. */
export function retryWindowOver(windowStart: Date, now: Date): boolean {
  return now.getTime() - windowStart.getTime() >= RETRY_WINDOW_MS;
}
