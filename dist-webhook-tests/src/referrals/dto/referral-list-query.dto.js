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
exports.ReferralListQueryDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
const query_parameter_decorators_1 = require("../../common/validation/query-parameter.decorators");
const rfc3339_decorators_1 = require("../../common/validation/rfc3339.decorators");
const single_value_decorator_1 = require("../../common/validation/single-value.decorator");
const referral_entity_1 = require("../entities/referral.entity");
class ReferralListQueryDto {
}
exports.ReferralListQueryDto = ReferralListQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: referral_entity_1.REFERRAL_STATUSES, example: 'review_required' }),
    (0, class_validator_1.IsOptional)(),
    (0, single_value_decorator_1.SingleValue)(),
    (0, class_validator_1.IsIn)(referral_entity_1.REFERRAL_STATUSES, { message: `status must be one of ${referral_entity_1.REFERRAL_STATUSES.join(', ')}` }),
    __metadata("design:type", String)
], ReferralListQueryDto.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ example: 'spring_launch', description: 'Exact, case-sensitive utm_campaign.' }),
    (0, query_parameter_decorators_1.OptionalCampaign)(),
    __metadata("design:type", String)
], ReferralListQueryDto.prototype, "campaign", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ format: 'date-time', description: 'Signed up at or after (RFC 3339).' }),
    (0, query_parameter_decorators_1.OptionalDateTime)(),
    __metadata("design:type", String)
], ReferralListQueryDto.prototype, "from", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ format: 'date-time', description: 'Signed up before (RFC 3339).' }),
    (0, query_parameter_decorators_1.OptionalDateTime)(),
    (0, rfc3339_decorators_1.IsLaterThan)('from'),
    __metadata("design:type", String)
], ReferralListQueryDto.prototype, "to", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ format: 'uuid', description: 'Referrer account id.' }),
    (0, class_validator_1.IsOptional)(),
    (0, single_value_decorator_1.SingleValue)(),
    (0, class_validator_1.IsUUID)(undefined, { message: 'referrer must be an account id (uuid)' }),
    __metadata("design:type", String)
], ReferralListQueryDto.prototype, "referrer", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minimum: 1, maximum: 100, default: 50 }),
    (0, query_parameter_decorators_1.OptionalLimit)(100),
    __metadata("design:type", Number)
], ReferralListQueryDto.prototype, "limit", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: '`next_cursor` of the previous page.' }),
    (0, class_validator_1.IsOptional)(),
    (0, single_value_decorator_1.SingleValue)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 200),
    __metadata("design:type", String)
], ReferralListQueryDto.prototype, "cursor", void 0);
//# sourceMappingURL=referral-list-query.dto.js.map