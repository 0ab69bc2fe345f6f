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
exports.IdempotencyRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
/** A key is remembered this long; an unfinished claim this long before another request may take it over. */
const KEY_LIFETIME = `interval '24 hours'`;
const ABANDONED_AFTER = `interval '5 minutes'`;
let IdempotencyRepository = class IdempotencyRepository {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    /**
     * Claims (account, key) for a request with this fingerprint, atomically: the first request gets 'new',
     * a repeat gets the stored response ('replay'), a concurrent repeat 'in_progress', and a different request
     * under the same key 'mismatch'. Expired and abandoned claims are taken over.
     */
    async claim(accountId, key, route, fingerprint) {
        const claimed = await this.dataSource.query(`INSERT INTO idempotency_keys AS k (account_id, key, route, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, key) DO UPDATE
         SET route = EXCLUDED.route, request_hash = EXCLUDED.request_hash, response_status = NULL,
             response_body = NULL, created_at = now()
         WHERE k.created_at < now() - ${KEY_LIFETIME}
            OR (k.response_status IS NULL AND k.created_at < now() - ${ABANDONED_AFTER})
       RETURNING 1`, [accountId, key, route, fingerprint]);
        if (claimed.length > 0)
            return { kind: 'new' };
        const [existing] = await this.dataSource.query(`SELECT route, request_hash, response_status, response_body FROM idempotency_keys
        WHERE account_id = $1 AND key = $2`, [accountId, key]);
        if (!existing)
            return this.claim(accountId, key, route, fingerprint); // released in between: try again
        if (existing.route !== route || !Buffer.from(existing.request_hash).equals(fingerprint))
            return { kind: 'mismatch' };
        if (existing.response_status === null)
            return { kind: 'in_progress' };
        return { kind: 'replay', status: existing.response_status, body: existing.response_body };
    }
    async complete(accountId, key, status, body) {
        await this.dataSource.query(`UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb WHERE account_id = $1 AND key = $2`, [accountId, key, status, JSON.stringify(body ?? null)]);
    }
    /** A failed request leaves nothing behind: retrying it with the same key runs it again. */
    async release(accountId, key) {
        await this.dataSource.query(`DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2 AND response_status IS NULL`, [accountId, key]);
    }
};
exports.IdempotencyRepository = IdempotencyRepository;
exports.IdempotencyRepository = IdempotencyRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], IdempotencyRepository);
//# sourceMappingURL=idempotency.repository.js.map