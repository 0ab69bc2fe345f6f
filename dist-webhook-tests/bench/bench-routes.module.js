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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.BenchRoutesModule = exports.BENCH_UNMETERED = exports.BENCH_METERED = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const auth_decorator_1 = require("../src/auth/auth.decorator");
const credits_decorator_1 = require("../src/billing/credits.decorator");
const referral_stats_query_dto_1 = require("../src/referrals/dto/referral-stats-query.dto");
const referral_stats_service_1 = require("../src/referrals/stats/referral-stats.service");
exports.BENCH_METERED = '/api/v1/bench/stats-metered';
exports.BENCH_UNMETERED = '/api/v1/bench/stats-unmetered';
/**
 * Two twins of the referral stats endpoint: the same authentication, validation, service and query, differing
 * only by `@Credits(1)`. Comparing them isolates what metering costs. Mounted by the benchmark only.
 */
let BenchStatsController = class BenchStatsController {
    constructor(moduleRef) {
        this.moduleRef = moduleRef;
    }
    /** The very instance ReferralsModule serves the real endpoint with (it is not exported, hence strict: false). */
    onModuleInit() {
        this.stats = this.moduleRef.get(referral_stats_service_1.ReferralStatsService, { strict: false });
    }
    metered(query) {
        return this.stats.getStats(query);
    }
    unmetered(query) {
        return this.stats.getStats(query);
    }
};
__decorate([
    (0, common_1.Get)('stats-metered'),
    (0, auth_decorator_1.Auth)(),
    (0, credits_decorator_1.Credits)(1),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [referral_stats_query_dto_1.ReferralStatsQueryDto]),
    __metadata("design:returntype", Promise)
], BenchStatsController.prototype, "metered", null);
__decorate([
    (0, common_1.Get)('stats-unmetered'),
    (0, auth_decorator_1.Auth)(),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [referral_stats_query_dto_1.ReferralStatsQueryDto]),
    __metadata("design:returntype", Promise)
], BenchStatsController.prototype, "unmetered", null);
BenchStatsController = __decorate([
    (0, common_1.Controller)('bench'),
    __metadata("design:paramtypes", [core_1.ModuleRef])
], BenchStatsController);
let BenchRoutesModule = class BenchRoutesModule {
};
exports.BenchRoutesModule = BenchRoutesModule;
exports.BenchRoutesModule = BenchRoutesModule = __decorate([
    (0, common_1.Module)({ controllers: [BenchStatsController] })
], BenchRoutesModule);
//# sourceMappingURL=bench-routes.module.js.map