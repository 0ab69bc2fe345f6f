import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AllowedHosts } from './target-policy';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/**
 * Webhook endpoints, the outbox (other modules call WebhooksService.emit with their transaction) and the
 * delivery worker. Owns webhook_endpoints, webhook_events and webhook_deliveries.
 */
@Module({
  controllers: [WebhooksController],
  providers: [
    WebhooksRepository,
    WebhooksService,
    WebhookDeliveryWorker,
    // Built once from WEBHOOK_ALLOWED_HOSTS: both the registration check and every delivery read it.
    { provide: AllowedHosts, useFactory: (config: AppConfig) => new AllowedHosts(config.webhooks.allowedHosts), inject: [AppConfig] },
  ],
  exports: [WebhooksService],
})
export class WebhooksModule {}
