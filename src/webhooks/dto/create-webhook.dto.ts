import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { SUBSCRIBABLE_EVENT_TYPES, WebhookEventType } from '../webhook-event-types';

export class CreateWebhookDto {
  @ApiProperty({
    example: 'https://hooks.example.com/crawlora',
    maxLength: 2048,
    description:
      'https URL (plain http only for hosts in WEBHOOK_ALLOWED_HOSTS). Refused when its host resolves to a private, ' +
      'loopback, link-local or other special-purpose address.',
  })
  @IsString()
  @MaxLength(2048, { message: 'url must be at most 2048 characters long' })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true },
    { message: 'url must be an absolute http(s) URL' },
  )
  url: string;

  @ApiProperty({ enum: SUBSCRIBABLE_EVENT_TYPES, isArray: true, example: ['referral.rewarded', 'billing.daily_cap_reached'] })
  @IsArray({ message: 'events must be an array of event types' })
  @ArrayMinSize(1, { message: 'events must name at least one event type' })
  @ArrayMaxSize(SUBSCRIBABLE_EVENT_TYPES.length * 2)
  @IsIn(SUBSCRIBABLE_EVENT_TYPES, { each: true, message: `each event must be one of ${SUBSCRIBABLE_EVENT_TYPES.join(', ')}` })
  events: WebhookEventType[];

  @ApiPropertyOptional({ example: 'CRM sync', maxLength: 500 })
  @IsOptional()
  @IsString()
  @Length(1, 500, { message: 'description must be 1 to 500 characters long' })
  description?: string;
}
