"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const common_1 = require("@nestjs/common");
const app_factory_1 = require("./app.factory");
const app_config_1 = require("./config/app-config");
const environment_1 = require("./config/environment");
const embedded_postgres_1 = require("./database/embedded-postgres");
const wait_for_database_1 = require("./database/wait-for-database");
const demo_seed_service_1 = require("./demo/demo-seed.service");
const loggers_1 = require("./observability/loggers");
const logger = new common_1.Logger('Main');
function loadConfig() {
    try {
        return app_config_1.AppConfig.fromEnvironment();
    }
    catch (error) {
        if (error instanceof environment_1.ConfigValidationError) {
            // Plain stderr: the logger is not configured yet, and this message is for whoever set the variables.
            console.error(error.message);
            process.exit(1);
        }
        throw error;
    }
}
async function bootstrap() {
    const config = loadConfig();
    common_1.Logger.overrideLogger((0, loggers_1.createLogger)(config.logFormat, (0, app_factory_1.logLevelsFrom)(config.logLevel)));
    let embedded;
    if (!config.database.url) {
        embedded = await (0, embedded_postgres_1.startEmbeddedPostgres)(config.database.embedded);
    }
    else {
        // An external database may be down at boot: say so on the port (liveness up, readiness 503) and retry.
        const probe = await (0, wait_for_database_1.startBootProbe)(config.http.host, config.http.port);
        try {
            await (0, wait_for_database_1.waitForDatabase)(config.database.url);
        }
        finally {
            await new Promise((resolve) => probe.close(resolve));
        }
    }
    const app = await (0, app_factory_1.createApp)(embedded ? config.withDatabaseUrl(embedded.url) : config);
    const demo = config.demoSeed ? await app.get(demo_seed_service_1.DemoSeedService).seedIfEmpty() : null;
    let shuttingDown = false;
    const shutdown = async (signal) => {
        if (shuttingDown)
            return;
        shuttingDown = true;
        logger.log(`${signal} received: finishing requests in flight (up to ${config.http.shutdownGraceMs} ms)`);
        const deadline = setTimeout(() => {
            logger.error('Shutdown grace period elapsed; exiting with requests still open');
            process.exit(1);
        }, config.http.shutdownGraceMs);
        deadline.unref();
        try {
            // The HTTP server first (stop accepting, drain), then the pool (app.close), then the database.
            await new Promise((resolve) => app.getHttpServer().close(() => resolve()));
            await app.close();
            await embedded?.stop();
            process.exit(0);
        }
        catch (error) {
            logger.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
            process.exit(1);
        }
    };
    process.once('SIGTERM', (signal) => void shutdown(signal));
    process.once('SIGINT', (signal) => void shutdown(signal));
    await app.listen({ port: config.http.port, host: config.http.host });
    logger.log(`Serving on http://localhost:${config.http.port}/api/v1 (Swagger UI: http://localhost:${config.http.port}/docs)`);
    if (demo)
        printDemoKey(demo.adminApiKey, config.http.port);
}
/**
 * Straight to stdout, never through the logger: log lines are shipped and kept, and keys never go there.
 * This is the only time the key is shown; later starts find the database seeded and print nothing.
 */
function printDemoKey(apiKey, port) {
    const rule = '='.repeat(78);
    process.stdout.write([
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
    ].join('\n'));
}
bootstrap().catch((error) => {
    logger.error(`Startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
});
//# sourceMappingURL=main.js.map