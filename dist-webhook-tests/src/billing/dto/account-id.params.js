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
exports.AccountIdParams = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
class AccountIdParams {
}
exports.AccountIdParams = AccountIdParams;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid', example: '0b7f3c52-8f0e-4a57-9b7e-2f0a6f2a4c11' }),
    (0, class_validator_1.IsUUID)('all', { message: 'id must be an account id (a UUID)' }),
    __metadata("design:type", String)
], AccountIdParams.prototype, "id", void 0);
//# sourceMappingURL=account-id.params.js.map