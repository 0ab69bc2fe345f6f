import { DynamicModule, LogLevel, RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { installJsonBodyBounds } from './common/http/json-bounds';
import { REQUEST_ID_HEADER, requestIdFor } from './common/http/request-id';
import { installSecurityHeaders } from './common/http/security-headers';
import { setupSwagger } from './common/swagger/swagger';
import { AppConfig } from './config/app-config';
import { createLogger } from './observability/loggers';
import { observeRequests } from './observability/request-observer';
import { setupConsole } from './console/console';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** The configured level and every level more severe than it. */
export function logLevelsFrom(level: LogLevel): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
}

/** Response headers a browser client may read across origins: request id, limits and credits. */
const EXPOSED_HEADERS = [
  REQUEST_ID_HEADER,
  'ratelimit',
  'ratelimit-policy',
  'retry-after',
  'x-credits-charged',
  'x-credits-remaining',
  'idempotent-replayed',
];

/** API routes live under /api/v1; probes, docs, the console page and the public referral link (/r/:code) stay at the root. */
export const API_PREFIX = 'api/v1';

/**
 * Builds the whole service, ready to listen: main.ts and every e2e test go through here, so tests exercise
 * exactly the production wiring (adapter, prefix, request ids, error envelope, Swagger).
 */
// Nest installs Fastify's error handler itself and routes Fastify's own errors (unparseable JSON, body too
// large) through the global exception filter as HttpExceptions, so they get the envelope too.
export async function createApp(
  config: AppConfig,
  extraModules: Array<Type | DynamicModule> = [],
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    genReqId: requestIdFor,
    requestIdHeader: false,
    logger: false,
    // Behind a load balancer, request.ip (used to limit failed logins) must be the client's, not the proxy's.
    trustProxy: config.http.trustProxy,
    // Larger bodies are answered 413 before they are read: every request body of this API is a few hundred bytes.
    bodyLimit: config.http.bodyLimitBytes,
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  installSecurityHeaders(fastify);

  const logger = createLogger(config.logFormat, logLevelsFrom(config.logLevel));
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, extraModules), adapter, {
    logger,
    // JSON only: Nest would add a form parser, and Fastify parses text/plain; other types answer 415.
    bodyParser: false,
  });
  fastify.removeContentTypeParser('text/plain');
  installJsonBodyBounds(fastify);
  // Off unless origins are listed: browsers elsewhere must not call the API with a user's credentials.
  if (config.http.corsOrigins.length > 0) {
    app.enableCors({ origin: [...config.http.corsOrigins], credentials: false, exposedHeaders: EXPOSED_HEADERS, maxAge: 600 });
  }
  app.setGlobalPrefix(API_PREFIX, {
    exclude: ['health', 'health/ready', 'metrics', { path: 'r/:code', method: RequestMethod.GET }],
  });
  observeRequests(app, logger);
  if (config.swaggerEnabled) setupSwagger(app);
  setupConsole(app);
  await app.init();
  await fastify.ready();
  return app;
}
