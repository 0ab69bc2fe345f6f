"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.BillingModule = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const accounts_module_1 = require("../accounts/accounts.module");
const admission_batcher_1 = require("./admission-batcher");
const metered_routes_documentation_1 = require("./metered-routes.documentation");
const bonus_credits_repository_1 = require("./bonus-credits.repository");
const metering_interceptor_1 = require("./metering.interceptor");
const metering_repository_1 = require("./metering.repository");
const metering_service_1 = require("./metering.service");
const reconciliation_repository_1 = require("./reconciliation.repository");
const plans_controller_1 = require("./plans.controller");
const reservation_sweeper_service_1 = require("./reservation-sweeper.service");
const usage_controller_1 = require("./usage.controller");
const usage_repository_1 = require("./usage.repository");
const usage_service_1 = require("./usage.service");
/**
 * Plans, metering and usage. The interceptor is global but inert on routes without `@Credits(n)`, so any
 * module meters a route by decorating it; no module needs to import this one.
 */
let BillingModule = class BillingModule {
};
exports.BillingModule = BillingModule;
exports.BillingModule = BillingModule = __decorate([
    (0, common_1.Module)({
        imports: [accounts_module_1.AccountsModule, core_1.DiscoveryModule],
        controllers: [plans_controller_1.PlansController, usage_controller_1.UsageController],
        providers: [
            admission_batcher_1.AdmissionBatcher,
            bonus_credits_repository_1.BonusCreditsRepository,
            metered_routes_documentation_1.MeteredRoutesDocumentation,
            reconciliation_repository_1.ReconciliationRepository,
            metering_repository_1.MeteringRepository,
            metering_service_1.MeteringService,
            reservation_sweeper_service_1.ReservationSweeper,
            usage_repository_1.UsageRepository,
            usage_service_1.UsageService,
            { provide: core_1.APP_INTERCEPTOR, useClass: metering_interceptor_1.MeteringInterceptor },
        ],
        exports: [bonus_credits_repository_1.BonusCreditsRepository, metering_service_1.MeteringService],
    })
], BillingModule);
//# sourceMappingURL=billing.module.js.map