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
exports.KeyAuditQueryDto = exports.OwnKeyAuditQueryDto = exports.RotateApiKeyDto = exports.CreateApiKeyDto = exports.KeyIdParams = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
const query_parameter_decorators_1 = require("../../../common/validation/query-parameter.decorators");
const rfc3339_decorators_1 = require("../../../common/validation/rfc3339.decorators");
const single_value_decorator_1 = require("../../../common/validation/single-value.decorator");
const api_keys_service_1 = require("../api-keys.service");
class KeyIdParams {
}
exports.KeyIdParams = KeyIdParams;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid', description: 'API key id', example: '6d1f2a0e-3c4b-4e8a-9f1d-7a2b3c4d5e6f' }),
    (0, class_validator_1.IsUUID)('all', { message: 'id must be an API key id (a UUID)' }),
    __metadata("design:type", String)
], KeyIdParams.prototype, "id", void 0);
class CreateApiKeyDto {
}
exports.CreateApiKeyDto = CreateApiKeyDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minLength: 1, maxLength: 100, default: 'default', example: 'production crawler' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 100, { message: 'name must be 1 to 100 characters long' }),
    (0, class_validator_1.Matches)(/^[^\u0000-\u001f\u007f]*$/, { message: 'name must not contain control characters' }),
    __metadata("design:type", String)
], CreateApiKeyDto.prototype, "name", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        type: String,
        format: 'date-time',
        nullable: true,
        example: '2027-06-01T00:00:00Z',
        description: 'When the key stops working (RFC 3339, in the future); null or absent: never.',
    }),
    (0, class_validator_1.ValidateIf)((_dto, value) => value !== null && value !== undefined),
    (0, rfc3339_decorators_1.IsRfc3339DateTime)(),
    __metadata("design:type", Object)
], CreateApiKeyDto.prototype, "expires_at", void 0);
class RotateApiKeyDto {
}
exports.RotateApiKeyDto = RotateApiKeyDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        minimum: 0,
        maximum: api_keys_service_1.MAX_ROTATION_OVERLAP_SECONDS,
        default: api_keys_service_1.DEFAULT_ROTATION_OVERLAP_SECONDS,
        description: 'How long the old key keeps working beside the new one. 0 ends it at once (every instance within ' +
            'API_KEY_CACHE_TTL_MS); at most 7 days.',
    }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsInt)({ message: `overlap_seconds must be an integer from 0 to ${api_keys_service_1.MAX_ROTATION_OVERLAP_SECONDS}` }),
    (0, class_validator_1.Min)(0, { message: `overlap_seconds must be an integer from 0 to ${api_keys_service_1.MAX_ROTATION_OVERLAP_SECONDS}` }),
    (0, class_validator_1.Max)(api_keys_service_1.MAX_ROTATION_OVERLAP_SECONDS, { message: `overlap_seconds must be an integer from 0 to ${api_keys_service_1.MAX_ROTATION_OVERLAP_SECONDS}` }),
    __metadata("design:type", Number)
], RotateApiKeyDto.prototype, "overlap_seconds", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        type: String,
        format: 'date-time',
        nullable: true,
        description: "Expiry of the new key (RFC 3339, in the future); null: never. Absent: the old key's lifetime (created to " +
            'expires) counted from now, or never if the old key had no expiry.',
    }),
    (0, class_validator_1.ValidateIf)((_dto, value) => value !== null && value !== undefined),
    (0, rfc3339_decorators_1.IsRfc3339DateTime)(),
    __metadata("design:type", Object)
], RotateApiKeyDto.prototype, "expires_at", void 0);
/** The audit trail of the caller's own keys: the account comes from the credential, never from the query. */
class OwnKeyAuditQueryDto {
}
exports.OwnKeyAuditQueryDto = OwnKeyAuditQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ format: 'uuid', description: 'Only this key.' }),
    (0, class_validator_1.IsOptional)(),
    (0, single_value_decorator_1.SingleValue)(),
    (0, class_validator_1.IsUUID)('all', { message: 'key_id must be an API key id (a UUID)' }),
    __metadata("design:type", String)
], OwnKeyAuditQueryDto.prototype, "key_id", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ minimum: 1, maximum: 200, default: 50 }),
    (0, query_parameter_decorators_1.OptionalLimit)(200),
    __metadata("design:type", Number)
], OwnKeyAuditQueryDto.prototype, "limit", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: '`next_cursor` of the previous page.' }),
    (0, class_validator_1.IsOptional)(),
    (0, single_value_decorator_1.SingleValue)(),
    (0, class_validator_1.Matches)(/^[1-9]\d{0,18}$/, { message: 'cursor must be the next_cursor of a previous page' }),
    __metadata("design:type", String)
], OwnKeyAuditQueryDto.prototype, "cursor", void 0);
class KeyAuditQueryDto extends OwnKeyAuditQueryDto {
}
exports.KeyAuditQueryDto = KeyAuditQueryDto;
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ format: 'uuid', description: "Only this account's keys." }),
    (0, class_validator_1.IsOptional)(),
    (0, single_value_decorator_1.SingleValue)(),
    (0, class_validator_1.IsUUID)('all', { message: 'account_id must be an account id (a UUID)' }),
    __metadata("design:type", String)
], KeyAuditQueryDto.prototype, "account_id", void 0);
//# sourceMappingURL=api-key.requests.js.map