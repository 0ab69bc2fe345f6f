import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { ENTITIES, MIGRATIONS } from './schema';

/** The one definition of how we talk to PostgreSQL, shared by the Nest module and the TypeORM CLI. */
export function dataSourceOptions(database: DatabaseConfig & { url: string }): DataSourceOptions {
  return {
    type: 'postgres',
    url: database.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: {
      max: database.poolSize,
      application_name: 'crawlora-api',
      // Both bounds keep a request from hanging on the database: a stuck statement, or no free connection.
      statement_timeout: database.statementTimeoutMs,
      connectionTimeoutMillis: database.statementTimeoutMs,
      idle_in_transaction_session_timeout: database.statementTimeoutMs * 2,
      // Every statement here is a short, index-driven lookup whose best plan does not depend on its parameter
      // values. Generic plans let the prepared hot statements (stats, metering) be planned once per
      // connection: re-planning them per call cost 2-4 ms against 0.3-0.7 ms of execution.
      options: '-c plan_cache_mode=force_generic_plan',
    },
  };
}
