"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.withAppContext = withAppContext;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const app_module_1 = require("../app.module");
const app_config_1 = require("../config/app-config");
const embedded_postgres_1 = require("../database/embedded-postgres");
/**
 * Runs `work` inside the same modules and database as the server, without serving HTTP. With no
 * DATABASE_URL it uses the embedded PostgreSQL: the one `npm start` is running, or its own for the duration.
 */
async function withAppContext(work) {
    // A CLI command is not a service instance: it must not start sending webhooks for its few milliseconds of life.
    const config = app_config_1.AppConfig.fromEnvironment({ ...process.env, WEBHOOK_WORKER_ENABLED: 'false' });
    common_1.Logger.overrideLogger(['fatal', 'error', 'warn']);
    let url = config.database.url ?? (await (0, embedded_postgres_1.findRunningEmbeddedPostgres)(config.database.embedded));
    let embedded;
    if (!url) {
        embedded = await (0, embedded_postgres_1.startEmbeddedPostgres)(config.database.embedded);
        url = embedded.url;
    }
    const app = await core_1.NestFactory.createApplicationContext(app_module_1.AppModule.forRoot(config.withDatabaseUrl(url)), { logger: ['fatal', 'error', 'warn'] });
    try {
        return await work(app);
    }
    finally {
        await app.close();
        await embedded?.stop();
    }
}
//# sourceMappingURL=app-context.js.map