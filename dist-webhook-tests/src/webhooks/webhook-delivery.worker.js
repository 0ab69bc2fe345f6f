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
var WebhookDeliveryWorker_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebhookDeliveryWorker = void 0;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const app_config_1 = require("../config/app-config");
const metrics_service_1 = require("../observability/metrics.service");
const retry_schedule_1 = require("./retry-schedule");
const webhook_secret_1 = require("./webhook-secret");
const webhook_sender_1 = require("./webhook-sender");
const webhooks_repository_1 = require("./webhooks.repository");
const webhooks_service_1 = require("./webhooks.service");
/** Attempts claimed per statement; they are sent concurrently. */
const CLAIM_BATCH = 20;
const ERROR_BACKOFF_MS = 5_000;
/**
 * Delivers the outbox. Every instance may run one: each claim takes due attempts with FOR UPDATE SKIP LOCKED
 * and leases them (WEBHOOK_LEASE_MS, longer than an attempt can last), so two workers never send one attempt;
 * a worker killed mid-attempt leaves its lease to expire, and the attempt is then claimed again (so a receiver
 * may see an event id twice after a crash, never zero times: deduplicate on `webhook-id`).
 */
let WebhookDeliveryWorker = WebhookDeliveryWorker_1 = class WebhookDeliveryWorker {
    constructor(repository, webhooks, metrics, config) {
        this.repository = repository;
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.config = config;
        this.logger = new common_1.Logger(WebhookDeliveryWorker_1.name);
        this.stopped = false;
        metrics.watchWebhookOutbox(() => this.repository.outboxStats());
    }
    onApplicationBootstrap() {
        if (this.config.webhooks.workerEnabled)
            this.schedule(0);
    }
    async beforeApplicationShutdown() {
        this.stopped = true;
        clearTimeout(this.timer);
        await this.running;
    }
    schedule(delayMs) {
        if (this.stopped)
            return;
        this.timer = setTimeout(() => {
            this.running = this.poll().finally(() => (this.running = undefined));
        }, delayMs);
    }
    async poll() {
        let next = this.config.webhooks.pollIntervalMs;
        try {
            const claimed = await this.repository.claimDue(CLAIM_BATCH, (0, node_crypto_1.randomUUID)(), this.config.webhooks.leaseMs);
            await Promise.all(claimed.map((attempt) => this.attempt(attempt)));
            if (claimed.length === CLAIM_BATCH)
                next = 0; // more may be due: keep going
        }
        catch (error) {
            this.logger.error(`webhook delivery poll failed: ${error instanceof Error ? error.message : String(error)}`);
            next = Math.max(next, ERROR_BACKOFF_MS);
        }
        this.schedule(next);
    }
    async attempt(attempt) {
        let outcome;
        try {
            const secrets = [this.webhooks.secrets.open(attempt.secret_sealed, attempt.endpoint_id)];
            if (attempt.previous_secret_sealed)
                secrets.push(this.webhooks.secrets.open(attempt.previous_secret_sealed, attempt.endpoint_id));
            const body = JSON.stringify({
                id: attempt.event_id,
                type: attempt.type,
                timestamp: attempt.occurred_at.toISOString(),
                data: attempt.data,
            });
            const timestamp = Math.floor(Date.now() / 1000);
            outcome = await (0, webhook_sender_1.sendWebhook)(attempt.url, body, {
                'content-type': 'application/json',
                'user-agent': 'Crawlora-Webhooks/1.0',
                'webhook-id': attempt.event_id,
                'webhook-timestamp': String(timestamp),
                'webhook-signature': (0, webhook_secret_1.signatureHeader)(secrets, attempt.event_id, timestamp, body),
            }, { allowed: this.config.webhooks.allowedHosts, timeoutMs: this.config.webhooks.timeoutMs });
        }
        catch (error) {
            // Never the secret: the only errors here are a key that cannot open it, or a malformed stored URL.
            outcome = { kind: 'network_error', error: `could not prepare the attempt: ${error instanceof Error ? error.message : 'unknown'}` };
            this.logger.error(`webhook delivery ${attempt.id}: ${outcome.error}`);
        }
        await this.record(attempt, outcome);
    }
    async record(attempt, outcome) {
        const succeeded = outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300;
        this.metrics.webhookAttempt(succeeded ? 'succeeded' : outcome.kind === 'response' ? 'http_error' : outcome.kind);
        try {
            if (succeeded) {
                await this.repository.recordSuccess(attempt.id, attempt.lease_token, outcome.status);
                return;
            }
            const status = await this.repository.recordFailure(attempt.id, attempt.lease_token, {
                status: outcome.kind === 'response' ? outcome.status : null,
                error: outcome.kind === 'response' ? `HTTP ${outcome.status}` : outcome.error,
                retryInMs: (0, retry_schedule_1.retryDelayMs)(attempt.attempts, this.config.webhooks.retry),
                retryWindowMs: retry_schedule_1.RETRY_WINDOW_MS,
            });
            if (status === 'failed') {
                this.metrics.webhookGaveUp();
                this.logger.warn(`webhook delivery ${attempt.id} (event ${attempt.event_id}) failed for good after ${attempt.attempts} attempts`);
            }
        }
        catch (error) {
            // The lease runs out and the attempt is retried: at-least-once.
            this.logger.error(`recording webhook delivery ${attempt.id} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
};
exports.WebhookDeliveryWorker = WebhookDeliveryWorker;
exports.WebhookDeliveryWorker = WebhookDeliveryWorker = WebhookDeliveryWorker_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [webhooks_repository_1.WebhooksRepository,
        webhooks_service_1.WebhooksService,
        metrics_service_1.MetricsService,
        app_config_1.AppConfig])
], WebhookDeliveryWorker);
//# sourceMappingURL=webhook-delivery.worker.js.map