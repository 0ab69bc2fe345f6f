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
var WebhooksService_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebhooksService = exports.DEFAULT_ROTATION_OVERLAP_HOURS = void 0;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const api_exception_1 = require("../common/http/api.exception");
const uuid_1 = require("../common/validation/uuid");
const app_config_1 = require("../config/app-config");
const secret_box_1 = require("./secret-box");
const webhook_secret_1 = require("./webhook-secret");
const webhook_sender_1 = require("./webhook-sender");
const webhooks_repository_1 = require("./webhooks.repository");
const DEFAULT_PAGE_SIZE = 50;
/** How long the previous secret keeps signing after a rotation, unless the request says otherwise. */
exports.DEFAULT_ROTATION_OVERLAP_HOURS = 24;
/** Webhook endpoints (admin), and the outbox every other module writes its events to. */
let WebhooksService = WebhooksService_1 = class WebhooksService {
    constructor(repository, config) {
        this.repository = repository;
        this.config = config;
        this.logger = new common_1.Logger(WebhooksService_1.name);
        this.secrets = new secret_box_1.SecretBox(config.webhooks.secretKey);
    }
    /**
     * Writes an event to the outbox on the caller's transaction: it is delivered if and only if that transaction
     * commits. Returns the event's id (the `webhook-id` receivers see, stable across retries).
     */
    async emit(manager, type, data) {
        const id = (0, node_crypto_1.randomUUID)();
        await this.repository.insertEvent(manager, id, type, data);
        return id;
    }
    async create(dto) {
        const url = await this.checkedUrl(dto.url);
        const id = (0, node_crypto_1.randomUUID)();
        const secret = (0, webhook_secret_1.generateWebhookSecret)();
        const row = await this.repository.insertEndpoint({
            id,
            url: url.toString(),
            description: dto.description ?? null,
            events: [...new Set(dto.events)],
            secretSealed: this.secrets.seal(secret, id),
        });
        this.logger.log(`webhook endpoint ${id} created for ${url.origin}`);
        return { ...toWebhook(row), secret };
    }
    async list() {
        return (await this.repository.listEndpoints()).map(toWebhook);
    }
    async delete(id) {
        if (!(0, uuid_1.isUuid)(id) || !(await this.repository.deleteEndpoint(id)))
            throw endpointNotFound(id);
    }
    async rotateSecret(id, dto) {
        if (!(0, uuid_1.isUuid)(id))
            throw endpointNotFound(id);
        const secret = (0, webhook_secret_1.generateWebhookSecret)();
        const overlapHours = dto.overlap_hours ?? exports.DEFAULT_ROTATION_OVERLAP_HOURS;
        const row = await this.repository.rotateSecret(id, this.secrets.seal(secret, id), overlapHours * 3600);
        if (!row)
            throw endpointNotFound(id);
        return { ...toWebhook(row), secret };
    }
    async sendTest(id) {
        const endpoint = await this.endpoint(id);
        const deliveryId = await this.repository.insertTestEvent((0, node_crypto_1.randomUUID)(), endpoint.id, {
            webhook_id: endpoint.id,
            message: 'Test event from Crawlora: your endpoint receives and verifies webhooks.',
        });
        return toDelivery((await this.repository.findDelivery(deliveryId, endpoint.id)));
    }
    async deliveries(id, query) {
        const endpoint = await this.endpoint(id);
        const limit = query.limit ?? DEFAULT_PAGE_SIZE;
        const rows = await this.repository.listDeliveries(endpoint.id, { status: query.status, before: query.before, limit: limit + 1 });
        const items = rows.slice(0, limit).map(toDelivery);
        return { items, next_before: rows.length > limit ? items[items.length - 1].id : null };
    }
    async redeliver(id, deliveryId) {
        const endpoint = await this.endpoint(id);
        const notFound = new api_exception_1.ApiException(common_1.HttpStatus.NOT_FOUND, `No delivery ${deliveryId} for webhook ${id}`);
        if (!/^\d{1,18}$/.test(deliveryId))
            throw notFound;
        if (!(await this.repository.redeliver(deliveryId, endpoint.id))) {
            if (!(await this.repository.findDelivery(deliveryId, endpoint.id)))
                throw notFound;
            throw new api_exception_1.ApiException(common_1.HttpStatus.CONFLICT, `Delivery ${deliveryId} is being sent right now; retry once it has finished`);
        }
        return toDelivery((await this.repository.findDelivery(deliveryId, endpoint.id)));
    }
    async endpoint(id) {
        const row = (0, uuid_1.isUuid)(id) ? await this.repository.findEndpoint(id) : null;
        if (!row)
            throw endpointNotFound(id);
        return row;
    }
    /** Refuses (400) a URL the worker would refuse to deliver to, judged after DNS resolution. */
    async checkedUrl(raw) {
        const url = new URL(raw);
        const { refusal } = await (0, webhook_sender_1.checkTarget)(url, this.config.webhooks.allowedHosts);
        if (refusal !== null) {
            throw new api_exception_1.ApiException(common_1.HttpStatus.BAD_REQUEST, `Webhook URL refused: ${refusal}`, {
                reason: 'target_not_allowed',
                errors: [{ field: 'url', message: refusal }],
            });
        }
        return url;
    }
};
exports.WebhooksService = WebhooksService;
exports.WebhooksService = WebhooksService = WebhooksService_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [webhooks_repository_1.WebhooksRepository,
        app_config_1.AppConfig])
], WebhooksService);
function endpointNotFound(id) {
    return new api_exception_1.ApiException(common_1.HttpStatus.NOT_FOUND, `No webhook with id ${id}`);
}
function toWebhook(row) {
    return {
        id: row.id,
        url: row.url,
        description: row.description,
        events: row.events,
        previous_secret_expires_at: row.previous_secret_expires_at?.toISOString() ?? null,
        created_at: row.created_at.toISOString(),
        updated_at: row.updated_at.toISOString(),
    };
}
function toDelivery(row) {
    return {
        id: row.id,
        event_id: row.event_id,
        event_type: row.event_type,
        status: row.status === 'pending' && row.in_flight ? 'delivering' : row.status,
        attempts: row.attempts,
        last_response_code: row.last_response_code,
        last_error: row.last_error,
        last_attempt_at: row.last_attempt_at?.toISOString() ?? null,
        next_attempt_at: row.status === 'pending' && !row.in_flight ? (row.next_attempt_at?.toISOString() ?? null) : null,
        created_at: row.created_at.toISOString(),
        completed_at: row.completed_at?.toISOString() ?? null,
    };
}
//# sourceMappingURL=webhooks.service.js.map