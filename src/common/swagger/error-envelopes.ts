import { HttpStatus } from '@nestjs/common';
import type { SchemaObject } from '@nestjs/swagger';
import { AuthFailure } from '../http/auth-failure';

/** The contract's envelope name; every error envelope below narrows it. */
export const ENVELOPE_SCHEMA = 'app.Response';

type PropertySchema = NonNullable<SchemaObject['properties']>[string];

/** `app.Response` narrowed: the envelope with these `code`, `msg` and `data` schemas, all three required. */
export function envelopeSchema(properties: { code: SchemaObject; msg: SchemaObject; data: PropertySchema }): SchemaObject {
  return {
    allOf: [
      { $ref: `#/components/schemas/${ENVELOPE_SCHEMA}` } as SchemaObject,
      { type: 'object', required: ['code', 'msg', 'data'], properties },
    ],
  };
}

const REQUEST_ID_EXAMPLE = '5b0f6c1e-4a8e-4c55-9a5e-2f1d0f1f3c11';

export const METERING_REFUSALS = ['rate_limited', 'daily_cap_reached', 'credits_exhausted'] as const;
const AUTH_REASONS_401 = Object.values(AuthFailure).filter(
  (failure) => failure !== AuthFailure.PlanRequired && failure !== AuthFailure.TooManyFailures,
);

interface ErrorEnvelope {
  /** Schema name under components.schemas. */
  name: string;
  description: string;
  /** What `data` holds beside `request_id`. */
  data: Record<string, SchemaObject>;
  required?: string[];
  example: { msg: string; data?: Record<string, unknown> };
}

const requestId: SchemaObject = {
  type: 'string',
  description: 'Id of this request, also in the `X-Request-Id` header; quote it when asking for support.',
  example: REQUEST_ID_EXAMPLE,
};
const retryAfterSeconds: SchemaObject = {
  type: 'integer',
  minimum: 0,
  description: 'Seconds to wait before retrying (also the `Retry-After` header).',
  example: 12,
};

/**
 * One registry for every failure status the API answers: the schema of its envelope (`code` pinned to the
 * status, so a generated client can narrow a union of errors on `code`), its description and its example.
 * The decorators, the document and the test validator all read it.
 */
export const ERROR_ENVELOPES: Partial<Record<HttpStatus, ErrorEnvelope>> = {
  [HttpStatus.BAD_REQUEST]: {
    name: 'app.BadRequestResponse',
    description:
      'Invalid input: `data.errors` lists each problem as `{ field, message }`. `data.reason` names a refusal ' +
      'that is not about the format: `target_not_allowed` (a webhook URL resolving to a private address).',
    data: {
      errors: {
        type: 'array',
        minItems: 1,
        items: { $ref: '#/components/schemas/app.FieldError' } as SchemaObject,
      },
      reason: { type: 'string', enum: ['target_not_allowed'], example: 'target_not_allowed' },
    },
    required: ['errors'],
    example: {
      msg: 'Invalid query parameters',
      data: {
        errors: [{ field: 'from', message: 'from must be an RFC 3339 date-time with an offset, such as 2026-01-01T00:00:00Z' }],
      },
    },
  },
  [HttpStatus.UNAUTHORIZED]: {
    name: 'app.UnauthorizedResponse',
    description: 'Missing or bad credentials; `data.reason` says which. The `WWW-Authenticate` header names the schemes.',
    data: { reason: { type: 'string', enum: AUTH_REASONS_401, example: AuthFailure.MissingCredentials } },
    required: ['reason'],
    example: {
      msg: 'Missing credentials: send an x-api-key header or an Authorization: Bearer token',
      data: { reason: AuthFailure.MissingCredentials },
    },
  },
  [HttpStatus.FORBIDDEN]: {
    name: 'app.ForbiddenResponse',
    description: 'A valid credential whose plan may not use this route.',
    data: { reason: { type: 'string', enum: [AuthFailure.PlanRequired], example: AuthFailure.PlanRequired } },
    required: ['reason'],
    example: { msg: 'Admin plan required', data: { reason: AuthFailure.PlanRequired } },
  },
  [HttpStatus.NOT_FOUND]: {
    name: 'app.NotFoundResponse',
    description: 'Not found',
    data: {},
    example: { msg: 'No referral with id 0b7f3c52-8f0e-4a57-9b7e-2f0a6f2a4c11' },
  },
  [HttpStatus.CONFLICT]: {
    name: 'app.ConflictResponse',
    description: 'Conflict with the current state (or a request with the same Idempotency-Key still in progress).',
    data: {
      status: { type: 'string', description: 'The referral\'s current status, when a transition is refused.', example: 'rewarded' },
      action: { type: 'string', description: 'The refused action.', example: 'approve' },
    },
    example: { msg: 'Cannot approve a referral that is rewarded', data: { status: 'rewarded', action: 'approve' } },
  },
  [HttpStatus.PAYLOAD_TOO_LARGE]: {
    name: 'app.PayloadTooLargeResponse',
    description: 'The request body is larger than HTTP_BODY_LIMIT_BYTES.',
    data: {},
    example: { msg: 'Request body is too large' },
  },
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: {
    name: 'app.UnsupportedMediaTypeResponse',
    description: 'Request bodies are JSON only (`content-type: application/json`).',
    data: {},
    example: { msg: 'Unsupported Media Type: text/plain' },
  },
  [HttpStatus.UNPROCESSABLE_ENTITY]: {
    name: 'app.UnprocessableResponse',
    description: 'The Idempotency-Key was already used for a different request.',
    data: {},
    example: { msg: 'This Idempotency-Key was already used for a different request' },
  },
  [HttpStatus.TOO_MANY_REQUESTS]: {
    name: 'app.TooManyRequestsResponse',
    description:
      'Refused, nothing charged. `data.reason`: `rate_limited` (the plan\'s rolling 60 s limit), `daily_cap_reached` ' +
      '(retry after 00:00 UTC), `credits_exhausted` (the period\'s included credits, on a plan without overage), ' +
      '`too_many_failures` (too many failed authentications from this IP). `data.retry_after_seconds` and ' +
      '`Retry-After` say when to retry.',
    data: {
      reason: { type: 'string', enum: [...METERING_REFUSALS, AuthFailure.TooManyFailures], example: 'rate_limited' },
      retry_after_seconds: retryAfterSeconds,
    },
    required: ['reason', 'retry_after_seconds'],
    example: { msg: 'Plan rate limit exceeded', data: { reason: 'rate_limited', retry_after_seconds: 12 } },
  },
  [HttpStatus.INTERNAL_SERVER_ERROR]: {
    name: 'app.InternalErrorResponse',
    description: 'Internal server error (logged with the request id; no internals are answered).',
    data: {},
    example: { msg: 'Internal server error' },
  },
  [HttpStatus.SERVICE_UNAVAILABLE]: {
    name: 'app.ServiceUnavailableResponse',
    description:
      'The database is unreachable (`database_unavailable`; retry after `data.retry_after_seconds`). On ' +
      '`/health/ready` also `database_path_broken` (the metering statement fails) and `schema_outdated` ' +
      '(`data.routines` are behind this version: run the migrations).',
    data: {
      reason: {
        type: 'string',
        enum: ['database_unavailable', 'database_path_broken', 'schema_outdated'],
        example: 'database_unavailable',
      },
      retry_after_seconds: { ...retryAfterSeconds, example: 5 },
      routines: { type: 'array', items: { type: 'string' }, description: 'With schema_outdated: the outdated routines.' },
    },
    required: ['reason'],
    example: { msg: 'Service unavailable', data: { reason: 'database_unavailable', retry_after_seconds: 5 } },
  },
};

export function errorEnvelope(status: HttpStatus): ErrorEnvelope {
  const envelope = ERROR_ENVELOPES[status];
  if (!envelope) throw new Error(`No error envelope is declared for HTTP ${status} (src/common/swagger/error-envelopes.ts)`);
  return envelope;
}

/** The example response of a failure status, as the service writes it. */
export function errorExample(status: HttpStatus, override?: ErrorEnvelope['example']): object {
  const { msg, data } = override ?? errorEnvelope(status).example;
  return { code: status, msg, data: { request_id: REQUEST_ID_EXAMPLE, ...data } };
}

/** components.schemas entries: the field error and one envelope per status. */
export function errorEnvelopeSchemas(): Record<string, SchemaObject> {
  const schemas: Record<string, SchemaObject> = {
    'app.FieldError': {
      type: 'object',
      required: ['field', 'message'],
      properties: {
        field: { type: 'string', description: 'The parameter or body field, dotted for nested ones.', example: 'from' },
        message: { type: 'string', example: 'from must be an RFC 3339 date-time with an offset, such as 2026-01-01T00:00:00Z' },
      },
    },
  };
  for (const [status, envelope] of Object.entries(ERROR_ENVELOPES)) {
    schemas[envelope.name] = {
      description: envelope.description,
      ...envelopeSchema({
        code: { type: 'integer', enum: [Number(status)], example: Number(status) },
        msg: { type: 'string', example: envelope.example.msg },
        data: {
          type: 'object',
          required: ['request_id', ...(envelope.required ?? [])],
          properties: { request_id: requestId, ...envelope.data },
        },
      }),
    };
  }
  return schemas;
}
