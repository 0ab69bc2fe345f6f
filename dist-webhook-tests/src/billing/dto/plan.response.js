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
exports.PlanCatalogResponse = exports.PlanResponse = exports.OveragePricingResponse = void 0;
exports.toPlanResponse = toPlanResponse;
const swagger_1 = require("@nestjs/swagger");
const plan_catalog_1 = require("../plan-catalog");
let OveragePricingResponse = class OveragePricingResponse {
};
exports.OveragePricingResponse = OveragePricingResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 75, description: 'Price of 1,000 overage credits, in US cents.' }),
    __metadata("design:type", Number)
], OveragePricingResponse.prototype, "cents_per_1000_credits", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: true, description: 'Overage applies only when it is enabled on the account.' }),
    __metadata("design:type", Boolean)
], OveragePricingResponse.prototype, "requires_opt_in", void 0);
exports.OveragePricingResponse = OveragePricingResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'billing.OveragePricing' })
], OveragePricingResponse);
let PlanResponse = class PlanResponse {
};
exports.PlanResponse = PlanResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ enum: plan_catalog_1.PUBLIC_PLANS, example: 'starter' }),
    __metadata("design:type", String)
], PlanResponse.prototype, "plan", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 900, description: 'Monthly price in US cents.' }),
    __metadata("design:type", Number)
], PlanResponse.prototype, "price_cents", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 20000, description: 'Credits included per calendar month (UTC).' }),
    __metadata("design:type", Number)
], PlanResponse.prototype, "included_credits", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', nullable: true, example: 5000, description: 'Credits per UTC day; null = no cap.' }),
    __metadata("design:type", Object)
], PlanResponse.prototype, "daily_cap", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: 'integer', example: 15, description: 'Requests admitted in any rolling 60 seconds.' }),
    __metadata("design:type", Number)
], PlanResponse.prototype, "rate_limit_per_minute", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: OveragePricingResponse,
        nullable: true,
        description: 'null: no overage; requests past the included credits are refused until the period resets.',
    }),
    __metadata("design:type", Object)
], PlanResponse.prototype, "overage", void 0);
exports.PlanResponse = PlanResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'billing.Plan' })
], PlanResponse);
let PlanCatalogResponse = class PlanCatalogResponse {
};
exports.PlanCatalogResponse = PlanCatalogResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ type: [PlanResponse] }),
    __metadata("design:type", Array)
], PlanCatalogResponse.prototype, "plans", void 0);
exports.PlanCatalogResponse = PlanCatalogResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'billing.PlanCatalog' })
], PlanCatalogResponse);
function toPlanResponse(plan, limits) {
    return {
        plan,
        price_cents: limits.priceCents,
        included_credits: limits.includedCredits,
        daily_cap: limits.dailyCap,
        rate_limit_per_minute: limits.ratePerMinute,
        overage: limits.overage === null
            ? null
            : { cents_per_1000_credits: limits.overage.centsPer1000Credits, requires_opt_in: limits.overage.requiresOptIn },
    };
}
//# sourceMappingURL=plan.response.js.map