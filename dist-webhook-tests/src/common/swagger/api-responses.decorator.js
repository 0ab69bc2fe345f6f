"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiEnvelopeResponse = ApiEnvelopeResponse;
exports.ApiErrorResponses = ApiErrorResponses;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const envelope_1 = require("../http/envelope");
const ERROR_DESCRIPTIONS = {
    [common_1.HttpStatus.BAD_REQUEST]: 'Invalid query parameters',
    [common_1.HttpStatus.UNAUTHORIZED]: 'Authentication required',
    [common_1.HttpStatus.FORBIDDEN]: 'Admin plan required',
    [common_1.HttpStatus.NOT_FOUND]: 'Not found',
    [common_1.HttpStatus.CONFLICT]: 'Conflict with the current state',
    [common_1.HttpStatus.UNPROCESSABLE_ENTITY]: 'Idempotency-Key already used for a different request',
    [common_1.HttpStatus.TOO_MANY_REQUESTS]: 'Plan or endpoint rate limit exceeded',
    [common_1.HttpStatus.INTERNAL_SERVER_ERROR]: 'Internal server error',
    [common_1.HttpStatus.SERVICE_UNAVAILABLE]: 'Service unavailable',
};
const REQUEST_ID = '5b0f6c1e-4a8e-4c55-9a5e-2f1d0f1f3c11';
/** What each failure really answers (messages as the service writes them), so Swagger UI shows a true example. */
const ERROR_EXAMPLES = {
    [common_1.HttpStatus.BAD_REQUEST]: {
        code: 400,
        msg: 'Invalid query parameters',
        data: {
            request_id: REQUEST_ID,
            errors: [{ field: 'from', message: 'from must be an RFC 3339 date-time with an offset, such as 2026-01-01T00:00:00Z' }],
        },
    },
    [common_1.HttpStatus.UNAUTHORIZED]: {
        code: 401,
        msg: 'Missing credentials: send an x-api-key header or an Authorization: Bearer token',
        data: { request_id: REQUEST_ID, reason: 'missing_credentials' },
    },
    [common_1.HttpStatus.FORBIDDEN]: {
        code: 403,
        msg: 'Admin plan required',
        data: { request_id: REQUEST_ID, reason: 'plan_required' },
    },
    [common_1.HttpStatus.NOT_FOUND]: {
        code: 404,
        msg: 'No referral with id 0b7f3c52-8f0e-4a57-9b7e-2f0a6f2a4c11',
        data: { request_id: REQUEST_ID },
    },
    [common_1.HttpStatus.CONFLICT]: {
        code: 409,
        msg: 'Cannot approve a referral that is rewarded',
        data: { request_id: REQUEST_ID, status: 'rewarded', action: 'approve' },
    },
    [common_1.HttpStatus.UNPROCESSABLE_ENTITY]: {
        code: 422,
        msg: 'This Idempotency-Key was already used for a different request',
        data: { request_id: REQUEST_ID },
    },
    [common_1.HttpStatus.INTERNAL_SERVER_ERROR]: { code: 500, msg: 'Internal server error', data: { request_id: REQUEST_ID } },
    [common_1.HttpStatus.SERVICE_UNAVAILABLE]: {
        code: 503,
        msg: 'Database unavailable',
        data: { request_id: REQUEST_ID, reason: 'database_unavailable' },
    },
};
/** A 2xx answer: the `app.Response` envelope whose `data` is `model`. */
function ApiEnvelopeResponse(model, status = common_1.HttpStatus.OK, description = 'Success') {
    return (0, common_1.applyDecorators)((0, swagger_1.ApiExtraModels)(envelope_1.EnvelopeDoc, model), (0, swagger_1.ApiResponse)({
        status,
        description,
        schema: {
            allOf: [
                { $ref: (0, swagger_1.getSchemaPath)(envelope_1.EnvelopeDoc) },
                {
                    properties: {
                        code: { type: 'integer', example: status },
                        msg: { type: 'string', example: 'ok' },
                        data: { $ref: (0, swagger_1.getSchemaPath)(model) },
                    },
                },
            ],
        },
    }));
}
/** The failure statuses a route can answer, each as the `app.Response` envelope. */
function ApiErrorResponses(...statuses) {
    return (0, common_1.applyDecorators)((0, swagger_1.ApiExtraModels)(envelope_1.EnvelopeDoc), ...statuses.map((status) => (0, swagger_1.ApiResponse)({
        status,
        description: ERROR_DESCRIPTIONS[status] ?? 'Error',
        schema: { $ref: (0, swagger_1.getSchemaPath)(envelope_1.EnvelopeDoc) },
        ...(ERROR_EXAMPLES[status] ? { example: ERROR_EXAMPLES[status] } : {}),
    })));
}
//# sourceMappingURL=api-responses.decorator.js.map