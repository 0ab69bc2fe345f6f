"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BonusCredits1764500000000 = void 0;
/**
 * Bonus credits (referral rewards), spent before included credits.
 *
 * The live balance sits in the account's billing_counters row as parallel arrays (expiry, remaining),
 * sorted by expiry: every admission already locks that row, so reserving and spending bonus credits needs no
 * other lock and stays exact under concurrency. credit_grants keeps the history of what was granted and why.
 * Reservations and ledger rows record the bonus part of each charge beside the included and overage parts.
 */
class BonusCredits1764500000000 {
    constructor() {
        this.name = 'BonusCredits1764500000000';
    }
    async up(queryRunner) {
        await queryRunner.query(`
      ALTER TABLE billing_counters
        ADD COLUMN bonus_expires_at timestamptz[] NOT NULL DEFAULT '{}',
        ADD COLUMN bonus_remaining  bigint[] NOT NULL DEFAULT '{}',
        ADD COLUMN bonus_reserved   bigint NOT NULL DEFAULT 0 CHECK (bonus_reserved >= 0),
        ADD CONSTRAINT billing_counters_bonus_pairs CHECK (cardinality(bonus_expires_at) = cardinality(bonus_remaining))`);
        for (const table of ['billing_reservations', 'billing_ledger']) {
            await queryRunner.query(`
        ALTER TABLE ${table}
          ADD COLUMN bonus_credits integer NOT NULL DEFAULT 0 CHECK (bonus_credits >= 0),
          DROP CONSTRAINT ${table}_check,
          ADD CONSTRAINT ${table}_parts CHECK (bonus_credits + included_credits + overage_credits = credits)`);
        }
        // Unexpired bonus credits at `at`.
        await queryRunner.query(`
      CREATE FUNCTION bonus_available(expires timestamptz[], remaining bigint[], at timestamptz) RETURNS bigint
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(sum(r), 0)::bigint FROM unnest(expires, remaining) AS b(e, r) WHERE e > at
      $$`);
        // The balances after spending \`amount\` from the unexpired ones, soonest expiry first (the arrays are
        // sorted by expiry). More than is available spends what there is: a grant can expire under a request.
        await queryRunner.query(`
      CREATE FUNCTION bonus_spend(expires timestamptz[], remaining bigint[], at timestamptz, amount bigint)
      RETURNS bigint[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(CASE WHEN e > at THEN r - least(r, greatest(amount - spent_before, 0)) ELSE r END
                                  ORDER BY n), '{}')
          FROM (SELECT e, r, n,
                       coalesce(sum(CASE WHEN e > at THEN r ELSE 0 END)
                                  OVER (ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS spent_before
                  FROM unnest(expires, remaining) WITH ORDINALITY AS b(e, r, n)) AS balances
      $$`);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP FUNCTION bonus_spend(timestamptz[], bigint[], timestamptz, bigint)`);
        await queryRunner.query(`DROP FUNCTION bonus_available(timestamptz[], bigint[], timestamptz)`);
        for (const table of ['billing_reservations', 'billing_ledger']) {
            await queryRunner.query(`
        ALTER TABLE ${table}
          DROP CONSTRAINT ${table}_parts,
          ADD CONSTRAINT ${table}_check CHECK (included_credits + overage_credits = credits),
          DROP COLUMN bonus_credits`);
        }
        await queryRunner.query(`
      ALTER TABLE billing_counters DROP CONSTRAINT billing_counters_bonus_pairs,
        DROP COLUMN bonus_reserved, DROP COLUMN bonus_remaining, DROP COLUMN bonus_expires_at`);
    }
}
exports.BonusCredits1764500000000 = BonusCredits1764500000000;
//# sourceMappingURL=1764500000000-bonus-credits.js.map