"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.dataSourceOptions = dataSourceOptions;
const schema_1 = require("./schema");
/** The one definition of how we talk to PostgreSQL, shared by the Nest module and the TypeORM CLI. */
function dataSourceOptions(database) {
    return {
        type: 'postgres',
        url: database.url,
        entities: schema_1.ENTITIES,
        migrations: schema_1.MIGRATIONS,
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
//# sourceMappingURL=data-source-options.js.map