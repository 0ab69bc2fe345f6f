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
exports.AccountReferralService = void 0;
const common_1 = require("@nestjs/common");
const accounts_service_1 = require("../accounts/accounts.service");
const app_config_1 = require("../config/app-config");
const referrals_repository_1 = require("./lifecycle/referrals.repository");
/** An account's own referral program: its code, its link, and how its referrals are doing. */
let AccountReferralService = class AccountReferralService {
    constructor(accounts, referrals, config) {
        this.accounts = accounts;
        this.referrals = referrals;
        this.config = config;
    }
    async of(accountId) {
        const account = await this.accounts.getById(accountId);
        const funnel = await this.referrals.funnelOfReferrer(accountId);
        return {
            referral_code: account.referralCode,
            share_url: `${this.config.referrals.publicBaseUrl}/r/${account.referralCode}`,
            funnel: {
                clicks: funnel.clicks,
                signups: funnel.signups,
                qualified: funnel.qualified,
                rewarded: funnel.rewarded,
                capped: funnel.capped,
                credits_earned: funnel.credits_earned,
            },
        };
    }
};
exports.AccountReferralService = AccountReferralService;
exports.AccountReferralService = AccountReferralService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [accounts_service_1.AccountsService,
        referrals_repository_1.ReferralsRepository,
        app_config_1.AppConfig])
], AccountReferralService);
//# sourceMappingURL=account-referral.service.js.map