/**
 * What a dead process left unsettled (crash, kill -9, lost connection): reservations and provisional charges past
 * their expiry. Each sweep runs on one instance at a time ($2: a transaction-scoped advisory lock, lock-keys.ts),
 * takes at most $1 rows, oldest expiry first, skipping rows a live settlement holds, and settles them with the
 * same function a failed request's settlement calls (settlement.sql.ts). One row per account whose credits came
 * back.
 */

/** Returns the credits of expired reservations (RETURN_RESERVATIONS). */
export const SWEEP_EXPIRED_RESERVATIONS = `
SELECT account_id
  FROM billing_return_reservations(ARRAY(
         SELECT id FROM billing_reservations
          WHERE expires_at < clock_timestamp() AND (SELECT pg_try_advisory_xact_lock($2::bigint))
          ORDER BY expires_at
          LIMIT $1
            FOR UPDATE SKIP LOCKED))`;

/** Refunds expired provisional charges: their requests were never confirmed (REFUND_CHARGES). */
export const SWEEP_EXPIRED_CHARGES = `
SELECT account_id
  FROM billing_refund_charges(ARRAY(
         SELECT ledger_id FROM billing_pending_charges
          WHERE expires_at < clock_timestamp() AND (SELECT pg_try_advisory_xact_lock($2::bigint))
          ORDER BY expires_at
          LIMIT $1
            FOR UPDATE SKIP LOCKED))`;
