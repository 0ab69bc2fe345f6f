import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { Algorithm } from 'jsonwebtoken';
import { BillingConfig, billingConfigFrom } from './billing.config';
import { ConfigValidationError, DEFAULT_EMBEDDED_PG_DIR, EnvironmentVariables, LogLevel, validateEnvironment } from './environment';
import { WebhooksConfig, webhooksConfigFrom } from './webhooks.config';

export interface DatabaseConfig {
  /** Set when an external server is used; undefined means "start the embedded PostgreSQL". */
  readonly url?: string;
  /** defaultDataDir: EMBEDDED_PG_DIR was unset (as root the default may move, see embeddedDataDir). */
  readonly embedded: { readonly dataDir: string; readonly defaultDataDir?: boolean; readonly port: number };
  readonly poolSize: number;
  readonly statementTimeoutMs: number;
  readonly runMigrations: boolean;
  /** Hot standbys for reports; empty = the primary serves every read. */
  readonly replicaUrls: readonly string[];
  readonly replicaMaxLagMs: number;
}

export interface JwksConfig {
  readonly url: string;
  /** No JWKS fetch within this long of the previous attempt, whatever the tokens say. */
  readonly cooldownMs: number;
  /** Keys older than this are refreshed in the background (and still used meanwhile). */
  readonly cacheMaxAgeMs: number;
  readonly timeoutMs: number;
}

export interface JwtConfig {
  /** The HS* secret or the RS/ES/PS public key, matching `algorithms`; undefined with a JWKS. */
  readonly verificationKey?: string;
  /** Set when the keys come from an identity provider's JWKS (JWT_JWKS_URL). */
  readonly jwks?: JwksConfig;
  /** Pinned: a token signed with any other algorithm (or `none`) is refused. */
  readonly algorithms: readonly Algorithm[];
  readonly issuer?: string;
  readonly audience?: string;
  /** The claim naming the account (`sub` unless JWT_ACCOUNT_CLAIM says otherwise). */
  readonly accountClaim: string;
  /** Present only with an HS* secret: what `npm run cli -- jwt:mint` signs with. */
  readonly signingSecret?: string;
}

export interface AuthConfig {
  /** Undefined when none of JWT_SECRET, JWT_PUBLIC_KEY, JWT_JWKS_URL is set: bearer tokens are then always refused. */
  readonly jwt?: JwtConfig;
  readonly apiKeyCacheTtlMs: number;
  readonly maxLiveApiKeysPerAccount: number;
  readonly failuresPerMinute: number;
}

/**
 * HS* with a shared secret, or asymmetric algorithms with a public key or a JWKS; never a mix (algorithm
 * confusion). A JWKS also requires JWT_ISSUER and JWT_AUDIENCE: an identity provider signs tokens for many
 * applications with the same keys, and only `iss` + `aud` say a token was issued for this API.
 */
function jwtConfigFrom(env: EnvironmentVariables): JwtConfig | undefined {
  const sources = (['JWT_SECRET', 'JWT_PUBLIC_KEY', 'JWT_JWKS_URL'] as const).filter((name) => env[name]);
  if (sources.length > 1) throw new ConfigValidationError([`${sources.join(' and ')}: set one, not several`]);
  if (sources.length === 0) return undefined;
  const symmetric = Boolean(env.JWT_SECRET);
  const source = symmetric ? 'JWT_SECRET (HS* only)' : `${sources[0]} (RS*, ES*, PS* only)`;
  const algorithms = (env.JWT_ALGORITHMS?.split(',') ?? (symmetric ? ['HS256'] : ['RS256', 'ES256'])) as Algorithm[];
  const mismatched = algorithms.filter((algorithm) => algorithm.startsWith('HS') !== symmetric);
  if (mismatched.length > 0) {
    throw new ConfigValidationError([`JWT_ALGORITHMS=${env.JWT_ALGORITHMS}: ${mismatched.join(', ')} cannot be used with ${source}`]);
  }
  if (env.JWT_JWKS_URL && (!env.JWT_ISSUER || !env.JWT_AUDIENCE)) {
    throw new ConfigValidationError([
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

export interface ReferralConfig {
  readonly publicBaseUrl: string;
  readonly landingUrl: string;
  /** Signs attribution cookies and keys IP hashes. */
  readonly secret: Buffer;
  /** True when REFERRAL_SECRET was unset and a random one is used: cookies die with the process. */
  readonly secretIsEphemeral: boolean;
  readonly attributionWindowMs: number;
  readonly cookieDomain?: string;
  readonly cookieSecure: boolean;
  readonly clicksPerIpPerMinute: number;
  readonly maxSignupsPerIpPerDay: number;
  readonly extraDisposableDomains: readonly string[];
  readonly qualifyingCredits: number;
  readonly monthlyRewardCap: number;
  readonly rewardCredits: number;
}

function referralConfigFrom(env: EnvironmentVariables): ReferralConfig {
  const publicBaseUrl = env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`;
  return {
    publicBaseUrl,
    landingUrl: env.REFERRAL_LANDING_URL ?? `${publicBaseUrl}/docs`,
    secret: env.REFERRAL_SECRET ? Buffer.from(env.REFERRAL_SECRET, 'utf8') : randomBytes(32),
    secretIsEphemeral: !env.REFERRAL_SECRET,
    attributionWindowMs: env.REFERRAL_ATTRIBUTION_DAYS * 86_400_000,
    cookieDomain: env.REFERRAL_COOKIE_DOMAIN,
    cookieSecure: env.REFERRAL_COOKIE_SECURE ?? publicBaseUrl.startsWith('https://'),
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

/** proxy-addr's named ranges, accepted beside addresses and CIDRs. */
const NAMED_PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY as Fastify takes it: false, or the proxies' addresses/CIDRs. `true` (trust every hop) is refused:
 * any client could then pick its own IP with X-Forwarded-For and escape the failed-authentication limit.
 */
function trustProxyFrom(value: string): false | string {
  if (value === 'false') return false;
  if (value === 'true') {
    throw new ConfigValidationError([
      'TRUST_PROXY=true: trusting X-Forwarded-For from every client lets anyone choose the IP the failed-authentication ' +
        'limit counts. List the load balancers instead, e.g. TRUST_PROXY=10.0.0.0/8 or TRUST_PROXY=loopback',
    ]);
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !NAMED_PROXY_RANGES.includes(entry) && !isAddressOrCidr(entry));
  if (bad.length > 0) {
    throw new ConfigValidationError([
      `TRUST_PROXY=${JSON.stringify(value)}: ${bad.map((entry) => JSON.stringify(entry)).join(', ')} ` +
        `is not an IP address, a CIDR or one of ${NAMED_PROXY_RANGES.join(', ')}`,
    ]);
  }
  return entries.join(',');
}

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/**
 * The service's typed configuration: validated once at boot, then read through these fields only.
 * Injected by class token, so `constructor(private readonly config: AppConfig)` is all a provider needs.
 */
export class AppConfig {
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly shutdownGraceMs: number;
    readonly trustProxy: false | string;
    readonly bodyLimitBytes: number;
    readonly corsOrigins: readonly string[];
  };
  readonly database: DatabaseConfig;
  readonly logLevel: LogLevel;
  readonly logFormat: 'json' | 'text';
  readonly metricsToken?: string;
  readonly swaggerEnabled: boolean;
  readonly demoSeed: boolean;
  readonly auth: AuthConfig;
  readonly referrals: ReferralConfig;
  readonly billing: BillingConfig;
  readonly webhooks: WebhooksConfig;
  /** How often in-memory usage counts (refusals, admissions) are written. */
  readonly usageCounterFlushMs: number;

  constructor(env: EnvironmentVariables) {
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
    this.billing = billingConfigFrom(env);
    this.webhooks = webhooksConfigFrom(env);
    this.usageCounterFlushMs = env.USAGE_COUNTER_FLUSH_MS;
    this.database = {
      url: env.DATABASE_URL,
      embedded: {
        dataDir: resolve(env.EMBEDDED_PG_DIR ?? DEFAULT_EMBEDDED_PG_DIR),
        defaultDataDir: env.EMBEDDED_PG_DIR === undefined,
        port: env.EMBEDDED_PG_PORT,
      },
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
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): AppConfig {
    return new AppConfig(validateEnvironment(env));
  }

  /** A copy with the database pointed at `url`: used once the embedded server is up, and by tests. */
  withDatabaseUrl(url: string): AppConfig {
    return Object.assign(Object.create(AppConfig.prototype) as AppConfig, this, {
      database: { ...this.database, url },
    });
  }
}
