"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Billing1764200000000 = void 0;
/**
 * Metering: one counters row per account (locked by every admission), the reservations of requests in
 * flight, and the append-only ledger of charges. Counters are a cache of ledger + reservations: for the
 * counters' current day and period they must equal the sums of those rows (see docs/billing.md).
 *
 * Days are UTC dates and periods are the first UTC day of the month, both computed from the database clock.
 */
class Billing1764200000000 {
    constructor() {
        this.name = 'Billing1764200000000';
    }
    async up(queryRunner) {
        await queryRunner.query(`
      CREATE TABLE billing_counters (
        account_id        uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        -- Sliding log for the per-minute limit: the latest admission times, ascending, at most the plan's limit.
        recent_admissions timestamptz[] NOT NULL DEFAULT '{}',
        usage_day         date NOT NULL DEFAULT '1970-01-01',
        day_used          bigint NOT NULL DEFAULT 0 CHECK (day_used >= 0),
        day_reserved      bigint NOT NULL DEFAULT 0 CHECK (day_reserved >= 0),
        period_start      date NOT NULL DEFAULT '1970-01-01' CHECK (extract(day FROM period_start) = 1),
        included_used     bigint NOT NULL DEFAULT 0 CHECK (included_used >= 0),
        included_reserved bigint NOT NULL DEFAULT 0 CHECK (included_reserved >= 0),
        overage_used      bigint NOT NULL DEFAULT 0 CHECK (overage_used >= 0),
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
        await queryRunner.query(`
      CREATE TABLE billing_reservations (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id       uuid NOT NULL REFERENCES billing_counters (account_id) ON DELETE CASCADE,
        request_id       text NOT NULL,
        credential_kind  text NOT NULL CHECK (credential_kind IN ('api_key', 'jwt')),
        credential_id    text NOT NULL,
        route            text NOT NULL,
        credits          integer NOT NULL CHECK (credits > 0),
        included_credits integer NOT NULL CHECK (included_credits >= 0),
        overage_credits  integer NOT NULL CHECK (overage_credits >= 0),
        usage_day        date NOT NULL,
        period_start     date NOT NULL,
        reserved_at      timestamptz NOT NULL,
        -- Past this instant the sweeper returns the credits: the process that reserved them is presumed dead.
        expires_at       timestamptz NOT NULL,
        CHECK (included_credits + overage_credits = credits)
      )`);
        await queryRunner.query(`CREATE INDEX billing_reservations_expires_at_idx ON billing_reservations (expires_at)`);
        await queryRunner.query(`CREATE INDEX billing_reservations_account_idx ON billing_reservations (account_id, usage_day)`);
        await queryRunner.query(`
      CREATE TABLE billing_ledger (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        request_id       text NOT NULL,
        account_id       uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
        credential_kind  text NOT NULL CHECK (credential_kind IN ('api_key', 'jwt')),
        credential_id    text NOT NULL,
        route            text NOT NULL,
        credits          integer NOT NULL CHECK (credits > 0),
        included_credits integer NOT NULL CHECK (included_credits >= 0),
        overage_credits  integer NOT NULL CHECK (overage_credits >= 0),
        usage_day        date NOT NULL,
        period_start     date NOT NULL,
        reserved_at      timestamptz NOT NULL,
        charged_at       timestamptz NOT NULL,
        CHECK (included_credits + overage_credits = credits)
      )`);
        await queryRunner.query(`CREATE INDEX billing_ledger_account_period_idx ON billing_ledger (account_id, period_start, usage_day)`);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP TABLE billing_ledger`);
        await queryRunner.query(`DROP TABLE billing_reservations`);
        await queryRunner.query(`DROP TABLE billing_counters`);
    }
}
exports.Billing1764200000000 = Billing1764200000000;
//# sourceMappingURL=1764200000000-billing.js.map