import { applyDecorators, HttpStatus, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { EnvelopeDoc } from '../http/envelope';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  [HttpStatus.BAD_REQUEST]: 'Invalid query parameters',
  [HttpStatus.UNAUTHORIZED]: 'Authentication required',
  [HttpStatus.FORBIDDEN]: 'Admin plan required',
  [HttpStatus.NOT_FOUND]: 'Not found',
  [HttpStatus.CONFLICT]: 'Conflict with the current state',
  [HttpStatus.UNPROCESSABLE_ENTITY]: 'Idempotency-Key already used for a different request',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Plan or endpoint rate limit exceeded',
  [HttpStatus.INTERNAL_SERVER_ERROR]: 'Internal server error',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'Service unavailable',
};

const REQUEST_ID = '5b0f6c1e-4a8e-4c55-9a5e-2f1d0f1f3c11';

/** What each failure really answers (messages as the service writes them), so Swagger UI shows a true example. */
const ERROR_EXAMPLES: Record<number, object> = {
  [HttpStatus.BAD_REQUEST]: {
    code: 400,
    msg: 'Invalid query parameters',
    data: {
      request_id: REQUEST_ID,
      errors: [{ field: 'from', message: 'from must be an RFC 3339 date-time with an offset, such as 2026-01-01T00:00:00Z' }],
    },
  },
  [HttpStatus.UNAUTHORIZED]: {
    code: 401,
    msg: 'Missing credentials: send an x-api-key header or an Authorization: Bearer token',
    data: { request_id: REQUEST_ID, reason: 'missing_credentials' },
  },
  [HttpStatus.FORBIDDEN]: {
    code: 403,
    msg: 'Admin plan required',
    data: { request_id: REQUEST_ID, reason: 'plan_required' },
  },
  [HttpStatus.NOT_FOUND]: {
    code: 404,
    msg: 'No referral with id 0b7f3c52-8f0e-4a57-9b7e-2f0a6f2a4c11',
    data: { request_id: REQUEST_ID },
  },
  [HttpStatus.CONFLICT]: {
    code: 409,
    msg: 'Cannot approve a referral that is rewarded',
    data: { request_id: REQUEST_ID, status: 'rewarded', action: 'approve' },
  },
  [HttpStatus.UNPROCESSABLE_ENTITY]: {
    code: 422,
    msg: 'This Idempotency-Key was already used for a different request',
    data: { request_id: REQUEST_ID },
  },
  [HttpStatus.INTERNAL_SERVER_ERROR]: { code: 500, msg: 'Internal server error', data: { request_id: REQUEST_ID } },
  [HttpStatus.SERVICE_UNAVAILABLE]: {
    code: 503,
    msg: 'Database unavailable',
    data: { request_id: REQUEST_ID, reason: 'database_unavailable' },
  },
};

/** A 2xx answer: the `app.Response` envelope whose `data` is `model`. */
export function ApiEnvelopeResponse(model: Type, status: number = HttpStatus.OK, description = 'Success'): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(EnvelopeDoc, model),
    ApiResponse({
      status,
      description,
      schema: {
        allOf: [
          { $ref: getSchemaPath(EnvelopeDoc) },
          {
            properties: {
              code: { type: 'integer', example: status },
              msg: { type: 'string', example: 'ok' },
              data: { $ref: getSchemaPath(model) },
            },
          },
        ],
      },
    }),
  );
}

/** The failure statuses a route can answer, each as the `app.Response` envelope. */
export function ApiErrorResponses(...statuses: HttpStatus[]): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(EnvelopeDoc),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: ERROR_DESCRIPTIONS[status] ?? 'Error',
        schema: { $ref: getSchemaPath(EnvelopeDoc) },
        ...(ERROR_EXAMPLES[status] ? { example: ERROR_EXAMPLES[status] } : {}),
      }),
    ),
  );
}
