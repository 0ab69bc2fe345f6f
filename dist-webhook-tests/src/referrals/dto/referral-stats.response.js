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
exports.ReferralStatsResponse = void 0;
const swagger_1 = require("@nestjs/swagger");
/** The funnel as the contract names it: `referrals.adminReferralStatsResponseDoc`. */
let ReferralStatsResponse = class ReferralStatsResponse {
};
exports.ReferralStatsResponse = ReferralStatsResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 42, description: 'Referral link clicks counted in the window.' }),
    __metadata("design:type", Number)
], ReferralStatsResponse.prototype, "clicks", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 9, description: 'Referred signups whose signup time is in the window.' }),
    __metadata("design:type", Number)
], ReferralStatsResponse.prototype, "attributed_signups", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 3, description: 'Referrals that qualified in the window.' }),
    __metadata("design:type", Number)
], ReferralStatsResponse.prototype, "qualified_referrals", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 1, description: 'Referrals held for review in the window.' }),
    __metadata("design:type", Number)
], ReferralStatsResponse.prototype, "review_required", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 2, description: 'Referrals rewarded in the window.' }),
    __metadata("design:type", Number)
], ReferralStatsResponse.prototype, "rewarded_referrals", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: 'integer',
        example: 0,
        description: 'Qualified referrals not rewarded because the referrer had reached the reward cap.',
    }),
    __metadata("design:type", Number)
], ReferralStatsResponse.prototype, "capped_referrals", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 0, description: 'Referrals rejected in the window.' }),
    __metadata("design:type", Number)
], ReferralStatsResponse.prototype, "rejected_referrals", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        example: 0.214,
        description: 'attributed_signups / clicks, rounded half-up to 3 decimals; 0 when there are no clicks.',
    }),
    __metadata("design:type", Number)
], ReferralStatsResponse.prototype, "signup_rate", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        example: 0.333,
        description: 'qualified_referrals / attributed_signups, rounded half-up to 3 decimals; 0 when there are no signups.',
    }),
    __metadata("design:type", Number)
], ReferralStatsResponse.prototype, "qualification_rate", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        example: 0.222,
        description: 'rewarded_referrals / attributed_signups, rounded half-up to 3 decimals; 0 when there are no signups.',
    }),
    __metadata("design:type", Number)
], ReferralStatsResponse.prototype, "reward_rate", void 0);
exports.ReferralStatsResponse = ReferralStatsResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'referrals.adminReferralStatsResponseDoc' })
], ReferralStatsResponse);
//# sourceMappingURL=referral-stats.response.js.map