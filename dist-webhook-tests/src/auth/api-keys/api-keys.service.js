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
var ApiKeysService_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiKeysService = exports.MAX_ROTATION_OVERLAP_SECONDS = exports.DEFAULT_ROTATION_OVERLAP_SECONDS = void 0;
exports.cliActor = cliActor;
const common_1 = require("@nestjs/common");
const node_os_1 = require("node:os");
const api_exception_1 = require("../../common/http/api.exception");
const uuid_1 = require("../../common/validation/uuid");
const app_config_1 = require("../../config/app-config");
const auth_errors_1 = require("../auth.errors");
const api_key_format_1 = require("./api-key-format");
const api_keys_repository_1 = require("./api-keys.repository");
const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_CACHED_KEYS = 10_000;
/** How long a rotated key keeps working when the caller does not say: a day, time enough for any deploy. */
exports.DEFAULT_ROTATION_OVERLAP_SECONDS = 86_400;
/** The longest overlap: a leaked key being rotated must not stay valid for long. */
exports.MAX_ROTATION_OVERLAP_SECONDS = 7 * 86_400;
/** Changes made from the command line: no HTTP request, the operating-system user as the credential. */
function cliActor() {
    let user = null;
    try {
        user = (0, node_os_1.userInfo)().username;
    }
    catch {
        // A container user without a passwd entry: the change is still audited, as an anonymous CLI user.
    }
    return { kind: 'cli', credentialId: user, accountId: null, ip: null, userAgent: 'crawlora-cli', requestId: null };
}
function notFound(keyId) {
    return new api_exception_1.ApiException(common_1.HttpStatus.NOT_FOUND, `No API key with id ${keyId}`);
}
let ApiKeysService = ApiKeysService_1 = class ApiKeysService {
    constructor(repository, config) {
        this.repository = repository;
        this.config = config;
        this.logger = new common_1.Logger(ApiKeysService_1.name);
        /** Positive verifications by key hash, each kept at most `apiKeyCacheTtlMs`: the bound on revocation delay. */
        this.verified = new Map();
        /** When this instance last recorded each key's use, so last_used_at costs at most a write a minute a key. */
        this.lastTouched = new Map();
    }
    /**
     * Issues a key for the account, unless it already has the maximum number of live keys (409). The count and
     * the insert run under a lock on the account row, so concurrent creates on any instance cannot overshoot.
     */
    async create(accountId, options = {}, actor = cliActor()) {
        this.assertFuture(options.expiresAt);
        const generated = (0, api_key_format_1.generateApiKey)();
        const record = await this.repository.transaction(async (tx) => {
            if (!(0, uuid_1.isUuid)(accountId) || !(await tx.lockAccount(accountId))) {
                throw new api_exception_1.ApiException(common_1.HttpStatus.NOT_FOUND, `No account with id ${accountId}`);
            }
            const limit = this.config.auth.maxLiveApiKeysPerAccount;
            const live = await tx.countLiveKeys(accountId);
            if (live >= limit) {
                throw new api_exception_1.ApiException(common_1.HttpStatus.CONFLICT, `API key limit reached: an account may hold ${limit} live keys; revoke one first`, { reason: 'api_key_limit_reached', limit, live });
            }
            const created = await tx.insertKey({
                accountId,
                name: options.name ?? 'default',
                hash: generated.hash,
                displayPrefix: generated.displayPrefix,
                expiresAt: options.expiresAt ?? null,
            });
            await tx.recordEvent(created, 'created', actor, { name: created.name, expires_at: created.expiresAt });
            return created;
        });
        return { key: generated.key, record };
    }
    list(accountId) {
        return this.repository.listByAccount(accountId);
    }
    /**
     * Replaces a key with a new one (same name). The old key keeps working for `overlapSeconds`, then answers
     * 401 rotated_api_key. Without `expiresAt`, the new key gets the old key's lifetime (if it had one) from
     * now. `ownerAccountId` limits the change to that account's keys; any other key is "not found".
     */
    async rotate(keyId, options, actor = cliActor(), ownerAccountId) {
        this.assertFuture(options.expiresAt);
        const overlapSeconds = options.overlapSeconds ?? exports.DEFAULT_ROTATION_OVERLAP_SECONDS;
        if (!Number.isInteger(overlapSeconds) || overlapSeconds < 0 || overlapSeconds > exports.MAX_ROTATION_OVERLAP_SECONDS) {
            throw api_exception_1.ApiException.validation('Invalid request body', [
                { field: 'overlap_seconds', message: `overlap_seconds must be an integer from 0 to ${exports.MAX_ROTATION_OVERLAP_SECONDS}` },
            ]);
        }
        const generated = (0, api_key_format_1.generateApiKey)();
        const result = await this.repository.transaction(async (tx) => {
            const old = await this.lockOwnKey(tx, keyId, ownerAccountId);
            this.assertRotatable(old);
            const expiresAt = options.expiresAt !== undefined
                ? options.expiresAt
                : old.expiresAt
                    ? new Date(Date.now() + (old.expiresAt.getTime() - old.createdAt.getTime()))
                    : null;
            const created = await tx.insertKey({
                accountId: old.accountId,
                name: old.name,
                hash: generated.hash,
                displayPrefix: generated.displayPrefix,
                expiresAt,
                rotatedFromId: old.id,
            });
            await tx.markRotated(old.id, overlapSeconds);
            const previous = (await tx.findKey(old.id));
            await tx.recordEvent(previous, 'rotated', actor, {
                rotated_to_id: created.id,
                overlap_seconds: overlapSeconds,
                rotation_ends_at: previous.rotationEndsAt,
            });
            await tx.recordEvent(created, 'created', actor, {
                name: created.name,
                expires_at: created.expiresAt,
                rotated_from_id: old.id,
            });
            return { record: created, previous };
        });
        // This instance sees the change at once; the others within API_KEY_CACHE_TTL_MS.
        this.forget((credential) => credential.keyId === keyId);
        return { key: generated.key, ...result };
    }
    /** Revokes at once (every instance within API_KEY_CACHE_TTL_MS). A repeat keeps the first time, unaudited. */
    async revoke(keyId, actor = cliActor(), ownerAccountId) {
        const revoked = await this.repository.transaction(async (tx) => {
            const key = await this.lockOwnKey(tx, keyId, ownerAccountId);
            if (await tx.revoke(key.id))
                await tx.recordEvent(key, 'revoked', actor);
            return (await tx.findKey(key.id));
        });
        this.forget((credential) => credential.keyId === keyId);
        return revoked;
    }
    auditTrail(filter) {
        return this.repository.listEvents(filter);
    }
    /** Resolves a presented key to its principal, or throws the AuthException that says why not. */
    async authenticate(presented) {
        // Garbage and typos stop here, before any query.
        if (!(0, api_key_format_1.isWellFormedApiKey)(presented))
            throw new auth_errors_1.AuthException(auth_errors_1.AuthFailure.InvalidApiKey);
        const hash = (0, api_key_format_1.hashApiKey)(presented);
        const credential = await this.lookUp(hash);
        if (!credential)
            throw new auth_errors_1.AuthException(auth_errors_1.AuthFailure.InvalidApiKey);
        if (credential.revokedAt)
            throw new auth_errors_1.AuthException(auth_errors_1.AuthFailure.RevokedApiKey);
        const now = Date.now();
        if (credential.expiresAt && credential.expiresAt.getTime() <= now)
            throw new auth_errors_1.AuthException(auth_errors_1.AuthFailure.ExpiredApiKey);
        if (credential.rotationEndsAt && credential.rotationEndsAt.getTime() <= now) {
            throw new auth_errors_1.AuthException(auth_errors_1.AuthFailure.RotatedApiKey);
        }
        this.recordUse(credential.keyId);
        return {
            accountId: credential.accountId,
            plan: credential.plan,
            overageEnabled: credential.overageEnabled,
            credential: { kind: 'api_key', id: credential.keyId },
        };
    }
    assertFuture(expiresAt) {
        if (expiresAt && expiresAt.getTime() <= Date.now()) {
            throw api_exception_1.ApiException.validation('Invalid request body', [{ field: 'expires_at', message: 'expires_at must be in the future' }]);
        }
    }
    /** The locked key; "not found" both for an unknown id and for another account's key (no existence leak). */
    async lockOwnKey(tx, keyId, ownerAccountId) {
        const key = (0, uuid_1.isUuid)(keyId) ? await tx.lockKey(keyId) : null;
        if (!key || (ownerAccountId !== undefined && key.accountId !== ownerAccountId))
            throw notFound(keyId);
        return key;
    }
    assertRotatable(key) {
        if (key.revokedAt) {
            throw new api_exception_1.ApiException(common_1.HttpStatus.CONFLICT, 'A revoked API key cannot be rotated', { reason: 'api_key_revoked' });
        }
        if (key.rotatedAt) {
            throw new api_exception_1.ApiException(common_1.HttpStatus.CONFLICT, 'This API key was already rotated; rotate its replacement instead', {
                reason: 'api_key_rotated',
                rotated_to_id: key.rotatedToId,
            });
        }
        if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) {
            throw new api_exception_1.ApiException(common_1.HttpStatus.CONFLICT, 'An expired API key cannot be rotated; create a new one', {
                reason: 'api_key_expired',
            });
        }
    }
    /** A scan of at most MAX_CACHED_KEYS entries: only on revocation and deletion, never per request. */
    forget(matches) {
        for (const [cacheKey, { credential }] of this.verified) {
            if (matches(credential))
                this.verified.delete(cacheKey);
        }
    }
    async lookUp(hash) {
        const ttl = this.config.auth.apiKeyCacheTtlMs;
        const cacheKey = hash.toString('base64');
        const cached = this.verified.get(cacheKey);
        if (cached && Date.now() - cached.cachedAt < ttl)
            return cached.credential;
        this.verified.delete(cacheKey);
        const credential = await this.repository.findCredentialByHash(hash);
        if (ttl > 0 && credential && !credential.revokedAt) {
            if (this.verified.size >= MAX_CACHED_KEYS)
                this.verified.delete(this.verified.keys().next().value);
            this.verified.set(cacheKey, { credential, cachedAt: Date.now() });
        }
        return credential;
    }
    /** Off the request path: a failed write only delays last_used_at, it never fails the request. */
    recordUse(keyId) {
        const now = Date.now();
        if (now - (this.lastTouched.get(keyId) ?? 0) < LAST_USED_RESOLUTION_MS)
            return;
        if (this.lastTouched.size >= MAX_CACHED_KEYS)
            this.lastTouched.clear();
        this.lastTouched.set(keyId, now);
        this.repository
            .touchLastUsed(keyId)
            .catch((error) => this.logger.warn(`Could not record use of API key ${keyId}: ${String(error)}`));
    }
};
exports.ApiKeysService = ApiKeysService;
exports.ApiKeysService = ApiKeysService = ApiKeysService_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [api_keys_repository_1.ApiKeysRepository,
        app_config_1.AppConfig])
], ApiKeysService);
//# sourceMappingURL=api-keys.service.js.map