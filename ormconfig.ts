import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AppConfig } from './src/config/app-config';
import { compiledEntities, dataSourceOptions } from './src/database/data-source-options';
import { embeddedDatabaseUrl, embeddedPasswordFile } from './src/database/embedded-postgres';

/**
 * The DataSource the TypeORM CLI uses (`npm run migration:run|revert|generate`). It targets DATABASE_URL,
 * or, when that is unset, the embedded PostgreSQL that `npm start` runs (start it first).
 */
const { database } = AppConfig.fromEnvironment();

function embeddedUrl(): string {
  const password = readFileSync(embeddedPasswordFile(database.embedded.dataDir), 'utf8').trim();
  return embeddedDatabaseUrl(database.embedded.port, password);
}

// Every feature's entity, for migration:generate's diff (this file runs compiled, as dist/ormconfig.js).
export default new DataSource(dataSourceOptions({ ...database, url: database.url ?? embeddedUrl() }, compiledEntities()));
