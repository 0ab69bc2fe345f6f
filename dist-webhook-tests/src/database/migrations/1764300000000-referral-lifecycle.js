"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReferralLifecycle1764300000000 = void 0;
/**
 * What the referral lifecycle records: every account's referral code, hashed visitor and signup IPs,
 * the audit trail of every status change, per-referrer monthly reward counts (where the cap is enforced),
 * the history of bonus credit grants, and stored responses for idempotent POSTs.
 */
class ReferralLifecycle1764300000000 {
    constructor() {
        this.name = 'ReferralLifecycle1764300000000';
    }
    async up(queryRunner) {
        // 8 URL-safe characters from a random UUID: 62^8 codes, collisions refused by the unique index.
        await queryRunner.query(`
      CREATE FUNCTION new_referral_code() RETURNS text LANGUAGE sql VOLATILE AS $$
        SELECT substr(translate(encode(uuid_send(gen_random_uuid()), 'base64'), '+/=', ''), 1, 8)
      $$`);
        await queryRunner.query(`
      ALTER TABLE accounts
        ADD COLUMN referral_code  text NOT NULL DEFAULT new_referral_code()
                                  CHECK (referral_code ~ '^[A-Za-z0-9_-]{4,32}$'),
        ADD COLUMN signup_ip_hash bytea CHECK (octet_length(signup_ip_hash) = 32)`);
        await queryRunner.query(`CREATE UNIQUE INDEX accounts_referral_code_key ON accounts (referral_code)`);
        await queryRunner.query(`
      ALTER TABLE referral_clicks
        ADD COLUMN visitor_hash bytea CHECK (octet_length(visitor_hash) = 32),
        ADD COLUMN ip_hash      bytea CHECK (octet_length(ip_hash) = 32)`);
        // Serves "has this visitor clicked this code in the last 30 minutes" and the per-IP click limit.
        await queryRunner.query(`CREATE INDEX referral_clicks_visitor_idx ON referral_clicks (visitor_hash, referral_code, created_at DESC)`);
        await queryRunner.query(`CREATE INDEX referral_clicks_ip_idx ON referral_clicks (ip_hash, created_at DESC)`);
        await queryRunner.query(`
      ALTER TABLE referrals ADD COLUMN signup_ip_hash bytea CHECK (octet_length(signup_ip_hash) = 32)`);
        await queryRunner.query(`CREATE INDEX referrals_signup_ip_idx ON referrals (signup_ip_hash, signed_up_at) WHERE signup_ip_hash IS NOT NULL`);
        // Keyset pagination of the review list: newest signups first, id as the tie-breaker.
        await queryRunner.query(`CREATE INDEX referrals_listing_idx ON referrals (signed_up_at DESC, id DESC)`);
        await queryRunner.query(`CREATE INDEX referrals_status_listing_idx ON referrals (status, signed_up_at DESC, id DESC)`);
        await queryRunner.query(`
      CREATE TABLE referral_transitions (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        referral_id      uuid NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
        from_status      text,
        to_status        text NOT NULL,
        reason           text,
        actor_kind       text NOT NULL CHECK (actor_kind IN ('system', 'api_key', 'jwt')),
        actor_id         text,
        actor_account_id uuid,
        at               timestamptz NOT NULL DEFAULT now()
      )`);
        await queryRunner.query(`CREATE INDEX referral_transitions_referral_idx ON referral_transitions (referral_id, id)`);
        // One row per referrer and UTC month; the conditional increment on it is what enforces the reward cap.
        await queryRunner.query(`
      CREATE TABLE referral_reward_counts (
        referrer_account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        month               date NOT NULL CHECK (extract(day FROM month) = 1),
        rewarded            integer NOT NULL CHECK (rewarded >= 0),
        PRIMARY KEY (referrer_account_id, month)
      )`);
        // The history of bonus grants and what earned them; the spendable balance lives with billing's counters.
        await queryRunner.query(`
      CREATE TABLE credit_grants (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id  uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        referral_id uuid UNIQUE REFERENCES referrals (id) ON DELETE SET NULL,
        credits     integer NOT NULL CHECK (credits > 0),
        granted_at  timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL CHECK (expires_at > granted_at)
      )`);
        await queryRunner.query(`CREATE INDEX credit_grants_account_idx ON credit_grants (account_id, granted_at)`);
        await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        account_id      uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        key             text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255),
        route           text NOT NULL,
        request_hash    bytea NOT NULL,
        response_status integer,
        response_body   jsonb,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, key)
      )`);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP TABLE idempotency_keys`);
        await queryRunner.query(`DROP TABLE credit_grants`);
        await queryRunner.query(`DROP TABLE referral_reward_counts`);
        await queryRunner.query(`DROP TABLE referral_transitions`);
        await queryRunner.query(`DROP INDEX referrals_status_listing_idx`);
        await queryRunner.query(`DROP INDEX referrals_listing_idx`);
        await queryRunner.query(`DROP INDEX referrals_signup_ip_idx`);
        await queryRunner.query(`ALTER TABLE referrals DROP COLUMN signup_ip_hash`);
        await queryRunner.query(`DROP INDEX referral_clicks_ip_idx`);
        await queryRunner.query(`DROP INDEX referral_clicks_visitor_idx`);
        await queryRunner.query(`ALTER TABLE referral_clicks DROP COLUMN ip_hash, DROP COLUMN visitor_hash`);
        await queryRunner.query(`DROP INDEX accounts_referral_code_key`);
        await queryRunner.query(`ALTER TABLE accounts DROP COLUMN signup_ip_hash, DROP COLUMN referral_code`);
        await queryRunner.query(`DROP FUNCTION new_referral_code()`);
    }
}
exports.ReferralLifecycle1764300000000 = ReferralLifecycle1764300000000;
//# sourceMappingURL=1764300000000-referral-lifecycle.js.map