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
var MeteringService_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.MeteringService = void 0;
const common_1 = require("@nestjs/common");
const api_exception_1 = require("../common/http/api.exception");
const app_config_1 = require("../config/app-config");
const admission_batcher_1 = require("./admission-batcher");
const metering_headers_1 = require("./metering-headers");
const metering_repository_1 = require("./metering.repository");
const REFUSAL_MESSAGES = {
    rate_limited: 'Plan rate limit exceeded',
    daily_cap_reached: 'Daily credit cap reached',
    credits_exhausted: 'Included credits exhausted for this billing period',
};
/**
 * The metering decisions around one request: admit (or refuse with a 429), then commit or release. The
 * atomicity lives in the repository's statements; this class chooses limits and shapes headers and errors.
 *
 * Admissions go through the AdmissionBatcher (one statement for the requests that arrive together). Most
 * admissions charge at once (a provisional charge): a success then only queues the charge's confirmation,
 * off the response's path, and a failure refunds it before the error response. Admissions that spend bonus
 * credits reserve instead, and are committed or released as before.
 */
let MeteringService = MeteringService_1 = class MeteringService {
    constructor(repository, batcher, config) {
        this.repository = repository;
        this.batcher = batcher;
        this.config = config;
        this.logger = new common_1.Logger(MeteringService_1.name);
        /** Commits and releases in progress: shutdown waits for them while the connection pool is still open. */
        this.settling = new Set();
        /** Told after each charge is stored (referrals qualify a referee once it has used enough credits). */
        this.chargeListeners = [];
        this.admissionListeners = [];
    }
    /** `listener` runs after every stored charge, off the request's path: it must not throw or block. */
    onCharged(listener) {
        this.chargeListeners.push(listener);
    }
    /**
     * `listener` runs for every admission decision (admitted or refused), synchronously on the request's path:
     * it must only record in memory (usage history counts these in batches), never throw or block.
     */
    onAdmission(listener) {
        this.admissionListeners.push(listener);
    }
    /** The plan numbers for this principal, read from the catalog at request time (its plan as stored now). */
    limitsFor(principal) {
        const { catalog } = this.config.billing;
        const plan = catalog.limitsOf(principal.plan);
        return {
            ratePerMinute: plan.ratePerMinute,
            dailyCap: plan.dailyCap,
            includedCredits: plan.includedCredits,
            overageAllowed: catalog.overageAllowed(principal.plan, principal.overageEnabled),
        };
    }
    /** Admits the call and reserves its credits, or throws the 429 ApiException (with headers) the filter renders. */
    async admit(call) {
        const limits = this.limitsFor(call.principal);
        const result = await this.batcher.admit({
            accountId: call.principal.accountId,
            credits: call.credits,
            requestId: call.requestId,
            credential: call.principal.credential,
            route: call.route,
        }, limits, this.config.billing.reservationTtlMs);
        const outcome = {
            accountId: call.principal.accountId,
            plan: call.principal.plan,
            refusal: result.refusal,
            at: result.counters.now,
        };
        for (const listener of this.admissionListeners)
            listener(outcome);
        if (result.refusal !== null) {
            const retryAfter = (0, metering_headers_1.retryAfterSeconds)(result.refusal, result);
            throw new api_exception_1.ApiException(common_1.HttpStatus.TOO_MANY_REQUESTS, REFUSAL_MESSAGES[result.refusal], { reason: result.refusal, retry_after_seconds: retryAfter }, (0, metering_headers_1.meteringHeaders)(limits, result.counters, 0, retryAfter));
        }
        return {
            accountId: call.principal.accountId,
            credits: call.credits,
            limits,
            result,
            get headers() {
                // Only needed when the settle step cannot produce its own (a failed release); built on demand.
                return (0, metering_headers_1.meteringHeaders)(limits, result.counters, 0);
            },
        };
    }
    /**
     * Runs before the pool closes on shutdown. A client that disconnected just before SIGTERM has its release
     * still in flight; letting it finish returns the credits now instead of at the reservation's expiry.
     */
    async beforeApplicationShutdown() {
        await Promise.allSettled([...this.settling]);
        await this.batcher.drain();
    }
    /** The handler succeeded: charge the reservation, or confirm the charge. Returns the response's headers. */
    commit(admission) {
        const { chargeId } = admission.result;
        if (chargeId) {
            // Charged by the admission already: the ledger and counters hold it. Confirm it after the response.
            this.batcher.confirm(chargeId);
            this.notifyCharged(admission);
            return Promise.resolve((0, metering_headers_1.meteringHeaders)(admission.limits, admission.result.counters, admission.credits));
        }
        return this.track(this.charge(admission));
    }
    /** The request failed (or the client left): return the credits. Returns the response's headers. */
    release(admission) {
        return this.track(admission.result.chargeId ? this.refund(admission, admission.result.chargeId) : this.returnCredits(admission));
    }
    notifyCharged(admission) {
        for (const listener of this.chargeListeners)
            listener({ accountId: admission.accountId, credits: admission.credits });
    }
    async refund(admission, chargeId) {
        const { counters } = admission.result;
        const settled = await this.repository.refund(chargeId);
        return (0, metering_headers_1.meteringHeaders)(admission.limits, settled ? { ...counters, ...settled } : counters, 0);
    }
    track(settlement) {
        this.settling.add(settlement);
        const forget = () => this.settling.delete(settlement);
        settlement.then(forget, forget);
        return settlement;
    }
    async charge(admission) {
        const { reservationId, counters } = admission.result;
        if (reservationId === null)
            return admission.headers;
        const settled = await this.repository.commit(reservationId);
        if (settled === null) {
            // Only possible when the request outlived BILLING_RESERVATION_TTL_MS and the sweeper reclaimed it.
            this.logger.warn(`reservation ${reservationId} expired before its request succeeded: not charged`);
            return admission.headers;
        }
        this.notifyCharged(admission);
        return (0, metering_headers_1.meteringHeaders)(admission.limits, { ...counters, ...settled }, admission.credits);
    }
    async returnCredits(admission) {
        const { reservationId, counters } = admission.result;
        if (reservationId === null)
            return admission.headers;
        const settled = await this.repository.release(reservationId);
        return (0, metering_headers_1.meteringHeaders)(admission.limits, settled ? { ...counters, ...settled } : counters, 0);
    }
};
exports.MeteringService = MeteringService;
exports.MeteringService = MeteringService = MeteringService_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [metering_repository_1.MeteringRepository,
        admission_batcher_1.AdmissionBatcher,
        app_config_1.AppConfig])
], MeteringService);
//# sourceMappingURL=metering.service.js.map