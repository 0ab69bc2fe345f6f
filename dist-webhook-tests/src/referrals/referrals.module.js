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
exports.ReferralsModule = void 0;
const common_1 = require("@nestjs/common");
const accounts_module_1 = require("../accounts/accounts.module");
const accounts_service_1 = require("../accounts/accounts.service");
const billing_module_1 = require("../billing/billing.module");
const metering_service_1 = require("../billing/metering.service");
const webhooks_module_1 = require("../webhooks/webhooks.module");
const account_referral_controller_1 = require("./account-referral.controller");
const account_referral_service_1 = require("./account-referral.service");
const admin_referrals_controller_1 = require("./admin-referrals.controller");
const click_tracking_controller_1 = require("./clicks/click-tracking.controller");
const click_tracking_service_1 = require("./clicks/click-tracking.service");
const clicks_repository_1 = require("./clicks/clicks.repository");
const referral_lifecycle_service_1 = require("./lifecycle/referral-lifecycle.service");
const referral_review_service_1 = require("./lifecycle/referral-review.service");
const referrals_repository_1 = require("./lifecycle/referrals.repository");
const usage_qualification_watcher_1 = require("./lifecycle/usage-qualification.watcher");
const referral_hashing_1 = require("./referral-hashing");
const referral_stats_controller_1 = require("./stats/referral-stats.controller");
const referral_stats_repository_1 = require("./stats/referral-stats.repository");
const referral_stats_service_1 = require("./stats/referral-stats.service");
const attribution_service_1 = require("./signups/attribution.service");
/** The referral program: link clicks, signup attribution, review, qualification and rewards, and its stats. */
let ReferralsModule = class ReferralsModule {
    constructor(accounts, metering, lifecycle, usageQualification) {
        this.accounts = accounts;
        this.metering = metering;
        this.lifecycle = lifecycle;
        this.usageQualification = usageQualification;
    }
    /** A referee qualifies its referral by moving onto a paying plan, or by using the qualifying credits. */
    onModuleInit() {
        this.accounts.onPlanChanged(async ({ accountId, to }) => {
            if (accounts_service_1.PAYING_PLANS.includes(to))
                await this.lifecycle.onRefereeBecamePaying(accountId);
        });
        this.metering.onCharged(({ accountId }) => this.usageQualification.noteCharge(accountId));
    }
};
exports.ReferralsModule = ReferralsModule;
exports.ReferralsModule = ReferralsModule = __decorate([
    (0, common_1.Module)({
        imports: [accounts_module_1.AccountsModule, billing_module_1.BillingModule, webhooks_module_1.WebhooksModule],
        controllers: [referral_stats_controller_1.ReferralStatsController, click_tracking_controller_1.ClickTrackingController, admin_referrals_controller_1.AdminReferralsController, account_referral_controller_1.AccountReferralController],
        providers: [
            account_referral_service_1.AccountReferralService,
            attribution_service_1.AttributionService,
            click_tracking_service_1.ClickTrackingService,
            clicks_repository_1.ClicksRepository,
            referral_hashing_1.ReferralHashing,
            referral_lifecycle_service_1.ReferralLifecycleService,
            referral_review_service_1.ReferralReviewService,
            referral_stats_repository_1.ReferralStatsRepository,
            referral_stats_service_1.ReferralStatsService,
            referrals_repository_1.ReferralsRepository,
            usage_qualification_watcher_1.UsageQualificationWatcher,
        ],
        exports: [referral_lifecycle_service_1.ReferralLifecycleService],
    }),
    __metadata("design:paramtypes", [accounts_service_1.AccountsService,
        metering_service_1.MeteringService,
        referral_lifecycle_service_1.ReferralLifecycleService,
        usage_qualification_watcher_1.UsageQualificationWatcher])
], ReferralsModule);
//# sourceMappingURL=referrals.module.js.map