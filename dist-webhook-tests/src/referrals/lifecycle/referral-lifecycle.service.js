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
var ReferralLifecycleService_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReferralLifecycleService = void 0;
exports.announce = announce;
exports.actorOf = actorOf;
const common_1 = require("@nestjs/common");
const bonus_credits_repository_1 = require("../../billing/bonus-credits.repository");
const api_exception_1 = require("../../common/http/api.exception");
const uuid_1 = require("../../common/validation/uuid");
const app_config_1 = require("../../config/app-config");
const webhooks_service_1 = require("../../webhooks/webhooks.service");
const referral_state_machine_1 = require("./referral-state-machine");
const referrals_repository_1 = require("./referrals.repository");
/** The webhook event each status change announces (in the change's own transaction). */
const ACTION_EVENTS = {
    approve: 'referral.approved',
    reject: 'referral.rejected',
    qualify: 'referral.qualified',
    reward: 'referral.rewarded',
    cap: 'referral.capped',
};
/** Writes the referral as it now is (inside `tx`) to the webhook outbox as `type`. */
async function announce(webhooks, tx, type, id) {
    await webhooks.emit(tx.manager, type, (await tx.findById(id)));
}
function actorOf(principal) {
    return { kind: principal.credential.kind, id: principal.credential.id, accountId: principal.accountId };
}
/**
 * Moves referrals through the state machine, one locked transaction per change, each change audited.
 * Qualification is followed at once, in the same transaction, by the reward or the cap.
 */
let ReferralLifecycleService = ReferralLifecycleService_1 = class ReferralLifecycleService {
    constructor(referrals, bonusCredits, config, webhooks) {
        this.referrals = referrals;
        this.bonusCredits = bonusCredits;
        this.config = config;
        this.webhooks = webhooks;
        this.logger = new common_1.Logger(ReferralLifecycleService_1.name);
    }
    /** Approves; a referee that has already used the qualifying credits then qualifies at once. */
    async approve(id, actor) {
        const approved = await this.change(id, 'approve', null, actor);
        await this.onRefereesCharged([approved.referee_account_id]);
        return (await this.referrals.findById(id)) ?? approved;
    }
    reject(id, reason, actor) {
        return this.change(id, 'reject', reason, actor);
    }
    qualify(id, actor, reason = 'manual') {
        return this.change(id, 'qualify', reason, actor);
    }
    /** Qualifies the referee's open referral when it has just moved to a paying plan; a no-op otherwise. */
    async onRefereeBecamePaying(refereeAccountId) {
        const referral = await this.referrals.findByReferee(refereeAccountId);
        if (referral?.status === 'signed_up')
            await this.qualifyQuietly(referral.id, 'paid_plan');
    }
    /** Qualifies referrals whose referees have now been charged the qualifying number of credits. */
    async onRefereesCharged(refereeAccountIds) {
        const due = await this.referrals.dueForUsageQualification(refereeAccountIds, this.config.referrals.qualifyingCredits);
        for (const id of due)
            await this.qualifyQuietly(id, 'credits_used');
    }
    /** System qualification races with admins and other instances: losing the race (409) is fine. */
    async qualifyQuietly(id, reason) {
        try {
            await this.qualify(id, referrals_repository_1.SYSTEM_ACTOR, reason);
        }
        catch (error) {
            if (error instanceof api_exception_1.ApiException && error.getStatus() === common_1.HttpStatus.CONFLICT)
                return;
            throw error;
        }
    }
    change(id, action, reason, actor) {
        if (!(0, uuid_1.isUuid)(id))
            return Promise.reject(notFound(id));
        return this.referrals.transaction(async (tx) => {
            const referral = await tx.lockById(id);
            if (!referral)
                throw notFound(id);
            const to = (0, referral_state_machine_1.nextStatus)(referral.status, action);
            if (!to) {
                throw new api_exception_1.ApiException(common_1.HttpStatus.CONFLICT, `Cannot ${action} a referral that is ${referral.status}`, {
                    status: referral.status,
                    action,
                });
            }
            await tx.moveTo(referral, to, reason, actor);
            await announce(this.webhooks, tx, ACTION_EVENTS[action], id);
            if (to === 'qualified')
                await this.rewardOrCap(tx, { ...referral, status: to });
            return (await tx.findById(id));
        });
    }
    async rewardOrCap(tx, referral) {
        const { monthlyRewardCap, rewardCredits } = this.config.referrals;
        if (await tx.claimRewardSlot(referral.referrer_account_id, monthlyRewardCap)) {
            await tx.moveTo(referral, 'rewarded', null, referrals_repository_1.SYSTEM_ACTOR);
            const expiresAt = await tx.recordRewardGrant(referral, rewardCredits);
            await this.bonusCredits.grant(tx.manager, referral.referrer_account_id, rewardCredits, expiresAt);
            await announce(this.webhooks, tx, ACTION_EVENTS.reward, referral.id);
        }
        else {
            await tx.moveTo(referral, 'capped', `monthly reward cap of ${monthlyRewardCap} reached`, referrals_repository_1.SYSTEM_ACTOR);
            await announce(this.webhooks, tx, ACTION_EVENTS.cap, referral.id);
            this.logger.log(`referral ${referral.id} capped: referrer reached ${monthlyRewardCap} rewards this month`);
        }
    }
};
exports.ReferralLifecycleService = ReferralLifecycleService;
exports.ReferralLifecycleService = ReferralLifecycleService = ReferralLifecycleService_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [referrals_repository_1.ReferralsRepository,
        bonus_credits_repository_1.BonusCreditsRepository,
        app_config_1.AppConfig,
        webhooks_service_1.WebhooksService])
], ReferralLifecycleService);
function notFound(id) {
    return new api_exception_1.ApiException(common_1.HttpStatus.NOT_FOUND, `No referral with id ${id}`);
}
//# sourceMappingURL=referral-lifecycle.service.js.map