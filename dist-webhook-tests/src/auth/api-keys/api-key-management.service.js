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
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiKeyManagementService = void 0;
exports.actorOf = actorOf;
const common_1 = require("@nestjs/common");
const accounts_service_1 = require("../../accounts/accounts.service");
const rfc3339_1 = require("../../common/time/rfc3339");
const api_key_view_1 = require("./api-key.view");
const api_keys_service_1 = require("./api-keys.service");
const MAX_USER_AGENT_LENGTH = 512;
const DEFAULT_AUDIT_PAGE = 50;
/** RFC 3339 (already validated by the DTO) to a Date; null stays null ("never"), absent stays absent. */
function toDate(value) {
    if (value === undefined || value === null)
        return value;
    return new Date(Number((0, rfc3339_1.parseRfc3339)(value) / 1000n));
}
/** Who is changing a key and from where, as the audit trail records it. */
function actorOf(principal, request) {
    const userAgent = request.headers['user-agent'];
    return {
        kind: principal.credential.kind,
        credentialId: principal.credential.id,
        accountId: principal.accountId,
        ip: request.ip ?? null,
        userAgent: typeof userAgent === 'string' ? userAgent.slice(0, MAX_USER_AGENT_LENGTH) : null,
        requestId: typeof request.id === 'string' ? request.id : null,
    };
}
/**
 * Key management as the HTTP routes offer it (admin for any account, self-service for one's own), on the same
 * ApiKeysService the CLI uses. `owner` scopes a change to one account's keys: another account's key is a 404.
 */
let ApiKeyManagementService = class ApiKeyManagementService {
    constructor(apiKeys, accounts) {
        this.apiKeys = apiKeys;
        this.accounts = accounts;
    }
    async create(accountId, body, actor) {
        const { key, record } = await this.apiKeys.create(accountId, { name: body.name, expiresAt: toDate(body.expires_at) }, actor);
        return { key, ...(0, api_key_view_1.apiKeyView)(record) };
    }
    async list(accountId) {
        await this.accounts.getById(accountId); // 404 for an unknown account, rather than an empty list
        return { items: (await this.apiKeys.list(accountId)).map(api_key_view_1.apiKeyView) };
    }
    async rotate(keyId, body, actor, owner) {
        const { key, record, previous } = await this.apiKeys.rotate(keyId, { overlapSeconds: body.overlap_seconds, expiresAt: toDate(body.expires_at) }, actor, owner);
        return { key, ...(0, api_key_view_1.apiKeyView)(record), previous: (0, api_key_view_1.apiKeyView)(previous) };
    }
    async revoke(keyId, actor, owner) {
        return (0, api_key_view_1.apiKeyView)(await this.apiKeys.revoke(keyId, actor, owner));
    }
    async auditTrail(query) {
        const limit = query.limit ?? DEFAULT_AUDIT_PAGE;
        const events = await this.apiKeys.auditTrail({
            accountId: query.account_id,
            keyId: query.key_id,
            beforeId: query.cursor,
            limit: limit + 1,
        });
        const page = events.slice(0, limit);
        return {
            items: page.map(api_key_view_1.keyChangeEventView),
            next_cursor: events.length > limit ? page[page.length - 1].id : null,
        };
    }
};
exports.ApiKeyManagementService = ApiKeyManagementService;
exports.ApiKeyManagementService = ApiKeyManagementService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [api_keys_service_1.ApiKeysService,
        accounts_service_1.AccountsService])
], ApiKeyManagementService);
//# sourceMappingURL=api-key-management.service.js.map