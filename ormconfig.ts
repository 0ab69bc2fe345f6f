import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from './src/config/app-config';
import { dataSourceOptions } from './src/database/data-source-options';
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

// Every entity of every feature (compiled: this file runs as dist/ormconfig.js), for migration:generate's diff.
const entities = [join(__dirname, 'src/**/*.entity.js')];

export default new DataSource(dataSourceOptions({ ...database, url: database.url ?? embeddedUrl() }, entities));
