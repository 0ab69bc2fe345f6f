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
exports.ReferralSignupDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const class_validator_1 = require("class-validator");
class ReferralSignupDto {
}
exports.ReferralSignupDto = ReferralSignupDto;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'new.user@example.org', description: 'Email of the new account; one account per email.' }),
    (0, class_validator_1.IsEmail)({}, { message: 'email must be an email address' }),
    (0, class_validator_1.MaxLength)(320),
    __metadata("design:type", String)
], ReferralSignupDto.prototype, "email", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        example: '203.0.113.7',
        description: 'IP the signup came from. Stored only as a keyed hash; used by the fraud rules.',
    }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsIP)(undefined, { message: 'signup_ip must be an IPv4 or IPv6 address' }),
    __metadata("design:type", String)
], ReferralSignupDto.prototype, "signup_ip", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({
        example: '1042.1764136800.Jk3f…',
        description: 'Value of the `crw_ref` attribution cookie, when the visitor has one. Ignored when tampered or expired.',
    }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.MaxLength)(200),
    __metadata("design:type", String)
], ReferralSignupDto.prototype, "click_token", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ example: 'ADA2026', description: 'Referral code typed in at signup, used when there is no cookie.' }),
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.Matches)(/^[A-Za-z0-9_-]{4,32}$/, { message: 'referral_code must be 4 to 32 letters, digits, _ or -' }),
    __metadata("design:type", String)
], ReferralSignupDto.prototype, "referral_code", void 0);
//# sourceMappingURL=referral-signup.dto.js.map