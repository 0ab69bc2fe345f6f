import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  getMetadataStorage,
  validateSync,
} from 'class-validator';

/** Relative to the directory `npm start` runs in (the project). As root it may move: see embeddedDataDir. */
export const DEFAULT_EMBEDDED_PG_DIR = './.data/postgres';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Environment variables treat "true"/"1"/"yes" as true and "false"/"0"/"no" as false; anything else is invalid. */
function toBoolean({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalized)) return true;
  if (['false', '0', 'no'].includes(normalized)) return false;
  return value;
}

/** Unset and empty variables both mean "use the default", so `.env.example` can list every name. */
function toInteger({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  return /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
}

/**
 * Every variable the service reads, with its default. This class is the one place that names them;
 * `.env.example` and the README's configuration table mirror it.
 */
export class EnvironmentVariables {
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** A PostgreSQL URL. When unset, an embedded PostgreSQL is started under EMBEDDED_PG_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Unset: ./.data/postgres, or as root where that is out of the postgres user's reach, /var/lib/crawlora/<project>/postgres. */
  @IsOptional()
  @IsString()
  EMBEDDED_PG_DIR?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  /** Upper bound on any single statement, so a stuck query cannot hold a request (and its socket) forever. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_STATEMENT_TIMEOUT_MS = 5000;

  /**
   * Hot standbys for the read-heavy reports (stats, timeseries, campaigns, referral list/detail), comma-separated
   * postgres:// URLs. Unset: everything reads from DATABASE_URL. Writes, metering and auth never use them.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^,\s]+(,\s*postgres(ql)?:\/\/[^,\s]+)*$/, {
    message: 'DATABASE_REPLICA_URLS must be comma-separated postgres:// or postgresql:// URLs',
  })
  DATABASE_REPLICA_URLS?: string;

  /** A replica whose data may be older than this (measured on the replica) is skipped; the primary serves. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DB_REPLICA_MAX_LAG_MS = 5000;

  /** Apply pending migrations at boot. Turn off when migrations are run as a separate deploy step. */
  @Transform(toBoolean)
  @IsBoolean()
  DB_RUN_MIGRATIONS = true;

  /** Load the demo funnel on an empty database. Defaults to on for the embedded database, off otherwise. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  DEMO_SEED?: boolean;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'log';

  /** `json` (one object per line, for log shippers) or `text`. Unset: text on a terminal, JSON otherwise. */
  @IsOptional()
  @IsIn(['json', 'text'])
  LOG_FORMAT?: 'json' | 'text';

  /** Enables GET /metrics (Prometheus) for `Authorization: Bearer <METRICS_TOKEN>`; unset, /metrics does not exist. */
  @IsOptional()
  @Length(16, 256, { message: 'METRICS_TOKEN must be 16 to 256 characters long' })
  METRICS_TOKEN?: string;

  @Transform(toBoolean)
  @IsBoolean()
  SWAGGER_ENABLED = true;

  /** How long SIGTERM waits for requests in flight before the process exits anyway. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(300_000)
  SHUTDOWN_GRACE_MS = 10_000;

  /** Largest request body accepted; larger ones answer 413. */
  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  @Max(10_485_760)
  HTTP_BODY_LIMIT_BYTES = 65_536;

  /** Origins allowed to call the API from a browser (CORS), comma-separated; unset = none. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,/]+(,\s*https?:\/\/[^\s,/]+)*$/, {
    message: 'CORS_ORIGINS must be comma-separated origins such as https://console.example.com',
  })
  CORS_ORIGINS?: string;

  /** Trust X-Forwarded-For from these proxies only: comma-separated IPs/CIDRs or loopback/linklocal/uniquelocal; `true` is refused. */
  @IsString()
  TRUST_PROXY = 'false';

  /** HS256 secret for admin JWTs (at least 32 characters). */
  @IsOptional()
  @IsString()
  @Length(32, 4096, { message: 'JWT_SECRET must be 32 to 4096 characters long' })
  JWT_SECRET?: string;

  /** PEM public key for RS256/ES256 admin JWTs, issued by an identity provider. */
  @IsOptional()
  @Matches(/-----BEGIN (RSA )?PUBLIC KEY-----/, { message: 'JWT_PUBLIC_KEY must be a PEM public key' })
  JWT_PUBLIC_KEY?: string;

  /** Accepted JWT algorithms, comma-separated. Default: HS256 with JWT_SECRET, RS256 and ES256 with JWT_PUBLIC_KEY. */
  @IsOptional()
  @Matches(/^(HS256|HS384|HS512|RS256|RS384|RS512|ES256|ES384|ES512|PS256|PS384|PS512)(,(HS256|HS384|HS512|RS256|RS384|RS512|ES256|ES384|ES512|PS256|PS384|PS512))*$/, {
    message: 'JWT_ALGORITHMS must be a comma-separated list of HS/RS/ES/PS 256/384/512 ("none" is never accepted)',
  })
  JWT_ALGORITHMS?: string;

  /**
   * JWKS of the identity provider that signs admin JWTs (Keycloak, Auth0, Cognito…), instead of JWT_SECRET or
   * JWT_PUBLIC_KEY. https, or http on a loopback address only (a JWKS fetched in clear could be forged).
   */
  @IsOptional()
  @Matches(/^(https:\/\/[^\s/?#]+|http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?)([/?#]\S*)?$/, {
    message: 'JWT_JWKS_URL must be an https:// URL (http:// only on localhost / 127.0.0.1 / [::1])',
  })
  JWT_JWKS_URL?: string;

  /** After a JWKS fetch (successful or not), no other fetch for this long: bounds the fetches a flood of unknown kids causes. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  JWT_JWKS_COOLDOWN_MS = 30_000;

  /** How long fetched keys count as current; older, they are refreshed in the background while still used. */
  @Transform(toInteger)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  JWT_JWKS_CACHE_MAX_AGE_MS = 600_000;

  /** Upper bound on one JWKS fetch. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(60_000)
  JWT_JWKS_TIMEOUT_MS = 5000;

  /** The claim that holds the Crawlora account id (`sub` by default; an IdP may put it in a custom claim). */
  @IsString()
  @Matches(/^\S{1,200}$/, { message: 'JWT_ACCOUNT_CLAIM must be a claim name of 1 to 200 visible characters' })
  JWT_ACCOUNT_CLAIM = 'sub';

  /** Required `iss` of admin JWTs, when set. */
  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  /** Required `aud` of admin JWTs, when set. */
  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  /** How long a verified API key may be served from the in-process cache: the bound on revocation delay. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(60_000)
  API_KEY_CACHE_TTL_MS = 5000;

  /** Live (usable, not revoked, not rotated) API keys an account may hold; creating one more answers 409. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1_000)
  API_KEY_MAX_LIVE_PER_ACCOUNT = 20;

  /** Failed authentications allowed per client IP in any 60 s; beyond that the IP gets 429 for a while. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100_000)
  AUTH_FAILURES_PER_MINUTE = 30;

  /**
   * Public origin of this service: share links (`<PUBLIC_BASE_URL>/r/<code>`) and the OpenAPI `servers`.
   * Unset: `http://localhost:<PORT>`, so a local start on another port still links to itself.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^/?#]+$/, { message: 'PUBLIC_BASE_URL must be an origin such as https://api.example.com' })
  PUBLIC_BASE_URL?: string;

  /** Where `/r/:code` sends visitors: the signup page. Unset: `<PUBLIC_BASE_URL>/docs`. The only redirect origin. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'REFERRAL_LANDING_URL must be an http(s) URL' })
  REFERRAL_LANDING_URL?: string;

  /** Keys the attribution cookie's signature and the IP/visitor hashes. Unset: random per process (dev only). */
  @IsOptional()
  @Length(32, 4096, { message: 'REFERRAL_SECRET must be 32 to 4096 characters long' })
  REFERRAL_SECRET?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(365)
  REFERRAL_ATTRIBUTION_DAYS = 30;

  /** Domain attribute of the attribution cookie, to share it with the signup site; unset = this host only. */
  @IsOptional()
  @IsString()
  REFERRAL_COOKIE_DOMAIN?: string;

  /** Secure attribute of the cookie. Unset: on when PUBLIC_BASE_URL is https. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  REFERRAL_COOKIE_SECURE?: boolean;

  /** Counted clicks per hashed IP in any 60 s; more are redirected but not counted. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100_000)
  REFERRAL_CLICKS_PER_IP_PER_MINUTE = 20;

  /** Signups from one IP in 24 h above which further referred signups from it are held for review. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100_000)
  REFERRAL_MAX_SIGNUPS_PER_IP_PER_DAY = 3;

  /** Extra disposable email domains (comma-separated), beside the built-in list. */
  @IsOptional()
  @IsString()
  REFERRAL_DISPOSABLE_DOMAINS?: string;

  /** A referral qualifies once its referee has been charged this many credits (or moves to a paying plan). */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  REFERRAL_QUALIFYING_CREDITS = 100;

  /** Rewards a referrer can receive per calendar month (UTC); later qualifications are capped. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(100_000)
  REFERRAL_MONTHLY_REWARD_CAP = 10;

  /** Bonus credits granted to the referrer per rewarded referral. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  REFERRAL_REWARD_CREDITS = 1000;

  /** JSON file overriding plan numbers (format in docs/billing.md); unset = the contract's table as is. */
  @IsOptional()
  @IsString()
  PLAN_OVERRIDES_FILE?: string;

  /** How long a request's reserved credits are held; past it, they are presumed orphaned and returned. */
  @Transform(toInteger)
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  BILLING_RESERVATION_TTL_MS = 120_000;

  /**
   * Encrypts webhook signing secrets at rest (AES-256-GCM): base64 of 32 random bytes (`openssl rand -base64 32`).
   * Unset: a random key kept in `<EMBEDDED_PG_DIR>.webhook-key` (development; every instance must share one key).
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'WEBHOOK_SECRET_KEY must be base64 of exactly 32 bytes (openssl rand -base64 32)' })
  WEBHOOK_SECRET_KEY?: string;

  /** Hosts, IPs or CIDRs webhooks may target although private/loopback, and over http; comma-separated. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.:\-\/\[\]]+(,\s*[A-Za-z0-9.:\-\/\[\]]+)*$/, {
    message: 'WEBHOOK_ALLOWED_HOSTS must be comma-separated host names, IP addresses or CIDR ranges',
  })
  WEBHOOK_ALLOWED_HOSTS?: string;

  /** Run the delivery worker in this instance (any number of instances may). */
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_WORKER_ENABLED = true;

  /** How often an idle worker looks for due deliveries. */
  @Transform(toInteger)
  @IsInt()
  @Min(20)
  @Max(60_000)
  WEBHOOK_POLL_INTERVAL_MS = 1_000;

  /** Upper bound on one delivery attempt: connect, send, and read the (bounded) response. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** How long a claimed attempt is reserved for its worker; past it, a crashed worker's attempt is retried. */
  @Transform(toInteger)
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  WEBHOOK_LEASE_MS = 60_000;

  /** Delay after the first failed attempt; it doubles per attempt (with ±20 % jitter) up to the maximum. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  WEBHOOK_RETRY_BASE_MS = 30_000;

  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  WEBHOOK_RETRY_MAX_DELAY_MS = 21_600_000;

  /** How often refusal and admission counts gathered in memory are written (at most this much is lost on a crash). */
  @Transform(toInteger)
  @IsInt()
  @Min(50)
  @Max(60_000)
  USAGE_COUNTER_FLUSH_MS = 1_000;
}

/** Values of these variables are never echoed in an error message. */
const SECRET_VARIABLE = /SECRET|PASSWORD|TOKEN|_KEY|DATABASE_URL|DATABASE_REPLICA_URLS/;

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Parses and validates the environment; throws a ConfigValidationError naming every bad variable. */
export function validateEnvironment(env: NodeJS.ProcessEnv): EnvironmentVariables {
  const known = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
      .map((metadata) => metadata.propertyName),
  );
  const present = Object.fromEntries(
    [...known].filter((name) => env[name] !== undefined && env[name] !== '').map((name) => [name, env[name]]),
  );
  const parsed = plainToInstance(EnvironmentVariables, present);
  const errors = validateSync(parsed, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigValidationError(
      errors.map(
        (error) =>
          `${error.property}=${SECRET_VARIABLE.test(error.property) ? '(hidden)' : JSON.stringify(error.value)}: ` +
          Object.values(error.constraints ?? {}).join('; '),
      ),
    );
  }
  return parsed;
}
