import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../../../src/app.factory';
import { AppConfig } from '../../../src/config/app-config';
import type { TestDatabase } from '../../support/test-database';

/** One running instance of the service on a database it does not own (several may share it). */
export interface Instance {
  readonly app: NestFastifyApplication;
  readonly db: DataSource;
  /** http://127.0.0.1:<port>: a real listening socket, for many simultaneous requests with fetch. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function startInstance(
  database: TestDatabase,
  env: Record<string, string> = {},
  extraModules: Array<Type | DynamicModule> = [],
): Promise<Instance> {
  const config = AppConfig.fromEnvironment({ LOG_LEVEL: 'error', ...env, DATABASE_URL: database.url });
  const app = await createApp(config, extraModules);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('instance is not listening');
  return { app, db: app.get(DataSource), baseUrl: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

export interface Outcome {
  status: number;
  headers: Headers;
  body: { code: number; msg: string; data: Record<string, unknown> | null };
}

/** A request with an API key over a real socket. */
export async function call(baseUrl: string, path: string, apiKey: string): Promise<Outcome> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { 'x-api-key': apiKey } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Outcome['body'] };
}

/** Counts outcomes by status: { 200: 5, 429: 195 }. */
export function countStatuses(outcomes: Outcome[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of outcomes) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
