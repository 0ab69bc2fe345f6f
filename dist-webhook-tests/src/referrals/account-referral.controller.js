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
exports.AccountReferralController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const auth_decorator_1 = require("../auth/auth.decorator");
const principal_1 = require("../auth/principal");
const credits_decorator_1 = require("../billing/credits.decorator");
const api_responses_decorator_1 = require("../common/swagger/api-responses.decorator");
const account_referral_service_1 = require("./account-referral.service");
const referral_response_1 = require("./dto/referral.response");
let AccountReferralController = class AccountReferralController {
    constructor(accountReferral) {
        this.accountReferral = accountReferral;
    }
    get(principal) {
        return this.accountReferral.of(principal.accountId);
    }
};
exports.AccountReferralController = AccountReferralController;
__decorate([
    (0, common_1.Get)(),
    (0, auth_decorator_1.Auth)(),
    (0, credits_decorator_1.Credits)(0),
    (0, swagger_1.ApiOperation)({
        summary: 'Your referral code, link and results',
        description: 'Any plan. Share the link; each referral that qualifies earns bonus credits, up to the monthly cap.',
    }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(referral_response_1.AccountReferralDoc),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], AccountReferralController.prototype, "get", null);
exports.AccountReferralController = AccountReferralController = __decorate([
    (0, swagger_1.ApiTags)('Account'),
    (0, common_1.Controller)('account/referral'),
    __metadata("design:paramtypes", [account_referral_service_1.AccountReferralService])
], AccountReferralController);
//# sourceMappingURL=account-referral.controller.js.map