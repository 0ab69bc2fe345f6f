import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** The funnel as the contract names it: `referrals.adminReferralStatsResponseDoc`. */
@ApiSchema({ name: 'referrals.adminReferralStatsResponseDoc' })
export class ReferralStatsResponse {
  @ApiProperty({ type: 'integer', example: 42, description: 'Referral link clicks counted in the window.' })
  clicks: number;

  @ApiProperty({ type: 'integer', example: 9, description: 'Referred signups whose signup time is in the window.' })
  attributed_signups: number;

  @ApiProperty({ type: 'integer', example: 3, description: 'Referrals that qualified in the window.' })
  qualified_referrals: number;

  @ApiProperty({ type: 'integer', example: 1, description: 'Referrals held for review in the window.' })
  review_required: number;

  @ApiProperty({ type: 'integer', example: 2, description: 'Referrals rewarded in the window.' })
  rewarded_referrals: number;

  @ApiProperty({
    type: 'integer',
    example: 0,
    description: 'Qualified referrals not rewarded because the referrer had reached the reward cap.',
  })
  capped_referrals: number;

  @ApiProperty({ type: 'integer', example: 0, description: 'Referrals rejected in the window.' })
  rejected_referrals: number;

  @ApiProperty({
    example: 0.214,
    description: 'attributed_signups / clicks, rounded half-up to 3 decimals; 0 when there are no clicks.',
  })
  signup_rate: number;

  @ApiProperty({
    example: 0.333,
    description: 'qualified_referrals / attributed_signups, rounded half-up to 3 decimals; 0 when there are no signups.',
  })
  qualification_rate: number;

  @ApiProperty({
    example: 0.222,
    description: 'rewarded_referrals / attributed_signups, rounded half-up to 3 decimals; 0 when there are no signups.',
  })
  reward_rate: number;
}
