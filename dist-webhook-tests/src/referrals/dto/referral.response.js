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
exports.AccountReferralDoc = exports.SignupDoc = exports.ReferralPageDoc = exports.ReferralWithHistoryDoc = exports.ReferralTransitionDoc = exports.ReferralDoc = void 0;
const swagger_1 = require("@nestjs/swagger");
const referral_entity_1 = require("../entities/referral.entity");
let ReferralDoc = class ReferralDoc {
};
exports.ReferralDoc = ReferralDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid' }),
    __metadata("design:type", String)
], ReferralDoc.prototype, "id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: referral_entity_1.REFERRAL_STATUSES, example: 'signed_up' }),
    __metadata("design:type", String)
], ReferralDoc.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid' }),
    __metadata("design:type", String)
], ReferralDoc.prototype, "referrer_account_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid' }),
    __metadata("design:type", String)
], ReferralDoc.prototype, "referee_account_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ nullable: true, example: '1042', description: 'The click the signup was attributed to.' }),
    __metadata("design:type", Object)
], ReferralDoc.prototype, "click_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ nullable: true, example: 'spring_launch' }),
    __metadata("design:type", Object)
], ReferralDoc.prototype, "utm_campaign", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time', example: '2026-11-02T09:00:00.000000Z' }),
    __metadata("design:type", String)
], ReferralDoc.prototype, "signed_up_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time', nullable: true }),
    __metadata("design:type", Object)
], ReferralDoc.prototype, "review_required_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time', nullable: true }),
    __metadata("design:type", Object)
], ReferralDoc.prototype, "qualified_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time', nullable: true }),
    __metadata("design:type", Object)
], ReferralDoc.prototype, "rewarded_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time', nullable: true }),
    __metadata("design:type", Object)
], ReferralDoc.prototype, "capped_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time', nullable: true }),
    __metadata("design:type", Object)
], ReferralDoc.prototype, "rejected_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        nullable: true,
        example: 'disposable_email',
        description: 'Fraud rule that held it for review: self_referral, same_ip_as_referrer, ip_signup_velocity, disposable_email.',
    }),
    __metadata("design:type", Object)
], ReferralDoc.prototype, "review_reason", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ nullable: true, example: 'duplicate of an existing customer' }),
    __metadata("design:type", Object)
], ReferralDoc.prototype, "rejection_reason", void 0);
exports.ReferralDoc = ReferralDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'referrals.Referral' })
], ReferralDoc);
let ReferralTransitionDoc = class ReferralTransitionDoc {
};
exports.ReferralTransitionDoc = ReferralTransitionDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ enum: referral_entity_1.REFERRAL_STATUSES, nullable: true }),
    __metadata("design:type", Object)
], ReferralTransitionDoc.prototype, "from_status", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: referral_entity_1.REFERRAL_STATUSES }),
    __metadata("design:type", String)
], ReferralTransitionDoc.prototype, "to_status", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ nullable: true }),
    __metadata("design:type", Object)
], ReferralTransitionDoc.prototype, "reason", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: { kind: 'api_key', id: 'key uuid', account_id: 'account uuid' } }),
    __metadata("design:type", Object)
], ReferralTransitionDoc.prototype, "actor", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time' }),
    __metadata("design:type", String)
], ReferralTransitionDoc.prototype, "at", void 0);
exports.ReferralTransitionDoc = ReferralTransitionDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'referrals.ReferralTransition' })
], ReferralTransitionDoc);
let ReferralWithHistoryDoc = class ReferralWithHistoryDoc extends ReferralDoc {
};
exports.ReferralWithHistoryDoc = ReferralWithHistoryDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ type: [ReferralTransitionDoc], description: 'Every status change, oldest first.' }),
    __metadata("design:type", Array)
], ReferralWithHistoryDoc.prototype, "transitions", void 0);
exports.ReferralWithHistoryDoc = ReferralWithHistoryDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'referrals.ReferralWithHistory' })
], ReferralWithHistoryDoc);
let ReferralPageDoc = class ReferralPageDoc {
};
exports.ReferralPageDoc = ReferralPageDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ type: [ReferralDoc] }),
    __metadata("design:type", Array)
], ReferralPageDoc.prototype, "items", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' }),
    __metadata("design:type", Object)
], ReferralPageDoc.prototype, "next_cursor", void 0);
exports.ReferralPageDoc = ReferralPageDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'referrals.ReferralPage' })
], ReferralPageDoc);
let SignupDoc = class SignupDoc {
};
exports.SignupDoc = SignupDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ example: { id: 'uuid', email: 'new.user@example.org', plan: 'free', referral_code: 'q8ZtK2pa' } }),
    __metadata("design:type", Object)
], SignupDoc.prototype, "account", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: ['cookie', 'referral_code', 'none'] }),
    __metadata("design:type", String)
], SignupDoc.prototype, "attribution", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: ReferralDoc, nullable: true }),
    __metadata("design:type", Object)
], SignupDoc.prototype, "referral", void 0);
exports.SignupDoc = SignupDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'referrals.Signup' })
], SignupDoc);
let AccountReferralDoc = class AccountReferralDoc {
};
exports.AccountReferralDoc = AccountReferralDoc;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'ADA2026' }),
    __metadata("design:type", String)
], AccountReferralDoc.prototype, "referral_code", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'https://api.crawlora.net/r/ADA2026' }),
    __metadata("design:type", String)
], AccountReferralDoc.prototype, "share_url", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        example: { clicks: 30, signups: 6, qualified: 3, rewarded: 2, capped: 1, credits_earned: 2000 },
        description: 'This account as a referrer, all time.',
    }),
    __metadata("design:type", Object)
], AccountReferralDoc.prototype, "funnel", void 0);
exports.AccountReferralDoc = AccountReferralDoc = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'referrals.AccountReferral' })
], AccountReferralDoc);
//# sourceMappingURL=referral.response.js.map