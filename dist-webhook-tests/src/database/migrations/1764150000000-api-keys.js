"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiKeys1764150000000 = void 0;
/**
 * API keys, stored only as their SHA-256 (looked up through the unique index) and a short display prefix:
 * nothing in this table can be turned back into a usable key.
 */
class ApiKeys1764150000000 {
    constructor() {
        this.name = 'ApiKeys1764150000000';
    }
    async up(queryRunner) {
        await queryRunner.query(`
      CREATE TABLE api_keys (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id     uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        name           text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        key_hash       bytea NOT NULL CHECK (octet_length(key_hash) = 32),
        display_prefix text NOT NULL CHECK (char_length(display_prefix) BETWEEN 4 AND 32),
        created_at     timestamptz NOT NULL DEFAULT now(),
        last_used_at   timestamptz,
        expires_at     timestamptz,
        revoked_at     timestamptz,
        CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash),
        CONSTRAINT api_keys_expiry_after_creation CHECK (expires_at > created_at)
      )`);
        await queryRunner.query(`CREATE INDEX api_keys_account_id_idx ON api_keys (account_id, created_at)`);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP TABLE api_keys`);
    }
}
exports.ApiKeys1764150000000 = ApiKeys1764150000000;
//# sourceMappingURL=1764150000000-api-keys.js.map