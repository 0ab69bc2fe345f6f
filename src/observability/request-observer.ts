import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CLIENT_CLOSED_REQUEST } from '../common/http/client-closed-request';
import { JsonLogger } from './json-logger';
import { MetricsService } from './metrics.service';

declare module 'fastify' {
  interface FastifyRequest {
    /** `data.reason` of the error this request was answered with, for metrics and logs. */
    errorReason?: string;
  }
}


/**
 * One log line and one metrics observation per request: request id, account, route (the pattern, never the
 * query string), status, latency and credits charged. Headers are never logged.
 *
 * A request is recorded when its answer has been written (onResponse), or, when its client leaves first, at that
 * moment, as 499 with the time it waited, as nginx records it (its credits are refunded, so none are counted).
 * Fastify's onResponse never runs for those (the response never finishes): without this, a client timing out on
 * a slow service, the very case an operator looks for, left no line and no metric.
 */
export function observeRequests(app: NestFastifyApplication, logger: LoggerService): void {
  const metrics = app.get(MetricsService);
  const json = logger instanceof JsonLogger ? logger.pino.child({ context: 'HTTP' }) : null;
  const record = (request: FastifyRequest, reply: FastifyReply, clientLeft: boolean) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    // Headers already sent: the client left during the body, and the status is the one it was sent.
    const answered = !clientLeft || reply.raw.headersSent;
    const status = answered ? reply.statusCode : CLIENT_CLOSED_REQUEST;
    const creditsCharged = answered ? Number(reply.getHeader('x-credits-charged') ?? 0) || 0 : 0;
    const errorReason = answered ? request.errorReason : 'client_closed_request';
    metrics.observe({
      method: request.method,
      route,
      status,
      durationSeconds: reply.elapsedTime / 1000,
      creditsCharged,
      errorReason,
    });
    const fields = {
      request_id: request.id,
      method: request.method,
      route,
      status,
      latency_ms: Math.round(reply.elapsedTime * 100) / 100,
      account_id: request.principal?.accountId ?? null,
      credential: request.principal?.credential.kind ?? null,
      credits_charged: creditsCharged,
      ...(errorReason ? { reason: errorReason } : {}),
    };
    if (json) json.info(fields, 'request');
    else logger.log(`${fields.method} ${route} ${fields.status} ${fields.latency_ms} ms ${JSON.stringify(fields)}`, 'HTTP');
  };
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    // 'close' follows 'finish' on every answered request; before it only when the client left.
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) record(request, reply, true);
    });
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    record(request, reply, false);
    done();
  });
}
