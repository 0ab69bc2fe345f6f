import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { AppConfig } from '../../src/config/app-config';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  readonly app: NestFastifyApplication;
  /** Real HTTP against the app's server. */
  readonly http: TestAgent;
  readonly db: DataSource;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The whole service, wired exactly as in production, on its own freshly migrated database.
 * `env` overrides environment variables for this app only; `extraModules` mounts test-only modules (routes).
 */
export async function createTestApp(
  env: Record<string, string> = {},
  extraModules: Array<Type | DynamicModule> = [],
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = AppConfig.fromEnvironment({ LOG_LEVEL: 'error', ...env, DATABASE_URL: database.url });
  const app = await createApp(config, extraModules);
  return {
    app,
    http: request(app.getHttpServer()),
    db: app.get(DataSource),
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
