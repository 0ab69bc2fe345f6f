import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'usage.Refusals' })
export class RefusalCountsResponse {
  @ApiProperty({ example: 12 }) rate_limited: number;
  @ApiProperty({ example: 0 }) daily_cap_reached: number;
  @ApiProperty({ example: 0 }) credits_exhausted: number;
}

@ApiSchema({ name: 'usage.Day' })
export class UsageDayResponse {
  @ApiProperty({ format: 'date', example: '2026-11-30', description: 'UTC day' }) date: string;
  @ApiProperty({ example: 1200, description: 'Credits charged (the ledger: 2xx responses of metered routes).' })
  credits_charged: number;
  @ApiProperty({ example: 1200, description: 'Charged requests (ledger rows).' }) requests_charged: number;
  @ApiProperty({
    example: 1213,
    description: 'Requests admitted past the limits, whatever their outcome (free routes and failed requests included).',
  })
  requests_admitted: number;
  @ApiProperty({ example: 1000 }) included_credits: number;
  @ApiProperty({ example: 0, description: 'Referral bonus credits spent.' }) bonus_credits: number;
  @ApiProperty({ example: 200 }) overage_credits: number;
  @ApiProperty({ example: 60000, description: "Overage cost in micro-dollars at the account's current plan price." })
  overage_cost_micros: number;
  @ApiProperty({ type: RefusalCountsResponse }) refusals: RefusalCountsResponse;
}

@ApiSchema({ name: 'usage.DailyUsage' })
export class DailyUsageResponse {
  @ApiProperty({ format: 'uuid' }) account_id: string;
  @ApiProperty({ format: 'date', example: '2026-11-01', description: 'First day, inclusive.' }) from: string;
  @ApiProperty({ format: 'date', example: '2026-11-30', description: 'Last day, inclusive.' }) to: string;
  @ApiProperty({ type: [UsageDayResponse], description: 'Every day of the window, oldest first, zeros included.' })
  days: UsageDayResponse[];
}

@ApiSchema({ name: 'usage.TopConsumer' })
export class TopConsumerResponse {
  @ApiProperty({ format: 'uuid' }) account_id: string;
  @ApiProperty({ example: 'ops@example.com' }) email: string;
  @ApiProperty({ example: 'pro' }) plan: string;
  @ApiProperty({ example: 250000 }) credits_charged: number;
  @ApiProperty({ example: 250000 }) requests_charged: number;
  @ApiProperty({ example: 0 }) overage_credits: number;
  @ApiProperty({ example: 0, description: "At the account's current plan price." }) overage_cost_micros: number;
}

@ApiSchema({ name: 'usage.TopConsumers' })
export class TopConsumersResponse {
  @ApiProperty({ format: 'date', example: '2026-11-01' }) from: string;
  @ApiProperty({ format: 'date', example: '2026-11-30' }) to: string;
  @ApiProperty({ type: [TopConsumerResponse] }) items: TopConsumerResponse[];
}
