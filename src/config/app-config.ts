import { resolve } from 'node:path';
import { EnvironmentVariables, LogLevel, validateEnvironment } from './environment';

export interface DatabaseConfig {
  /** Set when an external server is used; undefined means "start the embedded PostgreSQL". */
  readonly url?: string;
  readonly embedded: { readonly dataDir: string; readonly port: number };
  readonly poolSize: number;
  readonly statementTimeoutMs: number;
  readonly runMigrations: boolean;
}

/**
 * The service's typed configuration: validated once at boot, then read through these fields only.
 * Injected by class token, so `constructor(private readonly config: AppConfig)` is all a provider needs.
 */
export class AppConfig {
  readonly http: { readonly host: string; readonly port: number; readonly shutdownGraceMs: number };
  readonly database: DatabaseConfig;
  readonly logLevel: LogLevel;
  readonly swaggerEnabled: boolean;
  readonly demoSeed: boolean;

  constructor(env: EnvironmentVariables) {
    this.http = { host: env.HOST, port: env.PORT, shutdownGraceMs: env.SHUTDOWN_GRACE_MS };
    this.database = {
      url: env.DATABASE_URL,
      embedded: { dataDir: resolve(env.EMBEDDED_PG_DIR), port: env.EMBEDDED_PG_PORT },
      poolSize: env.DB_POOL_SIZE,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
      runMigrations: env.DB_RUN_MIGRATIONS,
    };
    this.logLevel = env.LOG_LEVEL;
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
