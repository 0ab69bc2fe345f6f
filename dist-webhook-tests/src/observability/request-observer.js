"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.observeRequests = observeRequests;
const json_logger_1 = require("./json-logger");
const metrics_service_1 = require("./metrics.service");
/**
 * One log line and one metrics observation per finished request: request id, account, route (the pattern,
 * never the query string), status, latency and credits charged. Headers are never logged.
 */
function observeRequests(app, logger) {
    const metrics = app.get(metrics_service_1.MetricsService);
    const json = logger instanceof json_logger_1.JsonLogger ? logger.pino.child({ context: 'HTTP' }) : null;
    app.getHttpAdapter().getInstance().addHook('onResponse', async (request, reply) => {
        const route = request.routeOptions?.url ?? 'unmatched';
        const creditsCharged = Number(reply.getHeader('x-credits-charged') ?? 0) || 0;
        metrics.observe({
            method: request.method,
            route,
            status: reply.statusCode,
            durationSeconds: reply.elapsedTime / 1000,
            creditsCharged,
            errorReason: request.errorReason,
        });
        const fields = {
            request_id: request.id,
            method: request.method,
            route,
            status: reply.statusCode,
            latency_ms: Math.round(reply.elapsedTime * 100) / 100,
            account_id: request.principal?.accountId ?? null,
            credential: request.principal?.credential.kind ?? null,
            credits_charged: creditsCharged,
            ...(request.errorReason ? { reason: request.errorReason } : {}),
        };
        if (json)
            json.info(fields, 'request');
        else
            logger.log(`${fields.method} ${route} ${fields.status} ${fields.latency_ms} ms ${JSON.stringify(fields)}`, 'HTTP');
    });
}
//# sourceMappingURL=request-observer.js.map