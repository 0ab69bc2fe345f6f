"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuthException = exports.AuthFailure = void 0;
const common_1 = require("@nestjs/common");
const api_exception_1 = require("../common/http/api.exception");
/** Every way authentication or authorization can fail, each with the one message a client sees. */
var AuthFailure;
(function (AuthFailure) {
    AuthFailure["MissingCredentials"] = "missing_credentials";
    AuthFailure["InvalidApiKey"] = "invalid_api_key";
    AuthFailure["RevokedApiKey"] = "revoked_api_key";
    AuthFailure["ExpiredApiKey"] = "expired_api_key";
    AuthFailure["RotatedApiKey"] = "rotated_api_key";
    AuthFailure["InvalidToken"] = "invalid_token";
    AuthFailure["ExpiredToken"] = "expired_token";
    AuthFailure["PlanRequired"] = "plan_required";
    AuthFailure["TooManyFailures"] = "too_many_failures";
})(AuthFailure || (exports.AuthFailure = AuthFailure = {}));
const MESSAGES = {
    [AuthFailure.MissingCredentials]: 'Missing credentials: send an x-api-key header or an Authorization: Bearer token',
    [AuthFailure.InvalidApiKey]: 'Invalid API key',
    [AuthFailure.RevokedApiKey]: 'API key revoked',
    [AuthFailure.ExpiredApiKey]: 'API key expired',
    [AuthFailure.RotatedApiKey]: 'API key rotated: its overlap has ended, use the key that replaced it',
    [AuthFailure.InvalidToken]: 'Invalid token',
    [AuthFailure.ExpiredToken]: 'Token expired',
    [AuthFailure.PlanRequired]: 'Admin plan required',
    [AuthFailure.TooManyFailures]: 'Too many failed authentication attempts',
};
function statusOf(failure) {
    switch (failure) {
        case AuthFailure.PlanRequired:
            return common_1.HttpStatus.FORBIDDEN;
        case AuthFailure.TooManyFailures:
            return common_1.HttpStatus.TOO_MANY_REQUESTS;
        case AuthFailure.MissingCredentials:
        case AuthFailure.InvalidApiKey:
        case AuthFailure.RevokedApiKey:
        case AuthFailure.ExpiredApiKey:
        case AuthFailure.RotatedApiKey:
        case AuthFailure.InvalidToken:
        case AuthFailure.ExpiredToken:
            return common_1.HttpStatus.UNAUTHORIZED;
    }
}
/** An auth failure as the envelope answers it; `data.reason` carries the machine-readable code. */
class AuthException extends api_exception_1.ApiException {
    constructor(failure, headers = {}, details = {}) {
        super(statusOf(failure), MESSAGES[failure], { reason: failure, ...details }, headers);
        this.failure = failure;
    }
}
exports.AuthException = AuthException;
//# sourceMappingURL=auth.errors.js.map