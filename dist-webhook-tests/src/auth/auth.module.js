"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuthModule = void 0;
const common_1 = require("@nestjs/common");
const passport_1 = require("@nestjs/passport");
const accounts_module_1 = require("../accounts/accounts.module");
const api_key_management_service_1 = require("./api-keys/api-key-management.service");
const api_keys_controller_1 = require("./api-keys/api-keys.controller");
const api_keys_repository_1 = require("./api-keys/api-keys.repository");
const api_keys_service_1 = require("./api-keys/api-keys.service");
const auth_failure_limiter_1 = require("./auth-failure-limiter");
const credentials_guard_1 = require("./guards/credentials.guard");
const jwt_authenticator_1 = require("./jwt/jwt-authenticator");
const jwks_key_provider_1 = require("./jwt/jwks-key-provider");
const jwt_strategy_1 = require("./jwt/jwt.strategy");
/** Global, so any feature module can put `@Auth()` on a route without importing it. */
let AuthModule = class AuthModule {
};
exports.AuthModule = AuthModule;
exports.AuthModule = AuthModule = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({
        imports: [passport_1.PassportModule, accounts_module_1.AccountsModule],
        controllers: [api_keys_controller_1.AdminApiKeysController, api_keys_controller_1.AccountApiKeysController],
        providers: [
            api_key_management_service_1.ApiKeyManagementService,
            api_keys_repository_1.ApiKeysRepository,
            api_keys_service_1.ApiKeysService,
            auth_failure_limiter_1.AuthFailureLimiter,
            credentials_guard_1.CredentialsGuard,
            jwt_authenticator_1.JwtAuthenticator,
            jwks_key_provider_1.JwksKeyProvider,
            jwt_strategy_1.JwtStrategy,
        ],
        exports: [api_keys_service_1.ApiKeysService, auth_failure_limiter_1.AuthFailureLimiter, credentials_guard_1.CredentialsGuard, jwt_authenticator_1.JwtAuthenticator, accounts_module_1.AccountsModule],
    })
], AuthModule);
//# sourceMappingURL=auth.module.js.map