import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryPrepared } from '../database/prepared-query';
import type {
  AdmissionLimits,
  AdmissionRequest,
  AdmissionResult,
  RefusalReason,
  SettledCounters,
} from './metering.types';

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
const ADMIT = `
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
const ENSURE_COUNTERS = `INSERT INTO billing_counters (account_id) VALUES ($1) ON CONFLICT (account_id) DO NOTHING`;

/**
 * Commit: the reservation becomes a ledger row and moves from reserved to used, in one statement. A
 * reservation of a day or period the counters have since left only writes the ledger (the counters'
 * current day and period are unaffected), so counters always equal the ledger sums for their day/period.
 * Returns no row when the reservation is gone (expired and swept): nothing is charged then.
 */
const COMMIT = `
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

/** Returns the credits of the reservations deleted by `released` (a CTE the caller supplies) to the counters. */
function returnReservedCredits(released: string): string {
  return `
WITH released AS (${released} RETURNING account_id, credits, bonus_credits, included_credits, usage_day, period_start),
-- Like the admission, returning credits need not wait for a WAL flush: if lost in a crash, the reservation
-- is back after recovery and the sweeper returns it when it expires.
durability AS (SELECT set_config('synchronous_commit', 'off', true))
UPDATE billing_counters c
   SET day_reserved = c.day_reserved - (SELECT coalesce(sum(r.credits), 0) FROM released r
                                         WHERE r.account_id = c.account_id AND r.usage_day = c.usage_day),
       included_reserved = c.included_reserved - (SELECT coalesce(sum(r.included_credits), 0) FROM released r
                                                   WHERE r.account_id = c.account_id AND r.period_start = c.period_start),
       bonus_reserved = c.bonus_reserved - (SELECT coalesce(sum(r.bonus_credits), 0) FROM released r
                                             WHERE r.account_id = c.account_id)
 WHERE c.account_id IN (SELECT account_id FROM released) AND EXISTS (SELECT FROM durability)
RETURNING c.account_id, c.day_used, c.day_reserved, c.included_used, c.included_reserved`;
}

/** Release: the request failed, so its reservation is deleted and its credits returned. */
const RELEASE = returnReservedCredits(`DELETE FROM billing_reservations WHERE id = $1`);

/**
 * Sweep: reservations past their expiry belong to a process that died mid-request. One instance at a time
 * (a transaction-scoped advisory lock), in batches, skipping rows a live release or commit holds.
 */
const SWEEP_LOCK_KEY = '7301146238120392';
const SWEEP = returnReservedCredits(`
  DELETE FROM billing_reservations
   WHERE id IN (SELECT id FROM billing_reservations
                 WHERE expires_at < clock_timestamp() AND (SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK_KEY}))
                 ORDER BY expires_at
                 LIMIT $1
                   FOR UPDATE SKIP LOCKED)`);

interface AdmissionRow {
  refusal: RefusalReason | null;
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

interface CountersRow {
  day_used: string;
  day_reserved: string;
  included_used: string;
  included_reserved: string;
}

function toSettled(row: CountersRow): SettledCounters {
  return {
    dayUsed: Number(row.day_used),
    dayReserved: Number(row.day_reserved),
    includedUsed: Number(row.included_used),
    includedReserved: Number(row.included_reserved),
  };
}

/**
 * Every statement of the metering hot path. Admit, commit and release run as named prepared statements
 * (planned once per connection: planning the admission costs about as much as executing it). Counters are
 * bigint (strings from pg), far below 2^53.
 */
@Injectable()
export class MeteringRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async admit(request: AdmissionRequest, limits: AdmissionLimits, reservationTtlMs: number): Promise<AdmissionResult> {
    const params = [
      request.accountId,
      request.credits,
      limits.ratePerMinute,
      limits.dailyCap,
      limits.includedCredits,
      limits.overageAllowed,
      request.requestId,
      request.credential.kind,
      request.credential.id,
      request.route,
      reservationTtlMs,
    ];
    let rows = await queryPrepared<AdmissionRow>(this.dataSource, 'billing_admit', ADMIT, params);
    if (rows.length === 0) {
      await this.dataSource.query(ENSURE_COUNTERS, [request.accountId]);
      rows = await queryPrepared<AdmissionRow>(this.dataSource, 'billing_admit', ADMIT, params);
    }
    const [row] = rows;
    if (!row) throw new Error(`no billing counters for account ${request.accountId} after creating them`);
    return {
      refusal: row.refusal,
      reservationId: row.reservation_id,
      blockingAdmission: row.blocking_admission,
      counters: {
        now: row.now,
        dayUsed: Number(row.day_used),
        dayReserved: Number(row.day_reserved),
        includedUsed: Number(row.included_used),
        includedReserved: Number(row.included_reserved),
        overageUsed: Number(row.overage_used),
        minuteCount: row.minute_count,
        minuteOldest: row.minute_oldest,
      },
    };
  }

  /** Null when the reservation no longer exists (it expired and was swept): then nothing was charged. */
  async commit(reservationId: string): Promise<SettledCounters | null> {
    const rows = await queryPrepared<CountersRow>(this.dataSource, 'billing_commit', COMMIT, [reservationId]);
    return rows.length > 0 ? toSettled(rows[0]) : null;
  }

  async release(reservationId: string): Promise<SettledCounters | null> {
    const rows = await queryPrepared<CountersRow>(this.dataSource, 'billing_release', RELEASE, [reservationId]);
    return rows.length > 0 ? toSettled(rows[0]) : null;
  }

  /** Returns the number of accounts whose expired reservations were released. */
  async sweepExpired(batchSize: number): Promise<number> {
    const [rows] = (await this.dataSource.query(SWEEP, [batchSize])) as [CountersRow[], number];
    return rows.length;
  }
}
