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
exports.RotateSecretDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
class RotateSecretDto {
}
exports.RotateSecretDto = RotateSecretDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        minimum: 0,
        maximum: 168,
        default: 24,
        description: 'Hours the previous secret keeps signing beside the new one (0 = stop at once).',
    }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)({ message: 'overlap_hours must be an integer from 0 to 168' }),
    (0, class_validator_1.Min)(0, { message: 'overlap_hours must be an integer from 0 to 168' }),
    (0, class_validator_1.Max)(168, { message: 'overlap_hours must be an integer from 0 to 168' }),
    __metadata("design:type", Number)
], RotateSecretDto.prototype, "overlap_hours", void 0);
//# sourceMappingURL=rotate-secret.dto.js.map