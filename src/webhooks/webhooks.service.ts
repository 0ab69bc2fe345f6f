import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isUuid } from '../common/validation/uuid';
import { AppConfig } from '../config/app-config';
import type { TransactionContext } from '../database/transaction-context';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { DeliveryListQueryDto } from './dto/delivery-list-query.dto';
import { RotateSecretDto } from './dto/rotate-secret.dto';
import {
  CreatedWebhookResponse,
  RotatedSecretResponse,
  WebhookDeliveryPageResponse,
  WebhookDeliveryResponse,
  WebhookResponse,
} from './dto/webhook.response';
import { SecretBox } from './secret-box';
import { WebhookException, WebhookExceptionCode } from './webhook.exception';
import type { WebhookEventType } from './webhook-event-types';
import { generateWebhookSecret } from './webhook-secret';
import { AllowedHosts } from './target-policy';
import { checkTarget } from './webhook-sender';
import { DeliveryRow, EndpointRow, WebhooksRepository } from './webhooks.repository';

const DEFAULT_PAGE_SIZE = 50;
/** How long the previous secret keeps signing after a rotation, unless the request says otherwise. */
export const DEFAULT_ROTATION_OVERLAP_HOURS = 24;

/** Webhook endpoints (admin), and the outbox every other module writes its events to. */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);
  readonly secrets: SecretBox;

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly config: AppConfig,
    private readonly allowedHosts: AllowedHosts,
  ) {
    this.secrets = new SecretBox(config.webhooks.secretKey);
  }

  /**
   * Writes an event to the outbox on the caller's transaction: it is delivered if and only if that transaction
   * commits. Returns the event's id (the `webhook-id` receivers see, stable across retries).
   */
  async emit(tx: TransactionContext, type: WebhookEventType, data: object): Promise<string> {
    const id = randomUUID();
    await this.repository.insertEvent(tx, id, type, data);
    return id;
  }

  async create(dto: CreateWebhookDto): Promise<CreatedWebhookResponse> {
    const url = await this.checkedUrl(dto.url);
    const id = randomUUID();
    const secret = generateWebhookSecret();
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

  async list(): Promise<WebhookResponse[]> {
    return (await this.repository.listEndpoints()).map(toWebhook);
  }

  async delete(id: string): Promise<void> {
    if (!isUuid(id) || !(await this.repository.deleteEndpoint(id))) throw WebhookException.endpointNotFound(id);
  }

  async rotateSecret(id: string, dto: RotateSecretDto): Promise<RotatedSecretResponse> {
    if (!isUuid(id)) throw WebhookException.endpointNotFound(id);
    const secret = generateWebhookSecret();
    const overlapHours = dto.overlap_hours ?? DEFAULT_ROTATION_OVERLAP_HOURS;
    const row = await this.repository.rotateSecret(id, this.secrets.seal(secret, id), overlapHours * 3600);
    if (!row) throw WebhookException.endpointNotFound(id);
    return { ...toWebhook(row), secret };
  }

  async sendTest(id: string): Promise<WebhookDeliveryResponse> {
    const endpoint = await this.endpoint(id);
    const deliveryId = await this.repository.insertTestEvent(randomUUID(), endpoint.id, {
      webhook_id: endpoint.id,
      message: 'Test event from Crawlora: your endpoint receives and verifies webhooks.',
    });
    return toDelivery((await this.repository.findDelivery(deliveryId!, endpoint.id))!);
  }

  async deliveries(id: string, query: DeliveryListQueryDto): Promise<WebhookDeliveryPageResponse> {
    const endpoint = await this.endpoint(id);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.repository.listDeliveries(endpoint.id, { status: query.status, before: query.before, limit: limit + 1 });
    const items = rows.slice(0, limit).map(toDelivery);
    return { items, next_before: rows.length > limit ? items[items.length - 1].id : null };
  }

  async redeliver(id: string, deliveryId: string): Promise<WebhookDeliveryResponse> {
    const endpoint = await this.endpoint(id);
    const notFound = new WebhookException(WebhookExceptionCode.DeliveryNotFound, `No delivery ${deliveryId} for webhook ${id}`);
    if (!/^\d{1,18}$/.test(deliveryId)) throw notFound;
    if (!(await this.repository.redeliver(deliveryId, endpoint.id))) {
      if (!(await this.repository.findDelivery(deliveryId, endpoint.id))) throw notFound;
      throw new WebhookException(
        WebhookExceptionCode.DeliveryInFlight,
        `Delivery ${deliveryId} is being sent right now; retry once it has finished`,
      );
    }
    return toDelivery((await this.repository.findDelivery(deliveryId, endpoint.id))!);
  }

  private async endpoint(id: string): Promise<EndpointRow> {
    const row = isUuid(id) ? await this.repository.findEndpoint(id) : null;
    if (!row) throw WebhookException.endpointNotFound(id);
    return row;
  }

  /** Refuses (400) a URL the worker would refuse to deliver to, judged after DNS resolution. */
  private async checkedUrl(raw: string): Promise<URL> {
    const url = new URL(raw);
    const { refusal } = await checkTarget(url, this.allowedHosts);
    if (refusal !== null) {
      throw new WebhookException(WebhookExceptionCode.TargetNotAllowed, `Webhook URL refused: ${refusal}`, {
        details: { reason: 'target_not_allowed', errors: [{ field: 'url', message: refusal }] },
      });
    }
    return url;
  }
}

function toWebhook(row: EndpointRow): WebhookResponse {
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

function toDelivery(row: DeliveryRow): WebhookDeliveryResponse {
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
