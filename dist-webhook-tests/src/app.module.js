"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AppModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppModule = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const accounts_module_1 = require("./accounts/accounts.module");
const auth_module_1 = require("./auth/auth.module");
const billing_module_1 = require("./billing/billing.module");
const all_exceptions_filter_1 = require("./common/http/all-exceptions.filter");
const envelope_interceptor_1 = require("./common/http/envelope.interceptor");
const idempotency_module_1 = require("./common/idempotency/idempotency.module");
const api_validation_pipe_1 = require("./common/validation/api-validation.pipe");
const config_module_1 = require("./config/config.module");
const database_module_1 = require("./database/database.module");
const replicas_module_1 = require("./database/replicas/replicas.module");
const demo_module_1 = require("./demo/demo.module");
const health_module_1 = require("./health/health.module");
const observability_module_1 = require("./observability/observability.module");
const referrals_module_1 = require("./referrals/referrals.module");
const usage_history_module_1 = require("./usage-history/usage-history.module");
const webhooks_module_1 = require("./webhooks/webhooks.module");
/**
 * The whole service. Built from a validated AppConfig, so tests construct it exactly as main.ts does.
 * `extraModules` lets tests mount test-only routes (for example a metered route that throws) beside the real ones.
 */
let AppModule = AppModule_1 = class AppModule {
    static forRoot(config, extraModules = []) {
        return {
            module: AppModule_1,
            imports: [
                config_module_1.ConfigModule.forRoot(config),
                database_module_1.DatabaseModule,
                replicas_module_1.ReplicasModule,
                health_module_1.HealthModule,
                observability_module_1.ObservabilityModule,
                accounts_module_1.AccountsModule,
                auth_module_1.AuthModule,
                idempotency_module_1.IdempotencyModule,
                billing_module_1.BillingModule,
                referrals_module_1.ReferralsModule,
                webhooks_module_1.WebhooksModule,
                usage_history_module_1.UsageHistoryModule,
                demo_module_1.DemoModule,
                ...extraModules,
            ],
            providers: [
                { provide: core_1.APP_PIPE, useClass: api_validation_pipe_1.ApiValidationPipe },
                { provide: core_1.APP_FILTER, useClass: all_exceptions_filter_1.AllExceptionsFilter },
                { provide: core_1.APP_INTERCEPTOR, useClass: envelope_interceptor_1.EnvelopeInterceptor },
            ],
        };
    }
};
exports.AppModule = AppModule;
exports.AppModule = AppModule = AppModule_1 = __decorate([
    (0, common_1.Module)({})
], AppModule);
//# sourceMappingURL=app.module.js.map