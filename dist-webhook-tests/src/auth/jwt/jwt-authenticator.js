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
exports.JwtAuthenticator = void 0;
const common_1 = require("@nestjs/common");
const jsonwebtoken_1 = require("jsonwebtoken");
const passport_1 = require("passport");
const app_config_1 = require("../../config/app-config");
const auth_errors_1 = require("../auth.errors");
const jwt_strategy_1 = require("./jwt.strategy");
const STRATEGY_NAME = 'jwt';
/**
 * Runs the passport-jwt strategy for one request and turns its outcome into a Principal or an AuthException.
 *
 * The strategy is registered by name on a passport Authenticator of this provider's own, and always looked up
 * by that name: passport then derives a fresh object from the strategy for each request
 * (`Object.create(strategy)`) and sets that request's success/fail callbacks on it. Handing the shared
 * instance to `authenticate()` instead makes passport set them on the one object every request shares, so
 * concurrent requests receive each other's accounts (a free-plan token answered with an admin's identity).
 * The private Authenticator keeps passport's global registry out of it: every app in a process (tests
 * start several) would overwrite the other's 'jwt' there.
 */
let JwtAuthenticator = class JwtAuthenticator {
    constructor(strategy, config) {
        this.config = config;
        this.passport = new passport_1.Authenticator();
        this.passport.use(STRATEGY_NAME, strategy);
    }
    authenticate(request, reply) {
        if (!this.config.auth.jwt)
            return Promise.reject(new auth_errors_1.AuthException(auth_errors_1.AuthFailure.InvalidToken));
        return new Promise((resolve, reject) => {
            const middleware = this.passport.authenticate(STRATEGY_NAME, { session: false }, (error, principal, info) => {
                if (error instanceof auth_errors_1.AuthException)
                    return reject(error);
                if (error)
                    return reject(error); // a database failure while loading the account: a 5xx, not a 401
                if (principal)
                    return resolve(principal);
                reject(new auth_errors_1.AuthException(info instanceof jsonwebtoken_1.TokenExpiredError ? auth_errors_1.AuthFailure.ExpiredToken : auth_errors_1.AuthFailure.InvalidToken));
            });
            middleware(request, reply, (error) => reject(error ?? new auth_errors_1.AuthException(auth_errors_1.AuthFailure.InvalidToken)));
        });
    }
};
exports.JwtAuthenticator = JwtAuthenticator;
exports.JwtAuthenticator = JwtAuthenticator = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [jwt_strategy_1.JwtStrategy,
        app_config_1.AppConfig])
], JwtAuthenticator);
//# sourceMappingURL=jwt-authenticator.js.map