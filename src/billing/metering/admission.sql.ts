import { KEY_LOOKUPS, type Routine } from '../../database/routines';

/**
 * Admission of a batch of requests (of distinct accounts) in ONE statement, so each decision and its effects are
 * atomic on any number of instances; and, for a request that spends no bonus credits, its charge as well, so a
 * successful request pays one round trip to the database (this one, shared with every request admitted beside it).
 * The only admission statement: production (AdmissionBatcher) and the time-travel tests run this one.
 *
 * 1. `locked` takes the accounts' counters rows FOR UPDATE, in account order (two batches never deadlock):
 *    concurrent admissions of one account queue here, and each then reads the row as the previous one left it
 *    (READ COMMITTED re-reads a row after waiting). The caller guarantees one request per account per statement
 *    (an UPDATE cannot apply two changes to one row), and queues the others for the next statement.
 * 2. `clock` reads the database clock per row, after every lock is held, and never earlier than the newest
 *    admission the rate limiter logged (billing_rate_log_newest), so its log stays sorted.
 * 3. `current` reads counters of a past UTC day or period as zero (billing_rollover): rollover needs no job.
 * 4. `decision` refuses, most durable reason first: credits_exhausted (until the period ends), then
 *    daily_cap_reached (until 00:00 UTC), then rate_limited (seconds). The rate decision is the limiter's
 *    (rate-limit/rate-limiter.ts): a verdict it made beforehand ($13, one per request), or, where that is null,
 *    the PostgreSQL sliding log decided here (billing_rate_limited, rate-limit/sliding-log.sql.ts).
 * 5. Only when admitted: the row is updated (the sliding log gains this admission when it decided, credits are
 *    counted, included part first and the rest as overage), and, by mode:
 *    - 'charge' (credits > 0, no bonus part): the credits go straight to used (day, included, overage), a
 *      ledger row is written, and a billing_pending_charges row marks the charge provisional until the response
 *      is known. The caller confirms it after a 2xx ($12 of a later admission statement) or refunds it before an
 *      error response (REFUND_CHARGES); a dead process's markers expire and the sweeper refunds them.
 *    - 'reserve' (a bonus part): a reservation, charged (CHARGE_RESERVATION) or returned (RETURN_RESERVATIONS)
 *      after the handler. Bonus balances are spent by expiry when charged; keeping that path avoids un-spending
 *      them on a failure. A reservation expires too, so a crashed process's credits come back.
 *    Nothing is written on a refusal.
 * 6. Rows whose account has no counters row yet come back with `missing`: the caller creates the rows
 *    (ENSURE_COUNTERS) and admits those requests again.
 * 7. `confirmed`: $12 confirms earlier requests' charges (they answered 2xx), so under load confirmations cost no
 *    statement of their own; with an empty batch, this statement is the confirmation alone.
 *
 * Every table is reached by key (`= ANY($1)`, or ids collected first), so the routine's plan, made once per backend
 * (KEY_LOOKUPS), stays a key lookup however empty the tables were when it was made.
 *
 * Every parameter is a bind value with an explicit type. Durability: synchronous when it writes a charge, a
 * reservation or a confirmation (one WAL flush serves the whole batch); asynchronous when it only refuses or
 * logs free admissions: if the database crashes in the next fraction of a second, such an admission is lost
 * atomically (nothing was charged; the rate-limit log forgets a few admissions). See docs/billing.md.
 */
export const ADMIT_BATCH = `
WITH params AS MATERIALIZED (
  SELECT p.*
    FROM unnest($1::uuid[], $2::int[], $3::int[], $4::bigint[], $5::bigint[], $6::boolean[], $7::text[], $8::text[],
                $9::text[], $10::text[], $13::boolean[])
         WITH ORDINALITY AS p(account_id, credits, rate_per_minute, daily_cap, included_credits, overage_allowed,
                              request_id, credential_kind, credential_id, route, rate_allowed, n)
),
-- Confirmations of earlier requests' charges ride along. SKIP LOCKED: a marker locked by someone else is being
-- swept (it expired), never refunded (a confirmed request did not fail), so skipping it loses nothing, and this
-- statement never waits on a marker while holding counters rows. The markers are collected first and deleted by
-- key (= ANY, not a semi-join), so the plan is a key lookup whatever the table held when it was made.
confirmed AS (
  DELETE FROM billing_pending_charges
   WHERE ledger_id = ANY(ARRAY(SELECT ledger_id FROM billing_pending_charges WHERE ledger_id = ANY($12::bigint[])
                                  FOR UPDATE SKIP LOCKED))
),
locked AS MATERIALIZED (
  SELECT c.* FROM billing_counters c WHERE c.account_id = ANY($1::uuid[]) ORDER BY c.account_id FOR UPDATE
),
clock AS MATERIALIZED (
  SELECT l.*, p.credits, p.rate_per_minute, p.daily_cap, p.included_credits, p.overage_allowed, p.request_id,
         p.credential_kind, p.credential_id, p.route, p.rate_allowed, t.now, (t.now AT TIME ZONE 'UTC')::date AS today,
         date_trunc('month', t.now AT TIME ZONE 'UTC')::date AS this_period
    FROM locked l
    JOIN params p ON p.account_id = l.account_id
   CROSS JOIN LATERAL (
     SELECT greatest(clock_timestamp(), billing_rate_log_newest(l.recent_admissions, l.admissions_epoch)) AS now
   ) t
),
current AS MATERIALIZED (
  SELECT k.account_id, k.now, k.today, k.this_period, k.recent_admissions, k.admissions_epoch, k.bonus_reserved,
         k.credits, k.rate_per_minute, k.daily_cap, k.included_credits, k.overage_allowed, k.request_id,
         k.credential_kind, k.credential_id, k.route, k.rate_allowed,
         -- The unexpired bonus credits are summed here, not by a SQL function: one with a FROM clause is never
         -- inlined, and PostgreSQL plans its body again on every execution of the statement that calls it.
         (SELECT coalesce(sum(b.remaining), 0)::bigint
            FROM unnest(k.bonus_expires_at, k.bonus_remaining) AS b(expires_at, remaining)
           WHERE b.expires_at > k.now) - k.bonus_reserved AS bonus_unreserved,
         billing_rollover(k.day_used, k.usage_day, k.today) AS day_used,
         billing_rollover(k.day_reserved, k.usage_day, k.today) AS day_reserved,
         billing_rollover(k.included_used, k.period_start, k.this_period) AS included_used,
         billing_rollover(k.included_reserved, k.period_start, k.this_period) AS included_reserved,
         billing_rollover(k.overage_used, k.period_start, k.this_period) AS overage_used
    FROM clock k
),
decision AS MATERIALIZED (
  SELECT cur.*, split.bonus_part, split.included_part,
         CASE
           WHEN split.bonus_part + split.included_part < cur.credits AND NOT cur.overage_allowed THEN 'credits_exhausted'
           WHEN cur.daily_cap IS NOT NULL AND cur.day_used + cur.day_reserved + cur.credits > cur.daily_cap
             THEN 'daily_cap_reached'
           WHEN coalesce(NOT cur.rate_allowed,
                         billing_rate_limited(cur.recent_admissions, cur.admissions_epoch, cur.rate_per_minute, cur.now))
             THEN 'rate_limited'
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
         coalesce(logged.epoch_after, d.admissions_epoch) AS epoch_after,
         coalesce(logged.log_after, d.recent_admissions) AS admissions_after,
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
   -- The sliding log gains this admission when it decided (not when the limiter's own store did).
   LEFT JOIN LATERAL (
     SELECT * FROM billing_rate_log_admit(d.recent_admissions, d.admissions_epoch, d.now, d.rate_per_minute)
      WHERE d.refusal IS NULL AND d.rate_allowed IS NULL
   ) logged ON true
),
admitted AS (
  UPDATE billing_counters c
     SET recent_admissions = o.admissions_after,
         admissions_epoch = o.epoch_after,
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
   -- = ANY($1) as well as the join: the rows are reached by key whichever join the plan chose.
   WHERE c.account_id = o.account_id AND c.account_id = ANY($1::uuid[]) AND o.refusal IS NULL
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
       billing_rate_blocker(o.recent_admissions, o.admissions_epoch, o.rate_per_minute) AS blocking_admission,
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
  LEFT JOIN LATERAL billing_rate_window(o.admissions_after, o.epoch_after, o.now) w ON true
 CROSS JOIN durability`;

export const ADMIT_BATCH_ROUTINE: Routine = {
  name: 'billing_admit_batch',
  parameters: [
    'uuid[]', 'int[]', 'int[]', 'bigint[]', 'bigint[]', 'boolean[]', 'text[]', 'text[]', 'text[]', 'text[]', 'int',
    'bigint[]', 'boolean[]',
  ],
  returns: `TABLE (n bigint, missing boolean, refusal text, charge_id bigint, reservation_id uuid, now timestamptz,
                blocking_admission timestamptz, day_used bigint, day_reserved bigint, included_used bigint,
                included_reserved bigint, overage_used bigint, minute_count int, minute_oldest timestamptz)`,
  body: ADMIT_BATCH,
  settings: KEY_LOOKUPS,
};

/**
 * Creates the counters rows of accounts metered for the first time (then their admissions are retried), for the
 * accounts that still exist (locked against deletion meanwhile), and returns those accounts: an id missing from
 * the answer is an account deleted while its key was still cached, which must answer 401, not fail the whole
 * batch on the foreign key.
 */
export const ENSURE_COUNTERS = `
WITH live AS (SELECT id FROM accounts WHERE id = ANY($1::uuid[]) FOR KEY SHARE),
     created AS (INSERT INTO billing_counters (account_id) SELECT id FROM live ON CONFLICT (account_id) DO NOTHING)
SELECT id FROM live`;
