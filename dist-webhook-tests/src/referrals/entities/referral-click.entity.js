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
exports.ReferralClick = void 0;
const typeorm_1 = require("typeorm");
/** One counted visit of a referral link, with the UTM parameters it carried. */
let ReferralClick = class ReferralClick {
};
exports.ReferralClick = ReferralClick;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }),
    __metadata("design:type", String)
], ReferralClick.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'referral_code', type: 'text' }),
    __metadata("design:type", String)
], ReferralClick.prototype, "referralCode", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'referrer_account_id', type: 'uuid' }),
    __metadata("design:type", String)
], ReferralClick.prototype, "referrerAccountId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'utm_source', type: 'text', nullable: true }),
    __metadata("design:type", Object)
], ReferralClick.prototype, "utmSource", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'utm_medium', type: 'text', nullable: true }),
    __metadata("design:type", Object)
], ReferralClick.prototype, "utmMedium", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'utm_campaign', type: 'text', nullable: true }),
    __metadata("design:type", Object)
], ReferralClick.prototype, "utmCampaign", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'utm_term', type: 'text', nullable: true }),
    __metadata("design:type", Object)
], ReferralClick.prototype, "utmTerm", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'utm_content', type: 'text', nullable: true }),
    __metadata("design:type", Object)
], ReferralClick.prototype, "utmContent", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], ReferralClick.prototype, "createdAt", void 0);
exports.ReferralClick = ReferralClick = __decorate([
    (0, typeorm_1.Entity)({ name: 'referral_clicks' })
], ReferralClick);
//# sourceMappingURL=referral-click.entity.js.map