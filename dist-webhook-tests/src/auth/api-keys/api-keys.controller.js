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
exports.AccountApiKeysController = exports.AdminApiKeysController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const account_id_params_1 = require("../../billing/dto/account-id.params");
const envelope_1 = require("../../common/http/envelope");
const idempotent_decorator_1 = require("../../common/idempotency/idempotent.decorator");
const api_responses_decorator_1 = require("../../common/swagger/api-responses.decorator");
const auth_decorator_1 = require("../auth.decorator");
const principal_1 = require("../principal");
const api_key_management_service_1 = require("./api-key-management.service");
const api_key_requests_1 = require("./dto/api-key.requests");
const api_key_responses_1 = require("./dto/api-key.responses");
const SHOWN_ONCE = 'The response carries the key itself in `key`, this once: store it now. Idempotent with `Idempotency-Key` ' +
    '(a replay answers the same key record with `key: null`, since the secret is never stored).';
const FREE = '**Not metered**: free, and not counted against the plan rate limit, so a leaked key can always be rotated ' +
    'or revoked, even by an account out of credits or at its limit.';
const COMMON_ERRORS = [common_1.HttpStatus.INTERNAL_SERVER_ERROR];
const REQUEST_ID_EXAMPLE = '5b0f6c1e-4a8e-4c55-9a5e-2f1d0f1f3c11';
/** The 409s of key management, with their own `data.reason`, rather than the generic (referral) example. */
function ApiKeyConflictResponse() {
    return (0, common_1.applyDecorators)((0, swagger_1.ApiExtraModels)(envelope_1.EnvelopeDoc), (0, swagger_1.ApiResponse)({
        status: common_1.HttpStatus.CONFLICT,
        description: '`data.reason`: `api_key_limit_reached` (the account holds API_KEY_MAX_LIVE_PER_ACCOUNT live keys; ' +
            '`data.limit`, `data.live`), `api_key_rotated` (already rotated: rotate `data.rotated_to_id` instead), ' +
            '`api_key_revoked`, `api_key_expired`. Without a reason: a request with the same Idempotency-Key is still ' +
            'in progress.',
        schema: {
            allOf: [
                { $ref: (0, swagger_1.getSchemaPath)(envelope_1.EnvelopeDoc) },
                {
                    properties: {
                        code: { type: 'integer', example: 409 },
                        data: {
                            type: 'object',
                            properties: {
                                request_id: { type: 'string' },
                                reason: { type: 'string', enum: ['api_key_limit_reached', 'api_key_rotated', 'api_key_revoked', 'api_key_expired'] },
                                limit: { type: 'integer' },
                                live: { type: 'integer' },
                                rotated_to_id: { type: 'string', format: 'uuid', nullable: true },
                            },
                            required: ['request_id'],
                        },
                    },
                },
            ],
        },
        examples: {
            api_key_limit_reached: {
                summary: 'api_key_limit_reached',
                value: {
                    code: 409,
                    msg: 'API key limit reached: an account may hold 20 live keys; revoke one first',
                    data: { request_id: REQUEST_ID_EXAMPLE, reason: 'api_key_limit_reached', limit: 20, live: 20 },
                },
            },
            api_key_rotated: {
                summary: 'api_key_rotated',
                value: {
                    code: 409,
                    msg: 'This API key was already rotated; rotate its replacement instead',
                    data: { request_id: REQUEST_ID_EXAMPLE, reason: 'api_key_rotated', rotated_to_id: '6d1f2a0e-3c4b-4e8a-9f1d-7a2b3c4d5e6f' },
                },
            },
        },
    }));
}
/** Unmetered routes meet no plan limit; their only 429 is the failed-authentication throttle of @Auth(). */
function ApiAuthThrottledResponse() {
    return (0, common_1.applyDecorators)((0, swagger_1.ApiExtraModels)(envelope_1.EnvelopeDoc), (0, swagger_1.ApiResponse)({
        status: common_1.HttpStatus.TOO_MANY_REQUESTS,
        description: 'Too many failed authentications from this IP in the last 60 s (`too_many_failures`); retry after ' +
            '`Retry-After` seconds.',
        schema: { $ref: (0, swagger_1.getSchemaPath)(envelope_1.EnvelopeDoc) },
        example: {
            code: 429,
            msg: 'Too many failed authentication attempts',
            data: { request_id: REQUEST_ID_EXAMPLE, reason: 'too_many_failures', retry_after_seconds: 41 },
        },
    }));
}
/** An admin (console backend) manages any account's keys. Every change is audited. */
let AdminApiKeysController = class AdminApiKeysController {
    constructor(management) {
        this.management = management;
    }
    create(params, body, principal, request) {
        return this.management.create(params.id, body ?? {}, (0, api_key_management_service_1.actorOf)(principal, request));
    }
    list(params) {
        return this.management.list(params.id);
    }
    rotate(params, body, principal, request) {
        return this.management.rotate(params.id, body ?? {}, (0, api_key_management_service_1.actorOf)(principal, request));
    }
    revoke(params, principal, request) {
        return this.management.revoke(params.id, (0, api_key_management_service_1.actorOf)(principal, request));
    }
    audit(query) {
        return this.management.auditTrail(query);
    }
};
exports.AdminApiKeysController = AdminApiKeysController;
__decorate([
    (0, common_1.Post)('admin/accounts/:id/keys'),
    (0, common_1.HttpCode)(common_1.HttpStatus.CREATED),
    (0, idempotent_decorator_1.Idempotent)({ secretFields: ['key'] }),
    (0, swagger_1.ApiOperation)({
        operationId: 'createAccountKeyAsAdmin',
        summary: "Create a key for any account (admin)",
        description: `${SHOWN_ONCE} 409 \`api_key_limit_reached\` when the account already holds API_KEY_MAX_LIVE_PER_ACCOUNT (20) live keys. ${FREE}`,
    }),
    (0, swagger_1.ApiBody)({ type: api_key_requests_1.CreateApiKeyDto, required: false, description: 'Optional: an empty or absent body creates a key named "default" that never expires.' }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(api_key_responses_1.CreatedApiKeyDoc, common_1.HttpStatus.CREATED),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.NOT_FOUND, common_1.HttpStatus.UNPROCESSABLE_ENTITY, ...COMMON_ERRORS),
    ApiKeyConflictResponse(),
    __param(0, (0, common_1.Param)()),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, principal_1.CurrentPrincipal)()),
    __param(3, (0, common_1.Req)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [account_id_params_1.AccountIdParams, api_key_requests_1.CreateApiKeyDto, Object, Object]),
    __metadata("design:returntype", void 0)
], AdminApiKeysController.prototype, "create", null);
__decorate([
    (0, common_1.Get)('admin/accounts/:id/keys'),
    (0, swagger_1.ApiOperation)({
        operationId: 'listAccountKeysAsAdmin',
        summary: "List any account's keys (admin)",
        description: `Every key with its status, last use, expiry, revocation and rotation links; never a secret. ${FREE}`,
    }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(api_key_responses_1.ApiKeyListDoc),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.NOT_FOUND, ...COMMON_ERRORS),
    __param(0, (0, common_1.Param)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [account_id_params_1.AccountIdParams]),
    __metadata("design:returntype", void 0)
], AdminApiKeysController.prototype, "list", null);
__decorate([
    (0, common_1.Post)('admin/keys/:id/rotate'),
    (0, common_1.HttpCode)(common_1.HttpStatus.CREATED),
    (0, idempotent_decorator_1.Idempotent)({ secretFields: ['key'] }),
    (0, swagger_1.ApiOperation)({
        operationId: 'rotateKeyAsAdmin',
        summary: 'Rotate any key (admin)',
        description: `Issues a replacement (same name, same account) and keeps the old key working for \`overlap_seconds\` ` +
            `(default 86400, at most 604800); after that the old key answers 401 \`rotated_api_key\`. ${SHOWN_ONCE} ` +
            `409 for a revoked, expired or already rotated key. ${FREE}`,
    }),
    (0, swagger_1.ApiBody)({ type: api_key_requests_1.RotateApiKeyDto, required: false, description: 'Optional: an empty or absent body rotates with a 24 h overlap.' }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(api_key_responses_1.RotatedApiKeyDoc, common_1.HttpStatus.CREATED),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.NOT_FOUND, common_1.HttpStatus.UNPROCESSABLE_ENTITY, ...COMMON_ERRORS),
    ApiKeyConflictResponse(),
    __param(0, (0, common_1.Param)()),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, principal_1.CurrentPrincipal)()),
    __param(3, (0, common_1.Req)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [api_key_requests_1.KeyIdParams, api_key_requests_1.RotateApiKeyDto, Object, Object]),
    __metadata("design:returntype", void 0)
], AdminApiKeysController.prototype, "rotate", null);
__decorate([
    (0, common_1.Delete)('admin/keys/:id'),
    (0, swagger_1.ApiOperation)({
        operationId: 'revokeKeyAsAdmin',
        summary: 'Revoke any key now (admin)',
        description: 'The key answers 401 `revoked_api_key` on every instance within API_KEY_CACHE_TTL_MS (5 s). Repeating ' +
            `it answers the same record and changes nothing. ${FREE}`,
    }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(api_key_responses_1.ApiKeyDoc),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.NOT_FOUND, ...COMMON_ERRORS),
    __param(0, (0, common_1.Param)()),
    __param(1, (0, principal_1.CurrentPrincipal)()),
    __param(2, (0, common_1.Req)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [api_key_requests_1.KeyIdParams, Object, Object]),
    __metadata("design:returntype", void 0)
], AdminApiKeysController.prototype, "revoke", null);
__decorate([
    (0, common_1.Get)('admin/keys/audit'),
    (0, swagger_1.ApiOperation)({
        operationId: 'listKeyAuditEventsAsAdmin',
        summary: 'Audit trail of key changes (admin)',
        description: 'Every creation, rotation and revocation, by anyone (admin, the account itself, the CLI): who (credential ' +
            `and account), when, which key, from where (IP, user agent, request id). Newest first. ${FREE}`,
    }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(api_key_responses_1.KeyChangeEventPageDoc),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, ...COMMON_ERRORS),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [api_key_requests_1.KeyAuditQueryDto]),
    __metadata("design:returntype", void 0)
], AdminApiKeysController.prototype, "audit", null);
exports.AdminApiKeysController = AdminApiKeysController = __decorate([
    (0, swagger_1.ApiTags)('API keys'),
    (0, common_1.Controller)(),
    (0, auth_decorator_1.Auth)({ plan: 'admin' }),
    ApiAuthThrottledResponse(),
    __metadata("design:paramtypes", [api_key_management_service_1.ApiKeyManagementService])
], AdminApiKeysController);
/** Any plan manages its own keys; another account's key id is "not found". */
let AccountApiKeysController = class AccountApiKeysController {
    constructor(management) {
        this.management = management;
    }
    list(principal) {
        return this.management.list(principal.accountId);
    }
    audit(query, principal) {
        return this.management.auditTrail({ ...query, account_id: principal.accountId });
    }
    create(body, principal, request) {
        return this.management.create(principal.accountId, body ?? {}, (0, api_key_management_service_1.actorOf)(principal, request));
    }
    rotate(params, body, principal, request) {
        return this.management.rotate(params.id, body ?? {}, (0, api_key_management_service_1.actorOf)(principal, request), principal.accountId);
    }
    revoke(params, principal, request) {
        return this.management.revoke(params.id, (0, api_key_management_service_1.actorOf)(principal, request), principal.accountId);
    }
};
exports.AccountApiKeysController = AccountApiKeysController;
__decorate([
    (0, common_1.Get)(),
    (0, swagger_1.ApiOperation)({
        operationId: 'listOwnKeys',
        summary: "List the caller's keys",
        description: `Every key of the calling account; never a secret. ${FREE}`,
    }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(api_key_responses_1.ApiKeyListDoc),
    (0, api_responses_decorator_1.ApiErrorResponses)(...COMMON_ERRORS),
    __param(0, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], AccountApiKeysController.prototype, "list", null);
__decorate([
    (0, common_1.Get)('audit'),
    (0, swagger_1.ApiOperation)({
        operationId: 'listOwnKeyAuditEvents',
        summary: "Audit trail of the caller's key changes",
        description: "Every creation, rotation and revocation of the calling account's keys, by the account itself, an admin or " +
            `an operator: who, when, which key, from where. Newest first. ${FREE}`,
    }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(api_key_responses_1.KeyChangeEventPageDoc),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, ...COMMON_ERRORS),
    __param(0, (0, common_1.Query)()),
    __param(1, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [api_key_requests_1.OwnKeyAuditQueryDto, Object]),
    __metadata("design:returntype", void 0)
], AccountApiKeysController.prototype, "audit", null);
__decorate([
    (0, common_1.Post)(),
    (0, common_1.HttpCode)(common_1.HttpStatus.CREATED),
    (0, idempotent_decorator_1.Idempotent)({ secretFields: ['key'] }),
    (0, swagger_1.ApiOperation)({
        operationId: 'createOwnKey',
        summary: 'Create a key for the caller',
        description: `${SHOWN_ONCE} 409 \`api_key_limit_reached\` at API_KEY_MAX_LIVE_PER_ACCOUNT (20) live keys. ${FREE}`,
    }),
    (0, swagger_1.ApiBody)({ type: api_key_requests_1.CreateApiKeyDto, required: false, description: 'Optional: an empty or absent body creates a key named "default" that never expires.' }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(api_key_responses_1.CreatedApiKeyDoc, common_1.HttpStatus.CREATED),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.UNPROCESSABLE_ENTITY, ...COMMON_ERRORS),
    ApiKeyConflictResponse(),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, principal_1.CurrentPrincipal)()),
    __param(2, (0, common_1.Req)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [api_key_requests_1.CreateApiKeyDto, Object, Object]),
    __metadata("design:returntype", void 0)
], AccountApiKeysController.prototype, "create", null);
__decorate([
    (0, common_1.Post)(':id/rotate'),
    (0, common_1.HttpCode)(common_1.HttpStatus.CREATED),
    (0, idempotent_decorator_1.Idempotent)({ secretFields: ['key'] }),
    (0, swagger_1.ApiOperation)({
        operationId: 'rotateOwnKey',
        summary: "Rotate one of the caller's keys",
        description: 'As the admin rotation, for the caller\'s own keys only (another account\'s key id answers 404). ' +
            `The key making the call may rotate itself. ${SHOWN_ONCE} ${FREE}`,
    }),
    (0, swagger_1.ApiBody)({ type: api_key_requests_1.RotateApiKeyDto, required: false, description: 'Optional: an empty or absent body rotates with a 24 h overlap.' }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(api_key_responses_1.RotatedApiKeyDoc, common_1.HttpStatus.CREATED),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.NOT_FOUND, common_1.HttpStatus.UNPROCESSABLE_ENTITY, ...COMMON_ERRORS),
    ApiKeyConflictResponse(),
    __param(0, (0, common_1.Param)()),
    __param(1, (0, common_1.Body)()),
    __param(2, (0, principal_1.CurrentPrincipal)()),
    __param(3, (0, common_1.Req)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [api_key_requests_1.KeyIdParams, api_key_requests_1.RotateApiKeyDto, Object, Object]),
    __metadata("design:returntype", void 0)
], AccountApiKeysController.prototype, "rotate", null);
__decorate([
    (0, common_1.Delete)(':id'),
    (0, swagger_1.ApiOperation)({
        operationId: 'revokeOwnKey',
        summary: "Revoke one of the caller's keys now",
        description: "The caller's own keys only (another account's key id answers 404). A key may revoke itself: the next " +
            `request with it answers 401. ${FREE}`,
    }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(api_key_responses_1.ApiKeyDoc),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.NOT_FOUND, ...COMMON_ERRORS),
    __param(0, (0, common_1.Param)()),
    __param(1, (0, principal_1.CurrentPrincipal)()),
    __param(2, (0, common_1.Req)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [api_key_requests_1.KeyIdParams, Object, Object]),
    __metadata("design:returntype", void 0)
], AccountApiKeysController.prototype, "revoke", null);
exports.AccountApiKeysController = AccountApiKeysController = __decorate([
    (0, swagger_1.ApiTags)('API keys'),
    (0, common_1.Controller)('account/keys'),
    (0, auth_decorator_1.Auth)(),
    ApiAuthThrottledResponse(),
    __metadata("design:paramtypes", [api_key_management_service_1.ApiKeyManagementService])
], AccountApiKeysController);
//# sourceMappingURL=api-keys.controller.js.map