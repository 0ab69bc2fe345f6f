import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { boundedClientClass, StatementBounds } from './bounded-client';
import { MIGRATIONS } from './schema';

/** The per-transaction bounds every parameterised statement runs under (see bounded-client.ts). */
export function statementBounds(database: Pick<DatabaseConfig, 'statementTimeoutMs'>): StatementBounds {
  return { statementTimeoutMs: database.statementTimeoutMs, idleInTransactionTimeoutMs: database.statementTimeoutMs * 2 };
}

/** Settings of every pool this service opens (the primary's and each replica's). */
export function poolSettings(database: DatabaseConfig): Record<string, unknown> {
  return {
    max: database.poolSize,
    application_name: 'crawlora-api',
    // No startup parameters beyond application_name and no session SET: a transaction-mode pooler
    // (PgBouncer 1.18 refuses unknown startup parameters) must be able to hand any server connection to any
    // transaction. The statement bounds travel with each statement instead, and the hot statements' plans
    // live in server-side functions (migration 1764720000001), not in named prepared statements.
    Client: boundedClientClass(statementBounds(database)),
    // Also a bound on waiting for a free connection, so a request never hangs on an exhausted pool.
    connectionTimeoutMillis: database.statementTimeoutMs,
  };
}

/**
 * Every feature's entity as compiled files (each *.entity.js under dist/src), for the tools that build a DataSource
 * outside Nest, where no feature module registers its own: the TypeORM CLI and the SQL snapshot generator.
 */
export function compiledEntities(): string[] {
  return [join(__dirname, '..', '**', '*.entity.js')];
}

/**
 * The one definition of how we talk to PostgreSQL, shared by the Nest module and the TypeORM CLI. Entities are
 * the caller's: the Nest module loads those its feature modules register (TypeOrmModule.forFeature), the
 * tools every compiled entity (compiledEntities).
 */
export function dataSourceOptions(database: DatabaseConfig & { url: string }, entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  return {
    type: 'postgres',
    url: database.url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: poolSettings(database),
  };
}
