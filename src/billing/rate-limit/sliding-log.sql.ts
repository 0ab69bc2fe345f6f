import type { InlineFunction } from '../../database/routines';

/**
 * The PostgreSQL rate limiter's SQL (see PostgresSlidingLogRateLimiter): an exact sliding log of an account's
 * latest admissions, kept in billing_counters.recent_admissions (sorted, oldest first, at most N entries for a
 * limit of N per minute). The admission statement calls these functions while it holds the account's counters
 * row, so the rate decision, the log's update and the admission's other effects are one atomic step on any
 * number of instances. Each is inlined where it is called (see InlineFunction): no call costs at run time.
 *
 * The rule: admit iff fewer than N admissions are logged, or the N-th latest is at least 60 s old; so no 60 s
 * span ever holds more than N admissions (unlike a fixed window at a minute boundary).
 */

/** The admission the next one waits for: the N-th latest logged (null while fewer than N are logged). */
export const RATE_BLOCKER: InlineFunction = {
  name: 'billing_rate_blocker',
  parameters: ['recent_admissions timestamptz[]', 'rate_per_minute int'],
  returns: 'timestamptz',
  body: `SELECT recent_admissions[cardinality(recent_admissions) - rate_per_minute + 1]`,
};

/** True when one more admission at `decided_at` would put more than N admissions in the last 60 s. */
export const RATE_LIMITED: InlineFunction = {
  name: 'billing_rate_limited',
  parameters: ['recent_admissions timestamptz[]', 'rate_per_minute int', 'decided_at timestamptz'],
  returns: 'boolean',
  body: `SELECT coalesce(billing_rate_blocker(recent_admissions, rate_per_minute) > decided_at - interval '60 seconds', false)`,
};

/**
 * The latest logged admission (null when none): the admission statement never reads its clock earlier than
 * this, so the log stays sorted even if the database clock steps back.
 */
export const RATE_LOG_NEWEST: InlineFunction = {
  name: 'billing_rate_log_newest',
  parameters: ['recent_admissions timestamptz[]'],
  returns: 'timestamptz',
  body: `SELECT recent_admissions[cardinality(recent_admissions)]`,
};

/** The log after an admission at `admitted_at`: the latest N kept (older ones can never decide again). */
export const RATE_LOG_ADMIT: InlineFunction = {
  name: 'billing_rate_log_admit',
  parameters: ['recent_admissions timestamptz[]', 'admitted_at timestamptz', 'rate_per_minute int'],
  returns: 'timestamptz[]',
  body: `SELECT (recent_admissions || admitted_at)[cardinality(recent_admissions) + 2 - rate_per_minute:]`,
};

/** The admissions of the 60 s ending at `as_of`, and the oldest of them: the RateLimit response headers. */
export const RATE_WINDOW: InlineFunction = {
  name: 'billing_rate_window',
  parameters: ['recent_admissions timestamptz[]', 'as_of timestamptz'],
  returns: 'TABLE (minute_count int, minute_oldest timestamptz)',
  body: `SELECT count(*)::int, min(a) FROM unnest(recent_admissions) a WHERE a > as_of - interval '60 seconds'`,
};

/** In creation order (a SQL function's body is checked when it is created: what it calls must exist). */
export const SLIDING_LOG_FUNCTIONS: readonly InlineFunction[] = [
  RATE_BLOCKER,
  RATE_LIMITED,
  RATE_LOG_NEWEST,
  RATE_LOG_ADMIT,
  RATE_WINDOW,
];
