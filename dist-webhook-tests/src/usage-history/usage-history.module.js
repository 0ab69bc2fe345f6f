"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.UsageHistoryModule = void 0;
const common_1 = require("@nestjs/common");
const accounts_module_1 = require("../accounts/accounts.module");
const billing_module_1 = require("../billing/billing.module");
const webhooks_module_1 = require("../webhooks/webhooks.module");
const usage_counter_recorder_1 = require("./usage-counter.recorder");
const usage_history_controller_1 = require("./usage-history.controller");
const usage_history_repository_1 = require("./usage-history.repository");
const usage_history_service_1 = require("./usage-history.service");
/**
 * Usage per day (from the ledger and the admission/refusal counters), its CSV export, the top consumers, and
 * the billing webhook events. Owns usage_daily_counters and usage_overage_periods.
 */
let UsageHistoryModule = class UsageHistoryModule {
};
exports.UsageHistoryModule = UsageHistoryModule;
exports.UsageHistoryModule = UsageHistoryModule = __decorate([
    (0, common_1.Module)({
        imports: [accounts_module_1.AccountsModule, billing_module_1.BillingModule, webhooks_module_1.WebhooksModule],
        controllers: [usage_history_controller_1.UsageHistoryController],
        providers: [usage_counter_recorder_1.UsageCounterRecorder, usage_history_repository_1.UsageHistoryRepository, usage_history_service_1.UsageHistoryService],
        exports: [usage_counter_recorder_1.UsageCounterRecorder],
    })
], UsageHistoryModule);
//# sourceMappingURL=usage-history.module.js.map