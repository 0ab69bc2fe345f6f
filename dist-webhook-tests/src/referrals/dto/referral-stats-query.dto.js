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
exports.ReferralStatsQueryDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const query_parameter_decorators_1 = require("../../common/validation/query-parameter.decorators");
const rfc3339_decorators_1 = require("../../common/validation/rfc3339.decorators");
/** Midnight UTC `days` from today, RFC 3339: examples that select recent data whenever the docs are read. */
function utcMidnight(days) {
    const date = new Date();
    date.setUTCHours(0, 0, 0, 0);
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().replace('.000Z', 'Z');
}
class ReferralStatsQueryDto {
}
exports.ReferralStatsQueryDto = ReferralStatsQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        format: 'date-time',
        example: utcMidnight(-30),
        description: 'Lower bound, inclusive, in RFC 3339 format (Z or an offset such as +05:30; fractional seconds allowed).',
    }),
    (0, query_parameter_decorators_1.OptionalDateTime)(),
    __metadata("design:type", String)
], ReferralStatsQueryDto.prototype, "from", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        format: 'date-time',
        example: utcMidnight(1),
        description: 'Upper bound, exclusive, in RFC 3339 format. Must be later than `from`.',
    }),
    (0, query_parameter_decorators_1.OptionalDateTime)(),
    (0, rfc3339_decorators_1.IsLaterThan)('from'),
    __metadata("design:type", String)
], ReferralStatsQueryDto.prototype, "to", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        minLength: 1,
        maxLength: 200,
        example: 'spring_launch',
        description: 'Filter by UTM campaign: exact, case-sensitive match of `utm_campaign`.',
    }),
    (0, query_parameter_decorators_1.OptionalCampaign)(),
    __metadata("design:type", String)
], ReferralStatsQueryDto.prototype, "campaign", void 0);
//# sourceMappingURL=referral-stats-query.dto.js.map