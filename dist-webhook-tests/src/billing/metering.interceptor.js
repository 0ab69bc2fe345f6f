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
var MeteringInterceptor_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.MeteringInterceptor = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const rxjs_1 = require("rxjs");
const api_exception_1 = require("../common/http/api.exception");
const credits_decorator_1 = require("./credits.decorator");
const metering_service_1 = require("./metering.service");
/** nginx's "client closed request": the client left before the response; never sent, only logged. */
const CLIENT_CLOSED_REQUEST = 499;
/** Emits once if the client disconnects before the response has been written. */
function clientGone(reply) {
    const response = reply.raw;
    return (0, rxjs_1.defer)(() => response.destroyed && !response.writableEnded
        ? (0, rxjs_1.of)(true)
        : (0, rxjs_1.fromEvent)(response, 'close').pipe((0, rxjs_1.filter)(() => !response.writableEnded))).pipe((0, rxjs_1.take)(1));
}
/**
 * Meters routes that declare a cost with `@Credits(n)`; leaves every other route untouched.
 *
 * Guards have run (the principal is known; a 401/403 from a guard never gets here, so costs nothing).
 * Before the handler: one atomic admission (rate limit, daily cap, credits) or a 429. After it, decided
 * from the observable's paths and never from `res.statusCode` (not yet set when a handler throws):
 * success -> commit (charge); error (400 from pipes, 4xx/5xx from the handler) -> release; client gone
 * before the response -> release. Commit and release are each idempotent in the database, so a late
 * second settle attempt is harmless.
 */
let MeteringInterceptor = MeteringInterceptor_1 = class MeteringInterceptor {
    constructor(reflector, metering) {
        this.reflector = reflector;
        this.metering = metering;
        this.logger = new common_1.Logger(MeteringInterceptor_1.name);
    }
    intercept(context, next) {
        const credits = this.reflector.getAllAndOverride(credits_decorator_1.CREDITS_METADATA, [
            context.getHandler(),
            context.getClass(),
        ]);
        if (credits === undefined || context.getType() !== 'http')
            return next.handle();
        const request = context.switchToHttp().getRequest();
        const reply = context.switchToHttp().getResponse();
        const route = `${request.method} ${request.routeOptions?.url ?? request.url}`;
        const principal = request.principal;
        if (!principal) {
            // Fail closed: a metered route without authentication is a wiring bug, never free traffic.
            return (0, rxjs_1.throwError)(() => new Error(`metered route ${route} has no authenticated principal: add @Auth()`));
        }
        return (0, rxjs_1.defer)(() => this.metering.admit({ principal, credits, requestId: request.id, route })).pipe((0, rxjs_1.mergeMap)((admission) => {
            let settled = false;
            // The metering headers are set once, by the settle step (from what it stored), or from the admission
            // when that step fails.
            const settle = (outcome) => {
                settled = true;
                const step = outcome === 'commit' ? this.metering.commit(admission) : this.metering.release(admission);
                return step.then((headers) => void reply.headers(headers), (error) => {
                    reply.headers(admission.headers);
                    throw error;
                });
            };
            return next.handle().pipe((0, rxjs_1.takeUntil)(clientGone(reply)), (0, rxjs_1.throwIfEmpty)(() => new api_exception_1.ApiException(CLIENT_CLOSED_REQUEST, 'Client closed request')), (0, rxjs_1.mergeMap)(async (data) => {
                // A replayed idempotent response repeats a result already paid for: it is admitted, never charged.
                await settle(request.idempotentReplay ? 'release' : 'commit');
                return data;
            }), (0, rxjs_1.catchError)((error) => this.releaseThenRethrow(admission, error, settle)), 
            // Unsubscribed without success or error (should not happen in Nest; belt and braces).
            (0, rxjs_1.finalize)(() => {
                if (!settled)
                    void this.releaseQuietly(admission, settle);
            }));
        }));
    }
    releaseThenRethrow(admission, error, settle) {
        return (0, rxjs_1.from)(this.releaseQuietly(admission, settle)).pipe((0, rxjs_1.mergeMap)(() => (0, rxjs_1.throwError)(() => error)));
    }
    /** A failed release must not replace the request's own error; the sweeper returns the credits later. */
    async releaseQuietly(admission, settle) {
        try {
            await settle('release');
        }
        catch (releaseError) {
            this.logger.error(`releasing reservation ${admission.result.reservationId} failed (the sweeper will reclaim it): ` +
                (releaseError instanceof Error ? releaseError.message : String(releaseError)));
        }
    }
};
exports.MeteringInterceptor = MeteringInterceptor;
exports.MeteringInterceptor = MeteringInterceptor = MeteringInterceptor_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.Reflector,
        metering_service_1.MeteringService])
], MeteringInterceptor);
//# sourceMappingURL=metering.interceptor.js.map