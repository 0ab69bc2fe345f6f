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
exports.UsageResponse = exports.UsageBonusResponse = exports.BonusBalanceResponse = exports.UsageRateLimitResponse = exports.UsageTodayResponse = exports.UsageCreditsResponse = exports.UsagePeriodResponse = void 0;
const swagger_1 = require("@nestjs/swagger");
const plan_1 = require("../../accounts/plan");
let UsagePeriodResponse = class UsagePeriodResponse {
};
exports.UsagePeriodResponse = UsagePeriodResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time', example: '2026-11-01T00:00:00.000Z', description: 'Inclusive.' }),
    __metadata("design:type", String)
], UsagePeriodResponse.prototype, "start", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time', example: '2026-12-01T00:00:00.000Z', description: 'Exclusive.' }),
    __metadata("design:type", String)
], UsagePeriodResponse.prototype, "end", void 0);
exports.UsagePeriodResponse = UsagePeriodResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'billing.UsagePeriod' })
], UsagePeriodResponse);
let UsageCreditsResponse = class UsageCreditsResponse {
};
exports.UsageCreditsResponse = UsageCreditsResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 20000, description: 'Credits included in the period.' }),
    __metadata("design:type", Number)
], UsageCreditsResponse.prototype, "included", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: 'integer',
        example: 20012,
        description: 'Credits charged against the plan in the period, overage included (bonus credits are under `bonus`).',
    }),
    __metadata("design:type", Number)
], UsageCreditsResponse.prototype, "used", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: 'integer',
        example: 0,
        description: 'Included credits left (requests in flight hold theirs until they finish).',
    }),
    __metadata("design:type", Number)
], UsageCreditsResponse.prototype, "remaining", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 12, description: 'Credits charged beyond the included credits.' }),
    __metadata("design:type", Number)
], UsageCreditsResponse.prototype, "overage", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: 'integer',
        example: 9000,
        description: 'Price of the overage credits so far, in micro-dollars (1,000,000 = $1); exact, never rounded.',
    }),
    __metadata("design:type", Number)
], UsageCreditsResponse.prototype, "overage_cost_micros", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: true, description: 'Whether requests may run past the included credits.' }),
    __metadata("design:type", Boolean)
], UsageCreditsResponse.prototype, "overage_allowed", void 0);
exports.UsageCreditsResponse = UsageCreditsResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'billing.UsageCredits' })
], UsageCreditsResponse);
let UsageTodayResponse = class UsageTodayResponse {
};
exports.UsageTodayResponse = UsageTodayResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ example: '2026-11-26', description: 'The UTC day.' }),
    __metadata("design:type", String)
], UsageTodayResponse.prototype, "date", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 12 }),
    __metadata("design:type", Number)
], UsageTodayResponse.prototype, "used", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', nullable: true, example: 5000, description: 'null = no daily cap.' }),
    __metadata("design:type", Object)
], UsageTodayResponse.prototype, "cap", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', nullable: true, example: 4988, description: 'null = no daily cap.' }),
    __metadata("design:type", Object)
], UsageTodayResponse.prototype, "remaining", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time', example: '2026-11-27T00:00:00.000Z' }),
    __metadata("design:type", String)
], UsageTodayResponse.prototype, "resets_at", void 0);
exports.UsageTodayResponse = UsageTodayResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'billing.UsageToday' })
], UsageTodayResponse);
let UsageRateLimitResponse = class UsageRateLimitResponse {
};
exports.UsageRateLimitResponse = UsageRateLimitResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 15 }),
    __metadata("design:type", Number)
], UsageRateLimitResponse.prototype, "limit_per_minute", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 1, description: 'Requests admitted in the last 60 seconds.' }),
    __metadata("design:type", Number)
], UsageRateLimitResponse.prototype, "used_last_minute", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 14 }),
    __metadata("design:type", Number)
], UsageRateLimitResponse.prototype, "remaining", void 0);
exports.UsageRateLimitResponse = UsageRateLimitResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'billing.UsageRateLimit' })
], UsageRateLimitResponse);
let BonusBalanceResponse = class BonusBalanceResponse {
};
exports.BonusBalanceResponse = BonusBalanceResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 1000 }),
    __metadata("design:type", Number)
], BonusBalanceResponse.prototype, "remaining", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time', example: '2027-02-01T00:00:00.000Z' }),
    __metadata("design:type", String)
], BonusBalanceResponse.prototype, "expires_at", void 0);
exports.BonusBalanceResponse = BonusBalanceResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'billing.BonusGrant' })
], BonusBalanceResponse);
let UsageBonusResponse = class UsageBonusResponse {
};
exports.UsageBonusResponse = UsageBonusResponse;
__decorate([
    (0, swagger_1.ApiProperty)({
        type: 'integer',
        example: 2000,
        description: 'Bonus credits (referral rewards) still to spend; they are spent before included credits.',
    }),
    __metadata("design:type", Number)
], UsageBonusResponse.prototype, "remaining", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: [BonusBalanceResponse], description: 'What is left of each grant, soonest expiry first.' }),
    __metadata("design:type", Array)
], UsageBonusResponse.prototype, "balances", void 0);
exports.UsageBonusResponse = UsageBonusResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'billing.UsageBonus' })
], UsageBonusResponse);
let UsageResponse = class UsageResponse {
};
exports.UsageResponse = UsageResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid' }),
    __metadata("design:type", String)
], UsageResponse.prototype, "account_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: plan_1.PLANS, example: 'starter' }),
    __metadata("design:type", String)
], UsageResponse.prototype, "plan", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: UsagePeriodResponse }),
    __metadata("design:type", UsagePeriodResponse)
], UsageResponse.prototype, "period", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: UsageCreditsResponse }),
    __metadata("design:type", UsageCreditsResponse)
], UsageResponse.prototype, "credits", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: UsageBonusResponse }),
    __metadata("design:type", UsageBonusResponse)
], UsageResponse.prototype, "bonus", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: UsageTodayResponse }),
    __metadata("design:type", UsageTodayResponse)
], UsageResponse.prototype, "today", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: UsageRateLimitResponse }),
    __metadata("design:type", UsageRateLimitResponse)
], UsageResponse.prototype, "rate_limit", void 0);
exports.UsageResponse = UsageResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'billing.Usage' })
], UsageResponse);
//# sourceMappingURL=usage.response.js.map