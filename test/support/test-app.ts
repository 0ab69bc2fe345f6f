import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { buildOpenApiDocument } from '../../src/common/swagger/swagger';
import { AppConfig } from '../../src/config/app-config';
import { OpenApiResponseValidator } from './openapi-response-validator';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  readonly app: NestFastifyApplication;
  /** Real HTTP against the app's server; every response is checked against the app's OpenAPI document. */
  readonly http: TestAgent;
  /** The checker `http` applies, for responses obtained another way (fetch, a generated client). */
  readonly openApi: OpenApiResponseValidator;
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
  const openApi = OpenApiResponseValidator.for(await servedOpenApiDocument(app, config));
  return {
    app,
    http: validatingAgent(request(app.getHttpServer()), openApi),
    openApi,
    db: app.get(DataSource),
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** The document at /docs-json (built the same way when a test turns Swagger off). */
async function servedOpenApiDocument(app: NestFastifyApplication, config: AppConfig): Promise<Record<string, any>> {
  if (!config.swaggerEnabled) return buildOpenApiDocument(app);
  const response = await request(app.getHttpServer()).get('/docs-json').expect(200);
  return response.body;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** Adds the OpenAPI check as the first assertion of every request: a response that drifts fails the test. */
function validatingAgent(agent: TestAgent, openApi: OpenApiResponseValidator): TestAgent {
  for (const method of METHODS) {
    const send = agent[method].bind(agent) as (url: string) => request.Test;
    Object.assign(agent, { [method]: (url: string) => send(url).expect((response) => openApi.check(method, url, response)) });
  }
  return agent;
}
