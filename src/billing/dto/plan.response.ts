import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { type PlanLimits, type PublicPlan, PUBLIC_PLANS } from '../../plans/plan-registry';

@ApiSchema({ name: 'billing.OveragePricing' })
export class OveragePricingResponse {
  @ApiProperty({ type: 'integer', example: 75, description: 'Price of 1,000 overage credits, in US cents.' })
  cents_per_1000_credits: number;

  @ApiProperty({ example: true, description: 'Overage applies only when it is enabled on the account.' })
  requires_opt_in: boolean;
}

@ApiSchema({ name: 'billing.Plan' })
export class PlanResponse {
  @ApiProperty({ enum: PUBLIC_PLANS, example: 'starter' })
  plan: PublicPlan;

  @ApiProperty({ type: 'integer', example: 900, description: 'Monthly price in US cents.' })
  price_cents: number;

  @ApiProperty({ type: 'integer', example: 20000, description: 'Credits included per calendar month (UTC).' })
  included_credits: number;

  @ApiProperty({ type: 'integer', nullable: true, example: 5000, description: 'Credits per UTC day; null = no cap.' })
  daily_cap: number | null;

  @ApiProperty({ type: 'integer', example: 15, description: 'Requests admitted in any rolling 60 seconds.' })
  rate_limit_per_minute: number;

  @ApiProperty({
    type: OveragePricingResponse,
    nullable: true,
    description: 'null: no overage; requests past the included credits are refused until the period resets.',
  })
  overage: OveragePricingResponse | null;
}

@ApiSchema({ name: 'billing.PlanCatalog' })
export class PlanCatalogResponse {
  @ApiProperty({ type: [PlanResponse] })
  plans: PlanResponse[];
}

export function toPlanResponse(plan: PublicPlan, limits: PlanLimits): PlanResponse {
  return {
    plan,
    price_cents: limits.priceCents,
    included_credits: limits.includedCredits,
    daily_cap: limits.dailyCap,
    rate_limit_per_minute: limits.ratePerMinute,
    overage:
      limits.overage === null
        ? null
        : { cents_per_1000_credits: limits.overage.centsPer1000Credits, requires_opt_in: limits.overage.requiresOptIn },
  };
}
