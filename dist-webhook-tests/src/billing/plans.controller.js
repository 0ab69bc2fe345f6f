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
exports.PlansController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const app_config_1 = require("../config/app-config");
const api_responses_decorator_1 = require("../common/swagger/api-responses.decorator");
const plan_response_1 = require("./dto/plan.response");
/** Public and unmetered: prospective customers read it before they have a key. */
let PlansController = class PlansController {
    constructor(config) {
        this.config = config;
    }
    listPlans() {
        return { plans: this.config.billing.catalog.publicPlans().map(({ plan, limits }) => (0, plan_response_1.toPlanResponse)(plan, limits)) };
    }
};
exports.PlansController = PlansController;
__decorate([
    (0, common_1.Get)(),
    (0, swagger_1.ApiOperation)({
        operationId: 'listPlans',
        summary: 'The plan catalog',
        description: 'Every plan with its monthly price, included credits, daily cap, rate limit and overage price, as this ' +
            'deployment enforces them. Money is in integer US cents. Public and not metered.',
    }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(plan_response_1.PlanCatalogResponse),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", plan_response_1.PlanCatalogResponse)
], PlansController.prototype, "listPlans", null);
exports.PlansController = PlansController = __decorate([
    (0, swagger_1.ApiTags)('Billing'),
    (0, common_1.Controller)('plans'),
    __metadata("design:paramtypes", [app_config_1.AppConfig])
], PlansController);
//# sourceMappingURL=plans.controller.js.map