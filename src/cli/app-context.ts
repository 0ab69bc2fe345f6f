import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from '../database/embedded-postgres';

/**
 * Runs `work` inside the same modules and database as the server, without serving HTTP. With no
 * DATABASE_URL it starts the embedded PostgreSQL, so stop `npm start` first (one process owns a cluster).
 */
export async function withAppContext<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const config = AppConfig.fromEnvironment();
  Logger.overrideLogger(['fatal', 'error', 'warn']);
  const embedded = config.database.url ? undefined : await startEmbeddedPostgres(config.database.embedded);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(embedded ? config.withDatabaseUrl(embedded.url) : config),
    { logger: ['fatal', 'error', 'warn'] },
  );
  try {
    return await work(app);
  } finally {
    await app.close();
    await embedded?.stop();
  }
}
