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
exports.JwtStrategy = void 0;
const common_1 = require("@nestjs/common");
const passport_1 = require("@nestjs/passport");
const node_crypto_1 = require("node:crypto");
const passport_jwt_1 = require("passport-jwt");
const accounts_service_1 = require("../../accounts/accounts.service");
const app_config_1 = require("../../config/app-config");
const auth_errors_1 = require("../auth.errors");
const jwks_key_provider_1 = require("./jwks-key-provider");
/**
 * Verifies `Authorization: Bearer` JWTs with passport-jwt: signature with the configured key (a secret, a
 * PEM public key, or the identity provider's JWKS through JwksKeyProvider as `secretOrKeyProvider`),
 * algorithms pinned (so `alg: none` and HS/RS confusion are refused), `exp` required, `iss`/`aud` when
 * configured. `sub` (or JWT_ACCOUNT_CLAIM) names the account; its plan is read from the database on every
 * request, never from the token, so a downgrade takes effect at once.
 *
 * JwtAuthenticator registers this instance on a passport Authenticator of its own and runs it by name, so
 * passport derives a per-request object from it. The registration under 'jwt' in passport's global registry
 * (made by PassportStrategy) is never looked up: every app in a process (tests start several) overwrites it.
 */
let JwtStrategy = class JwtStrategy extends (0, passport_1.PassportStrategy)(passport_jwt_1.Strategy, 'jwt') {
    constructor(config, accounts, jwks) {
        const jwt = config.auth.jwt;
        super({
            jwtFromRequest: passport_jwt_1.ExtractJwt.fromAuthHeaderAsBearerToken(),
            ...(jwks.enabled
                ? {
                    // jsonwebtoken 9 verifies with a KeyObject as it is; passport-jwt's types only know strings and Buffers.
                    secretOrKeyProvider: (_request, rawToken, done) => void jwks.keyFor(rawToken).then((key) => done(null, key), (error) => done(error)),
                }
                : // With JWT unconfigured the guard refuses bearer tokens before this runs; a random key is belt and braces.
                    { secretOrKey: jwt?.verificationKey ?? (0, node_crypto_1.randomBytes)(32).toString('hex') }),
            algorithms: [...(jwt?.algorithms ?? ['HS256'])],
            issuer: jwt?.issuer,
            audience: jwt?.audience,
            ignoreExpiration: false,
        });
        this.accounts = accounts;
        this.accountClaim = jwt?.accountClaim ?? 'sub';
    }
    async validate(claims) {
        const accountId = claims[this.accountClaim];
        if (typeof claims.exp !== 'number' || typeof accountId !== 'string') {
            throw new auth_errors_1.AuthException(auth_errors_1.AuthFailure.InvalidToken);
        }
        const account = await this.accounts.findById(accountId);
        if (!account)
            throw new auth_errors_1.AuthException(auth_errors_1.AuthFailure.InvalidToken);
        return {
            accountId: account.id,
            plan: account.plan,
            overageEnabled: account.overageEnabled,
            credential: { kind: 'jwt', id: typeof claims.jti === 'string' ? claims.jti : account.id },
        };
    }
};
exports.JwtStrategy = JwtStrategy;
exports.JwtStrategy = JwtStrategy = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig,
        accounts_service_1.AccountsService,
        jwks_key_provider_1.JwksKeyProvider])
], JwtStrategy);
//# sourceMappingURL=jwt.strategy.js.map