"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DatabaseModule = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const app_config_1 = require("../config/app-config");
const data_source_options_1 = require("./data-source-options");
const migrate_1 = require("./migrate");
/**
 * The PostgreSQL connection pool. By the time any provider receives the DataSource, pending migrations
 * (when enabled) have been applied, so no module ever sees an old schema.
 */
let DatabaseModule = class DatabaseModule {
};
exports.DatabaseModule = DatabaseModule;
exports.DatabaseModule = DatabaseModule = __decorate([
    (0, common_1.Module)({
        imports: [
            typeorm_1.TypeOrmModule.forRootAsync({
                inject: [app_config_1.AppConfig],
                useFactory: (config) => {
                    const { url } = config.database;
                    if (!url)
                        throw new Error('No database URL: main.ts starts the embedded PostgreSQL before the app');
                    return {
                        ...(0, data_source_options_1.dataSourceOptions)({ ...config.database, url }),
                        migrationsRun: config.database.runMigrations,
                        retryAttempts: 0,
                    };
                },
                // TypeORM's own `migrationsRun` takes no lock; we apply them under one instead (see migrate.ts).
                dataSourceFactory: async (options) => {
                    if (!options)
                        throw new Error('TypeORM options missing');
                    const dataSource = await new typeorm_2.DataSource({ ...options, migrationsRun: false }).initialize();
                    if (options.migrationsRun)
                        await (0, migrate_1.runMigrationsExclusively)(dataSource);
                    return dataSource;
                },
            }),
        ],
    })
], DatabaseModule);
//# sourceMappingURL=database.module.js.map