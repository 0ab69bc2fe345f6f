import { applyDecorators, HttpStatus, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { EnvelopeDoc } from '../http/envelope';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  [HttpStatus.BAD_REQUEST]: 'Invalid query parameters',
  [HttpStatus.UNAUTHORIZED]: 'Authentication required',
  [HttpStatus.FORBIDDEN]: 'Admin plan required',
  [HttpStatus.NOT_FOUND]: 'Not found',
  [HttpStatus.CONFLICT]: 'Conflict with the current state',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Plan or endpoint rate limit exceeded',
  [HttpStatus.INTERNAL_SERVER_ERROR]: 'Internal server error',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'Service unavailable',
};

const ERROR_EXAMPLES: Record<number, object> = {
  [HttpStatus.BAD_REQUEST]: {
    code: 400,
    msg: 'Invalid query parameters',
    data: {
      request_id: '5b0f6c1e-4a8e-4c55-9a5e-2f1d0f1f3c11',
      errors: [{ field: 'from', message: 'from must be an RFC 3339 date-time with an offset, such as 2026-01-01T00:00:00Z' }],
    },
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
