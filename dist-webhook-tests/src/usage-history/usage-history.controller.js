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
exports.UsageHistoryController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const auth_decorator_1 = require("../auth/auth.decorator");
const principal_1 = require("../auth/principal");
const credits_decorator_1 = require("../billing/credits.decorator");
const account_id_params_1 = require("../billing/dto/account-id.params");
const envelope_1 = require("../common/http/envelope");
const api_responses_decorator_1 = require("../common/swagger/api-responses.decorator");
const usage_history_response_1 = require("./dto/usage-history.response");
const usage_window_query_dto_1 = require("./dto/usage-window-query.dto");
const usage_history_service_1 = require("./usage-history.service");
/** A 200 that is the JSON envelope, or CSV when asked for: both media types declared. */
function ApiDailyUsageResponse() {
    return (0, common_1.applyDecorators)((0, swagger_1.ApiExtraModels)(envelope_1.EnvelopeDoc, usage_history_response_1.DailyUsageResponse), (0, swagger_1.ApiProduces)('application/json', 'text/csv'), (0, swagger_1.ApiHeader)({
        name: 'accept',
        required: false,
        example: 'text/csv',
        description: '`text/csv` answers CSV (as `format=csv` does); anything else, JSON.',
    }), (0, swagger_1.ApiResponse)({
        status: common_1.HttpStatus.OK,
        description: 'Success: the envelope, or with `format=csv` / `Accept: text/csv` a CSV file of the same days',
        content: {
            'application/json': {
                schema: {
                    allOf: [
                        { $ref: (0, swagger_1.getSchemaPath)(envelope_1.EnvelopeDoc) },
                        { properties: { code: { type: 'integer', example: 200 }, msg: { type: 'string', example: 'ok' }, data: { $ref: (0, swagger_1.getSchemaPath)(usage_history_response_1.DailyUsageResponse) } } },
                    ],
                },
            },
            'text/csv': {
                schema: { type: 'string', example: `${usage_history_service_1.CSV_COLUMNS.join(',')}\r\n2026-11-30,1200,1200,1213,1000,0,200,60000,12,0,0\r\n` },
            },
        },
    }));
}
function wantsCsv(format, accept) {
    return format === 'csv' || (format === undefined && /(^|,)\s*text\/csv\s*(;|,|$)/i.test(accept ?? ''));
}
const DAILY_DESCRIPTION = 'Per UTC day of the window (`from` and `to` both **inclusive**, at most 400 days, default the last 30): credits ' +
    'charged and their included / bonus / overage split, the overage cost, charged and admitted requests, and ' +
    'refusals by reason. Credits are exact against the ledger; admissions and refusals are counted in memory and ' +
    'written every second. `format=csv` or `Accept: text/csv` answers the same rows as CSV. **Free (0 credits)**, still rate limited.';
let UsageHistoryController = class UsageHistoryController {
    constructor(usage) {
        this.usage = usage;
    }
    async own(principal, query, accept) {
        const usage = await this.usage.daily(principal.accountId, principal.plan, this.usage.window(query));
        return wantsCsv(query.format, accept) ? this.usage.csv(usage) : usage;
    }
    async ofAccount(params, query, accept) {
        const usage = await this.usage.dailyOfAccount(params.id, this.usage.window(query));
        return wantsCsv(query.format, accept) ? this.usage.csv(usage) : usage;
    }
    top(query) {
        return this.usage.top(this.usage.window(query), query.limit ?? 10);
    }
};
exports.UsageHistoryController = UsageHistoryController;
__decorate([
    (0, common_1.Get)('account/usage/daily'),
    (0, auth_decorator_1.Auth)(),
    (0, credits_decorator_1.Credits)(0),
    (0, swagger_1.ApiOperation)({ operationId: 'getAccountDailyUsage', summary: "The caller's usage per day", description: DAILY_DESCRIPTION }),
    ApiDailyUsageResponse(),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.UNAUTHORIZED, common_1.HttpStatus.TOO_MANY_REQUESTS, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, principal_1.CurrentPrincipal)()),
    __param(1, (0, common_1.Query)()),
    __param(2, (0, common_1.Headers)('accept')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, usage_window_query_dto_1.DailyUsageQueryDto, String]),
    __metadata("design:returntype", Promise)
], UsageHistoryController.prototype, "own", null);
__decorate([
    (0, common_1.Get)('admin/accounts/:id/usage/daily'),
    (0, auth_decorator_1.Auth)({ plan: 'admin' }),
    (0, credits_decorator_1.Credits)(0),
    (0, swagger_1.ApiOperation)({ operationId: 'getAccountDailyUsageAsAdmin', summary: "Any account's usage per day (admin)", description: DAILY_DESCRIPTION }),
    ApiDailyUsageResponse(),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.UNAUTHORIZED, common_1.HttpStatus.FORBIDDEN, common_1.HttpStatus.NOT_FOUND, common_1.HttpStatus.TOO_MANY_REQUESTS, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Param)()),
    __param(1, (0, common_1.Query)()),
    __param(2, (0, common_1.Headers)('accept')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [account_id_params_1.AccountIdParams,
        usage_window_query_dto_1.DailyUsageQueryDto, String]),
    __metadata("design:returntype", Promise)
], UsageHistoryController.prototype, "ofAccount", null);
__decorate([
    (0, common_1.Get)('admin/usage/top'),
    (0, auth_decorator_1.Auth)({ plan: 'admin' }),
    (0, credits_decorator_1.Credits)(0),
    (0, swagger_1.ApiOperation)({
        operationId: 'getTopConsumers',
        summary: 'The accounts charged the most credits (admin)',
        description: 'Accounts by credits charged in the window (inclusive UTC days, at most 400, default the last 30), largest ' +
            'first; `limit` 1–100 (default 10). **Free (0 credits)**.',
    }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(usage_history_response_1.TopConsumersResponse),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.UNAUTHORIZED, common_1.HttpStatus.FORBIDDEN, common_1.HttpStatus.TOO_MANY_REQUESTS, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [usage_window_query_dto_1.TopConsumersQueryDto]),
    __metadata("design:returntype", Promise)
], UsageHistoryController.prototype, "top", null);
exports.UsageHistoryController = UsageHistoryController = __decorate([
    (0, swagger_1.ApiTags)('Billing'),
    (0, common_1.Controller)(),
    __metadata("design:paramtypes", [usage_history_service_1.UsageHistoryService])
], UsageHistoryController);
//# sourceMappingURL=usage-history.controller.js.map