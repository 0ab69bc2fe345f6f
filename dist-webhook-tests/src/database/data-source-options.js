"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.statementBounds = statementBounds;
exports.poolSettings = poolSettings;
exports.dataSourceOptions = dataSourceOptions;
const bounded_client_1 = require("./bounded-client");
const schema_1 = require("./schema");
/** The per-transaction bounds every parameterised statement runs under (see bounded-client.ts). */
function statementBounds(database) {
    return { statementTimeoutMs: database.statementTimeoutMs, idleInTransactionTimeoutMs: database.statementTimeoutMs * 2 };
}
/** Settings of every pool this service opens (the primary's and each replica's). */
function poolSettings(database) {
    return {
        max: database.poolSize,
        application_name: 'crawlora-api',
        // No startup parameters beyond application_name and no session SET: a transaction-mode pooler
        // (PgBouncer 1.18 refuses unknown startup parameters) must be able to hand any server connection to any
        // transaction. The statement bounds travel with each statement instead, and the hot statements' plans
        // live in server-side functions (migration 1764720000001), not in named prepared statements.
        Client: (0, bounded_client_1.boundedClientClass)(statementBounds(database)),
        // Also a bound on waiting for a free connection, so a request never hangs on an exhausted pool.
        connectionTimeoutMillis: database.statementTimeoutMs,
    };
}
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
        extra: poolSettings(database),
    };
}
//# sourceMappingURL=data-source-options.js.map