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
var JwksKeyProvider_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.JwksKeyProvider = void 0;
const common_1 = require("@nestjs/common");
const jose_1 = require("jose");
const node_crypto_1 = require("node:crypto");
const app_config_1 = require("../../config/app-config");
const metrics_service_1 = require("../../observability/metrics.service");
/** Refused without a network request: the previous JWKS fetch attempt was too recent. */
class JwksCoolingDown extends Error {
    constructor() {
        super('JWKS fetch skipped: the previous attempt was within JWT_JWKS_COOLDOWN_MS');
    }
}
/**
 * The verification key of an admin JWT, from the identity provider's JWKS (JWT_JWKS_URL), for passport-jwt's
 * `secretOrKeyProvider`. jose's createRemoteJWKSet fetches, parses and selects the keys (by `kid`, `alg`,
 * `kty`, `use`); this class adds the policy a paid API needs around it:
 *
 * - **Bounded fetching.** Every fetch goes through `gatedFetch`, which allows at most one attempt per
 *   JWT_JWKS_COOLDOWN_MS, successful or not. jose's own cooldown counts only from the last *successful* fetch,
 *   so with the IdP down every unknown kid would try again; here a flood of forged kids (or a down IdP) costs
 *   at most one request per cooldown, and the tokens that would need a fetch inside it fail closed (401).
 * - **Stale keys keep serving.** jose's cache never expires by itself (`cacheMaxAge: Infinity`: with a finite
 *   age, an unreachable IdP would fail every token once the age passed). Instead, keys older than
 *   JWT_JWKS_CACHE_MAX_AGE_MS are refreshed in the background while still in use, so keys the IdP removed
 *   stop working within that age once it answers, and cached keys keep working while it does not.
 * - **Rotation without restart.** A token whose kid is unknown triggers a refetch (subject to the cooldown).
 * - **Algorithms pinned** before any lookup: a token whose header names another algorithm never costs a fetch.
 */
let JwksKeyProvider = JwksKeyProvider_1 = class JwksKeyProvider {
    constructor(config, metrics) {
        this.metrics = metrics;
        this.logger = new common_1.Logger(JwksKeyProvider_1.name);
        this.lastAttemptAt = Number.NEGATIVE_INFINITY;
        this.lastSuccessAt = Number.NEGATIVE_INFINITY;
        this.jwks = config.auth.jwt?.jwks;
        this.algorithms = new Set(config.auth.jwt?.algorithms ?? []);
        if (this.jwks) {
            this.remote = (0, jose_1.createRemoteJWKSet)(new URL(this.jwks.url), {
                cacheMaxAge: Number.POSITIVE_INFINITY,
                cooldownDuration: this.jwks.cooldownMs,
                timeoutDuration: this.jwks.timeoutMs,
                [jose_1.customFetch]: (url, init) => this.gatedFetch(url, init),
            });
        }
    }
    get enabled() {
        return this.remote !== undefined;
    }
    /** The public key that must have signed `rawToken`; rejects when there is none (the token is then a 401). */
    async keyFor(rawToken) {
        if (!this.remote || !this.jwks)
            throw new Error('JWT_JWKS_URL is not configured');
        const header = (0, jose_1.decodeProtectedHeader)(rawToken);
        if (typeof header.alg !== 'string' || !this.algorithms.has(header.alg)) {
            throw new Error(`JWT algorithm ${String(header.alg)} is not accepted`);
        }
        if (Date.now() - this.lastSuccessAt > this.jwks.cacheMaxAgeMs && !this.remote.reloading && this.remote.jwks()) {
            // Stale but present: refresh for the requests to come, answer this one with what is cached.
            this.remote.reload().catch(() => undefined); // gatedFetch has logged the failure
        }
        const key = await this.remote({ alg: header.alg, kid: header.kid });
        return key instanceof node_crypto_1.KeyObject ? key : node_crypto_1.KeyObject.from(key);
    }
    async gatedFetch(url, init) {
        const now = Date.now();
        if (now - this.lastAttemptAt < this.jwks.cooldownMs) {
            this.metrics.observeJwksFetch('skipped');
            throw new JwksCoolingDown();
        }
        this.lastAttemptAt = now;
        const cached = this.remote?.jwks()?.keys.length ?? 0;
        try {
            const response = await fetch(url, init);
            if (response.status === 200) {
                this.lastSuccessAt = Date.now();
                this.metrics.observeJwksFetch('ok');
            }
            else {
                this.metrics.observeJwksFetch('error');
                this.logger.warn(`JWKS fetch answered HTTP ${response.status}; keeping the ${cached} cached keys`);
            }
            return response;
        }
        catch (error) {
            this.metrics.observeJwksFetch('error');
            this.logger.warn(`JWKS fetch failed (${error instanceof Error ? error.message : String(error)}); keeping the ${cached} cached keys`);
            throw error;
        }
    }
};
exports.JwksKeyProvider = JwksKeyProvider;
exports.JwksKeyProvider = JwksKeyProvider = JwksKeyProvider_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig,
        metrics_service_1.MetricsService])
], JwksKeyProvider);
//# sourceMappingURL=jwks-key-provider.js.map