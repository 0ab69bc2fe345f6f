"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.API_PREFIX = void 0;
exports.logLevelsFrom = logLevelsFrom;
exports.createApp = createApp;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const platform_fastify_1 = require("@nestjs/platform-fastify");
const app_module_1 = require("./app.module");
const request_id_1 = require("./common/http/request-id");
const security_headers_1 = require("./common/http/security-headers");
const swagger_1 = require("./common/swagger/swagger");
const loggers_1 = require("./observability/loggers");
const request_observer_1 = require("./observability/request-observer");
const console_1 = require("./console/console");
const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
/** The configured level and every level more severe than it. */
function logLevelsFrom(level) {
    return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
}
/** Response headers a browser client may read across origins: request id, limits and credits. */
const EXPOSED_HEADERS = [
    request_id_1.REQUEST_ID_HEADER,
    'ratelimit',
    'ratelimit-policy',
    'retry-after',
    'x-credits-charged',
    'x-credits-remaining',
    'idempotent-replayed',
];
/** API routes live under /api/v1; probes, docs, the console page and the public referral link (/r/:code) stay at the root. */
exports.API_PREFIX = 'api/v1';
/**
 * Builds the whole service, ready to listen: main.ts and every e2e test go through here, so tests exercise
 * exactly the production wiring (adapter, prefix, request ids, error envelope, Swagger).
 */
// Nest installs Fastify's error handler itself and routes Fastify's own errors (unparseable JSON, body too
// large) through the global exception filter as HttpExceptions, so they get the envelope too.
async function createApp(config, extraModules = []) {
    const adapter = new platform_fastify_1.FastifyAdapter({
        genReqId: request_id_1.requestIdFor,
        requestIdHeader: false,
        logger: false,
        // Behind a load balancer, request.ip (used to limit failed logins) must be the client's, not the proxy's.
        trustProxy: config.http.trustProxy,
        // Larger bodies are answered 413 before they are read: every request body of this API is a few hundred bytes.
        bodyLimit: config.http.bodyLimitBytes,
    });
    const fastify = adapter.getInstance();
    fastify.addHook('onRequest', async (request, reply) => {
        reply.header(request_id_1.REQUEST_ID_HEADER, request.id);
    });
    (0, security_headers_1.installSecurityHeaders)(fastify);
    const logger = (0, loggers_1.createLogger)(config.logFormat, logLevelsFrom(config.logLevel));
    const app = await core_1.NestFactory.create(app_module_1.AppModule.forRoot(config, extraModules), adapter, {
        logger,
        // JSON only: Nest would add a form parser, and Fastify parses text/plain; other types answer 415.
        bodyParser: false,
    });
    fastify.removeContentTypeParser('text/plain');
    // Off unless origins are listed: browsers elsewhere must not call the API with a user's credentials.
    if (config.http.corsOrigins.length > 0) {
        app.enableCors({ origin: [...config.http.corsOrigins], credentials: false, exposedHeaders: EXPOSED_HEADERS, maxAge: 600 });
    }
    app.setGlobalPrefix(exports.API_PREFIX, {
        exclude: ['health', 'health/ready', 'metrics', { path: 'r/:code', method: common_1.RequestMethod.GET }],
    });
    (0, request_observer_1.observeRequests)(app, logger);
    if (config.swaggerEnabled)
        (0, swagger_1.setupSwagger)(app);
    (0, console_1.setupConsole)(app);
    await app.init();
    await fastify.ready();
    return app;
}
//# sourceMappingURL=app.factory.js.map