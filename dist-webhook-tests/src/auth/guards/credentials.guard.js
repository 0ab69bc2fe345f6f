"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CredentialsGuard = exports.API_KEY_HEADER = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const api_keys_service_1 = require("../api-keys/api-keys.service");
const auth_decorator_1 = require("../auth.decorator");
const auth_errors_1 = require("../auth.errors");
const auth_failure_limiter_1 = require("../auth-failure-limiter");
const jwt_authenticator_1 = require("../jwt/jwt-authenticator");
const plan_access_1 = require("../plan-access");
exports.API_KEY_HEADER = 'x-api-key';
/**
 * The guard behind `@Auth()`: establishes the principal from `x-api-key` (preferred when both are sent) or
 * `Authorization: Bearer`, then applies the route's plan requirement. Failed attempts count against the
 * client's IP; a blocked IP gets 429 before its credentials are looked at.
 */
let CredentialsGuard = class CredentialsGuard {
    constructor(reflector, apiKeys, jwt, failures) {
        this.reflector = reflector;
        this.apiKeys = apiKeys;
        this.jwt = jwt;
        this.failures = failures;
    }
    async canActivate(context) {
        const http = context.switchToHttp();
        const request = http.getRequest();
        const options = this.reflector.getAllAndOverride(auth_decorator_1.AUTH_OPTIONS, [
            context.getHandler(),
            context.getClass(),
        ]);
        const retryAfter = this.failures.retryAfterSeconds(request.ip);
        if (retryAfter > 0) {
            throw new auth_errors_1.AuthException(auth_errors_1.AuthFailure.TooManyFailures, { 'Retry-After': String(retryAfter) }, { retry_after_seconds: retryAfter });
        }
        let principal;
        try {
            principal = await this.authenticate(request, http.getResponse());
        }
        catch (error) {
            if (error instanceof auth_errors_1.AuthException && error.failure !== auth_errors_1.AuthFailure.MissingCredentials) {
                this.failures.recordFailure(request.ip);
            }
            throw error;
        }
        request.principal = principal;
        if (!(0, plan_access_1.hasRequiredPlan)(principal.plan, options?.plan))
            throw new auth_errors_1.AuthException(auth_errors_1.AuthFailure.PlanRequired);
        return true;
    }
    authenticate(request, reply) {
        const apiKey = request.headers[exports.API_KEY_HEADER];
        if (apiKey !== undefined) {
            // A header sent twice arrives as an array: ambiguous, so refused like any malformed key.
            return this.apiKeys.authenticate(typeof apiKey === 'string' ? apiKey.trim() : '');
        }
        const authorization = request.headers.authorization;
        if (authorization !== undefined) {
            if (!/^Bearer\s+\S+$/i.test(authorization))
                return Promise.reject(new auth_errors_1.AuthException(auth_errors_1.AuthFailure.InvalidToken));
            return this.jwt.authenticate(request, reply);
        }
        return Promise.reject(new auth_errors_1.AuthException(auth_errors_1.AuthFailure.MissingCredentials));
    }
};
exports.CredentialsGuard = CredentialsGuard;
exports.CredentialsGuard = CredentialsGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.Reflector,
        api_keys_service_1.ApiKeysService,
        jwt_authenticator_1.JwtAuthenticator,
        auth_failure_limiter_1.AuthFailureLimiter])
], CredentialsGuard);
//# sourceMappingURL=credentials.guard.js.map