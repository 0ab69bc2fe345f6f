import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { runMigrationsExclusively } from './migrate';

/**
 * The PostgreSQL connection pool. By the time any provider receives the DataSource, pending migrations
 * (when enabled) have been applied, so no module ever sees an old schema.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const { url } = config.database;
        if (!url) throw new Error('No database URL: main.ts starts the embedded PostgreSQL before the app');
        return {
          ...dataSourceOptions({ ...config.database, url }),
          migrationsRun: config.database.runMigrations,
          // Each feature module registers its entities (TypeOrmModule.forFeature in accounts, auth, referrals).
          autoLoadEntities: true,
          retryAttempts: 0,
        };
      },
      // TypeORM's own `migrationsRun` takes no lock; we apply them under one instead (see migrate.ts).
      dataSourceFactory: async (options?: DataSourceOptions) => {
        if (!options) throw new Error('TypeORM options missing');
        const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
        if (options.migrationsRun) await runMigrationsExclusively(dataSource);
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
