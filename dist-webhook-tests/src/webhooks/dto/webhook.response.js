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
exports.DeletedWebhookResponse = exports.WebhookListResponse = exports.WebhookDeliveryPageResponse = exports.WebhookDeliveryResponse = exports.RotatedSecretResponse = exports.CreatedWebhookResponse = exports.WebhookResponse = exports.DELIVERY_STATUSES = void 0;
const swagger_1 = require("@nestjs/swagger");
const webhook_event_types_1 = require("../webhook-event-types");
exports.DELIVERY_STATUSES = ['pending', 'delivering', 'succeeded', 'failed'];
let WebhookResponse = class WebhookResponse {
};
exports.WebhookResponse = WebhookResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid' }),
    __metadata("design:type", String)
], WebhookResponse.prototype, "id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'https://hooks.example.com/crawlora' }),
    __metadata("design:type", String)
], WebhookResponse.prototype, "url", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true, example: 'CRM sync' }),
    __metadata("design:type", Object)
], WebhookResponse.prototype, "description", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: webhook_event_types_1.SUBSCRIBABLE_EVENT_TYPES, isArray: true, example: ['referral.rewarded'] }),
    __metadata("design:type", Array)
], WebhookResponse.prototype, "events", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({
        type: String,
        format: 'date-time',
        nullable: true,
        description: 'Until when the previous secret (after a rotation) still signs beside the current one.',
    }),
    __metadata("design:type", Object)
], WebhookResponse.prototype, "previous_secret_expires_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time' }),
    __metadata("design:type", String)
], WebhookResponse.prototype, "created_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time' }),
    __metadata("design:type", String)
], WebhookResponse.prototype, "updated_at", void 0);
exports.WebhookResponse = WebhookResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'webhooks.Webhook' })
], WebhookResponse);
let CreatedWebhookResponse = class CreatedWebhookResponse extends WebhookResponse {
};
exports.CreatedWebhookResponse = CreatedWebhookResponse;
__decorate([
    (0, swagger_1.ApiProperty)({
        example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw4hR9gVbzNbA=',
        description: 'The signing secret (Standard Webhooks format). Shown only in this response: store it now.',
    }),
    __metadata("design:type", String)
], CreatedWebhookResponse.prototype, "secret", void 0);
exports.CreatedWebhookResponse = CreatedWebhookResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'webhooks.CreatedWebhook' })
], CreatedWebhookResponse);
let RotatedSecretResponse = class RotatedSecretResponse extends CreatedWebhookResponse {
};
exports.RotatedSecretResponse = RotatedSecretResponse;
exports.RotatedSecretResponse = RotatedSecretResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'webhooks.RotatedSecret' })
], RotatedSecretResponse);
let WebhookDeliveryResponse = class WebhookDeliveryResponse {
};
exports.WebhookDeliveryResponse = WebhookDeliveryResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ example: '1042' }),
    __metadata("design:type", String)
], WebhookDeliveryResponse.prototype, "id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid', description: 'The event id, sent as `webhook-id` (the same on every attempt).' }),
    __metadata("design:type", String)
], WebhookDeliveryResponse.prototype, "event_id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: webhook_event_types_1.ALL_EVENT_TYPES, example: 'referral.rewarded' }),
    __metadata("design:type", String)
], WebhookDeliveryResponse.prototype, "event_type", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: exports.DELIVERY_STATUSES, description: '`delivering`: an attempt is in flight now.' }),
    __metadata("design:type", String)
], WebhookDeliveryResponse.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 1 }),
    __metadata("design:type", Number)
], WebhookDeliveryResponse.prototype, "attempts", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: Number, nullable: true, example: 200 }),
    __metadata("design:type", Object)
], WebhookDeliveryResponse.prototype, "last_response_code", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true, example: 'ECONNREFUSED' }),
    __metadata("design:type", Object)
], WebhookDeliveryResponse.prototype, "last_error", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'date-time', nullable: true }),
    __metadata("design:type", Object)
], WebhookDeliveryResponse.prototype, "last_attempt_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'date-time', nullable: true, description: 'When the next attempt is due; null once finished or in flight.' }),
    __metadata("design:type", Object)
], WebhookDeliveryResponse.prototype, "next_attempt_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time' }),
    __metadata("design:type", String)
], WebhookDeliveryResponse.prototype, "created_at", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, format: 'date-time', nullable: true }),
    __metadata("design:type", Object)
], WebhookDeliveryResponse.prototype, "completed_at", void 0);
exports.WebhookDeliveryResponse = WebhookDeliveryResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'webhooks.Delivery' })
], WebhookDeliveryResponse);
let WebhookDeliveryPageResponse = class WebhookDeliveryPageResponse {
};
exports.WebhookDeliveryPageResponse = WebhookDeliveryPageResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ type: [WebhookDeliveryResponse] }),
    __metadata("design:type", Array)
], WebhookDeliveryPageResponse.prototype, "items", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ type: String, nullable: true, description: 'Pass as `before` for the next (older) page; null on the last.' }),
    __metadata("design:type", Object)
], WebhookDeliveryPageResponse.prototype, "next_before", void 0);
exports.WebhookDeliveryPageResponse = WebhookDeliveryPageResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'webhooks.DeliveryPage' })
], WebhookDeliveryPageResponse);
let WebhookListResponse = class WebhookListResponse {
};
exports.WebhookListResponse = WebhookListResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ type: [WebhookResponse] }),
    __metadata("design:type", Array)
], WebhookListResponse.prototype, "items", void 0);
exports.WebhookListResponse = WebhookListResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'webhooks.WebhookList' })
], WebhookListResponse);
let DeletedWebhookResponse = class DeletedWebhookResponse {
};
exports.DeletedWebhookResponse = DeletedWebhookResponse;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid' }),
    __metadata("design:type", String)
], DeletedWebhookResponse.prototype, "id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: true }),
    __metadata("design:type", Boolean)
], DeletedWebhookResponse.prototype, "deleted", void 0);
exports.DeletedWebhookResponse = DeletedWebhookResponse = __decorate([
    (0, swagger_1.ApiSchema)({ name: 'webhooks.DeletedWebhook' })
], DeletedWebhookResponse);
//# sourceMappingURL=webhook.response.js.map