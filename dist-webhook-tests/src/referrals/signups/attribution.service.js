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
exports.AttributionService = void 0;
const common_1 = require("@nestjs/common");
const api_exception_1 = require("../../common/http/api.exception");
const app_config_1 = require("../../config/app-config");
const attribution_cookie_1 = require("../clicks/attribution-cookie");
const clicks_repository_1 = require("../clicks/clicks.repository");
const referral_lifecycle_service_1 = require("../lifecycle/referral-lifecycle.service");
const webhooks_service_1 = require("../../webhooks/webhooks.service");
const referrals_repository_1 = require("../lifecycle/referrals.repository");
const referral_hashing_1 = require("../referral-hashing");
const fraud_rules_1 = require("./fraud-rules");
const UNIQUE_VIOLATION = '23505';
/**
 * Records a new signup: creates its account and, when the signup can be attributed (a valid cookie within
 * the window wins, a referral code otherwise), its referral, judged by the fraud rules. One transaction.
 */
let AttributionService = class AttributionService {
    constructor(referrals, clicks, hashing, config, webhooks) {
        this.referrals = referrals;
        this.clicks = clicks;
        this.hashing = hashing;
        this.config = config;
        this.webhooks = webhooks;
        this.fraudSettings = {
            maxSignupsPerIpPerDay: config.referrals.maxSignupsPerIpPerDay,
            disposableDomains: new Set([...fraud_rules_1.BUILT_IN_DISPOSABLE_DOMAINS, ...config.referrals.extraDisposableDomains]),
        };
    }
    async recordSignup(signup, actor) {
        const attribution = await this.attribute(signup);
        const ipHash = signup.signup_ip ? this.hashing.ip(signup.signup_ip) : null;
        try {
            return await this.referrals.transaction(async (tx) => {
                if (ipHash)
                    await tx.lockSignupIp(ipHash);
                const account = await tx.createAccount(signup.email.trim(), ipHash);
                const referrer = attribution.referrerAccountId ? await tx.findReferrer(attribution.referrerAccountId) : null;
                if (!referrer)
                    return { account, attribution: 'none', referral: null };
                const verdict = (0, fraud_rules_1.evaluateSignup)({
                    refereeEmail: account.email,
                    refereeAccountId: account.id,
                    referrerEmail: referrer.email,
                    referrerAccountId: referrer.id,
                    signupIpHash: ipHash,
                    referrerIpHash: referrer.signupIpHash,
                    signupsFromIpLastDay: ipHash ? await tx.countSignupsFromIp(ipHash) : 0,
                }, this.fraudSettings);
                const referral = await tx.insertReferral({
                    referrerAccountId: referrer.id,
                    refereeAccountId: account.id,
                    clickId: attribution.clickId,
                    utmCampaign: attribution.utmCampaign,
                    signupIpHash: ipHash,
                    status: verdict.outcome === 'reject' ? 'rejected' : verdict.outcome === 'review' ? 'review_required' : 'signed_up',
                    reason: verdict.outcome === 'accept' ? null : verdict.reason,
                }, actor);
                // Every attributed signup is announced; a signup the fraud rules held or refused also says so.
                await (0, referral_lifecycle_service_1.announce)(this.webhooks, tx, 'referral.signed_up', referral.id);
                if (referral.status === 'review_required')
                    await (0, referral_lifecycle_service_1.announce)(this.webhooks, tx, 'referral.review_required', referral.id);
                if (referral.status === 'rejected')
                    await (0, referral_lifecycle_service_1.announce)(this.webhooks, tx, 'referral.rejected', referral.id);
                return { account, attribution: attribution.source, referral };
            });
        }
        catch (error) {
            if (error.driverError?.code === UNIQUE_VIOLATION) {
                throw new api_exception_1.ApiException(common_1.HttpStatus.CONFLICT, `An account with email ${signup.email.trim()} already exists`);
            }
            throw error;
        }
    }
    /** The cookie's click when its signature and age check out; else the referral code; else nobody. */
    async attribute(signup) {
        const { secret, attributionWindowMs } = this.config.referrals;
        const verified = signup.click_token ? (0, attribution_cookie_1.verifyAttribution)(signup.click_token, secret, attributionWindowMs) : null;
        const click = verified ? await this.clicks.findAttributable(verified.clickId) : null;
        if (click) {
            return {
                source: 'cookie',
                referrerAccountId: click.referrerAccountId,
                clickId: click.clickId,
                utmCampaign: click.utmCampaign,
            };
        }
        const referrer = signup.referral_code ? await this.clicks.findReferrerByCode(signup.referral_code) : null;
        if (referrer)
            return { source: 'referral_code', referrerAccountId: referrer.accountId, clickId: null, utmCampaign: null };
        return { source: 'none', referrerAccountId: null, clickId: null, utmCampaign: null };
    }
};
exports.AttributionService = AttributionService;
exports.AttributionService = AttributionService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [referrals_repository_1.ReferralsRepository,
        clicks_repository_1.ClicksRepository,
        referral_hashing_1.ReferralHashing,
        app_config_1.AppConfig,
        webhooks_service_1.WebhooksService])
], AttributionService);
//# sourceMappingURL=attribution.service.js.map