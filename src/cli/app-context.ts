import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { DatabaseServer, findRunningEmbeddedPostgres, startEmbeddedPostgres } from '../database/embedded-postgres';

/**
 * Runs `work` inside the same modules and database as the server, without serving HTTP. With no
 * DATABASE_URL it uses the embedded PostgreSQL: the one `npm start` is running, or its own for the duration.
 */
export async function withAppContext<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  // A CLI command is not a service instance: it must not start sending webhooks for its few milliseconds of life.
  const config = AppConfig.fromEnvironment({ ...process.env, WEBHOOK_WORKER_ENABLED: 'false' });
  Logger.overrideLogger(['fatal', 'error', 'warn']);
  let url = config.database.url ?? (await findRunningEmbeddedPostgres(config.database.embedded));
  let embedded: DatabaseServer | undefined;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.database.embedded);
    url = embedded.url;
  }
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config.withDatabaseUrl(url)),
    { logger: ['fatal', 'error', 'warn'] },
  );
  try {
    return await work(app);
  } finally {
    await app.close();
    await embedded?.stop();
  }
}
