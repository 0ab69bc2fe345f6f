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
exports.ConfigValidationError = exports.EnvironmentVariables = void 0;
exports.validateEnvironment = validateEnvironment;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
/** Environment variables treat "true"/"1"/"yes" as true and "false"/"0"/"no" as false; anything else is invalid. */
function toBoolean({ value }) {
    if (typeof value !== 'string')
        return value;
    const normalized = value.trim().toLowerCase();
    if (['true', '1', 'yes'].includes(normalized))
        return true;
    if (['false', '0', 'no'].includes(normalized))
        return false;
    return value;
}
/** Unset and empty variables both mean "use the default", so `.env.example` can list every name. */
function toInteger({ value }) {
    if (typeof value !== 'string')
        return value;
    return /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
}
/**
 * Every variable the service reads, with its default. This class is the one place that names them;
 * `.env.example` and the README's configuration table mirror it.
 */
class EnvironmentVariables {
    constructor() {
        this.PORT = 3000;
        this.HOST = '0.0.0.0';
        this.EMBEDDED_PG_DIR = './.data/postgres';
        this.EMBEDDED_PG_PORT = 54329;
        this.DB_POOL_SIZE = 10;
        /** Upper bound on any single statement, so a stuck query cannot hold a request (and its socket) forever. */
        this.DB_STATEMENT_TIMEOUT_MS = 5000;
        /** A replica whose data may be older than this (measured on the replica) is skipped; the primary serves. */
        this.DB_REPLICA_MAX_LAG_MS = 5000;
        /** Apply pending migrations at boot. Turn off when migrations are run as a separate deploy step. */
        this.DB_RUN_MIGRATIONS = true;
        this.LOG_LEVEL = 'log';
        this.SWAGGER_ENABLED = true;
        /** How long SIGTERM waits for requests in flight before the process exits anyway. */
        this.SHUTDOWN_GRACE_MS = 10_000;
        /** Largest request body accepted; larger ones answer 413. */
        this.HTTP_BODY_LIMIT_BYTES = 65_536;
        /** Trust X-Forwarded-For from the load balancer in front: true, or a comma-separated list of proxy IPs/CIDRs. */
        this.TRUST_PROXY = 'false';
        /** After a JWKS fetch (successful or not), no other fetch for this long: bounds the fetches a flood of unknown kids causes. */
        this.JWT_JWKS_COOLDOWN_MS = 30_000;
        /** How long fetched keys count as current; older, they are refreshed in the background while still used. */
        this.JWT_JWKS_CACHE_MAX_AGE_MS = 600_000;
        /** Upper bound on one JWKS fetch. */
        this.JWT_JWKS_TIMEOUT_MS = 5000;
        /** The claim that holds the Crawlora account id (`sub` by default; an IdP may put it in a custom claim). */
        this.JWT_ACCOUNT_CLAIM = 'sub';
        /** How long a verified API key may be served from the in-process cache: the bound on revocation delay. */
        this.API_KEY_CACHE_TTL_MS = 5000;
        /** Live (usable, not revoked, not rotated) API keys an account may hold; creating one more answers 409. */
        this.API_KEY_MAX_LIVE_PER_ACCOUNT = 20;
        /** Failed authentications allowed per client IP in any 60 s; beyond that the IP gets 429 for a while. */
        this.AUTH_FAILURES_PER_MINUTE = 30;
        /** Public origin of this service, used in share links (`<PUBLIC_BASE_URL>/r/<code>`). */
        this.PUBLIC_BASE_URL = 'http://localhost:3000';
        /** Where `/r/:code` sends visitors: the signup page. The only redirect target; anything else is refused. */
        this.REFERRAL_LANDING_URL = 'http://localhost:3000/docs';
        this.REFERRAL_ATTRIBUTION_DAYS = 30;
        /** Counted clicks per hashed IP in any 60 s; more are redirected but not counted. */
        this.REFERRAL_CLICKS_PER_IP_PER_MINUTE = 20;
        /** Signups from one IP in 24 h above which further referred signups from it are held for review. */
        this.REFERRAL_MAX_SIGNUPS_PER_IP_PER_DAY = 3;
        /** A referral qualifies once its referee has been charged this many credits (or moves to a paying plan). */
        this.REFERRAL_QUALIFYING_CREDITS = 100;
        /** Rewards a referrer can receive per calendar month (UTC); later qualifications are capped. */
        this.REFERRAL_MONTHLY_REWARD_CAP = 10;
        /** Bonus credits granted to the referrer per rewarded referral. */
        this.REFERRAL_REWARD_CREDITS = 1000;
        /** How long a request's reserved credits are held; past it, they are presumed orphaned and returned. */
        this.BILLING_RESERVATION_TTL_MS = 120_000;
        /** Run the delivery worker in this instance (any number of instances may). */
        this.WEBHOOK_WORKER_ENABLED = true;
        /** How often an idle worker looks for due deliveries. */
        this.WEBHOOK_POLL_INTERVAL_MS = 1_000;
        /** Upper bound on one delivery attempt: connect, send, and read the (bounded) response. */
        this.WEBHOOK_TIMEOUT_MS = 10_000;
        /** How long a claimed attempt is reserved for its worker; past it, a crashed worker's attempt is retried. */
        this.WEBHOOK_LEASE_MS = 60_000;
        /** Delay after the first failed attempt; it doubles per attempt (with ±20 % jitter) up to the maximum. */
        this.WEBHOOK_RETRY_BASE_MS = 30_000;
        this.WEBHOOK_RETRY_MAX_DELAY_MS = 21_600_000;
        /** How often refusal and admission counts gathered in memory are written (at most this much is lost on a crash). */
        this.USAGE_COUNTER_FLUSH_MS = 1_000;
    }
}
exports.EnvironmentVariables = EnvironmentVariables;
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(65535),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "PORT", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "HOST", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "DATABASE_URL", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "EMBEDDED_PG_DIR", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1024),
    (0, class_validator_1.Max)(65535),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "EMBEDDED_PG_PORT", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(200),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "DB_POOL_SIZE", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(100),
    (0, class_validator_1.Max)(600_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "DB_STATEMENT_TIMEOUT_MS", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(/^postgres(ql)?:\/\/[^,\s]+(,\s*postgres(ql)?:\/\/[^,\s]+)*$/, {
        message: 'DATABASE_REPLICA_URLS must be comma-separated postgres:// or postgresql:// URLs',
    }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "DATABASE_REPLICA_URLS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(100),
    (0, class_validator_1.Max)(3_600_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "DB_REPLICA_MAX_LAG_MS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toBoolean),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "DB_RUN_MIGRATIONS", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Transform)(toBoolean),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], EnvironmentVariables.prototype, "DEMO_SEED", void 0);
__decorate([
    (0, class_validator_1.IsIn)(LOG_LEVELS),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "LOG_LEVEL", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIn)(['json', 'text']),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "LOG_FORMAT", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Length)(16, 256, { message: 'METRICS_TOKEN must be 16 to 256 characters long' }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "METRICS_TOKEN", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toBoolean),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "SWAGGER_ENABLED", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(300_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "SHUTDOWN_GRACE_MS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1024),
    (0, class_validator_1.Max)(10_485_760),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "HTTP_BODY_LIMIT_BYTES", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(/^https?:\/\/[^\s,/]+(,\s*https?:\/\/[^\s,/]+)*$/, {
        message: 'CORS_ORIGINS must be comma-separated origins such as https://console.example.com',
    }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "CORS_ORIGINS", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "TRUST_PROXY", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(32, 4096, { message: 'JWT_SECRET must be 32 to 4096 characters long' }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "JWT_SECRET", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(/-----BEGIN (RSA )?PUBLIC KEY-----/, { message: 'JWT_PUBLIC_KEY must be a PEM public key' }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "JWT_PUBLIC_KEY", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(/^(HS256|HS384|HS512|RS256|RS384|RS512|ES256|ES384|ES512|PS256|PS384|PS512)(,(HS256|HS384|HS512|RS256|RS384|RS512|ES256|ES384|ES512|PS256|PS384|PS512))*$/, {
        message: 'JWT_ALGORITHMS must be a comma-separated list of HS/RS/ES/PS 256/384/512 ("none" is never accepted)',
    }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "JWT_ALGORITHMS", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(/^(https:\/\/[^\s/?#]+|http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?)([/?#]\S*)?$/, {
        message: 'JWT_JWKS_URL must be an https:// URL (http:// only on localhost / 127.0.0.1 / [::1])',
    }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "JWT_JWKS_URL", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(100),
    (0, class_validator_1.Max)(3_600_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "JWT_JWKS_COOLDOWN_MS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1_000),
    (0, class_validator_1.Max)(86_400_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "JWT_JWKS_CACHE_MAX_AGE_MS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(100),
    (0, class_validator_1.Max)(60_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "JWT_JWKS_TIMEOUT_MS", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(/^\S{1,200}$/, { message: 'JWT_ACCOUNT_CLAIM must be a claim name of 1 to 200 visible characters' }),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "JWT_ACCOUNT_CLAIM", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "JWT_ISSUER", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "JWT_AUDIENCE", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(60_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "API_KEY_CACHE_TTL_MS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(1_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "API_KEY_MAX_LIVE_PER_ACCOUNT", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(100_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "AUTH_FAILURES_PER_MINUTE", void 0);
__decorate([
    (0, class_validator_1.Matches)(/^https?:\/\/[^/?#]+$/, { message: 'PUBLIC_BASE_URL must be an origin such as https://api.example.com' }),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "PUBLIC_BASE_URL", void 0);
__decorate([
    (0, class_validator_1.Matches)(/^https?:\/\/[^\s]+$/, { message: 'REFERRAL_LANDING_URL must be an http(s) URL' }),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "REFERRAL_LANDING_URL", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Length)(32, 4096, { message: 'REFERRAL_SECRET must be 32 to 4096 characters long' }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "REFERRAL_SECRET", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(365),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "REFERRAL_ATTRIBUTION_DAYS", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "REFERRAL_COOKIE_DOMAIN", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_transformer_1.Transform)(toBoolean),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], EnvironmentVariables.prototype, "REFERRAL_COOKIE_SECURE", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(100_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "REFERRAL_CLICKS_PER_IP_PER_MINUTE", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(100_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "REFERRAL_MAX_SIGNUPS_PER_IP_PER_DAY", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "REFERRAL_DISPOSABLE_DOMAINS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(100_000_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "REFERRAL_QUALIFYING_CREDITS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(0),
    (0, class_validator_1.Max)(100_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "REFERRAL_MONTHLY_REWARD_CAP", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(100_000_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "REFERRAL_REWARD_CREDITS", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "PLAN_OVERRIDES_FILE", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1_000),
    (0, class_validator_1.Max)(3_600_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "BILLING_RESERVATION_TTL_MS", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(/^[A-Za-z0-9+/]{43}=$/, { message: 'WEBHOOK_SECRET_KEY must be base64 of exactly 32 bytes (openssl rand -base64 32)' }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "WEBHOOK_SECRET_KEY", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(/^[A-Za-z0-9.:\-\/\[\]]+(,\s*[A-Za-z0-9.:\-\/\[\]]+)*$/, {
        message: 'WEBHOOK_ALLOWED_HOSTS must be comma-separated host names, IP addresses or CIDR ranges',
    }),
    __metadata("design:type", String)
], EnvironmentVariables.prototype, "WEBHOOK_ALLOWED_HOSTS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toBoolean),
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "WEBHOOK_WORKER_ENABLED", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(20),
    (0, class_validator_1.Max)(60_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "WEBHOOK_POLL_INTERVAL_MS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(100),
    (0, class_validator_1.Max)(60_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "WEBHOOK_TIMEOUT_MS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1_000),
    (0, class_validator_1.Max)(3_600_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "WEBHOOK_LEASE_MS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(100),
    (0, class_validator_1.Max)(3_600_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "WEBHOOK_RETRY_BASE_MS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(100),
    (0, class_validator_1.Max)(86_400_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "WEBHOOK_RETRY_MAX_DELAY_MS", void 0);
__decorate([
    (0, class_transformer_1.Transform)(toInteger),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(50),
    (0, class_validator_1.Max)(60_000),
    __metadata("design:type", Object)
], EnvironmentVariables.prototype, "USAGE_COUNTER_FLUSH_MS", void 0);
/** Values of these variables are never echoed in an error message. */
const SECRET_VARIABLE = /SECRET|PASSWORD|TOKEN|_KEY|DATABASE_URL|DATABASE_REPLICA_URLS/;
class ConfigValidationError extends Error {
    constructor(problems) {
        super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
        this.problems = problems;
        this.name = 'ConfigValidationError';
    }
}
exports.ConfigValidationError = ConfigValidationError;
/** Parses and validates the environment; throws a ConfigValidationError naming every bad variable. */
function validateEnvironment(env) {
    const known = new Set((0, class_validator_1.getMetadataStorage)()
        .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
        .map((metadata) => metadata.propertyName));
    const present = Object.fromEntries([...known].filter((name) => env[name] !== undefined && env[name] !== '').map((name) => [name, env[name]]));
    const parsed = (0, class_transformer_1.plainToInstance)(EnvironmentVariables, present);
    const errors = (0, class_validator_1.validateSync)(parsed, { forbidUnknownValues: true });
    if (errors.length > 0) {
        throw new ConfigValidationError(errors.map((error) => `${error.property}=${SECRET_VARIABLE.test(error.property) ? '(hidden)' : JSON.stringify(error.value)}: ` +
            Object.values(error.constraints ?? {}).join('; ')));
    }
    return parsed;
}
//# sourceMappingURL=environment.js.map