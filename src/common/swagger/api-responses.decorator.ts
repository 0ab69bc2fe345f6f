import { applyDecorators, HttpStatus, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { EnvelopeResponse } from '../http/envelope';
import { HEADER, RATE_LIMIT_HEADERS } from '../http/rate-limit-headers';
import { envelopeSchema, errorEnvelope, errorExample, METERING_REFUSALS } from './error-envelopes';

const REFUSAL_MESSAGES: Record<string, string> = {
  rate_limited: 'Plan rate limit exceeded',
  daily_cap_reached: 'Daily credit cap reached',
  credits_exhausted: 'Included credits exhausted for this billing period',
  too_many_failures: 'Too many failed authentication attempts',
};
const REFUSAL_RETRY_AFTER: Record<string, number> = {
  rate_limited: 12,
  daily_cap_reached: 41234,
  credits_exhausted: 1_234_567,
  too_many_failures: 48,
};

/** Per-status extras: the 429 examples of every reason and its headers, the 401 challenge. */
function extrasOf(status: HttpStatus): Record<string, unknown> {
  switch (status) {
    case HttpStatus.TOO_MANY_REQUESTS:
      return {
        headers: {
          [HEADER.retryAfter]: { description: 'Seconds until the request could be admitted.', schema: { type: 'integer' } },
          ...RATE_LIMIT_HEADERS,
        },
        examples: Object.fromEntries(
          [...METERING_REFUSALS, 'too_many_failures'].map((reason) => [
            reason,
            {
              summary: reason,
              value: errorExample(status, {
                msg: REFUSAL_MESSAGES[reason],
                data: { reason, retry_after_seconds: REFUSAL_RETRY_AFTER[reason] },
              }),
            },
          ]),
        ),
      };
    case HttpStatus.UNAUTHORIZED:
      return {
        headers: {
          'WWW-Authenticate': {
            description: 'The accepted schemes (RFC 9110 §11.6.1): `ApiKey` (header `x-api-key`) and `Bearer` (JWT).',
            schema: { type: 'string', example: 'ApiKey realm="crawlora", header="x-api-key", Bearer realm="crawlora"' },
          },
        },
        example: errorExample(status),
      };
    case HttpStatus.SERVICE_UNAVAILABLE:
      return {
        headers: { [HEADER.retryAfter]: { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } },
        example: errorExample(status),
      };
    default:
      return { example: errorExample(status) };
  }
}

/** A 2xx answer: the `app.Response` envelope whose `data` is `model`. */
export function ApiEnvelopeResponse(model: Type, status: number = HttpStatus.OK, description = 'Success'): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(EnvelopeResponse, model),
    ApiResponse({
      status,
      description,
      schema: envelopeSchema({
        code: { type: 'integer', example: status },
        msg: { type: 'string', example: 'ok' },
        data: { $ref: getSchemaPath(model) },
      }),
    }),
  );
}

/**
 * The failure statuses a route can answer, each as its typed envelope (`app.BadRequestResponse`, …, all
 * narrowing `app.Response`; see error-envelopes.ts). A status declared twice (by @Auth and @Credits, say)
 * is declared identically, so the order decorators run in does not matter.
 */
export function ApiErrorResponses(...statuses: HttpStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(EnvelopeResponse),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: errorEnvelope(status).description,
        schema: { $ref: `#/components/schemas/${errorEnvelope(status).name}` },
        ...extrasOf(status),
      }),
    ),
  );
}
