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
var UsageQualificationWatcher_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.UsageQualificationWatcher = void 0;
const common_1 = require("@nestjs/common");
const referral_lifecycle_service_1 = require("./referral-lifecycle.service");
const referrals_repository_1 = require("./referrals.repository");
/** Accounts found not to be referees are not looked up again for this long. */
const NOT_A_REFEREE_TTL_MS = 60_000;
const MAX_REMEMBERED = 100_000;
/**
 * Qualifies a referral once its referee has been charged the qualifying credits. Runs after each charge,
 * off the request's path; most paying accounts are not referees, so that answer is remembered and costs
 * one indexed lookup per account per minute at most.
 */
let UsageQualificationWatcher = UsageQualificationWatcher_1 = class UsageQualificationWatcher {
    constructor(referrals, lifecycle) {
        this.referrals = referrals;
        this.lifecycle = lifecycle;
        this.logger = new common_1.Logger(UsageQualificationWatcher_1.name);
        this.notReferees = new Map();
        this.pending = new Set();
    }
    noteCharge(accountId) {
        const knownAt = this.notReferees.get(accountId);
        if (knownAt !== undefined && Date.now() - knownAt < NOT_A_REFEREE_TTL_MS)
            return;
        const check = this.check(accountId)
            .catch((error) => this.logger.error(`qualification check for account ${accountId} failed: ${String(error)}`))
            .finally(() => this.pending.delete(check));
        this.pending.add(check);
    }
    /** Resolves when every check started so far has finished (shutdown, and tests that wait for it). */
    async settled() {
        while (this.pending.size > 0)
            await Promise.allSettled([...this.pending]);
    }
    beforeApplicationShutdown() {
        return this.settled();
    }
    async check(accountId) {
        const referral = await this.referrals.findByReferee(accountId);
        if (!referral) {
            if (this.notReferees.size >= MAX_REMEMBERED)
                this.notReferees.clear();
            this.notReferees.set(accountId, Date.now());
            return;
        }
        if (referral.status === 'signed_up')
            await this.lifecycle.onRefereesCharged([accountId]);
    }
};
exports.UsageQualificationWatcher = UsageQualificationWatcher;
exports.UsageQualificationWatcher = UsageQualificationWatcher = UsageQualificationWatcher_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [referrals_repository_1.ReferralsRepository,
        referral_lifecycle_service_1.ReferralLifecycleService])
], UsageQualificationWatcher);
//# sourceMappingURL=usage-qualification.watcher.js.map