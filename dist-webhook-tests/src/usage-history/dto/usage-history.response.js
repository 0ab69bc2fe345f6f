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
exports.TopConsumersResponse = exports.TopConsumerResponse = exports.DailyUsageResponse = exports.UsageDayResponse = exports.RefusalCountsResponse = void 0;
const swagger_1 = require("@nestjs/swagger");
let RefusalCountsResponse = class RefusalCountsResponse {
};
exports.RefusalCountsResponse = RefusalCountsResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 12 }),
    __metadata("design:type", Number)
], RefusalCountsResponse.prototype, "rate_limited", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 0 }),
    __metadata("design:type", Number)
], RefusalCountsResponse.prototype, "daily_cap_reached", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 0 }),
    __metadata("design:type", Number)
], RefusalCountsResponse.prototype, "credits_exhausted", void 0);
exports.RefusalCountsResponse = RefusalCountsResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'usage.Refusals' })
], RefusalCountsResponse);
let UsageDayResponse = class UsageDayResponse {
};
exports.UsageDayResponse = UsageDayResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date', example: '2026-11-30', description: 'UTC day' }),
    __metadata("design:type", String)
], UsageDayResponse.prototype, "date", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 1200, description: 'Credits charged (the ledger: 2xx responses of metered routes).' }),
    __metadata("design:type", Number)
], UsageDayResponse.prototype, "credits_charged", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 1200, description: 'Charged requests (ledger rows).' }),
    __metadata("design:type", Number)
], UsageDayResponse.prototype, "requests_charged", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        example: 1213,
        description: 'Requests admitted past the limits, whatever their outcome (free routes and failed requests included).',
    }),
    __metadata("design:type", Number)
], UsageDayResponse.prototype, "requests_admitted", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 1000 }),
    __metadata("design:type", Number)
], UsageDayResponse.prototype, "included_credits", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 0, description: 'Referral bonus credits spent.' }),
    __metadata("design:type", Number)
], UsageDayResponse.prototype, "bonus_credits", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 200 }),
    __metadata("design:type", Number)
], UsageDayResponse.prototype, "overage_credits", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 60000, description: "Overage cost in micro-dollars at the account's current plan price." }),
    __metadata("design:type", Number)
], UsageDayResponse.prototype, "overage_cost_micros", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: RefusalCountsResponse }),
    __metadata("design:type", RefusalCountsResponse)
], UsageDayResponse.prototype, "refusals", void 0);
exports.UsageDayResponse = UsageDayResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'usage.Day' })
], UsageDayResponse);
let DailyUsageResponse = class DailyUsageResponse {
};
exports.DailyUsageResponse = DailyUsageResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid' }),
    __metadata("design:type", String)
], DailyUsageResponse.prototype, "account_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date', example: '2026-11-01', description: 'First day, inclusive.' }),
    __metadata("design:type", String)
], DailyUsageResponse.prototype, "from", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date', example: '2026-11-30', description: 'Last day, inclusive.' }),
    __metadata("design:type", String)
], DailyUsageResponse.prototype, "to", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: [UsageDayResponse], description: 'Every day of the window, oldest first, zeros included.' }),
    __metadata("design:type", Array)
], DailyUsageResponse.prototype, "days", void 0);
exports.DailyUsageResponse = DailyUsageResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'usage.DailyUsage' })
], DailyUsageResponse);
let TopConsumerResponse = class TopConsumerResponse {
};
exports.TopConsumerResponse = TopConsumerResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid' }),
    __metadata("design:type", String)
], TopConsumerResponse.prototype, "account_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'ops@example.com' }),
    __metadata("design:type", String)
], TopConsumerResponse.prototype, "email", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'pro' }),
    __metadata("design:type", String)
], TopConsumerResponse.prototype, "plan", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 250000 }),
    __metadata("design:type", Number)
], TopConsumerResponse.prototype, "credits_charged", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 250000 }),
    __metadata("design:type", Number)
], TopConsumerResponse.prototype, "requests_charged", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 0 }),
    __metadata("design:type", Number)
], TopConsumerResponse.prototype, "overage_credits", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 0, description: "At the account's current plan price." }),
    __metadata("design:type", Number)
], TopConsumerResponse.prototype, "overage_cost_micros", void 0);
exports.TopConsumerResponse = TopConsumerResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'usage.TopConsumer' })
], TopConsumerResponse);
let TopConsumersResponse = class TopConsumersResponse {
};
exports.TopConsumersResponse = TopConsumersResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date', example: '2026-11-01' }),
    __metadata("design:type", String)
], TopConsumersResponse.prototype, "from", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date', example: '2026-11-30' }),
    __metadata("design:type", String)
], TopConsumersResponse.prototype, "to", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: [TopConsumerResponse] }),
    __metadata("design:type", Array)
], TopConsumersResponse.prototype, "items", void 0);
exports.TopConsumersResponse = TopConsumersResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'usage.TopConsumers' })
], TopConsumersResponse);
//# sourceMappingURL=usage-history.response.js.map