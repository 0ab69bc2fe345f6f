import type { InlineFunction } from '../../database/routines';

/**
 * The PostgreSQL rate limiter's SQL (see PostgresSlidingLogRateLimiter): an exact sliding log of an account's
 * recent admissions, kept in billing_counters as `recent_admissions` (int4 milliseconds since the row's
 * `admissions_epoch`, sorted, oldest first). The admission statement calls these functions while it holds the
 * account's counters row, so the rate decision, the log's update and the admission's other effects are one atomic
 * step on any number of instances. Each is inlined where it is called (see InlineFunction): no call costs at run
 * time.
 *
 * The rule: admit iff fewer than N admissions are logged, or the N-th latest is at least 60 s old; so no 60 s
 * span ever holds more than N admissions (unlike a fixed window at a minute boundary).
 *
 * The log holds only what can still decide: at most the latest N entries, and none that is 60 s old (the clock
 * never steps back past the newest entry, so such an entry can never refuse anything again). Its size is
 * min(N, the admissions of the last minute), 4 bytes each: an account far below its limit keeps a few entries
 * whatever the limit, and an Enterprise account at its limit (1,000/min) 4 KB, which stays in the row (the table's
 * toast_tuple_target) instead of being compressed and moved out of line on every admission.
 *
 * An admission is stored as the millisecond after its instant, rounded up (an entry `m` stands for an admission
 * made in (m - 1, m] ms after the epoch), and is taken as made at `m`, the latest it can have been. So decisions
 * never err towards admitting: a request is admitted only when the N-th latest admission is 60 s old in real
 * time too, and at most 1 ms later than the exact log would.
 */

/** Milliseconds from the log's epoch to `at` (numeric: exact to the microsecond, and `at` may be far off). */
export const RATE_LOG_MS: InlineFunction = {
  name: 'billing_rate_log_ms',
  parameters: ['admissions_epoch timestamptz', 'at timestamptz'],
  returns: 'numeric',
  body: `SELECT extract(epoch FROM at - admissions_epoch) * 1000`,
};

/** When the log's `i`-th entry was made, at the latest (null when there is no such entry). */
export const RATE_LOG_ENTRY_TIME: InlineFunction = {
  name: 'billing_rate_log_entry_time',
  parameters: ['recent_admissions int[]', 'admissions_epoch timestamptz', 'i int'],
  returns: 'timestamptz',
  body: `SELECT admissions_epoch + recent_admissions[i] * interval '1 millisecond'`,
};

/**
 * How many of the oldest entries can no longer refuse anything at `as_of` or later: those made 60 s or more
 * before it. A binary search (width_bucket over the sorted log); the cut-off is clamped into int4, where every
 * entry lies, so a far-off `as_of` keeps its meaning.
 */
export const RATE_LOG_STALE: InlineFunction = {
  name: 'billing_rate_log_stale',
  parameters: ['recent_admissions int[]', 'admissions_epoch timestamptz', 'as_of timestamptz'],
  returns: 'int',
  body: `SELECT width_bucket(least(greatest(floor(billing_rate_log_ms(admissions_epoch, as_of)) - 60000, -2147483648), 2147483647)::int,
                    recent_admissions)`,
};

/** The admission the next one waits for: the N-th latest logged (null while fewer than N are logged). */
export const RATE_BLOCKER: InlineFunction = {
  name: 'billing_rate_blocker',
  parameters: ['recent_admissions int[]', 'admissions_epoch timestamptz', 'rate_per_minute int'],
  returns: 'timestamptz',
  body: `SELECT billing_rate_log_entry_time(recent_admissions, admissions_epoch, cardinality(recent_admissions) - rate_per_minute + 1)`,
};

/** True when one more admission at `decided_at` would put more than N admissions in the last 60 s. */
export const RATE_LIMITED: InlineFunction = {
  name: 'billing_rate_limited',
  parameters: ['recent_admissions int[]', 'admissions_epoch timestamptz', 'rate_per_minute int', 'decided_at timestamptz'],
  returns: 'boolean',
  body: `SELECT coalesce(billing_rate_blocker(recent_admissions, admissions_epoch, rate_per_minute) > decided_at - interval '60 seconds', false)`,
};

/**
 * The latest logged admission (null when none): the admission statement never reads its clock earlier than
 * this, so the log stays sorted even if the database clock steps back.
 */
export const RATE_LOG_NEWEST: InlineFunction = {
  name: 'billing_rate_log_newest',
  parameters: ['recent_admissions int[]', 'admissions_epoch timestamptz'],
  returns: 'timestamptz',
  body: `SELECT admissions_epoch + recent_admissions[cardinality(recent_admissions)] * interval '1 millisecond'`,
};

/**
 * The log after an admission at `admitted_at` (never earlier than the newest entry): what can still decide (the
 * latest N - 1 entries, none 60 s old), then this admission. A log left empty by the trim starts a new epoch at
 * `admitted_at` (the usual case for an account below its limit); so does one whose offsets near the int4 range (an
 * account never idle for a minute in 23 days), its few entries re-expressed from the new epoch as offsets <= 0,
 * rounded up still (the only pass over the entries).
 */
export const RATE_LOG_ADMIT: InlineFunction = {
  name: 'billing_rate_log_admit',
  parameters: ['recent_admissions int[]', 'admissions_epoch timestamptz', 'admitted_at timestamptz', 'rate_per_minute int'],
  returns: 'TABLE (epoch_after timestamptz, log_after int[])',
  body: `SELECT CASE WHEN restart THEN admitted_at ELSE admissions_epoch END,
       CASE WHEN restart THEN ARRAY(SELECT (entry - floor(at_ms))::int FROM unnest(kept) entry) || 0
            ELSE kept || ceil(at_ms)::int END
  FROM (SELECT recent_admissions[greatest(cardinality(recent_admissions) + 1 - rate_per_minute,
                                          billing_rate_log_stale(recent_admissions, admissions_epoch, admitted_at)) + 1:] AS kept,
               billing_rate_log_ms(admissions_epoch, admitted_at) AS at_ms) trimmed
 CROSS JOIN LATERAL (SELECT cardinality(trimmed.kept) = 0 OR trimmed.at_ms > 2000000000 AS restart) fresh`,
};

/** The admissions that still count at `as_of` (this one included when admitted), and the oldest of them. */
export const RATE_WINDOW: InlineFunction = {
  name: 'billing_rate_window',
  parameters: ['recent_admissions int[]', 'admissions_epoch timestamptz', 'as_of timestamptz'],
  returns: 'TABLE (minute_count int, minute_oldest timestamptz)',
  body: `SELECT cardinality(recent_admissions) - stale.n, billing_rate_log_entry_time(recent_admissions, admissions_epoch, stale.n + 1)
  FROM (SELECT billing_rate_log_stale(recent_admissions, admissions_epoch, as_of) AS n) stale`,
};

/** In creation order (a SQL function's body is checked when it is created: what it calls must exist). */
export const SLIDING_LOG_FUNCTIONS: readonly InlineFunction[] = [
  RATE_LOG_MS,
  RATE_LOG_ENTRY_TIME,
  RATE_LOG_STALE,
  RATE_BLOCKER,
  RATE_LIMITED,
  RATE_LOG_NEWEST,
  RATE_LOG_ADMIT,
  RATE_WINDOW,
];
