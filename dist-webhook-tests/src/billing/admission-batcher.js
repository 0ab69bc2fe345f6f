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
var AdmissionBatcher_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AdmissionBatcher = void 0;
const common_1 = require("@nestjs/common");
const metering_repository_1 = require("./metering.repository");
/** A statement's worth: larger batches only lengthen the statement that every queued request waits for. */
const MAX_BATCH = 200;
/** Confirmations wait at most this long for an admission statement they could share a flush with. */
const CONFIRM_DELAY_MS = 5;
const CONFIRM_RETRY_MS = 1_000;
/**
 * Admission statements in flight at once. One gives the largest batches; two (one executing while the other
 * waits for its WAL flush) measured no faster and noisier on 2 cores (docs/billing.md, "Benchmark").
 */
const MAX_IN_FLIGHT = 1;
/**
 * Groups the admissions of concurrent requests into one statement (micro-batching), and the confirmations of
 * their charges with them.
 *
 * Admissions: while one admission statement is in flight, requests queue; when it returns, the queue goes
 * out as the next statement. A lone request is sent at once (after the current I/O callbacks, so requests
 * that arrived together leave together), so an idle service adds no wait. A statement holds at most one
 * request per account (the statement decides each row from the counters as it found them); further requests
 * of that account stay queued, in order, for the next statements. Each statement is exact on its own and
 * locks its accounts in order, so instances batching side by side stay exact and never deadlock.
 *
 * Confirmations: a 2xx's charge is made final after its response, in batches. They ride along with the next
 * admission statement; when none is sent within a few milliseconds (an idle service), they go out in a
 * statement of their own. Shutdown flushes them.
 */
let AdmissionBatcher = AdmissionBatcher_1 = class AdmissionBatcher {
    constructor(repository) {
        this.repository = repository;
        this.logger = new common_1.Logger(AdmissionBatcher_1.name);
        this.queue = [];
        /** The admission statements in flight (they may carry confirmations: shutdown waits for them). */
        this.inFlight = new Set();
        this.scheduled = false;
        this.confirmations = [];
    }
    admit(request, limits, reservationTtlMs) {
        return new Promise((resolve, reject) => {
            this.queue.push({ request, limits, resolve, reject });
            this.schedule(reservationTtlMs);
        });
    }
    /** Queues a provisional charge for confirmation; never throws (a failed batch is retried). */
    confirm(chargeId) {
        this.confirmations.push(chargeId);
        this.confirmTimer ??= setTimeout(() => void this.flushConfirmations(), CONFIRM_DELAY_MS);
    }
    /** Resolves once every confirmation queued so far is stored (or has failed and been logged). */
    async drain() {
        await Promise.allSettled([...this.inFlight]);
        for (let attempt = 0; attempt < 3 && (this.confirmations.length > 0 || this.confirming); attempt++) {
            clearTimeout(this.confirmTimer);
            this.confirmTimer = undefined;
            await this.confirming;
            if (this.confirmations.length > 0)
                await this.flushConfirmations();
        }
        if (this.confirmations.length > 0) {
            this.logger.error(`${this.confirmations.length} charge(s) left unconfirmed at shutdown: the sweeper will refund them`);
        }
    }
    schedule(reservationTtlMs) {
        if (this.inFlight.size >= MAX_IN_FLIGHT || this.scheduled)
            return;
        this.scheduled = true;
        setImmediate(() => {
            this.scheduled = false;
            void this.sendNext(reservationTtlMs);
        });
    }
    async sendNext(reservationTtlMs) {
        if (this.inFlight.size >= MAX_IN_FLIGHT || this.queue.length === 0)
            return;
        const batch = [];
        const rest = [];
        const accounts = new Set();
        for (const item of this.queue) {
            if (batch.length < MAX_BATCH && !accounts.has(item.request.accountId)) {
                accounts.add(item.request.accountId);
                batch.push(item);
            }
            else {
                rest.push(item);
            }
        }
        this.queue = rest;
        if (rest.length > 0)
            this.schedule(reservationTtlMs);
        // Confirmations queued since the last statement ride along, unless a confirmation statement is in flight
        // (then they wait for the next one, so no marker is ever in two statements at once).
        const confirmations = this.confirming ? [] : this.confirmations;
        if (!this.confirming) {
            this.confirmations = [];
            clearTimeout(this.confirmTimer);
            this.confirmTimer = undefined;
        }
        try {
            const statement = this.repository.admitBatch(batch, reservationTtlMs, confirmations);
            this.inFlight.add(statement);
            const results = await statement.finally(() => this.inFlight.delete(statement));
            const missing = [];
            batch.forEach((item, i) => {
                const result = results[i];
                if (result === undefined)
                    item.reject(new Error(`no admission result for request ${item.request.requestId}`));
                else if (result.missing)
                    missing.push(item);
                else
                    item.resolve(result);
            });
            if (missing.length > 0) {
                // First metered request of these accounts: create their counters rows, then admit them first.
                await this.repository.ensureCounters(missing.map((item) => item.request.accountId));
                this.queue = [...missing, ...this.queue];
            }
        }
        catch (error) {
            for (const item of batch)
                item.reject(error);
            if (confirmations.length > 0) {
                this.confirmations = [...confirmations, ...this.confirmations];
                this.confirmTimer ??= setTimeout(() => void this.flushConfirmations(), CONFIRM_RETRY_MS);
            }
        }
        finally {
            if (this.queue.length > 0)
                this.schedule(reservationTtlMs);
        }
    }
    flushConfirmations() {
        clearTimeout(this.confirmTimer);
        this.confirmTimer = undefined;
        if (this.confirming || this.confirmations.length === 0)
            return this.confirming ?? Promise.resolve();
        const ids = this.confirmations;
        this.confirmations = [];
        this.confirming = this.repository
            .confirmCharges(ids)
            .catch((error) => {
            // Kept for another attempt: a charge left unconfirmed past its expiry would be refunded by the sweeper.
            this.logger.error(`confirming ${ids.length} charge(s) failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
            this.confirmations = [...ids, ...this.confirmations];
            this.confirmTimer ??= setTimeout(() => void this.flushConfirmations(), CONFIRM_RETRY_MS);
        })
            .finally(() => {
            this.confirming = undefined;
            if (this.confirmations.length > 0 && !this.confirmTimer) {
                this.confirmTimer = setTimeout(() => void this.flushConfirmations(), CONFIRM_DELAY_MS);
            }
        });
        return this.confirming;
    }
};
exports.AdmissionBatcher = AdmissionBatcher;
exports.AdmissionBatcher = AdmissionBatcher = AdmissionBatcher_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [metering_repository_1.MeteringRepository])
], AdmissionBatcher);
//# sourceMappingURL=admission-batcher.js.map