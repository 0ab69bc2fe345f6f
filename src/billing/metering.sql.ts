import type { Routine } from '../database/routines';

/** The metering statements (run by MeteringRepository), one per constant. */

/**
 * Admission: ONE statement, so the decision and its effects are atomic on any number of instances.
 *
 * 1. `locked` takes the account's counters row FOR UPDATE: concurrent admissions of one account queue here,
 *    and each then reads the row as the previous one left it (READ COMMITTED re-reads a row after waiting).
 * 2. `clock` reads the database clock once, after the lock is held, and never earlier than the newest
 *    logged admission, so the sliding log stays sorted even if the clock steps back.
 * 3. `current` reads counters of a past UTC day or period as zero: rollover needs no scheduled job.
 * 4. `decision` refuses, most durable reason first: credits_exhausted (until the period ends), then
 *    daily_cap_reached (until 00:00 UTC), then rate_limited (seconds). The rolling limit is an exact
 *    sliding log: admit iff fewer than N admissions are logged, or the N-th latest is at least 60 s old;
 *    so no 60 s span ever holds more than N admissions.
 * 5. Only when admitted: the row is updated (log trimmed to the last N, credits reserved, included part
 *    first and the rest as overage) and a reservation row is written (cost > 0 only), which expires so a
 *    crashed process's credits come back (ReservationSweeper).
 *
 * Nothing is written on a refusal. Every parameter is a bind value with an explicit type.
 *
 * Durability: this statement's transaction commits with synchronous_commit off (set_config(..., true) is
 * transaction-local), saving a WAL flush per request. If the database crashes in the next fraction of a
 * second, the admission is lost atomically: a reservation that was never made is never charged, and the
 * rate-limit log forgets a few admissions. The charge (COMMIT below) stays synchronous, and flushing it also
 * flushes every admission before it, so the ledger never loses a charge. See docs/billing.md.
 */
export const ADMIT = `
WITH params AS MATERIALIZED (
  SELECT $1::uuid AS account_id, $2::int AS credits, $3::int AS rate_per_minute, $4::bigint AS daily_cap,
         $5::bigint AS included_credits, $6::boolean AS overage_allowed, $7::text AS request_id,
         $8::text AS credential_kind, $9::text AS credential_id, $10::text AS route, $11::int AS ttl_ms,
         set_config('synchronous_commit', 'off', true) AS durability
),
locked AS MATERIALIZED (
  SELECT c.* FROM billing_counters c, params p WHERE c.account_id = p.account_id FOR UPDATE OF c
),
clock AS MATERIALIZED (
  SELECT l.*, t.now, (t.now AT TIME ZONE 'UTC')::date AS today,
         date_trunc('month', t.now AT TIME ZONE 'UTC')::date AS this_period
    FROM locked l
   CROSS JOIN LATERAL (
     SELECT greatest(clock_timestamp(), l.recent_admissions[cardinality(l.recent_admissions)]) AS now
   ) t
),
current AS MATERIALIZED (
  SELECT k.account_id, k.now, k.today, k.this_period, k.recent_admissions, k.bonus_reserved,
         bonus_available(k.bonus_expires_at, k.bonus_remaining, k.now) - k.bonus_reserved AS bonus_unreserved,
         k.recent_admissions[cardinality(k.recent_admissions) - p.rate_per_minute + 1] AS nth_latest,
         CASE WHEN k.usage_day = k.today THEN k.day_used ELSE 0 END AS day_used,
         CASE WHEN k.usage_day = k.today THEN k.day_reserved ELSE 0 END AS day_reserved,
         CASE WHEN k.period_start = k.this_period THEN k.included_used ELSE 0 END AS included_used,
         CASE WHEN k.period_start = k.this_period THEN k.included_reserved ELSE 0 END AS included_reserved,
         CASE WHEN k.period_start = k.this_period THEN k.overage_used ELSE 0 END AS overage_used
    FROM clock k, params p
),
decision AS MATERIALIZED (
  SELECT cur.*, split.bonus_part, split.included_part,
         CASE
           WHEN split.bonus_part + split.included_part < p.credits AND NOT p.overage_allowed THEN 'credits_exhausted'
           WHEN p.daily_cap IS NOT NULL AND cur.day_used + cur.day_reserved + p.credits > p.daily_cap
             THEN 'daily_cap_reached'
           WHEN cur.nth_latest > cur.now - interval '60 seconds' THEN 'rate_limited'
         END AS refusal
    FROM current cur, params p
   CROSS JOIN LATERAL (
     SELECT least(p.credits::bigint, greatest(cur.bonus_unreserved, 0)) AS bonus_part
   ) bonus
   CROSS JOIN LATERAL (
     SELECT bonus.bonus_part,
            least(p.credits - bonus.bonus_part, greatest(p.included_credits - cur.included_used - cur.included_reserved, 0))
              AS included_part
   ) split
),
outcome AS MATERIALIZED (
  SELECT d.*,
         CASE WHEN d.refusal IS NULL
              THEN (d.recent_admissions || d.now)[cardinality(d.recent_admissions) + 2 - p.rate_per_minute:]
              ELSE d.recent_admissions END AS admissions_after,
         d.day_reserved + CASE WHEN d.refusal IS NULL THEN p.credits ELSE 0 END AS day_reserved_after,
         d.included_reserved + CASE WHEN d.refusal IS NULL THEN d.included_part ELSE 0 END AS included_reserved_after,
         d.bonus_reserved + CASE WHEN d.refusal IS NULL THEN d.bonus_part ELSE 0 END AS bonus_reserved_after
    FROM decision d, params p
),
admitted AS (
  UPDATE billing_counters c
     SET recent_admissions = o.admissions_after,
         usage_day = o.today,
         day_used = o.day_used,
         day_reserved = o.day_reserved_after,
         period_start = o.this_period,
         included_used = o.included_used,
         included_reserved = o.included_reserved_after,
         overage_used = o.overage_used,
         bonus_reserved = o.bonus_reserved_after,
         updated_at = o.now
    FROM outcome o
   WHERE c.account_id = o.account_id AND o.refusal IS NULL
),
reservation AS (
  INSERT INTO billing_reservations (account_id, request_id, credential_kind, credential_id, route, credits,
                                    bonus_credits, included_credits, overage_credits, usage_day, period_start,
                                    reserved_at, expires_at)
  SELECT o.account_id, p.request_id, p.credential_kind, p.credential_id, p.route, p.credits,
         o.bonus_part, o.included_part, p.credits - o.bonus_part - o.included_part, o.today, o.this_period, o.now,
         o.now + p.ttl_ms * interval '1 millisecond'
    FROM outcome o, params p
   WHERE o.refusal IS NULL AND p.credits > 0
  RETURNING id
)
SELECT o.refusal, r.id AS reservation_id, o.now, o.nth_latest AS blocking_admission,
       o.day_used, o.day_reserved_after AS day_reserved, o.included_used,
       o.included_reserved_after AS included_reserved, o.overage_used,
       w.minute_count, w.minute_oldest
  FROM outcome o
  LEFT JOIN reservation r ON true
 CROSS JOIN LATERAL (
   SELECT count(*)::int AS minute_count, min(a) AS minute_oldest
     FROM unnest(o.admissions_after) a
    WHERE a > o.now - interval '60 seconds'
 ) w`;

/** An account's first metered request creates its counters row; every later one only locks it. */
export const ENSURE_COUNTERS = `INSERT INTO billing_counters (account_id) VALUES ($1) ON CONFLICT (account_id) DO NOTHING`;

/**
 * Commit: the reservation becomes a ledger row and moves from reserved to used, in one statement. A
 * reservation of a day or period the counters have since left only writes the ledger (the counters'
 * current day and period are unaffected), so counters always equal the ledger sums for their day/period.
 * Returns no row when the reservation is gone (expired and swept): nothing is charged then.
 */
export const COMMIT = `
WITH settled AS (
  DELETE FROM billing_reservations WHERE id = $1 RETURNING *
),
charge AS (
  INSERT INTO billing_ledger (request_id, account_id, credential_kind, credential_id, route, credits,
                              bonus_credits, included_credits, overage_credits, usage_day, period_start,
                              reserved_at, charged_at)
  SELECT request_id, account_id, credential_kind, credential_id, route, credits,
         bonus_credits, included_credits, overage_credits, usage_day, period_start, reserved_at, clock_timestamp()
    FROM settled
)
UPDATE billing_counters c
   SET day_used = c.day_used + CASE WHEN c.usage_day = s.usage_day THEN s.credits ELSE 0 END,
       day_reserved = c.day_reserved - CASE WHEN c.usage_day = s.usage_day THEN s.credits ELSE 0 END,
       included_used = c.included_used + CASE WHEN c.period_start = s.period_start THEN s.included_credits ELSE 0 END,
       included_reserved = c.included_reserved
                           - CASE WHEN c.period_start = s.period_start THEN s.included_credits ELSE 0 END,
       overage_used = c.overage_used + CASE WHEN c.period_start = s.period_start THEN s.overage_credits ELSE 0 END,
       -- Evaluated on the row as the lock found it, so concurrent commits spend the balances one after another.
       bonus_remaining = bonus_spend(c.bonus_expires_at, c.bonus_remaining, clock_timestamp(), s.bonus_credits),
       bonus_reserved = c.bonus_reserved - s.bonus_credits
  FROM settled s
 WHERE c.account_id = s.account_id
RETURNING c.day_used, c.day_reserved, c.included_used, c.included_reserved`;

/**
 * Admission of a batch of requests (of distinct accounts) in ONE statement: the same decision as ADMIT, row by
 * row, and, for a request that spends no bonus credits, its CHARGE as well. So a successful request pays one
 * round trip to the database (this one, shared with every request admitted beside it), not two.
 *
 * - Each request of the batch is decided exactly as ADMIT decides it alone: the counters rows are locked (in
 *   account order, so two batches never deadlock), the clock is read per row after every lock is held, and
 *   the row's own counters are the only input. The caller guarantees one request per account per statement
 *   (an UPDATE cannot apply two changes to one row), and queues the others for the next statement.
 * - mode 'charge' (credits > 0, no bonus part): the credits go straight to used (day, included, overage), a
 *   ledger row is written, and a billing_pending_charges row marks the charge provisional until the response
 *   is known. The caller confirms it after a 2xx (CONFIRM, batched) or refunds it before an error response
 *   (REFUND); a dead process's markers expire and the sweeper refunds them (SWEEP_PENDING).
 * - mode 'reserve' (a bonus part): as ADMIT, a reservation, committed or released after the handler. Bonus
 *   balances are spent by expiry at commit; keeping that path avoids un-spending them on a failure.
 * - Rows whose account has no counters row yet come back with `missing`: the caller creates the rows and
 *   admits those requests again.
 * - $12 confirms earlier charges (as CONFIRM does), so under load confirmations cost no statement of their own.
 *
 * Durability: synchronous when it writes a charge, a reservation or a confirmation (one WAL flush serves the
 * whole batch); asynchronous when it only refuses or logs free admissions.
 */
export const ADMIT_BATCH = `
WITH params AS MATERIALIZED (
  SELECT p.*
    FROM unnest($1::uuid[], $2::int[], $3::int[], $4::bigint[], $5::bigint[], $6::boolean[], $7::text[], $8::text[],
                $9::text[], $10::text[])
         WITH ORDINALITY AS p(account_id, credits, rate_per_minute, daily_cap, included_credits, overage_allowed,
                              request_id, credential_kind, credential_id, route, n)
),
-- Confirmations of earlier requests' charges ride along (see CONFIRM). SKIP LOCKED: a marker locked by
-- someone else is being swept (it expired), never refunded (a confirmed request did not fail), so skipping it
-- loses nothing, and this statement never waits on a marker while holding counters rows.
confirmed AS (
  DELETE FROM billing_pending_charges
   WHERE ledger_id IN (SELECT ledger_id FROM billing_pending_charges WHERE ledger_id = ANY($12::bigint[])
                          FOR UPDATE SKIP LOCKED)
),
locked AS MATERIALIZED (
  SELECT c.* FROM billing_counters c WHERE c.account_id = ANY($1::uuid[]) ORDER BY c.account_id FOR UPDATE
),
clock AS MATERIALIZED (
  SELECT l.*, p.credits, p.rate_per_minute, p.daily_cap, p.included_credits, p.overage_allowed, p.request_id,
         p.credential_kind, p.credential_id, p.route, t.now, (t.now AT TIME ZONE 'UTC')::date AS today,
         date_trunc('month', t.now AT TIME ZONE 'UTC')::date AS this_period
    FROM locked l
    JOIN params p ON p.account_id = l.account_id
   CROSS JOIN LATERAL (
     SELECT greatest(clock_timestamp(), l.recent_admissions[cardinality(l.recent_admissions)]) AS now
   ) t
),
current AS MATERIALIZED (
  SELECT k.account_id, k.now, k.today, k.this_period, k.recent_admissions, k.bonus_reserved,
         k.credits, k.rate_per_minute, k.daily_cap, k.included_credits, k.overage_allowed, k.request_id,
         k.credential_kind, k.credential_id, k.route,
         bonus_available(k.bonus_expires_at, k.bonus_remaining, k.now) - k.bonus_reserved AS bonus_unreserved,
         k.recent_admissions[cardinality(k.recent_admissions) - k.rate_per_minute + 1] AS nth_latest,
         CASE WHEN k.usage_day = k.today THEN k.day_used ELSE 0 END AS day_used,
         CASE WHEN k.usage_day = k.today THEN k.day_reserved ELSE 0 END AS day_reserved,
         CASE WHEN k.period_start = k.this_period THEN k.included_used ELSE 0 END AS included_used,
         CASE WHEN k.period_start = k.this_period THEN k.included_reserved ELSE 0 END AS included_reserved,
         CASE WHEN k.period_start = k.this_period THEN k.overage_used ELSE 0 END AS overage_used
    FROM clock k
),
decision AS MATERIALIZED (
  SELECT cur.*, split.bonus_part, split.included_part,
         CASE
           WHEN split.bonus_part + split.included_part < cur.credits AND NOT cur.overage_allowed THEN 'credits_exhausted'
           WHEN cur.daily_cap IS NOT NULL AND cur.day_used + cur.day_reserved + cur.credits > cur.daily_cap
             THEN 'daily_cap_reached'
           WHEN cur.nth_latest > cur.now - interval '60 seconds' THEN 'rate_limited'
         END AS refusal
    FROM current cur
   CROSS JOIN LATERAL (
     SELECT least(cur.credits::bigint, greatest(cur.bonus_unreserved, 0)) AS bonus_part
   ) bonus
   CROSS JOIN LATERAL (
     SELECT bonus.bonus_part,
            least(cur.credits - bonus.bonus_part,
                  greatest(cur.included_credits - cur.included_used - cur.included_reserved, 0)) AS included_part
   ) split
),
outcome AS MATERIALIZED (
  SELECT d.*, m.mode,
         CASE WHEN d.refusal IS NULL
              THEN (d.recent_admissions || d.now)[cardinality(d.recent_admissions) + 2 - d.rate_per_minute:]
              ELSE d.recent_admissions END AS admissions_after,
         d.day_used + CASE WHEN m.mode = 'charge' THEN d.credits ELSE 0 END AS day_used_after,
         d.day_reserved + CASE WHEN m.mode = 'reserve' THEN d.credits ELSE 0 END AS day_reserved_after,
         d.included_used + CASE WHEN m.mode = 'charge' THEN d.included_part ELSE 0 END AS included_used_after,
         d.included_reserved + CASE WHEN m.mode = 'reserve' THEN d.included_part ELSE 0 END AS included_reserved_after,
         d.overage_used + CASE WHEN m.mode = 'charge' THEN d.credits - d.included_part ELSE 0 END AS overage_used_after,
         d.bonus_reserved + CASE WHEN m.mode = 'reserve' THEN d.bonus_part ELSE 0 END AS bonus_reserved_after
    FROM decision d
   CROSS JOIN LATERAL (
     SELECT CASE WHEN d.refusal IS NOT NULL OR d.credits = 0 THEN NULL
                 WHEN d.bonus_part > 0 THEN 'reserve'
                 ELSE 'charge' END AS mode
   ) m
),
admitted AS (
  UPDATE billing_counters c
     SET recent_admissions = o.admissions_after,
         usage_day = o.today,
         day_used = o.day_used_after,
         day_reserved = o.day_reserved_after,
         period_start = o.this_period,
         included_used = o.included_used_after,
         included_reserved = o.included_reserved_after,
         overage_used = o.overage_used_after,
         bonus_reserved = o.bonus_reserved_after,
         updated_at = o.now
    FROM outcome o
   WHERE c.account_id = o.account_id AND o.refusal IS NULL
),
charge AS (
  INSERT INTO billing_ledger (request_id, account_id, credential_kind, credential_id, route, credits,
                              bonus_credits, included_credits, overage_credits, usage_day, period_start,
                              reserved_at, charged_at)
  SELECT o.request_id, o.account_id, o.credential_kind, o.credential_id, o.route, o.credits,
         0, o.included_part, o.credits - o.included_part, o.today, o.this_period, o.now, o.now
    FROM outcome o
   WHERE o.mode = 'charge'
  RETURNING id, account_id
),
pending AS (
  INSERT INTO billing_pending_charges (ledger_id, account_id, expires_at)
  SELECT ch.id, ch.account_id, o.now + $11::int * interval '1 millisecond'
    FROM charge ch JOIN outcome o ON o.account_id = ch.account_id
),
reservation AS (
  INSERT INTO billing_reservations (account_id, request_id, credential_kind, credential_id, route, credits,
                                    bonus_credits, included_credits, overage_credits, usage_day, period_start,
                                    reserved_at, expires_at)
  SELECT o.account_id, o.request_id, o.credential_kind, o.credential_id, o.route, o.credits,
         o.bonus_part, o.included_part, o.credits - o.bonus_part - o.included_part, o.today, o.this_period, o.now,
         o.now + $11::int * interval '1 millisecond'
    FROM outcome o
   WHERE o.mode = 'reserve'
  RETURNING id, account_id
),
-- A statement that stores a charge, a reservation or a confirmation waits for its WAL flush; one that only
-- refuses or logs free admissions does not (as before batching: a flood of refusals costs no flushes).
durability AS MATERIALIZED (
  SELECT set_config('synchronous_commit',
                    CASE WHEN cardinality($12::bigint[]) > 0 OR EXISTS (SELECT FROM outcome WHERE mode IS NOT NULL)
                         THEN 'on' ELSE 'off' END, true) AS synchronous_commit
)
SELECT p.n, o.account_id IS NULL AS missing, o.refusal, ch.id AS charge_id, r.id AS reservation_id, o.now,
       o.nth_latest AS blocking_admission,
       CASE WHEN o.refusal IS NULL THEN o.day_used_after ELSE o.day_used END AS day_used,
       o.day_reserved_after AS day_reserved,
       CASE WHEN o.refusal IS NULL THEN o.included_used_after ELSE o.included_used END AS included_used,
       o.included_reserved_after AS included_reserved,
       CASE WHEN o.refusal IS NULL THEN o.overage_used_after ELSE o.overage_used END AS overage_used,
       w.minute_count, w.minute_oldest
  FROM params p
  LEFT JOIN outcome o ON o.account_id = p.account_id
  LEFT JOIN charge ch ON ch.account_id = p.account_id
  LEFT JOIN reservation r ON r.account_id = p.account_id
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS minute_count, min(a) AS minute_oldest
      FROM unnest(o.admissions_after) a
     WHERE a > o.now - interval '60 seconds'
  ) w ON true
 CROSS JOIN durability`;

/**
 * Creates the counters rows of accounts metered for the first time (then their admissions are retried), for the
 * accounts that still exist (locked against deletion meanwhile), and returns those accounts: an id missing from
 * the answer is an account deleted while its key was still cached, which must answer 401, not fail the whole
 * batch on the foreign key.
 */
export const ENSURE_COUNTERS_MANY = `
WITH live AS (SELECT id FROM accounts WHERE id = ANY($1::uuid[]) FOR KEY SHARE),
     created AS (INSERT INTO billing_counters (account_id) SELECT id FROM live ON CONFLICT (account_id) DO NOTHING)
SELECT id FROM live`;

/**
 * Confirmation: these requests answered 2xx, so their charges are final. Synchronous (a lost confirmation
 * would let the sweeper refund a served request). Batched by the caller; runs after the responses.
 */
export const CONFIRM = `
DELETE FROM billing_pending_charges
 WHERE ledger_id IN (SELECT ledger_id FROM billing_pending_charges WHERE ledger_id = ANY($1::bigint[])
                        FOR UPDATE SKIP LOCKED)`;

/**
 * Refunds the provisional charges whose markers `pending` (a DELETE on billing_pending_charges the caller
 * supplies) removes: their ledger rows are deleted and their credits leave the counters' used columns (for a
 * day or period the counters have since left, only the ledger row goes). Deleting the marker first makes each
 * refund happen at most once, and never after a confirmation. Counters rows are locked in account order, as
 * the batched admission locks them.
 */
function refundCharges(pending: string): string {
  return `
WITH pending AS (${pending} RETURNING ledger_id),
refunded AS (
  DELETE FROM billing_ledger l WHERE l.id IN (SELECT ledger_id FROM pending)
  RETURNING l.account_id, l.credits, l.included_credits, l.overage_credits, l.usage_day, l.period_start
),
-- Like a release, a refund need not wait for a WAL flush: if lost in a crash, the marker is back after
-- recovery and the sweeper refunds the charge when it expires.
durability AS (SELECT set_config('synchronous_commit', 'off', true)),
locked AS MATERIALIZED (
  SELECT c.account_id FROM billing_counters c
   WHERE c.account_id IN (SELECT account_id FROM refunded) AND EXISTS (SELECT FROM durability)
   ORDER BY c.account_id
     FOR UPDATE
)
UPDATE billing_counters c
   SET day_used = c.day_used - (SELECT coalesce(sum(r.credits), 0) FROM refunded r
                                 WHERE r.account_id = c.account_id AND r.usage_day = c.usage_day),
       included_used = c.included_used - (SELECT coalesce(sum(r.included_credits), 0) FROM refunded r
                                           WHERE r.account_id = c.account_id AND r.period_start = c.period_start),
       overage_used = c.overage_used - (SELECT coalesce(sum(r.overage_credits), 0) FROM refunded r
                                         WHERE r.account_id = c.account_id AND r.period_start = c.period_start)
 WHERE c.account_id IN (SELECT account_id FROM locked)
RETURNING c.account_id, c.day_used, c.day_reserved, c.included_used, c.included_reserved`;
}

/** Refund: the request failed (or its client left) after its admission charged it. */
export const REFUND = refundCharges(`DELETE FROM billing_pending_charges WHERE ledger_id = $1`);

/** Sweep of provisional charges whose process died before confirming or refunding them. */
const SWEEP_PENDING_LOCK_KEY = '7301146238120393';
export const SWEEP_PENDING = refundCharges(`
  DELETE FROM billing_pending_charges
   WHERE ledger_id IN (SELECT ledger_id FROM billing_pending_charges
                        WHERE expires_at < clock_timestamp() AND (SELECT pg_try_advisory_xact_lock(${SWEEP_PENDING_LOCK_KEY}))
                        ORDER BY expires_at
                        LIMIT $1
                          FOR UPDATE SKIP LOCKED)`);

/** Returns the credits of the reservations deleted by `released` (a CTE the caller supplies) to the counters. */
function returnReservedCredits(released: string): string {
  return `
WITH released AS (${released} RETURNING account_id, credits, bonus_credits, included_credits, usage_day, period_start),
-- Like the admission, returning credits need not wait for a WAL flush: if lost in a crash, the reservation
-- is back after recovery and the sweeper returns it when it expires.
durability AS (SELECT set_config('synchronous_commit', 'off', true)),
-- Counters rows locked in account order, as the batched admission locks them: the two never deadlock.
locked AS MATERIALIZED (
  SELECT c.account_id FROM billing_counters c
   WHERE c.account_id IN (SELECT account_id FROM released) AND EXISTS (SELECT FROM durability)
   ORDER BY c.account_id
     FOR UPDATE
)
UPDATE billing_counters c
   SET day_reserved = c.day_reserved - (SELECT coalesce(sum(r.credits), 0) FROM released r
                                         WHERE r.account_id = c.account_id AND r.usage_day = c.usage_day),
       included_reserved = c.included_reserved - (SELECT coalesce(sum(r.included_credits), 0) FROM released r
                                                   WHERE r.account_id = c.account_id AND r.period_start = c.period_start),
       bonus_reserved = c.bonus_reserved - (SELECT coalesce(sum(r.bonus_credits), 0) FROM released r
                                             WHERE r.account_id = c.account_id)
 WHERE c.account_id IN (SELECT account_id FROM locked)
RETURNING c.account_id, c.day_used, c.day_reserved, c.included_used, c.included_reserved`;
}

/** Release: the request failed, so its reservation is deleted and its credits returned. */
export const RELEASE = returnReservedCredits(`DELETE FROM billing_reservations WHERE id = $1`);

/**
 * Sweep: reservations past their expiry belong to a process that died mid-request. One instance at a time
 * (a transaction-scoped advisory lock), in batches, skipping rows a live release or commit holds.
 */
const SWEEP_LOCK_KEY = '7301146238120392';
export const SWEEP = returnReservedCredits(`
  DELETE FROM billing_reservations
   WHERE id IN (SELECT id FROM billing_reservations
                 WHERE expires_at < clock_timestamp() AND (SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK_KEY}))
                 ORDER BY expires_at
                 LIMIT $1
                   FOR UPDATE SKIP LOCKED)`);

/** The hot statements, each run as a server-side function (see database/routines.ts). */
export const ADMIT_ROUTINE: Routine = {
  name: 'billing_admit',
  parameters: ['uuid', 'int', 'int', 'bigint', 'bigint', 'boolean', 'text', 'text', 'text', 'text', 'int'],
  returns: `TABLE (refusal text, reservation_id uuid, now timestamptz, blocking_admission timestamptz, day_used bigint,
                day_reserved bigint, included_used bigint, included_reserved bigint, overage_used bigint,
                minute_count int, minute_oldest timestamptz)`,
  body: ADMIT,
};

export const ADMIT_BATCH_ROUTINE: Routine = {
  name: 'billing_admit_batch',
  parameters: ['uuid[]', 'int[]', 'int[]', 'bigint[]', 'bigint[]', 'boolean[]', 'text[]', 'text[]', 'text[]', 'text[]', 'int', 'bigint[]'],
  returns: `TABLE (n bigint, missing boolean, refusal text, charge_id bigint, reservation_id uuid, now timestamptz,
                blocking_admission timestamptz, day_used bigint, day_reserved bigint, included_used bigint,
                included_reserved bigint, overage_used bigint, minute_count int, minute_oldest timestamptz)`,
  body: ADMIT_BATCH,
};

export const CONFIRM_ROUTINE: Routine = { name: 'billing_confirm', parameters: ['bigint[]'], returns: null, body: CONFIRM };

const SETTLED_COUNTERS = 'day_used bigint, day_reserved bigint, included_used bigint, included_reserved bigint';

export const REFUND_ROUTINE: Routine = {
  name: 'billing_refund',
  parameters: ['bigint'],
  returns: `TABLE (account_id uuid, ${SETTLED_COUNTERS})`,
  body: REFUND,
};

export const COMMIT_ROUTINE: Routine = {
  name: 'billing_commit',
  parameters: ['uuid'],
  returns: `TABLE (${SETTLED_COUNTERS})`,
  body: COMMIT,
};

export const RELEASE_ROUTINE: Routine = {
  name: 'billing_release',
  parameters: ['uuid'],
  returns: `TABLE (account_id uuid, ${SETTLED_COUNTERS})`,
  body: RELEASE,
};

export const METERING_ROUTINES: readonly Routine[] = [
  ADMIT_ROUTINE,
  ADMIT_BATCH_ROUTINE,
  CONFIRM_ROUTINE,
  REFUND_ROUTINE,
  COMMIT_ROUTINE,
  RELEASE_ROUTINE,
];
