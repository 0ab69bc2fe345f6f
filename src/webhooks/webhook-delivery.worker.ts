import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../observability/metrics.service';
import { RETRY_WINDOW_MS, retryDelayMs } from './retry-schedule';
import { signatureHeader } from './webhook-secret';
import { AllowedHosts } from './target-policy';
import { sendWebhook, SendOutcome } from './webhook-sender';
import { ClaimedAttempt, WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Attempts claimed per statement; they are sent concurrently. */
const CLAIM_BATCH = 20;
const ERROR_BACKOFF_MS = 5_000;

/**
 * Delivers the outbox. Every instance may run one: each claim takes due attempts with FOR UPDATE SKIP LOCKED
 * and leases them (WEBHOOK_LEASE_MS, longer than an attempt can last), so two workers never send one attempt;
 * a worker killed mid-attempt leaves its lease to expire, and the attempt is then claimed again (so a receiver
 * may see an event id twice after a crash, never zero times: deduplicate on `webhook-id`).
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly webhooks: WebhooksService,
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
    private readonly allowedHosts: AllowedHosts,
  ) {
    metrics.watchWebhookOutbox(() => this.repository.outboxStats());
  }

  onApplicationBootstrap(): void {
    if (this.config.webhooks.workerEnabled) this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.poll().finally(() => (this.running = undefined));
    }, delayMs);
  }

  private async poll(): Promise<void> {
    let next = this.config.webhooks.pollIntervalMs;
    try {
      const claimed = await this.repository.claimDue(CLAIM_BATCH, randomUUID(), this.config.webhooks.leaseMs);
      await Promise.all(claimed.map((attempt) => this.attempt(attempt)));
      if (claimed.length === CLAIM_BATCH) next = 0; // more may be due: keep going
    } catch (error) {
      this.logger.error(`webhook delivery poll failed: ${error instanceof Error ? error.message : String(error)}`);
      next = Math.max(next, ERROR_BACKOFF_MS);
    }
    this.schedule(next);
  }

  private async attempt(attempt: ClaimedAttempt): Promise<void> {
    let outcome: SendOutcome;
    try {
      const secrets = [this.webhooks.secrets.open(attempt.secret_sealed, attempt.endpoint_id)];
      if (attempt.previous_secret_sealed) secrets.push(this.webhooks.secrets.open(attempt.previous_secret_sealed, attempt.endpoint_id));
      const body = JSON.stringify({
        id: attempt.event_id,
        type: attempt.type,
        timestamp: attempt.occurred_at.toISOString(),
        data: attempt.data,
      });
      const timestamp = Math.floor(Date.now() / 1000);
      outcome = await sendWebhook(
        attempt.url,
        body,
        {
          'content-type': 'application/json',
          'user-agent': 'Crawlora-Webhooks/1.0',
          'webhook-id': attempt.event_id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(secrets, attempt.event_id, timestamp, body),
        },
        { allowed: this.allowedHosts, timeoutMs: this.config.webhooks.timeoutMs },
      );
    } catch (error) {
      // Never the secret: the only errors here are a key that cannot open it, or a malformed stored URL.
      outcome = { kind: 'network_error', error: `could not prepare the attempt: ${error instanceof Error ? error.message : 'unknown'}` };
      this.logger.error(`webhook delivery ${attempt.id}: ${outcome.error}`);
    }
    await this.record(attempt, outcome);
  }

  private async record(attempt: ClaimedAttempt, outcome: SendOutcome): Promise<void> {
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
        retryInMs: retryDelayMs(attempt.attempts, this.config.webhooks.retry),
        retryWindowMs: RETRY_WINDOW_MS,
      });
      if (status === 'failed') {
        this.metrics.webhookGaveUp();
        this.logger.warn(`webhook delivery ${attempt.id} (event ${attempt.event_id}) failed for good after ${attempt.attempts} attempts`);
      }
    } catch (error) {
      // The lease runs out and the attempt is retried: at-least-once.
      this.logger.error(`recording webhook delivery ${attempt.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
