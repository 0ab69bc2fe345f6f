"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiKeyManagement1764760000000 = void 0;
/**
 * Key management over HTTP: rotation with an overlap, and an audit trail of every key change.
 *
 * A rotated key points at nothing; its successor carries `rotated_from_id` (unique: a key is rotated at most
 * once), and the old key's `rotation_ends_at` says until when it still works. The audit trail holds who
 * changed which key, when and from where: never a secret, only ids, the display prefix and request facts.
 */
class ApiKeyManagement1764760000000 {
    constructor() {
        this.name = 'ApiKeyManagement1764760000000';
    }
    async up(queryRunner) {
        await queryRunner.query(`
      ALTER TABLE api_keys
        ADD COLUMN rotated_from_id  uuid REFERENCES api_keys (id) ON DELETE SET NULL,
        ADD COLUMN rotated_at       timestamptz,
        ADD COLUMN rotation_ends_at timestamptz,
        ADD CONSTRAINT api_keys_rotated_from_id_key UNIQUE (rotated_from_id),
        ADD CONSTRAINT api_keys_rotation_complete CHECK ((rotated_at IS NULL) = (rotation_ends_at IS NULL)),
        ADD CONSTRAINT api_keys_rotation_after_rotated CHECK (rotation_ends_at >= rotated_at)`);
        await queryRunner.query(`
      CREATE TABLE api_key_events (
        id                     bigserial PRIMARY KEY,
        occurred_at            timestamptz NOT NULL DEFAULT now(),
        account_id             uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        key_id                 uuid NOT NULL,
        key_display_prefix     text NOT NULL,
        action                 text NOT NULL CHECK (action IN ('created', 'rotated', 'revoked')),
        actor_kind             text NOT NULL CHECK (actor_kind IN ('api_key', 'jwt', 'cli')),
        actor_credential_id    text,
        actor_account_id       uuid,
        ip                     text,
        user_agent             text CHECK (char_length(user_agent) <= 512),
        request_id             text,
        details                jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
        await queryRunner.query(`CREATE INDEX api_key_events_account_idx ON api_key_events (account_id, id)`);
        await queryRunner.query(`CREATE INDEX api_key_events_key_idx ON api_key_events (key_id, id)`);
    }
    async down(queryRunner) {
        await queryRunner.query(`DROP TABLE api_key_events`);
        await queryRunner.query(`
      ALTER TABLE api_keys
        DROP CONSTRAINT api_keys_rotation_after_rotated,
        DROP CONSTRAINT api_keys_rotation_complete,
        DROP CONSTRAINT api_keys_rotated_from_id_key,
        DROP COLUMN rotation_ends_at,
        DROP COLUMN rotated_at,
        DROP COLUMN rotated_from_id`);
    }
}
exports.ApiKeyManagement1764760000000 = ApiKeyManagement1764760000000;
//# sourceMappingURL=1764760000000-api-key-management.js.map