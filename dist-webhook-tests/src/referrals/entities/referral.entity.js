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
exports.Referral = exports.REFERRAL_STATUSES = void 0;
const typeorm_1 = require("typeorm");
exports.REFERRAL_STATUSES = ['signed_up', 'review_required', 'qualified', 'rewarded', 'capped', 'rejected'];
/**
 * A referee's signup attributed to a referrer. `status` is where it is now; each `*_at` records when it
 * reached that stage (kept after it moves on), which is what the funnel counts.
 */
let Referral = class Referral {
};
exports.Referral = Referral;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], Referral.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'referrer_account_id', type: 'uuid' }),
    __metadata("design:type", String)
], Referral.prototype, "referrerAccountId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'referee_account_id', type: 'uuid' }),
    __metadata("design:type", String)
], Referral.prototype, "refereeAccountId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'click_id', type: 'bigint', nullable: true }),
    __metadata("design:type", Object)
], Referral.prototype, "clickId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'utm_campaign', type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Referral.prototype, "utmCampaign", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], Referral.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'signed_up_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], Referral.prototype, "signedUpAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'review_required_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], Referral.prototype, "reviewRequiredAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'qualified_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], Referral.prototype, "qualifiedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'rewarded_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], Referral.prototype, "rewardedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'capped_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], Referral.prototype, "cappedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'rejected_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], Referral.prototype, "rejectedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'review_reason', type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Referral.prototype, "reviewReason", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'rejection_reason', type: 'text', nullable: true }),
    __metadata("design:type", Object)
], Referral.prototype, "rejectionReason", void 0);
__decorate([
    (0, typeorm_1.CreateDateColumn)({ name: 'created_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], Referral.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.UpdateDateColumn)({ name: 'updated_at', type: 'timestamptz' }),
    __metadata("design:type", Date)
], Referral.prototype, "updatedAt", void 0);
exports.Referral = Referral = __decorate([
    (0, typeorm_1.Entity)({ name: 'referrals' })
], Referral);
//# sourceMappingURL=referral.entity.js.map