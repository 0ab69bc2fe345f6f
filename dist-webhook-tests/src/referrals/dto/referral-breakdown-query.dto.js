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
exports.ReferralCampaignsQueryDto = exports.ReferralTimeseriesQueryDto = exports.SERIES_INTERVALS = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
const query_parameter_decorators_1 = require("../../common/validation/query-parameter.decorators");
const time_zone_decorator_1 = require("../../common/validation/time-zone.decorator");
const single_value_decorator_1 = require("../../common/validation/single-value.decorator");
const stats_sql_1 = require("../stats/stats-sql");
const referral_stats_query_dto_1 = require("./referral-stats-query.dto");
exports.SERIES_INTERVALS = ['hour', 'day', 'week', 'month'];
class ReferralTimeseriesQueryDto extends referral_stats_query_dto_1.ReferralStatsQueryDto {
}
exports.ReferralTimeseriesQueryDto = ReferralTimeseriesQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: exports.SERIES_INTERVALS, default: 'day', description: 'Bucket size. Weeks start on Monday.' }),
    (0, class_validator_1.IsOptional)(),
    (0, single_value_decorator_1.SingleValue)(),
    (0, class_validator_1.IsIn)(exports.SERIES_INTERVALS, { message: `interval must be one of ${exports.SERIES_INTERVALS.join(', ')}` }),
    __metadata("design:type", String)
], ReferralTimeseriesQueryDto.prototype, "interval", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        example: 'Europe/Berlin',
        default: 'UTC',
        description: 'IANA time zone whose calendar days, weeks and months the buckets follow (DST included).',
    }),
    (0, class_validator_1.IsOptional)(),
    (0, single_value_decorator_1.SingleValue)(),
    (0, time_zone_decorator_1.IsIanaTimeZone)(),
    __metadata("design:type", String)
], ReferralTimeseriesQueryDto.prototype, "timezone", void 0);
const SORTS = Object.keys(stats_sql_1.CAMPAIGN_SORTS);
class ReferralCampaignsQueryDto extends (0, swagger_1.OmitType)(referral_stats_query_dto_1.ReferralStatsQueryDto, ['campaign']) {
}
exports.ReferralCampaignsQueryDto = ReferralCampaignsQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: SORTS, default: 'clicks', description: 'Count to sort by, largest first.' }),
    (0, class_validator_1.IsOptional)(),
    (0, single_value_decorator_1.SingleValue)(),
    (0, class_validator_1.IsIn)(SORTS, { message: `sort must be one of ${SORTS.join(', ')}` }),
    __metadata("design:type", String)
], ReferralCampaignsQueryDto.prototype, "sort", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minimum: 1, maximum: 200, default: 50 }),
    (0, query_parameter_decorators_1.OptionalLimit)(200),
    __metadata("design:type", Number)
], ReferralCampaignsQueryDto.prototype, "limit", void 0);
//# sourceMappingURL=referral-breakdown-query.dto.js.map