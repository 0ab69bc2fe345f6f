import { KEY_LOOKUPS, type Routine } from '../../database/routines';

/**
 * Settlement after the handler: what happens to an admission's credits once the request's outcome is known.
 * A provisional charge (the admission's 'charge' mode) is confirmed after a 2xx, by a later admission statement
 * (ADMIT_BATCH's $12), or refunded after an error (REFUND_CHARGES). A reservation (the 'reserve' mode, which
 * spends bonus credits) is charged after a 2xx (CHARGE_RESERVATION) or returned after an error
 * (RETURN_RESERVATIONS). The sweeps (sweeps.sql.ts) call the same two functions for what a dead process left.
 *
 * Each settles at most once: the marker or reservation row is deleted first, and only what that deletion
 * returned is settled, so a second attempt (a late settle, a sweep) finds nothing.
 *
 * Every table is reached by key: the rows a step works on are collected first (`= ANY(ARRAY(…))`, `= (SELECT …)`)
 * rather than joined, so each routine's plan (made once per backend, see KEY_LOOKUPS) is a key lookup however
 * empty the tables were when it was made.
 */

const SETTLED_COUNTERS = 'day_used bigint, day_reserved bigint, included_used bigint, included_reserved bigint';

/**
 * Charges a reservation: it becomes a ledger row and moves from reserved to used, in one statement. Credits of a
 * day or period the counters have since left only go to the ledger (billing_rollover), so the counters always
 * equal the ledger sums for their own day and period. Returns no row when the reservation is gone (expired and
 * swept): nothing is charged then. Synchronous: a charge is never lost.
 */
export const CHARGE_RESERVATION = `
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
   SET day_used = c.day_used + billing_rollover(s.credits, s.usage_day, c.usage_day),
       day_reserved = c.day_reserved - billing_rollover(s.credits, s.usage_day, c.usage_day),
       included_used = c.included_used + billing_rollover(s.included_credits, s.period_start, c.period_start),
       included_reserved = c.included_reserved - billing_rollover(s.included_credits, s.period_start, c.period_start),
       overage_used = c.overage_used + billing_rollover(s.overage_credits, s.period_start, c.period_start),
       -- Evaluated on the row as the lock found it, so concurrent charges spend the balances one after another.
       bonus_remaining = bonus_spend(c.bonus_expires_at, c.bonus_remaining, clock_timestamp(), s.bonus_credits),
       bonus_reserved = c.bonus_reserved - s.bonus_credits
  FROM settled s
 WHERE c.account_id = s.account_id AND c.account_id = (SELECT account_id FROM settled)
RETURNING c.day_used, c.day_reserved, c.included_used, c.included_reserved`;

export const CHARGE_RESERVATION_ROUTINE: Routine = {
  name: 'billing_charge_reservation',
  parameters: ['uuid'],
  returns: `TABLE (${SETTLED_COUNTERS})`,
  body: CHARGE_RESERVATION,
  settings: KEY_LOOKUPS,
};

/**
 * Returns reservations' credits: the reservations are deleted and their credits leave the counters' reserved
 * columns (for a day or period the counters have since left, nothing there changes). One row per account
 * touched. Run for a failed request (one id) and by the sweep (the expired ones).
 *
 * Asynchronous commit, like the admission: if lost in a crash, the reservation is back after recovery and the
 * sweep returns it when it expires. Counters rows are locked in account order, as the admission locks them, so
 * the two never deadlock.
 */
export const RETURN_RESERVATIONS = `
WITH released AS (
  DELETE FROM billing_reservations WHERE id = ANY($1::uuid[])
  RETURNING account_id, credits, bonus_credits, included_credits, usage_day, period_start
),
durability AS (SELECT set_config('synchronous_commit', 'off', true)),
locked AS MATERIALIZED (
  SELECT c.account_id FROM billing_counters c
   WHERE c.account_id = ANY(ARRAY(SELECT account_id FROM released)) AND EXISTS (SELECT FROM durability)
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
 WHERE c.account_id = ANY(ARRAY(SELECT account_id FROM locked))
RETURNING c.account_id, c.day_used, c.day_reserved, c.included_used, c.included_reserved`;

export const RETURN_RESERVATIONS_ROUTINE: Routine = {
  name: 'billing_return_reservations',
  parameters: ['uuid[]'],
  returns: `TABLE (account_id uuid, ${SETTLED_COUNTERS})`,
  body: RETURN_RESERVATIONS,
  settings: KEY_LOOKUPS,
};

/**
 * Refunds provisional charges (by ledger id): their markers are deleted first (so each refund happens at most
 * once, and never after a confirmation), then their ledger rows, and their credits leave the counters' used
 * columns (for a day or period the counters have since left, only the ledger row goes). One row per account
 * touched. Run for a failed request (one id) and by the sweep (the expired markers).
 *
 * Asynchronous commit, like a reservation's return: if lost in a crash, the marker is back after recovery and
 * the sweep refunds the charge when it expires. Counters rows are locked in account order, as the admission
 * locks them.
 */
export const REFUND_CHARGES = `
WITH pending AS (
  DELETE FROM billing_pending_charges WHERE ledger_id = ANY($1::bigint[]) RETURNING ledger_id
),
refunded AS (
  DELETE FROM billing_ledger l WHERE l.id = ANY(ARRAY(SELECT ledger_id FROM pending))
  RETURNING l.account_id, l.credits, l.included_credits, l.overage_credits, l.usage_day, l.period_start
),
durability AS (SELECT set_config('synchronous_commit', 'off', true)),
locked AS MATERIALIZED (
  SELECT c.account_id FROM billing_counters c
   WHERE c.account_id = ANY(ARRAY(SELECT account_id FROM refunded)) AND EXISTS (SELECT FROM durability)
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
 WHERE c.account_id = ANY(ARRAY(SELECT account_id FROM locked))
RETURNING c.account_id, c.day_used, c.day_reserved, c.included_used, c.included_reserved`;

export const REFUND_CHARGES_ROUTINE: Routine = {
  name: 'billing_refund_charges',
  parameters: ['bigint[]'],
  returns: `TABLE (account_id uuid, ${SETTLED_COUNTERS})`,
  body: REFUND_CHARGES,
  settings: KEY_LOOKUPS,
};
