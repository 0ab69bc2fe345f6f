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
exports.AdminReferralsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const auth_decorator_1 = require("../auth/auth.decorator");
const principal_1 = require("../auth/principal");
const credits_decorator_1 = require("../billing/credits.decorator");
const idempotent_decorator_1 = require("../common/idempotency/idempotent.decorator");
const reads_from_replica_decorator_1 = require("../database/replicas/reads-from-replica.decorator");
const api_responses_decorator_1 = require("../common/swagger/api-responses.decorator");
const referral_list_query_dto_1 = require("./dto/referral-list-query.dto");
const referral_response_1 = require("./dto/referral.response");
const reject_referral_dto_1 = require("./dto/reject-referral.dto");
const referral_lifecycle_service_1 = require("./lifecycle/referral-lifecycle.service");
const referral_review_service_1 = require("./lifecycle/referral-review.service");
const attribution_service_1 = require("./signups/attribution.service");
const referral_signup_dto_1 = require("./signups/referral-signup.dto");
const ID_PARAM = { name: 'id', format: 'uuid', description: 'Referral id' };
/** Signup attribution and the review queue: admin credentials, metered like every admin route. */
let AdminReferralsController = class AdminReferralsController {
    constructor(attribution, review, lifecycle) {
        this.attribution = attribution;
        this.review = review;
        this.lifecycle = lifecycle;
    }
    signup(signup, principal) {
        return this.attribution.recordSignup(signup, (0, referral_lifecycle_service_1.actorOf)(principal));
    }
    list(query) {
        return this.review.list(query);
    }
    get(id) {
        return this.review.get(id);
    }
    approve(id, principal) {
        return this.lifecycle.approve(id, (0, referral_lifecycle_service_1.actorOf)(principal));
    }
    reject(id, body, principal) {
        return this.lifecycle.reject(id, body.reason, (0, referral_lifecycle_service_1.actorOf)(principal));
    }
    qualify(id, principal) {
        return this.lifecycle.qualify(id, (0, referral_lifecycle_service_1.actorOf)(principal));
    }
};
exports.AdminReferralsController = AdminReferralsController;
__decorate([
    (0, common_1.Post)('referrals/signups'),
    (0, common_1.HttpCode)(common_1.HttpStatus.CREATED),
    (0, credits_decorator_1.Credits)(1),
    (0, idempotent_decorator_1.Idempotent)(),
    (0, swagger_1.ApiOperation)({
        summary: 'Record a signup and attribute it',
        description: "Called by the platform's signup flow. Creates the account (free plan) and, when the signup can be " +
            'attributed, its referral: the `crw_ref` cookie value (last click within the attribution window) wins, ' +
            'a referral code is used otherwise; a tampered or expired cookie is ignored. Fraud rules may reject the ' +
            'referral (self-referral) or hold it for review.',
    }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(referral_response_1.SignupDoc, common_1.HttpStatus.CREATED),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.CONFLICT, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [referral_signup_dto_1.ReferralSignupDto, Object]),
    __metadata("design:returntype", void 0)
], AdminReferralsController.prototype, "signup", null);
__decorate([
    (0, common_1.Get)('admin/referrals'),
    (0, credits_decorator_1.Credits)(1),
    (0, reads_from_replica_decorator_1.ReadsFromReplica)(),
    (0, swagger_1.ApiOperation)({ summary: 'List referrals for review', description: 'Newest signups first, keyset-paginated.' }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(referral_response_1.ReferralPageDoc),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [referral_list_query_dto_1.ReferralListQueryDto]),
    __metadata("design:returntype", void 0)
], AdminReferralsController.prototype, "list", null);
__decorate([
    (0, common_1.Get)('admin/referrals/:id'),
    (0, credits_decorator_1.Credits)(1),
    (0, reads_from_replica_decorator_1.ReadsFromReplica)(),
    (0, swagger_1.ApiOperation)({ summary: 'Get a referral with its status history' }),
    (0, swagger_1.ApiParam)(ID_PARAM),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(referral_response_1.ReferralWithHistoryDoc),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.NOT_FOUND, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Param)('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], AdminReferralsController.prototype, "get", null);
__decorate([
    (0, common_1.Post)('admin/referrals/:id/approve'),
    (0, common_1.HttpCode)(common_1.HttpStatus.OK),
    (0, credits_decorator_1.Credits)(1),
    (0, idempotent_decorator_1.Idempotent)(),
    (0, swagger_1.ApiOperation)({ summary: 'Approve a referral held for review', description: 'review_required -> signed_up.' }),
    (0, swagger_1.ApiParam)(ID_PARAM),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(referral_response_1.ReferralDoc),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.NOT_FOUND, common_1.HttpStatus.CONFLICT, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Param)('id')),
    __param(1, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], AdminReferralsController.prototype, "approve", null);
__decorate([
    (0, common_1.Post)('admin/referrals/:id/reject'),
    (0, common_1.HttpCode)(common_1.HttpStatus.OK),
    (0, credits_decorator_1.Credits)(1),
    (0, idempotent_decorator_1.Idempotent)(),
    (0, swagger_1.ApiOperation)({ summary: 'Reject a referral', description: 'review_required or signed_up -> rejected; a reason is required.' }),
    (0, swagger_1.ApiParam)(ID_PARAM),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(referral_response_1.ReferralDoc),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.NOT_FOUND, common_1.HttpStatus.CONFLICT, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Param)('id')),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, reject_referral_dto_1.RejectReferralDto, Object]),
    __metadata("design:returntype", void 0)
], AdminReferralsController.prototype, "reject", null);
__decorate([
    (0, common_1.Post)('admin/referrals/:id/qualify'),
    (0, common_1.HttpCode)(common_1.HttpStatus.OK),
    (0, credits_decorator_1.Credits)(1),
    (0, idempotent_decorator_1.Idempotent)(),
    (0, swagger_1.ApiOperation)({
        summary: 'Qualify a referral by hand',
        description: 'signed_up -> qualified, then at once rewarded (bonus credits to the referrer) or capped when the referrer ' +
            'has reached the monthly reward cap. Referrals under review or rejected cannot qualify (409).',
    }),
    (0, swagger_1.ApiParam)(ID_PARAM),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(referral_response_1.ReferralDoc),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.NOT_FOUND, common_1.HttpStatus.CONFLICT, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Param)('id')),
    __param(1, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", void 0)
], AdminReferralsController.prototype, "qualify", null);
exports.AdminReferralsController = AdminReferralsController = __decorate([
    (0, swagger_1.ApiTags)('Referrals'),
    (0, common_1.Controller)(),
    (0, auth_decorator_1.Auth)({ plan: 'admin' }),
    __metadata("design:paramtypes", [attribution_service_1.AttributionService,
        referral_review_service_1.ReferralReviewService,
        referral_lifecycle_service_1.ReferralLifecycleService])
], AdminReferralsController);
//# sourceMappingURL=admin-referrals.controller.js.map