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
exports.DeliveryListQueryDto = exports.STORED_DELIVERY_STATUSES = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
const query_parameter_decorators_1 = require("../../common/validation/query-parameter.decorators");
const single_value_decorator_1 = require("../../common/validation/single-value.decorator");
exports.STORED_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'];
class DeliveryListQueryDto {
}
exports.DeliveryListQueryDto = DeliveryListQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ enum: exports.STORED_DELIVERY_STATUSES, description: '`pending` includes attempts in flight.' }),
    (0, class_validator_1.IsOptional)(),
    (0, single_value_decorator_1.SingleValue)(),
    (0, class_validator_1.IsIn)(exports.STORED_DELIVERY_STATUSES, { message: `status must be one of ${exports.STORED_DELIVERY_STATUSES.join(', ')}` }),
    __metadata("design:type", Object)
], DeliveryListQueryDto.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minimum: 1, maximum: 100, default: 50 }),
    (0, query_parameter_decorators_1.OptionalLimit)(100),
    __metadata("design:type", Number)
], DeliveryListQueryDto.prototype, "limit", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ example: '1042', description: '`next_before` of the previous page: deliveries older than this id.' }),
    (0, class_validator_1.IsOptional)(),
    (0, single_value_decorator_1.SingleValue)(),
    (0, class_validator_1.Matches)(/^\d{1,18}$/, { message: 'before must be a delivery id' }),
    __metadata("design:type", String)
], DeliveryListQueryDto.prototype, "before", void 0);
//# sourceMappingURL=delivery-list-query.dto.js.map