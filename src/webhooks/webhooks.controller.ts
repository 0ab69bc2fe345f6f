import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorator';
import { Credits } from '../billing/credits.decorator';
import { ApiEnvelopeResponse, ApiErrorResponses } from '../common/swagger/api-responses.decorator';
import { NoQueryParameters } from '../common/validation/no-query-parameters.decorator';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { DeliveryListQueryDto } from './dto/delivery-list-query.dto';
import { RotateSecretDto } from './dto/rotate-secret.dto';
import {
  CreatedWebhookResponse,
  DeletedWebhookResponse,
  RotatedSecretResponse,
  WebhookDeliveryPageResponse,
  WebhookDeliveryResponse,
  WebhookListResponse,
} from './dto/webhook.response';
import { eventCatalogueMarkdown } from './webhook-event-catalogue';
import { WebhooksService } from './webhooks.service';

const ID_PARAM = { name: 'id', format: 'uuid', description: 'Webhook endpoint id' };
const DELIVERY_PARAM = { name: 'deliveryId', example: '1042', description: 'Delivery id (from the deliveries list)' };

/** Webhook endpoints: admin credentials, 1 credit per call like every admin route. */
@ApiTags('Webhooks')
@Controller('admin/webhooks')
@Auth({ plan: 'admin' })
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Credits(1)
  @ApiOperation({
    operationId: 'createWebhook',
    summary: 'Register a webhook endpoint',
    description:
      'Answers the signing secret **once** (`whsec_…`, Standard Webhooks): every delivery carries `webhook-id`, ' +
      '`webhook-timestamp` and `webhook-signature`, verifiable with the `standardwebhooks` libraries. The URL must be ' +
      'https and must not resolve to a private, loopback or link-local address (checked again at every delivery).\n\n' +
      eventCatalogueMarkdown(),
  })
  @ApiEnvelopeResponse(CreatedWebhookResponse, HttpStatus.CREATED, 'Created; `secret` is shown only here')
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.TOO_MANY_REQUESTS, HttpStatus.INTERNAL_SERVER_ERROR)
  create(@Body() body: CreateWebhookDto, @NoQueryParameters() _query: Record<string, never>): Promise<CreatedWebhookResponse> {
    return this.webhooks.create(body);
  }

  @Get()
  @Credits(1)
  @ApiOperation({ operationId: 'listWebhooks', summary: 'List webhook endpoints (never their secrets)' })
  @ApiEnvelopeResponse(WebhookListResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.TOO_MANY_REQUESTS, HttpStatus.INTERNAL_SERVER_ERROR)
  async list(@NoQueryParameters() _query: Record<string, never>): Promise<WebhookListResponse> {
    return { items: await this.webhooks.list() };
  }

  @Delete(':id')
  @HttpCode(HttpStatus.OK)
  @Credits(1)
  @ApiOperation({ operationId: 'deleteWebhook', summary: 'Delete a webhook endpoint and its pending deliveries' })
  @ApiParam(ID_PARAM)
  @ApiEnvelopeResponse(DeletedWebhookResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.TOO_MANY_REQUESTS, HttpStatus.INTERNAL_SERVER_ERROR)
  async delete(@Param('id') id: string, @NoQueryParameters() _query: Record<string, never>): Promise<DeletedWebhookResponse> {
    await this.webhooks.delete(id);
    return { id, deleted: true };
  }

  @Post(':id/test')
  @HttpCode(HttpStatus.ACCEPTED)
  @Credits(1)
  @ApiOperation({
    operationId: 'testWebhook',
    summary: 'Send a test event to this endpoint',
    description: 'Queues a `webhook.test` event for this endpoint only; follow it in the deliveries list.',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelopeResponse(WebhookDeliveryResponse, HttpStatus.ACCEPTED, 'Queued')
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.TOO_MANY_REQUESTS, HttpStatus.INTERNAL_SERVER_ERROR)
  test(@Param('id') id: string, @NoQueryParameters() _query: Record<string, never>): Promise<WebhookDeliveryResponse> {
    return this.webhooks.sendTest(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @Credits(1)
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary: 'Replace the signing secret',
    description:
      'Answers the new secret once. For `overlap_hours` (default 24) deliveries are signed with both the new and ' +
      'the previous secret (two `v1,` signatures in `webhook-signature`), so receivers can switch without a gap.',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelopeResponse(RotatedSecretResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.TOO_MANY_REQUESTS, HttpStatus.INTERNAL_SERVER_ERROR)
  rotate(@Param('id') id: string, @Body() body: RotateSecretDto, @NoQueryParameters() _query: Record<string, never>): Promise<RotatedSecretResponse> {
    return this.webhooks.rotateSecret(id, body);
  }

  @Get(':id/deliveries')
  @Credits(1)
  @ApiOperation({
    operationId: 'listWebhookDeliveries',
    summary: "An endpoint's deliveries, newest first",
    description: 'Status, attempts, last response code or error, and when the next attempt is due.',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelopeResponse(WebhookDeliveryPageResponse)
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.TOO_MANY_REQUESTS, HttpStatus.INTERNAL_SERVER_ERROR)
  deliveries(@Param('id') id: string, @Query() query: DeliveryListQueryDto): Promise<WebhookDeliveryPageResponse> {
    return this.webhooks.deliveries(id, query);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  @Credits(1)
  @ApiOperation({
    operationId: 'redeliverWebhook',
    summary: 'Send a delivery again',
    description:
      'Makes the delivery due now with a fresh 24 h retry window, whatever its status (same event, same `webhook-id`). ' +
      '409 while an attempt of it is in flight.',
  })
  @ApiParam(ID_PARAM)
  @ApiParam(DELIVERY_PARAM)
  @ApiEnvelopeResponse(WebhookDeliveryResponse, HttpStatus.ACCEPTED, 'Queued')
  @ApiErrorResponses(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT, HttpStatus.TOO_MANY_REQUESTS, HttpStatus.INTERNAL_SERVER_ERROR)
  redeliver(@Param('id') id: string, @Param('deliveryId') deliveryId: string, @NoQueryParameters() _query: Record<string, never>): Promise<WebhookDeliveryResponse> {
    return this.webhooks.redeliver(id, deliveryId);
  }
}
