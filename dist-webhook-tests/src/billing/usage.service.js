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
exports.UsageService = void 0;
const common_1 = require("@nestjs/common");
const accounts_service_1 = require("../accounts/accounts.service");
const app_config_1 = require("../config/app-config");
const billing_clock_1 = require("./billing-clock");
const plan_catalog_1 = require("./plan-catalog");
const usage_repository_1 = require("./usage.repository");
let UsageService = class UsageService {
    constructor(repository, accounts, config) {
        this.repository = repository;
        this.accounts = accounts;
        this.config = config;
    }
    /** Any account's usage, for admins; 404 for an unknown account. */
    async usageOfAccount(accountId) {
        const account = await this.accounts.getById(accountId);
        return this.usageOf({ accountId: account.id, plan: account.plan, overageEnabled: account.overageEnabled });
    }
    /** Usage in the current UTC day and calendar-month period, against the plan's numbers from the catalog. */
    async usageOf(account) {
        const { catalog } = this.config.billing;
        const limits = catalog.limitsOf(account.plan);
        const usage = await this.repository.currentUsage(account.accountId);
        const dayTaken = usage.dayUsed + usage.dayReserved;
        return {
            account_id: account.accountId,
            plan: account.plan,
            period: { start: (0, billing_clock_1.periodStart)(usage.now).toISOString(), end: (0, billing_clock_1.periodEnd)(usage.now).toISOString() },
            credits: {
                included: limits.includedCredits,
                used: usage.includedUsed + usage.overageUsed,
                remaining: Math.max(0, limits.includedCredits - usage.includedUsed - usage.includedReserved),
                overage: usage.overageUsed,
                overage_cost_micros: (0, plan_catalog_1.overageCostMicros)(usage.overageUsed, limits.overage),
                overage_allowed: catalog.overageAllowed(account.plan, account.overageEnabled),
            },
            bonus: {
                remaining: usage.bonus.reduce((total, balance) => total + balance.remaining, 0),
                balances: usage.bonus.map((balance) => ({ remaining: balance.remaining, expires_at: balance.expiresAt.toISOString() })),
            },
            today: {
                date: (0, billing_clock_1.utcDate)(usage.now),
                used: usage.dayUsed,
                cap: limits.dailyCap,
                remaining: limits.dailyCap === null ? null : Math.max(0, limits.dailyCap - dayTaken),
                resets_at: (0, billing_clock_1.nextUtcMidnight)(usage.now).toISOString(),
            },
            rate_limit: {
                limit_per_minute: limits.ratePerMinute,
                used_last_minute: usage.minuteCount,
                remaining: Math.max(0, limits.ratePerMinute - usage.minuteCount),
            },
        };
    }
};
exports.UsageService = UsageService;
exports.UsageService = UsageService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [usage_repository_1.UsageRepository,
        accounts_service_1.AccountsService,
        app_config_1.AppConfig])
], UsageService);
//# sourceMappingURL=usage.service.js.map