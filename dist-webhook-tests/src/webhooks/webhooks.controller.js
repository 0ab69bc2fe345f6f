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
exports.WebhooksController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const auth_decorator_1 = require("../auth/auth.decorator");
const credits_decorator_1 = require("../billing/credits.decorator");
const api_responses_decorator_1 = require("../common/swagger/api-responses.decorator");
const create_webhook_dto_1 = require("./dto/create-webhook.dto");
const delivery_list_query_dto_1 = require("./dto/delivery-list-query.dto");
const rotate_secret_dto_1 = require("./dto/rotate-secret.dto");
const webhook_response_1 = require("./dto/webhook.response");
const webhook_event_catalogue_1 = require("./webhook-event-catalogue");
const webhooks_service_1 = require("./webhooks.service");
const ID_PARAM = { name: 'id', format: 'uuid', description: 'Webhook endpoint id' };
const DELIVERY_PARAM = { name: 'deliveryId', example: '1042', description: 'Delivery id (from the deliveries list)' };
/** Webhook endpoints: admin credentials, 1 credit per call like every admin route. */
let WebhooksController = class WebhooksController {
    constructor(webhooks) {
        this.webhooks = webhooks;
    }
    create(body) {
        return this.webhooks.create(body);
    }
    async list() {
        return { items: await this.webhooks.list() };
    }
    async delete(id) {
        await this.webhooks.delete(id);
        return { id, deleted: true };
    }
    test(id) {
        return this.webhooks.sendTest(id);
    }
    rotate(id, body) {
        return this.webhooks.rotateSecret(id, body);
    }
    deliveries(id, query) {
        return this.webhooks.deliveries(id, query);
    }
    redeliver(id, deliveryId) {
        return this.webhooks.redeliver(id, deliveryId);
    }
};
exports.WebhooksController = WebhooksController;
__decorate([
    (0, common_1.Post)(),
    (0, common_1.HttpCode)(common_1.HttpStatus.CREATED),
    (0, credits_decorator_1.Credits)(1),
    (0, swagger_1.ApiOperation)({
        operationId: 'createWebhook',
        summary: 'Register a webhook endpoint',
        description: 'Answers the signing secret **once** (`whsec_…`, Standard Webhooks): every delivery carries `webhook-id`, ' +
            '`webhook-timestamp` and `webhook-signature`, verifiable with the `standardwebhooks` libraries. The URL must be ' +
            'https and must not resolve to a private, loopback or link-local address (checked again at every delivery).\n\n' +
            (0, webhook_event_catalogue_1.eventCatalogueMarkdown)(),
    }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(webhook_response_1.CreatedWebhookResponse, common_1.HttpStatus.CREATED, 'Created; `secret` is shown only here'),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.TOO_MANY_REQUESTS, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [create_webhook_dto_1.CreateWebhookDto]),
    __metadata("design:returntype", Promise)
], WebhooksController.prototype, "create", null);
__decorate([
    (0, common_1.Get)(),
    (0, credits_decorator_1.Credits)(1),
    (0, swagger_1.ApiOperation)({ operationId: 'listWebhooks', summary: 'List webhook endpoints (never their secrets)' }),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(webhook_response_1.WebhookListResponse),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.TOO_MANY_REQUESTS, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], WebhooksController.prototype, "list", null);
__decorate([
    (0, common_1.Delete)(':id'),
    (0, common_1.HttpCode)(common_1.HttpStatus.OK),
    (0, credits_decorator_1.Credits)(1),
    (0, swagger_1.ApiOperation)({ operationId: 'deleteWebhook', summary: 'Delete a webhook endpoint and its pending deliveries' }),
    (0, swagger_1.ApiParam)(ID_PARAM),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(webhook_response_1.DeletedWebhookResponse),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.NOT_FOUND, common_1.HttpStatus.TOO_MANY_REQUESTS, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Param)('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", Promise)
], WebhooksController.prototype, "delete", null);
__decorate([
    (0, common_1.Post)(':id/test'),
    (0, common_1.HttpCode)(common_1.HttpStatus.ACCEPTED),
    (0, credits_decorator_1.Credits)(1),
    (0, swagger_1.ApiOperation)({
        operationId: 'testWebhook',
        summary: 'Send a test event to this endpoint',
        description: 'Queues a `webhook.test` event for this endpoint only; follow it in the deliveries list.',
    }),
    (0, swagger_1.ApiParam)(ID_PARAM),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(webhook_response_1.WebhookDeliveryResponse, common_1.HttpStatus.ACCEPTED, 'Queued'),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.NOT_FOUND, common_1.HttpStatus.TOO_MANY_REQUESTS, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Param)('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", Promise)
], WebhooksController.prototype, "test", null);
__decorate([
    (0, common_1.Post)(':id/rotate-secret'),
    (0, common_1.HttpCode)(common_1.HttpStatus.OK),
    (0, credits_decorator_1.Credits)(1),
    (0, swagger_1.ApiOperation)({
        operationId: 'rotateWebhookSecret',
        summary: 'Replace the signing secret',
        description: 'Answers the new secret once. For `overlap_hours` (default 24) deliveries are signed with both the new and ' +
            'the previous secret (two `v1,` signatures in `webhook-signature`), so receivers can switch without a gap.',
    }),
    (0, swagger_1.ApiParam)(ID_PARAM),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(webhook_response_1.RotatedSecretResponse),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.NOT_FOUND, common_1.HttpStatus.TOO_MANY_REQUESTS, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Param)('id')),
    __param(1, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, rotate_secret_dto_1.RotateSecretDto]),
    __metadata("design:returntype", Promise)
], WebhooksController.prototype, "rotate", null);
__decorate([
    (0, common_1.Get)(':id/deliveries'),
    (0, credits_decorator_1.Credits)(1),
    (0, swagger_1.ApiOperation)({
        operationId: 'listWebhookDeliveries',
        summary: "An endpoint's deliveries, newest first",
        description: 'Status, attempts, last response code or error, and when the next attempt is due.',
    }),
    (0, swagger_1.ApiParam)(ID_PARAM),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(webhook_response_1.WebhookDeliveryPageResponse),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.BAD_REQUEST, common_1.HttpStatus.NOT_FOUND, common_1.HttpStatus.TOO_MANY_REQUESTS, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Param)('id')),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, delivery_list_query_dto_1.DeliveryListQueryDto]),
    __metadata("design:returntype", Promise)
], WebhooksController.prototype, "deliveries", null);
__decorate([
    (0, common_1.Post)(':id/deliveries/:deliveryId/redeliver'),
    (0, common_1.HttpCode)(common_1.HttpStatus.ACCEPTED),
    (0, credits_decorator_1.Credits)(1),
    (0, swagger_1.ApiOperation)({
        operationId: 'redeliverWebhook',
        summary: 'Send a delivery again',
        description: 'Makes the delivery due now with a fresh 24 h retry window, whatever its status (same event, same `webhook-id`). ' +
            '409 while an attempt of it is in flight.',
    }),
    (0, swagger_1.ApiParam)(ID_PARAM),
    (0, swagger_1.ApiParam)(DELIVERY_PARAM),
    (0, api_responses_decorator_1.ApiEnvelopeResponse)(webhook_response_1.WebhookDeliveryResponse, common_1.HttpStatus.ACCEPTED, 'Queued'),
    (0, api_responses_decorator_1.ApiErrorResponses)(common_1.HttpStatus.NOT_FOUND, common_1.HttpStatus.CONFLICT, common_1.HttpStatus.TOO_MANY_REQUESTS, common_1.HttpStatus.INTERNAL_SERVER_ERROR),
    __param(0, (0, common_1.Param)('id')),
    __param(1, (0, common_1.Param)('deliveryId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, String]),
    __metadata("design:returntype", Promise)
], WebhooksController.prototype, "redeliver", null);
exports.WebhooksController = WebhooksController = __decorate([
    (0, swagger_1.ApiTags)('Webhooks'),
    (0, common_1.Controller)('admin/webhooks'),
    (0, auth_decorator_1.Auth)({ plan: 'admin' }),
    __metadata("design:paramtypes", [webhooks_service_1.WebhooksService])
], WebhooksController);
//# sourceMappingURL=webhooks.controller.js.map