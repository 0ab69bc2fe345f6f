import { DynamicModule, INestApplicationContext, Logger, Module, Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { DatabaseServer, findRunningEmbeddedPostgres, startEmbeddedPostgres } from '../database/embedded-postgres';
import type { CommandScope } from './commands';

/** Only what a scope's commands use, required when the command runs (module loading is most of a CLI call). */
async function scopeModule(scope: CommandScope, config: AppConfig): Promise<DynamicModule> {
  if (scope === 'app') {
    const { AppModule } = await import('../app.module');
    return AppModule.forRoot(config);
  }
  const providers: Provider[] = [];
  const imports: DynamicModule['imports'] = [];
  if (scope === 'accounts') {
    const [{ AccountsModule }, { ApiKeysRepository }, { ApiKeysService }] = await Promise.all([
      import('../accounts/accounts.module'),
      import('../auth/api-keys/api-keys.repository'),
      import('../auth/api-keys/api-keys.service'),
    ]);
    imports.push(AccountsModule);
    providers.push(ApiKeysRepository, ApiKeysService);
  } else if (scope === 'stats') {
    providers.push((await import('../referrals/stats/referral-stats.repository')).ReferralStatsRepository);
  } else {
    providers.push((await import('../billing/reconciliation.repository')).ReconciliationRepository);
  }
  return { module: CliModule, imports: [ConfigModule.forRoot(config), DatabaseModule, ...imports], providers };
}

/** The CLI's own root module: the configuration, the database (migrated) and one scope's providers. */
@Module({})
class CliModule {}

/**
 * Runs `work` inside the same modules and database as the server, without serving HTTP. With no
 * DATABASE_URL it uses the embedded PostgreSQL: the one `npm start` is running, or its own for the duration.
 */
export async function withAppContext<T>(
  scope: CommandScope,
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  // A CLI command is not a service instance: it must not start sending webhooks for its few milliseconds of life.
  const config = AppConfig.fromEnvironment({ ...process.env, WEBHOOK_WORKER_ENABLED: 'false' });
  Logger.overrideLogger(['fatal', 'error', 'warn']);
  let url = config.database.url ?? (await findRunningEmbeddedPostgres(config.database.embedded));
  let embedded: DatabaseServer | undefined;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.database.embedded);
    url = embedded.url;
  }
  const app = await NestFactory.createApplicationContext(await scopeModule(scope, config.withDatabaseUrl(url)), {
    logger: ['fatal', 'error', 'warn'],
  });
  try {
    return await work(app);
  } finally {
    await app.close();
    await embedded?.stop();
  }
}
