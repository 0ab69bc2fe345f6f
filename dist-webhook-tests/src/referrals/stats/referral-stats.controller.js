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
exports.ReferralStatsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const auth_decorator_1 = require("../../auth/auth.decorator");
const credits_decorator_1 = require("../../billing/credits.decorator");
const reads_from_replica_decorator_1 = require("../../database/replicas/reads-from-replica.decorator");
const api_responses_decorator_1 = require("../../common/swagger/api-responses.decorator");
const referral_breakdown_query_dto_1 = require("../dto/referral-breakdown-query.dto");
const referral_breakdown_response_1 = require("../dto/referral-breakdown.response");
const referral_stats_query_dto_1 = require("../dto/referral-stats-query.dto");
const referral_stats_response_1 = require("../dto/referral-stats.response");
const referral_stats_service_1 = require("./referral-stats.service");
/** The referral funnel for admins: totals, a time series, and a per-campaign breakdown. */
let ReferralStatsController = class ReferralStatsController {
    constructor(stats) {
        this.stats = stats;
    }
    getStats(query) {
        return this.stats.getStats(query);
    }
    getTimeseries(query) {
        return this.stats.getTimeseries(query);
    }
    getCampaigns(query) {
        return this.stats.getCampaigns(query);
    }
};
exports.ReferralStatsController = ReferralStatsController;
__decorate([
    (0, common_1.Get)('stats'),
    (0, swagger_1.ApiOperation)({
        operationId: 'getReferralStats',
        summary: 'Get referral funnel stats',
        description: 'Returns referral clicks, attributed signups, qualification, reward, cap, and review counts, with signup, ' +
            'qualification and reward rates. Each count is the number of events of that stage whose own timestamp ' +
            'lies in [from, to). Requires the admin plan (admin API key, or admin JWT through the console proxy). ' +
            '**Cost: 1 credit/request**, charged only for successful 2xx responses.',
    }),
    (0, credits_decorator_1.Credits)(1),
    (0, reads_from_replica_decorator_1.ReadsFromReplica)(),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(referral_stats_response_1.ReferralStatsResponse),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.TOO_MANY_REQUESTS, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [referral_stats_query_dto_1.ReferralStatsQueryDto]),
    __metadata("design:returntype", Promise)
], ReferralStatsController.prototype, "getStats", null);
__decorate([
    (0, common_1.Get)('stats/timeseries'),
    (0, swagger_1.ApiOperation)({
        operationId: 'getReferralStatsTimeseries',
        summary: 'Referral funnel per hour, day, week or month',
        description: 'The funnel of each bucket of [from, to) in the given IANA time zone; days, weeks (from Monday) and ' +
            'months follow the zone\'s calendar, DST included. Without bounds: a recent window ending now (48 hours, ' +
            '30 days, 12 weeks or 12 months). At most 1000 buckets. **Cost: 1 credit/request.**',
    }),
    (0, credits_decorator_1.Credits)(1),
    (0, reads_from_replica_decorator_1.ReadsFromReplica)(),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(referral_breakdown_response_1.TimeseriesDoc),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.TOO_MANY_REQUESTS, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [referral_breakdown_query_dto_1.ReferralTimeseriesQueryDto]),
    __metadata("design:returntype", Promise)
], ReferralStatsController.prototype, "getTimeseries", null);
__decorate([
    (0, common_1.Get)('stats/campaigns'),
    (0, swagger_1.ApiOperation)({
        operationId: 'getReferralStatsByCampaign',
        summary: 'Referral funnel per UTM campaign',
        description: 'The funnel of every campaign with events in [from, to), sorted by the chosen count (largest first, then ' +
            'by name) and limited. Events without a campaign are not listed. **Cost: 1 credit/request.**',
    }),
    (0, credits_decorator_1.Credits)(1),
    (0, reads_from_replica_decorator_1.ReadsFromReplica)(),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(referral_breakdown_response_1.CampaignBreakdownDoc),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.TOO_MANY_REQUESTS, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [referral_breakdown_query_dto_1.ReferralCampaignsQueryDto]),
    __metadata("design:returntype", Promise)
], ReferralStatsController.prototype, "getCampaigns", null);
exports.ReferralStatsController = ReferralStatsController = __decorate([
    (0, swagger_1.ApiTags)('Referrals'),
    (0, common_1.Controller)('admin/referrals'),
    (0, auth_decorator_1.Auth)({ plan: 'admin' }),
    __metadata("design:paramtypes", [referral_stats_service_1.ReferralStatsService])
], ReferralStatsController);
//# sourceMappingURL=referral-stats.controller.js.map