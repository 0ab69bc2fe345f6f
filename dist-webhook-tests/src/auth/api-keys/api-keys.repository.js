"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiKeysRepository = exports.ApiKeysTransaction = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const KEY_COLUMNS = `
  k.id, k.account_id AS "accountId", k.name, k.display_prefix AS "displayPrefix", k.created_at AS "createdAt",
  k.last_used_at AS "lastUsedAt", k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt",
  k.rotated_from_id AS "rotatedFromId", successor.id AS "rotatedToId", k.rotated_at AS "rotatedAt",
  k.rotation_ends_at AS "rotationEndsAt"`;
const FIND_CREDENTIAL_BY_HASH = `
  SELECT k.id AS "keyId", k.account_id AS "accountId", a.plan, a.overage_enabled AS "overageEnabled",
         k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt", k.rotation_ends_at AS "rotationEndsAt"
    FROM api_keys k
    JOIN accounts a ON a.id = k.account_id
   WHERE k.key_hash = $1`;
const FIND_KEY = `
  SELECT ${KEY_COLUMNS}
    FROM api_keys k LEFT JOIN api_keys successor ON successor.rotated_from_id = k.id
   WHERE k.id = $1`;
const LIST_KEYS_OF_ACCOUNT = `
  SELECT ${KEY_COLUMNS}
    FROM api_keys k LEFT JOIN api_keys successor ON successor.rotated_from_id = k.id
   WHERE k.account_id = $1
   ORDER BY k.created_at, k.id`;
/** Serialises key creation per account, so the live-key cap holds under concurrent creates on any instance. */
const LOCK_ACCOUNT_FOR_KEYS = `SELECT id FROM accounts WHERE id = $1 FOR NO KEY UPDATE`;
/** Live: usable now and not on its way out (a key in its rotation overlap has already been replaced). */
const COUNT_LIVE_KEYS = `
  SELECT count(*)::int AS live
    FROM api_keys
   WHERE account_id = $1 AND revoked_at IS NULL AND rotated_at IS NULL AND (expires_at IS NULL OR expires_at > now())`;
const INSERT_KEY = `
  INSERT INTO api_keys (account_id, name, key_hash, display_prefix, expires_at, rotated_from_id)
  VALUES ($1, $2, $3, $4, $5, $6)
  RETURNING id`;
/** Locks the key for a rotation or revocation: two concurrent rotations of one key cannot both succeed. */
const LOCK_KEY = `SELECT id FROM api_keys WHERE id = $1 FOR UPDATE`;
const MARK_ROTATED = `
  UPDATE api_keys SET rotated_at = now(), rotation_ends_at = now() + make_interval(secs => $2)
   WHERE id = $1 AND rotated_at IS NULL AND revoked_at IS NULL
`;
/** Only a first revocation changes anything (and is audited); a repeat keeps the first time. */
const REVOKE_KEY = `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`;
const TOUCH_LAST_USED = `
  UPDATE api_keys SET last_used_at = now()
   WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`;
const INSERT_EVENT = `
  INSERT INTO api_key_events
    (account_id, key_id, key_display_prefix, action, actor_kind, actor_credential_id, actor_account_id, ip,
     user_agent, request_id, details)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)`;
/** Newest first; every filter optional (a NULL parameter matches all), keyset-paginated on the id. */
const LIST_EVENTS = `
  SELECT e.id::text AS id, e.occurred_at AS "occurredAt", e.account_id AS "accountId", e.key_id AS "keyId",
         e.key_display_prefix AS "keyDisplayPrefix", e.action, e.actor_kind, e.actor_credential_id,
         e.actor_account_id, e.ip, e.user_agent, e.request_id, e.details
    FROM api_key_events e
   WHERE ($1::uuid IS NULL OR e.account_id = $1)
     AND ($2::uuid IS NULL OR e.key_id = $2)
     AND ($3::bigint IS NULL OR e.id < $3)
   ORDER BY e.id DESC
   LIMIT $4`;
/** The statements of one key change, sharing its transaction (and its locks). */
class ApiKeysTransaction {
    constructor(manager) {
        this.manager = manager;
    }
    /** False when the account does not exist. */
    async lockAccount(accountId) {
        return (await this.manager.query(LOCK_ACCOUNT_FOR_KEYS, [accountId])).length > 0;
    }
    async countLiveKeys(accountId) {
        return (await this.manager.query(COUNT_LIVE_KEYS, [accountId]))[0].live;
    }
    /** The locked key, or null when there is no key with that id. */
    async lockKey(keyId) {
        if ((await this.manager.query(LOCK_KEY, [keyId])).length === 0)
            return null;
        return this.findKey(keyId);
    }
    async findKey(keyId) {
        return (await this.manager.query(FIND_KEY, [keyId]))[0] ?? null;
    }
    async insertKey(key) {
        const [{ id }] = await this.manager.query(INSERT_KEY, [
            key.accountId,
            key.name,
            key.hash,
            key.displayPrefix,
            key.expiresAt,
            key.rotatedFromId ?? null,
        ]);
        return (await this.findKey(id));
    }
    // TypeORM answers an UPDATE with [rows, affected row count].
    async markRotated(keyId, overlapSeconds) {
        const [, affected] = await this.manager.query(MARK_ROTATED, [keyId, overlapSeconds]);
        return affected > 0;
    }
    async revoke(keyId) {
        const [, affected] = await this.manager.query(REVOKE_KEY, [keyId]);
        return affected > 0;
    }
    async recordEvent(key, action, actor, details = {}) {
        await this.manager.query(INSERT_EVENT, [
            key.accountId,
            key.id,
            key.displayPrefix,
            action,
            actor.kind,
            actor.credentialId,
            actor.accountId,
            actor.ip,
            actor.userAgent,
            actor.requestId,
            JSON.stringify(details),
        ]);
    }
}
exports.ApiKeysTransaction = ApiKeysTransaction;
/** Every query on api_keys and api_key_events. Values are always bind parameters. */
let ApiKeysRepository = class ApiKeysRepository {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    transaction(work) {
        return this.dataSource.transaction((manager) => work(new ApiKeysTransaction(manager)));
    }
    async findCredentialByHash(hash) {
        const rows = await this.dataSource.query(FIND_CREDENTIAL_BY_HASH, [hash]);
        return rows[0] ?? null;
    }
    async findKey(keyId) {
        return (await this.dataSource.query(FIND_KEY, [keyId]))[0] ?? null;
    }
    listByAccount(accountId) {
        return this.dataSource.query(LIST_KEYS_OF_ACCOUNT, [accountId]);
    }
    async listEvents(filter) {
        const rows = await this.dataSource.query(LIST_EVENTS, [
            filter.accountId ?? null,
            filter.keyId ?? null,
            filter.beforeId ?? null,
            filter.limit,
        ]);
        return rows.map((row) => ({
            id: row.id,
            occurredAt: row.occurredAt,
            accountId: row.accountId,
            keyId: row.keyId,
            keyDisplayPrefix: row.keyDisplayPrefix,
            action: row.action,
            actor: {
                kind: row.actor_kind,
                credentialId: row.actor_credential_id,
                accountId: row.actor_account_id,
                ip: row.ip,
                userAgent: row.user_agent,
                requestId: row.request_id,
            },
            details: row.details,
        }));
    }
    /** Records use at most once a minute per key, whichever instance served it (the WHERE makes it idempotent). */
    async touchLastUsed(keyId) {
        await this.dataSource.query(TOUCH_LAST_USED, [keyId]);
    }
};
exports.ApiKeysRepository = ApiKeysRepository;
exports.ApiKeysRepository = ApiKeysRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], ApiKeysRepository);
//# sourceMappingURL=api-keys.repository.js.map