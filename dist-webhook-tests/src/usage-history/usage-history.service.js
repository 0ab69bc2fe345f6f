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
exports.UsageHistoryService = exports.CSV_COLUMNS = void 0;
const common_1 = require("@nestjs/common");
const node_stream_1 = require("node:stream");
const accounts_service_1 = require("../accounts/accounts.service");
const billing_clock_1 = require("../billing/billing-clock");
const plan_catalog_1 = require("../billing/plan-catalog");
const api_exception_1 = require("../common/http/api.exception");
const app_config_1 = require("../config/app-config");
const calendar_date_1 = require("./calendar-date");
const usage_history_repository_1 = require("./usage-history.repository");
/** The CSV's columns, in order: the JSON day's fields, refusals flattened. */
exports.CSV_COLUMNS = [
    'date',
    'credits_charged',
    'requests_charged',
    'requests_admitted',
    'included_credits',
    'bonus_credits',
    'overage_credits',
    'overage_cost_micros',
    'refused_rate_limited',
    'refused_daily_cap_reached',
    'refused_credits_exhausted',
];
let UsageHistoryService = class UsageHistoryService {
    constructor(repository, accounts, config) {
        this.repository = repository;
        this.accounts = accounts;
        this.config = config;
    }
    /** Both bounds inclusive UTC days; defaults to the 30 days ending today; 400 for a window over 400 days. */
    window(query) {
        const to = query.to ?? (query.from ? (0, calendar_date_1.addDays)(query.from, calendar_date_1.DEFAULT_WINDOW_DAYS - 1) : (0, billing_clock_1.utcDate)(new Date()));
        const from = query.from ?? (0, calendar_date_1.addDays)(to, -(calendar_date_1.DEFAULT_WINDOW_DAYS - 1));
        const days = (0, calendar_date_1.daysInWindow)(from, to);
        if (days < 1)
            throw api_exception_1.ApiException.validation('Invalid query parameters', [{ field: 'to', message: 'to must not be before from' }]);
        if (days > calendar_date_1.MAX_WINDOW_DAYS) {
            throw api_exception_1.ApiException.validation('Invalid query parameters', [
                { field: 'to', message: `the window from ${from} to ${to} is ${days} days; at most ${calendar_date_1.MAX_WINDOW_DAYS} (both days included)` },
            ]);
        }
        return { from, to };
    }
    /** 404 for an unknown account (admin route). */
    async dailyOfAccount(accountId, window) {
        const account = await this.accounts.getById(accountId);
        return this.daily(account.id, account.plan, window);
    }
    async daily(accountId, plan, window) {
        const pricing = this.config.billing.catalog.limitsOf(plan).overage;
        const rows = await this.repository.dailyUsage(accountId, window.from, window.to);
        const days = rows.map((row) => ({
            date: row.day,
            credits_charged: Number(row.credits),
            requests_charged: Number(row.requests),
            requests_admitted: Number(row.admitted),
            included_credits: Number(row.included),
            bonus_credits: Number(row.bonus),
            overage_credits: Number(row.overage),
            overage_cost_micros: (0, plan_catalog_1.overageCostMicros)(Number(row.overage), pricing),
            refusals: {
                rate_limited: Number(row.rate_limited),
                daily_cap_reached: Number(row.daily_cap_reached),
                credits_exhausted: Number(row.credits_exhausted),
            },
        }));
        return { account_id: accountId, from: window.from, to: window.to, days };
    }
    async top(window, limit) {
        const rows = await this.repository.topConsumers(window.from, window.to, limit);
        const { catalog } = this.config.billing;
        return {
            ...window,
            items: rows.map((row) => ({
                account_id: row.account_id,
                email: row.email,
                plan: row.plan,
                credits_charged: Number(row.credits),
                requests_charged: Number(row.requests),
                overage_credits: Number(row.overage),
                overage_cost_micros: (0, plan_catalog_1.overageCostMicros)(Number(row.overage), catalog.limitsOf(row.plan).overage),
            })),
        };
    }
    /** The same rows as CSV (RFC 4180, header first), streamed line by line. */
    csv(usage) {
        function* lines() {
            yield `${exports.CSV_COLUMNS.join(',')}\r\n`;
            for (const day of usage.days) {
                yield [
                    day.date,
                    day.credits_charged,
                    day.requests_charged,
                    day.requests_admitted,
                    day.included_credits,
                    day.bonus_credits,
                    day.overage_credits,
                    day.overage_cost_micros,
                    day.refusals.rate_limited,
                    day.refusals.daily_cap_reached,
                    day.refusals.credits_exhausted,
                ].join(',') + '\r\n';
            }
        }
        return new common_1.StreamableFile(node_stream_1.Readable.from(lines()), {
            type: 'text/csv; charset=utf-8',
            disposition: `attachment; filename="usage-${usage.account_id}-${usage.from}-${usage.to}.csv"`,
        });
    }
};
exports.UsageHistoryService = UsageHistoryService;
exports.UsageHistoryService = UsageHistoryService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [usage_history_repository_1.UsageHistoryRepository,
        accounts_service_1.AccountsService,
        app_config_1.AppConfig])
], UsageHistoryService);
//# sourceMappingURL=usage-history.service.js.map