import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PLANS, type Plan } from '../../plans/plan-registry';

@ApiSchema({ name: 'billing.UsagePeriod' })
export class UsagePeriodResponse {
  @ApiProperty({ format: 'date-time', example: '2026-11-01T00:00:00.000Z', description: 'Inclusive.' })
  start: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-01T00:00:00.000Z', description: 'Exclusive.' })
  end: string;
}

@ApiSchema({ name: 'billing.UsageCredits' })
export class UsageCreditsResponse {
  @ApiProperty({ type: 'integer', example: 20000, description: 'Credits included in the period.' })
  included: number;

  @ApiProperty({
    type: 'integer',
    example: 20012,
    description: 'Credits charged against the plan in the period, overage included (bonus credits are under `bonus`).',
  })
  used: number;

  @ApiProperty({
    type: 'integer',
    example: 0,
    description: 'Included credits left (requests in flight hold theirs until they finish).',
  })
  remaining: number;

  @ApiProperty({ type: 'integer', example: 12, description: 'Credits charged beyond the included credits.' })
  overage: number;

  @ApiProperty({
    type: 'integer',
    example: 9000,
    description: 'Price of the overage credits so far, in micro-dollars (1,000,000 = $1); exact, never rounded.',
  })
  overage_cost_micros: number;

  @ApiProperty({ example: true, description: 'Whether requests may run past the included credits.' })
  overage_allowed: boolean;
}

@ApiSchema({ name: 'billing.UsageToday' })
export class UsageTodayResponse {
  @ApiProperty({ format: 'date', example: '2026-11-26', description: 'The UTC day.' })
  date: string;

  @ApiProperty({ type: 'integer', example: 12 })
  used: number;

  @ApiProperty({ type: 'integer', nullable: true, example: 5000, description: 'null = no daily cap.' })
  cap: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 4988, description: 'null = no daily cap.' })
  remaining: number | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-27T00:00:00.000Z' })
  resets_at: string;
}

@ApiSchema({ name: 'billing.UsageRateLimit' })
export class UsageRateLimitResponse {
  @ApiProperty({ type: 'integer', example: 15 })
  limit_per_minute: number;

  @ApiProperty({ type: 'integer', example: 1, description: 'Requests admitted in the last 60 seconds.' })
  used_last_minute: number;

  @ApiProperty({ type: 'integer', example: 14 })
  remaining: number;
}

@ApiSchema({ name: 'billing.BonusGrant' })
export class BonusBalanceResponse {
  @ApiProperty({ type: 'integer', example: 1000 })
  remaining: number;

  @ApiProperty({ format: 'date-time', example: '2027-02-01T00:00:00.000Z' })
  expires_at: string;
}

@ApiSchema({ name: 'billing.UsageBonus' })
export class UsageBonusResponse {
  @ApiProperty({
    type: 'integer',
    example: 2000,
    description: 'Bonus credits (referral rewards) still to spend; they are spent before included credits.',
  })
  remaining: number;

  @ApiProperty({ type: [BonusBalanceResponse], description: 'What is left of each grant, soonest expiry first.' })
  balances: BonusBalanceResponse[];
}

@ApiSchema({ name: 'billing.Usage' })
export class UsageResponse {
  @ApiProperty({ format: 'uuid' })
  account_id: string;

  @ApiProperty({ enum: PLANS, example: 'starter' })
  plan: Plan;

  @ApiProperty({ type: UsagePeriodResponse })
  period: UsagePeriodResponse;

  @ApiProperty({ type: UsageCreditsResponse })
  credits: UsageCreditsResponse;

  @ApiProperty({ type: UsageBonusResponse })
  bonus: UsageBonusResponse;

  @ApiProperty({ type: UsageTodayResponse })
  today: UsageTodayResponse;

  @ApiProperty({ type: UsageRateLimitResponse })
  rate_limit: UsageRateLimitResponse;
}
