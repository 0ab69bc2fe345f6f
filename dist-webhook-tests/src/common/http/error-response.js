"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toErrorResponse = toErrorResponse;
const common_1 = require("@nestjs/common");
const database_errors_1 = require("../../database/database-errors");
const api_exception_1 = require("./api.exception");
/** Server-side failures are answered with a fixed message per status: their own text may hold internals. */
const SERVER_ERROR_MESSAGES = {
    [common_1.HttpStatus.BAD_GATEWAY]: 'Upstream platform failed',
    [common_1.HttpStatus.SERVICE_UNAVAILABLE]: 'Service unavailable',
    [common_1.HttpStatus.GATEWAY_TIMEOUT]: 'Upstream timed out',
};
const DATABASE_RETRY_AFTER_SECONDS = 5;
function serverErrorMessage(status) {
    return SERVER_ERROR_MESSAGES[status] ?? 'Internal server error';
}
/**
 * Maps anything thrown to the contract's envelope. Only errors we raised on purpose keep their message;
 * everything else becomes a generic message for its status, so no internals (SQL, stack, paths) leak.
 */
function toErrorResponse(exception, requestId) {
    const respond = (status, msg, details = {}, headers = {}) => ({
        status,
        body: { code: status, msg, data: { request_id: requestId, ...details } },
        headers,
        unexpected: status >= 500,
    });
    if (exception instanceof api_exception_1.ApiException) {
        return respond(exception.getStatus(), exception.message, exception.details, exception.headers);
    }
    if (exception instanceof common_1.HttpException) {
        const status = exception.getStatus();
        // Nest's and Fastify's 4xx (unknown route, bad JSON) carry a safe message; 5xx are answered generically.
        return respond(status, status < 500 ? exception.message : serverErrorMessage(status));
    }
    if ((0, database_errors_1.isDatabaseUnavailable)(exception)) {
        // An outage, not a bug: say so, and when to try again.
        return respond(common_1.HttpStatus.SERVICE_UNAVAILABLE, serverErrorMessage(common_1.HttpStatus.SERVICE_UNAVAILABLE), { reason: 'database_unavailable', retry_after_seconds: DATABASE_RETRY_AFTER_SECONDS }, { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) });
    }
    return respond(common_1.HttpStatus.INTERNAL_SERVER_ERROR, serverErrorMessage(common_1.HttpStatus.INTERNAL_SERVER_ERROR));
}
//# sourceMappingURL=error-response.js.map