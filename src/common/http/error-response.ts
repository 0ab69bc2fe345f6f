import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainException } from '../errors/domain.exception';
import { isDatabaseUnavailable } from './database-unavailable';
import { ApiException } from './api.exception';
import { Envelope } from './envelope';
import { httpStatusOf } from './error-kind-status';

export interface ErrorResponse {
  status: number;
  body: Envelope<Record<string, unknown>>;
  headers: Record<string, string>;
  /** True when the error is ours (a bug or an outage), so it must be logged with its cause. */
  unexpected: boolean;
}

/** Server-side failures are answered with a fixed message per status: their own text may hold internals. */
const SERVER_ERROR_MESSAGES: Partial<Record<number, string>> = {
  [HttpStatus.BAD_GATEWAY]: 'Upstream platform failed',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'Service unavailable',
  [HttpStatus.GATEWAY_TIMEOUT]: 'Upstream timed out',
};

const DATABASE_RETRY_AFTER_SECONDS = 5;

function serverErrorMessage(status: number): string {
  return SERVER_ERROR_MESSAGES[status] ?? 'Internal server error';
}

/**
 * Maps anything thrown to the contract's envelope. Only errors we raised on purpose keep their message;
 * everything else becomes a generic message for its status, so no internals (SQL, stack, paths) leak.
 */
export function toErrorResponse(exception: unknown, requestId: string): ErrorResponse {
  const respond = (status: number, msg: string, details: Record<string, unknown> = {}, headers = {}) => ({
    status,
    body: { code: status, msg, data: { request_id: requestId, ...details } },
    headers,
    unexpected: status >= 500,
  });

  if (exception instanceof DomainException) {
    return respond(httpStatusOf(exception.kind), exception.message, exception.details, exception.headers);
  }
  if (exception instanceof ApiException) {
    return respond(exception.getStatus(), exception.message, exception.details, exception.headers);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // Nest's and Fastify's 4xx (unknown route, bad JSON) carry a safe message; 5xx are answered generically.
    return respond(status, status < 500 ? exception.message : serverErrorMessage(status));
  }
  if (isDatabaseUnavailable(exception)) {
    // An outage, not a bug: say so, and when to try again.
    return respond(
      HttpStatus.SERVICE_UNAVAILABLE,
      serverErrorMessage(HttpStatus.SERVICE_UNAVAILABLE),
      { reason: 'database_unavailable', retry_after_seconds: DATABASE_RETRY_AFTER_SECONDS },
      { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
    );
  }
  return respond(HttpStatus.INTERNAL_SERVER_ERROR, serverErrorMessage(HttpStatus.INTERNAL_SERVER_ERROR));
}
