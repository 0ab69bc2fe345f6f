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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.UsageController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const auth_decorator_1 = require("../auth/auth.decorator");
const principal_1 = require("../auth/principal");
const api_responses_decorator_1 = require("../common/swagger/api-responses.decorator");
const credits_decorator_1 = require("./credits.decorator");
const account_id_params_1 = require("./dto/account-id.params");
const usage_response_1 = require("./dto/usage.response");
const usage_service_1 = require("./usage.service");
let UsageController = class UsageController {
    constructor(usage) {
        this.usage = usage;
    }
    getOwnUsage(principal) {
        return this.usage.usageOf(principal);
    }
    getAccountUsage(params) {
        return this.usage.usageOfAccount(params.id);
    }
};
exports.UsageController = UsageController;
__decorate([
    (0, common_1.Get)('account/usage'),
    (0, auth_decorator_1.Auth)(),
    (0, credits_decorator_1.Credits)(0),
    (0, swagger_1.ApiOperation)({
        operationId: 'getAccountUsage',
        summary: "The caller's usage this period and today",
        description: 'Plan, billing period (calendar month, UTC), included / used / remaining credits, overage and its cost, ' +
            "today's usage against the daily cap, and the rate limit. Any plan, any credential. **Free (0 credits)**, " +
            'still rate limited.',
    }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(usage_response_1.UsageResponse),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.UNAUTHORIZED, common_1.HttpStatus.TOO_MANY_REQUESTS, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], UsageController.prototype, "getOwnUsage", null);
__decorate([
    (0, common_1.Get)('admin/accounts/:id/usage'),
    (0, auth_decorator_1.Auth)({ plan: 'admin' }),
    (0, credits_decorator_1.Credits)(0),
    (0, swagger_1.ApiOperation)({
        operationId: 'getAccountUsageAsAdmin',
        summary: "Any account's usage (admin)",
        description: 'The same report as `GET /api/v1/account/usage`, for the account named in the path. **Free (0 credits)**.',
    }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(usage_response_1.UsageResponse),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.UNAUTHORIZED, common_1.HttpStatus.FORBIDDEN, common_1.HttpStatus.NOT_FOUND, common_1.HttpStatus.TOO_MANY_REQUESTS, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Param)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [account_id_params_1.AccountIdParams]),
    __metadata("design:returntype", Promise)
], UsageController.prototype, "getAccountUsage", null);
exports.UsageController = UsageController = __decorate([
    (0, swagger_1.ApiTags)('Billing'),
    (0, common_1.Controller)(),
    __metadata("design:paramtypes", [usage_service_1.UsageService])
], UsageController);
//# sourceMappingURL=usage.controller.js.map