"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AUTH_OPTIONS = void 0;
exports.Auth = Auth;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const api_responses_decorator_1 = require("../common/swagger/api-responses.decorator");
const swagger_2 = require("../common/swagger/swagger");
const credentials_guard_1 = require("./guards/credentials.guard");
exports.AUTH_OPTIONS = 'auth:options';
/**
 * The one way to protect a route: an API key (`x-api-key`) or a bearer JWT, then the plan requirement.
 * It also writes the route's Swagger security (either scheme) and its 401/403 responses, so a route cannot
 * be protected without being documented.
 */
function Auth(options = {}) {
    return (0, common_1.applyDecorators)((0, common_1.SetMetadata)(exports.AUTH_OPTIONS, options), (0, common_1.UseGuards)(credentials_guard_1.CredentialsGuard), (0, swagger_1.ApiSecurity)(swagger_2.API_KEY_SCHEME), (0, swagger_1.ApiBearerAuth)(swagger_2.JWT_SCHEME), (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.UNAUTHORIZED, ...(options.plan ? [common_1.HttpStatus.FORBIDDEN] : [])));
}
//# sourceMappingURL=auth.decorator.js.map