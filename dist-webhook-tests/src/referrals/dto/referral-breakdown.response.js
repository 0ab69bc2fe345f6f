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
exports.CampaignBreakdownDoc = exports.CampaignFunnelDoc = exports.TimeseriesDoc = exports.TimeseriesBucketDoc = void 0;
const swagger_1 = require("@nestjs/swagger");
const referral_stats_response_1 = require("./referral-stats.response");
let TimeseriesBucketDoc = class TimeseriesBucketDoc extends referral_stats_response_1.ReferralStatsResponse {
};
exports.TimeseriesBucketDoc = TimeseriesBucketDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ example: '2026-03-29T00:00:00+01:00', description: "Bucket start in the requested zone (clipped to `from`)." }),
    __metadata("design:type", String)
], TimeseriesBucketDoc.prototype, "start", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: '2026-03-30T00:00:00+02:00', description: 'Bucket end, exclusive (clipped to `to`).' }),
    __metadata("design:type", String)
], TimeseriesBucketDoc.prototype, "end", void 0);
exports.TimeseriesBucketDoc = TimeseriesBucketDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'referrals.TimeseriesBucket' })
], TimeseriesBucketDoc);
let TimeseriesDoc = class TimeseriesDoc {
};
exports.TimeseriesDoc = TimeseriesDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ enum: ['hour', 'day', 'week', 'month'] }),
    __metadata("design:type", String)
], TimeseriesDoc.prototype, "interval", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'Europe/Berlin' }),
    __metadata("design:type", String)
], TimeseriesDoc.prototype, "timezone", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time' }),
    __metadata("design:type", String)
], TimeseriesDoc.prototype, "from", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time' }),
    __metadata("design:type", String)
], TimeseriesDoc.prototype, "to", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: [TimeseriesBucketDoc] }),
    __metadata("design:type", Array)
], TimeseriesDoc.prototype, "buckets", void 0);
exports.TimeseriesDoc = TimeseriesDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'referrals.Timeseries' })
], TimeseriesDoc);
let CampaignFunnelDoc = class CampaignFunnelDoc extends referral_stats_response_1.ReferralStatsResponse {
};
exports.CampaignFunnelDoc = CampaignFunnelDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'spring_launch' }),
    __metadata("design:type", String)
], CampaignFunnelDoc.prototype, "campaign", void 0);
exports.CampaignFunnelDoc = CampaignFunnelDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'referrals.CampaignFunnel' })
], CampaignFunnelDoc);
let CampaignBreakdownDoc = class CampaignBreakdownDoc {
};
exports.CampaignBreakdownDoc = CampaignBreakdownDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time', nullable: true }),
    __metadata("design:type", Object)
], CampaignBreakdownDoc.prototype, "from", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time', nullable: true }),
    __metadata("design:type", Object)
], CampaignBreakdownDoc.prototype, "to", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'clicks' }),
    __metadata("design:type", String)
], CampaignBreakdownDoc.prototype, "sort", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: [CampaignFunnelDoc] }),
    __metadata("design:type", Array)
], CampaignBreakdownDoc.prototype, "campaigns", void 0);
exports.CampaignBreakdownDoc = CampaignBreakdownDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'referrals.CampaignBreakdown' })
], CampaignBreakdownDoc);
//# sourceMappingURL=referral-breakdown.response.js.map