import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { SUBSCRIBABLE_EVENT_TYPES, ALL_EVENT_TYPES } from '../webhook-event-types';

export const DELIVERY_STATUSES = ['pending', 'delivering', 'succeeded', 'failed'] as const;

@ApiSchema({ name: 'webhooks.Webhook' })
export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'https://hooks.example.com/crawlora' }) url: string;
  @ApiProperty({ type: String, nullable: true, example: 'CRM sync' }) description: string | null;
  @ApiProperty({ enum: SUBSCRIBABLE_EVENT_TYPES, isArray: true, example: ['referral.rewarded'] }) events: string[];
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when the previous secret (after a rotation) still signs beside the current one.',
  })
  previous_secret_expires_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

@ApiSchema({ name: 'webhooks.CreatedWebhook' })
export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw4hR9gVbzNbA=',
    description: 'The signing secret (Standard Webhooks format). Shown only in this response: store it now.',
  })
  secret: string;
}

@ApiSchema({ name: 'webhooks.RotatedSecret' })
export class RotatedSecretResponse extends CreatedWebhookResponse {}

@ApiSchema({ name: 'webhooks.Delivery' })
export class WebhookDeliveryResponse {
  @ApiProperty({ example: '1042' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The event id, sent as `webhook-id` (the same on every attempt).' }) event_id: string;
  @ApiProperty({ enum: ALL_EVENT_TYPES, example: 'referral.rewarded' }) event_type: string;
  @ApiProperty({ enum: DELIVERY_STATUSES, description: '`delivering`: an attempt is in flight now.' }) status: string;
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiProperty({ type: Number, nullable: true, example: 200 }) last_response_code: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'ECONNREFUSED' }) last_error: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) last_attempt_at: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the next attempt is due; null once finished or in flight.' })
  next_attempt_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completed_at: string | null;
}

@ApiSchema({ name: 'webhooks.DeliveryPage' })
export class WebhookDeliveryPageResponse {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items: WebhookDeliveryResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `before` for the next (older) page; null on the last.' })
  next_before: string | null;
}

@ApiSchema({ name: 'webhooks.WebhookList' })
export class WebhookListResponse {
  @ApiProperty({ type: [WebhookResponse] }) items: WebhookResponse[];
}

@ApiSchema({ name: 'webhooks.DeletedWebhook' })
export class DeletedWebhookResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: true }) deleted: boolean;
}
