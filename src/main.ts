import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp, logLevelsFrom } from './app.factory';
import { closeHttpServer } from './common/http/close-http-server';
import { AppConfig } from './config/app-config';
import { ConfigValidationError } from './config/environment';
import { DatabaseServer, startEmbeddedPostgres } from './database/embedded-postgres';
import { startBootProbe, waitForDatabase } from './database/wait-for-database';
import { DemoSeedService } from './demo/demo-seed.service';
import { createLogger } from './observability/loggers';

const logger = new Logger('Main');

function loadConfig(): AppConfig {
  try {
    return AppConfig.fromEnvironment();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      // Plain stderr: the logger is not configured yet, and this message is for whoever set the variables.
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  Logger.overrideLogger(createLogger(config.logFormat, logLevelsFrom(config.logLevel)));
  let embedded: DatabaseServer | undefined;
  if (!config.database.url) {
    embedded = await startEmbeddedPostgres(config.database.embedded);
  } else {
    // An external database may be down at boot: say so on the port (liveness up, readiness 503) and retry.
    const probe = await startBootProbe(config.http.host, config.http.port);
    try {
      await waitForDatabase(config.database.url);
    } finally {
      await new Promise((resolve) => probe.close(resolve));
    }
  }
  const app = await createApp(embedded ? config.withDatabaseUrl(embedded.url) : config);

  const demo = config.demoSeed ? await app.get(DemoSeedService).seedIfEmpty() : null;

  let shuttingDown = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.log(`${signal} received: finishing requests in flight (up to ${config.http.shutdownGraceMs} ms)`);
    const deadline = setTimeout(() => {
      logger.error('Shutdown grace period elapsed; exiting with requests still open');
      process.exit(1);
    }, config.http.shutdownGraceMs);
    deadline.unref();
    try {
      // The HTTP server first (stop accepting, drain), then the pool (app.close), then the database.
      await closeHttpServer(app.getHttpServer());
      await app.close();
      await embedded?.stop();
      process.exit(0);
    } catch (error) {
      logger.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  };
  // SIGHUP too: closing the terminal (or `tmux kill-session`) must stop the embedded database with the service,
  // not leave it running for the next start to trip over.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, (received) => void shutdown(received));

  await app.listen({ port: config.http.port, host: config.http.host });
  logger.log(`Serving on http://localhost:${config.http.port}/api/v1 (Swagger UI: http://localhost:${config.http.port}/docs)`);
  if (demo) printDemoKey(demo.adminApiKey, config.http.port);
}

/**
 * Straight to stdout, never through the logger: log lines are shipped and kept, and keys never go there.
 * This is the only time the key is shown; later starts find the database seeded and print nothing.
 */
function printDemoKey(apiKey: string, port: number): void {
  const rule = '='.repeat(78);
  process.stdout.write(
    [
      '',
      rule,
      'Demo admin API key (shown once, stored only as a hash; create more with `npm run cli -- keys:create`):',
      '',
      `  ${apiKey}`,
      '',
      'Try it:',
      `  curl -s -H "x-api-key: ${apiKey}" "http://localhost:${port}/api/v1/admin/referrals/stats"`,
      rule,
      '',
    ].join('\n'),
  );
}

bootstrap().catch((error: unknown) => {
  logger.error(`Startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
