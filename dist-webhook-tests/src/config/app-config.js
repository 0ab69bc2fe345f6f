"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppConfig = void 0;
const node_crypto_1 = require("node:crypto");
const node_path_1 = require("node:path");
const billing_config_1 = require("../billing/billing.config");
const webhooks_config_1 = require("../webhooks/webhooks.config");
const environment_1 = require("./environment");
/**
 * HS* with a shared secret, or asymmetric algorithms with a public key or a JWKS; never a mix (algorithm
 * confusion). A JWKS also requires JWT_ISSUER and JWT_AUDIENCE: an identity provider signs tokens for many
 * applications with the same keys, and only `iss` + `aud` say a token was issued for this API.
 */
function jwtConfigFrom(env) {
    const sources = ['JWT_SECRET', 'JWT_PUBLIC_KEY', 'JWT_JWKS_URL'].filter((name) => env[name]);
    if (sources.length > 1)
        throw new environment_1.ConfigValidationError([`${sources.join(' and ')}: set one, not several`]);
    if (sources.length === 0)
        return undefined;
    const symmetric = Boolean(env.JWT_SECRET);
    const source = symmetric ? 'JWT_SECRET (HS* only)' : `${sources[0]} (RS*, ES*, PS* only)`;
    const algorithms = (env.JWT_ALGORITHMS?.split(',') ?? (symmetric ? ['HS256'] : ['RS256', 'ES256']));
    const mismatched = algorithms.filter((algorithm) => algorithm.startsWith('HS') !== symmetric);
    if (mismatched.length > 0) {
        throw new environment_1.ConfigValidationError([`JWT_ALGORITHMS=${env.JWT_ALGORITHMS}: ${mismatched.join(', ')} cannot be used with ${source}`]);
    }
    if (env.JWT_JWKS_URL && (!env.JWT_ISSUER || !env.JWT_AUDIENCE)) {
        throw new environment_1.ConfigValidationError([
            'JWT_JWKS_URL needs JWT_ISSUER and JWT_AUDIENCE: without them any token the identity provider signs for any application would be accepted',
        ]);
    }
    return {
        // A PEM squeezed into one env line carries literal "\n"s; the secret is taken byte for byte.
        verificationKey: env.JWT_SECRET ?? env.JWT_PUBLIC_KEY?.replace(/\\n/g, '\n'),
        jwks: env.JWT_JWKS_URL
            ? {
                url: env.JWT_JWKS_URL,
                cooldownMs: env.JWT_JWKS_COOLDOWN_MS,
                cacheMaxAgeMs: env.JWT_JWKS_CACHE_MAX_AGE_MS,
                timeoutMs: env.JWT_JWKS_TIMEOUT_MS,
            }
            : undefined,
        algorithms,
        issuer: env.JWT_ISSUER,
        audience: env.JWT_AUDIENCE,
        accountClaim: env.JWT_ACCOUNT_CLAIM,
        signingSecret: env.JWT_SECRET,
    };
}
function referralConfigFrom(env) {
    return {
        publicBaseUrl: env.PUBLIC_BASE_URL,
        landingUrl: env.REFERRAL_LANDING_URL,
        secret: env.REFERRAL_SECRET ? Buffer.from(env.REFERRAL_SECRET, 'utf8') : (0, node_crypto_1.randomBytes)(32),
        secretIsEphemeral: !env.REFERRAL_SECRET,
        attributionWindowMs: env.REFERRAL_ATTRIBUTION_DAYS * 86_400_000,
        cookieDomain: env.REFERRAL_COOKIE_DOMAIN,
        cookieSecure: env.REFERRAL_COOKIE_SECURE ?? env.PUBLIC_BASE_URL.startsWith('https://'),
        clicksPerIpPerMinute: env.REFERRAL_CLICKS_PER_IP_PER_MINUTE,
        maxSignupsPerIpPerDay: env.REFERRAL_MAX_SIGNUPS_PER_IP_PER_DAY,
        extraDisposableDomains: (env.REFERRAL_DISPOSABLE_DOMAINS ?? '')
            .split(',')
            .map((domain) => domain.trim().toLowerCase())
            .filter(Boolean),
        qualifyingCredits: env.REFERRAL_QUALIFYING_CREDITS,
        monthlyRewardCap: env.REFERRAL_MONTHLY_REWARD_CAP,
        rewardCredits: env.REFERRAL_REWARD_CREDITS,
    };
}
/** TRUST_PROXY as Fastify takes it: a boolean, or a comma-separated list of proxy addresses/CIDRs. */
function trustProxyFrom(value) {
    return value === 'true' || value === 'false' ? value === 'true' : value;
}
/**
 * The service's typed configuration: validated once at boot, then read through these fields only.
 * Injected by class token, so `constructor(private readonly config: AppConfig)` is all a provider needs.
 */
class AppConfig {
    constructor(env) {
        this.http = {
            host: env.HOST,
            port: env.PORT,
            shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
            trustProxy: trustProxyFrom(env.TRUST_PROXY),
            bodyLimitBytes: env.HTTP_BODY_LIMIT_BYTES,
            corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
        };
        this.auth = {
            jwt: jwtConfigFrom(env),
            apiKeyCacheTtlMs: env.API_KEY_CACHE_TTL_MS,
            maxLiveApiKeysPerAccount: env.API_KEY_MAX_LIVE_PER_ACCOUNT,
            failuresPerMinute: env.AUTH_FAILURES_PER_MINUTE,
        };
        this.referrals = referralConfigFrom(env);
        this.billing = (0, billing_config_1.billingConfigFrom)(env);
        this.webhooks = (0, webhooks_config_1.webhooksConfigFrom)(env);
        this.usageCounterFlushMs = env.USAGE_COUNTER_FLUSH_MS;
        this.database = {
            url: env.DATABASE_URL,
            embedded: { dataDir: (0, node_path_1.resolve)(env.EMBEDDED_PG_DIR), port: env.EMBEDDED_PG_PORT },
            poolSize: env.DB_POOL_SIZE,
            statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
            runMigrations: env.DB_RUN_MIGRATIONS,
            replicaUrls: (env.DATABASE_REPLICA_URLS ?? '').split(',').map((url) => url.trim()).filter(Boolean),
            replicaMaxLagMs: env.DB_REPLICA_MAX_LAG_MS,
        };
        this.logLevel = env.LOG_LEVEL;
        this.logFormat = env.LOG_FORMAT ?? (process.stdout.isTTY ? 'text' : 'json');
        this.metricsToken = env.METRICS_TOKEN;
        this.swaggerEnabled = env.SWAGGER_ENABLED;
        this.demoSeed = env.DEMO_SEED ?? env.DATABASE_URL === undefined;
    }
    /** Reads and validates `process.env` (or the given variables). Throws ConfigValidationError. */
    static fromEnvironment(env = process.env) {
        return new AppConfig((0, environment_1.validateEnvironment)(env));
    }
    /** A copy with the database pointed at `url`: used once the embedded server is up, and by tests. */
    withDatabaseUrl(url) {
        return Object.assign(Object.create(AppConfig.prototype), this, {
            database: { ...this.database, url },
        });
    }
}
exports.AppConfig = AppConfig;
//# sourceMappingURL=app-config.js.map