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
exports.IdempotencyInterceptor = exports.IDEMPOTENT_SECRET_FIELDS = exports.IDEMPOTENT_REPLAY_HEADER = exports.IDEMPOTENCY_KEY_HEADER = void 0;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const rxjs_1 = require("rxjs");
const core_1 = require("@nestjs/core");
const api_exception_1 = require("../http/api.exception");
const idempotency_repository_1 = require("./idempotency.repository");
exports.IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
exports.IDEMPOTENT_REPLAY_HEADER = 'idempotent-replayed';
/** Metadata of @Idempotent({ secretFields }): response fields never stored for replays. */
exports.IDEMPOTENT_SECRET_FIELDS = 'idempotency:secret-fields';
const WELL_FORMED_KEY = /^[\x21-\x7e]{1,255}$/;
/**
 * `Idempotency-Key` on POST routes: the first request with a key runs and its 2xx response is stored; a
 * repeat with the same key and the same request gets that response again (header `Idempotent-Replayed:
 * true`) and changes nothing, credits included. The same key on a different request is refused (422); a
 * repeat while the first is still running gets 409. Failed requests are not stored, so they can be retried.
 * Keys are per account and remembered for 24 hours.
 */
let IdempotencyInterceptor = class IdempotencyInterceptor {
    constructor(repository, reflector) {
        this.repository = repository;
        this.reflector = reflector;
    }
    /** The response as stored for replays: without the route's secret fields (see IdempotentOptions). */
    storable(context, data) {
        const secretFields = this.reflector.get(exports.IDEMPOTENT_SECRET_FIELDS, context.getHandler()) ?? [];
        if (secretFields.length === 0 || typeof data !== 'object' || data === null)
            return data;
        return { ...data, ...Object.fromEntries(secretFields.map((field) => [field, null])) };
    }
    intercept(context, next) {
        const request = context.switchToHttp().getRequest();
        const reply = context.switchToHttp().getResponse();
        const key = request.headers[exports.IDEMPOTENCY_KEY_HEADER];
        if (key === undefined)
            return next.handle();
        if (typeof key !== 'string' || !WELL_FORMED_KEY.test(key)) {
            throw api_exception_1.ApiException.validation('Invalid request headers', [
                { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters, sent once' },
            ]);
        }
        const accountId = request.principal?.accountId;
        if (!accountId)
            throw new Error('@Idempotent() needs an authenticated route (@Auth())');
        const route = `${request.method} ${request.routeOptions?.url ?? ''}`;
        const fingerprint = (0, node_crypto_1.createHash)('sha256')
            .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
            .digest();
        return (0, rxjs_1.defer)(() => this.repository.claim(accountId, key, route, fingerprint)).pipe((0, rxjs_1.mergeMap)((claim) => {
            switch (claim.kind) {
                case 'new':
                    return next.handle().pipe((0, rxjs_1.mergeMap)(async (data) => {
                        await this.repository.complete(accountId, key, reply.statusCode, this.storable(context, data));
                        return data;
                    }), (0, rxjs_1.catchError)((error) => (0, rxjs_1.from)(this.repository.release(accountId, key)).pipe((0, rxjs_1.mergeMap)(() => {
                        throw error;
                    }))));
                case 'replay':
                    request.idempotentReplay = true;
                    void reply.status(claim.status).header(exports.IDEMPOTENT_REPLAY_HEADER, 'true');
                    return (0, rxjs_1.of)(claim.body);
                case 'in_progress':
                    throw new api_exception_1.ApiException(common_1.HttpStatus.CONFLICT, 'A request with this Idempotency-Key is still in progress');
                case 'mismatch':
                    throw new api_exception_1.ApiException(common_1.HttpStatus.UNPROCESSABLE_ENTITY, 'This Idempotency-Key was already used for a different request');
            }
        }));
    }
};
exports.IdempotencyInterceptor = IdempotencyInterceptor;
exports.IdempotencyInterceptor = IdempotencyInterceptor = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [idempotency_repository_1.IdempotencyRepository,
        core_1.Reflector])
], IdempotencyInterceptor);
//# sourceMappingURL=idempotency.interceptor.js.map