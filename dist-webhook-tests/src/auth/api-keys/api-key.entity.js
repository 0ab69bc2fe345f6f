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
exports.ApiKey = void 0;
const typeorm_1 = require("typeorm");
/** An API key's record: never the key itself, only its SHA-256 and a display prefix. */
let ApiKey = class ApiKey {
};
exports.ApiKey = ApiKey;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], ApiKey.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'account_id', type: 'uuid' }),
    __metadata("design:type", String)
], ApiKey.prototype, "accountId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], ApiKey.prototype, "name", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'key_hash', type: 'bytea', select: false }),
    __metadata("design:type", Buffer)
], ApiKey.prototype, "keyHash", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'display_prefix', type: 'text' }),
    __metadata("design:type", String)
], ApiKey.prototype, "displayPrefix", void 0);
__decorate([
    (0, typeorm_1.CreateDateColumn)({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], ApiKey.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'last_used_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], ApiKey.prototype, "lastUsedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'expires_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], ApiKey.prototype, "expiresAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'revoked_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], ApiKey.prototype, "revokedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'rotated_from_id', type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], ApiKey.prototype, "rotatedFromId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'rotated_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], ApiKey.prototype, "rotatedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'rotation_ends_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], ApiKey.prototype, "rotationEndsAt", void 0);
exports.ApiKey = ApiKey = __decorate([
    (0, typeorm_1.Entity)({ name: 'api_keys' })
], ApiKey);
//# sourceMappingURL=api-key.entity.js.map