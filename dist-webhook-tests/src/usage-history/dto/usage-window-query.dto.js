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
exports.TopConsumersQueryDto = exports.DailyUsageQueryDto = exports.UsageWindowQueryDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
const query_parameter_decorators_1 = require("../../common/validation/query-parameter.decorators");
const single_value_decorator_1 = require("../../common/validation/single-value.decorator");
const calendar_date_1 = require("../calendar-date");
class UsageWindowQueryDto {
}
exports.UsageWindowQueryDto = UsageWindowQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        format: 'date',
        example: '2026-11-01',
        description: 'First UTC day, **inclusive**. Default: 29 days before `to` (30 days in all).',
    }),
    (0, class_validator_1.IsOptional)(),
    (0, single_value_decorator_1.SingleValue)(),
    (0, class_validator_1.Matches)(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date such as 2026-11-01 (YYYY-MM-DD, UTC)' }),
    (0, calendar_date_1.IsCalendarDate)({ message: 'from must be a real calendar date' }),
    __metadata("design:type", String)
], UsageWindowQueryDto.prototype, "from", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        format: 'date',
        example: '2026-11-30',
        description: 'Last UTC day, **inclusive**. Default: today (UTC). At most 400 days from `from` to `to`.',
    }),
    (0, class_validator_1.IsOptional)(),
    (0, single_value_decorator_1.SingleValue)(),
    (0, class_validator_1.Matches)(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date such as 2026-11-30 (YYYY-MM-DD, UTC)' }),
    (0, calendar_date_1.IsCalendarDate)({ message: 'to must be a real calendar date' }),
    __metadata("design:type", String)
], UsageWindowQueryDto.prototype, "to", void 0);
class DailyUsageQueryDto extends UsageWindowQueryDto {
}
exports.DailyUsageQueryDto = DailyUsageQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: ['json', 'csv'], default: 'json', description: '`csv` (or `Accept: text/csv`): the same rows as CSV.' }),
    (0, class_validator_1.IsOptional)(),
    (0, single_value_decorator_1.SingleValue)(),
    (0, class_validator_1.IsIn)(['json', 'csv'], { message: 'format must be json or csv' }),
    __metadata("design:type", String)
], DailyUsageQueryDto.prototype, "format", void 0);
class TopConsumersQueryDto extends UsageWindowQueryDto {
}
exports.TopConsumersQueryDto = TopConsumersQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minimum: 1, maximum: 100, default: 10 }),
    (0, query_parameter_decorators_1.OptionalLimit)(100),
    __metadata("design:type", Number)
], TopConsumersQueryDto.prototype, "limit", void 0);
//# sourceMappingURL=usage-window-query.dto.js.map