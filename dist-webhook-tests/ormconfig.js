"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = require("node:fs");
const typeorm_1 = require("typeorm");
const app_config_1 = require("./src/config/app-config");
const data_source_options_1 = require("./src/database/data-source-options");
const embedded_postgres_1 = require("./src/database/embedded-postgres");
/**
 * The DataSource the TypeORM CLI uses (`npm run migration:run|revert|generate`). It targets DATABASE_URL,
 * or, when that is unset, the embedded PostgreSQL that `npm start` runs (start it first).
 */
const { database } = app_config_1.AppConfig.fromEnvironment();
function embeddedUrl() {
    const password = (0, node_fs_1.readFileSync)((0, embedded_postgres_1.embeddedPasswordFile)(database.embedded.dataDir), 'utf8').trim();
    return (0, embedded_postgres_1.embeddedDatabaseUrl)(database.embedded.port, password);
}
exports.default = new typeorm_1.DataSource((0, data_source_options_1.dataSourceOptions)({ ...database, url: database.url ?? embeddedUrl() }));
//# sourceMappingURL=ormconfig.js.map