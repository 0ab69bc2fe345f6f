import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { REFERRAL_STATUSES } from '../entities/referral.entity';

@ApiSchema({ name: 'referrals.Referral' })
export class ReferralDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REFERRAL_STATUSES, example: 'signed_up' }) status: string;
  @ApiProperty({ format: 'uuid' }) referrer_account_id: string;
  @ApiProperty({ format: 'uuid' }) referee_account_id: string;
  @ApiProperty({ nullable: true, example: '1042', description: 'The click the signup was attributed to.' })
  click_id: string | null;
  @ApiProperty({ nullable: true, example: 'spring_launch' }) utm_campaign: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-02T09:00:00.000000Z' }) signed_up_at: string;
  @ApiProperty({ format: 'date-time', nullable: true }) review_required_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) qualified_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) rewarded_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) capped_at: string | null;
  @ApiProperty({ format: 'date-time', nullable: true }) rejected_at: string | null;
  @ApiProperty({
    nullable: true,
    example: 'disposable_email',
    description: 'Fraud rule that held it for review: self_referral, same_ip_as_referrer, ip_signup_velocity, disposable_email.',
  })
  review_reason: string | null;
  @ApiProperty({ nullable: true, example: 'duplicate of an existing customer' }) rejection_reason: string | null;
}

@ApiSchema({ name: 'referrals.ReferralTransition' })
export class ReferralTransitionDoc {
  @ApiProperty({ enum: REFERRAL_STATUSES, nullable: true }) from_status: string | null;
  @ApiProperty({ enum: REFERRAL_STATUSES }) to_status: string;
  @ApiProperty({ nullable: true }) reason: string | null;
  @ApiProperty({ example: { kind: 'api_key', id: 'key uuid', account_id: 'account uuid' } })
  actor: { kind: string; id: string | null; account_id: string | null };
  @ApiProperty({ format: 'date-time' }) at: string;
}

@ApiSchema({ name: 'referrals.ReferralWithHistory' })
export class ReferralWithHistoryDoc extends ReferralDoc {
  @ApiProperty({ type: [ReferralTransitionDoc], description: 'Every status change, oldest first.' })
  transitions: ReferralTransitionDoc[];
}

@ApiSchema({ name: 'referrals.ReferralPage' })
export class ReferralPageDoc {
  @ApiProperty({ type: [ReferralDoc] }) items: ReferralDoc[];
  @ApiPropertyOptional({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  next_cursor: string | null;
}

@ApiSchema({ name: 'referrals.Signup' })
export class SignupDoc {
  @ApiProperty({ example: { id: 'uuid', email: 'new.user@example.org', plan: 'free', referral_code: 'q8ZtK2pa' } })
  account: { id: string; email: string; plan: string; referral_code: string };
  @ApiProperty({ enum: ['cookie', 'referral_code', 'none'] }) attribution: string;
  @ApiProperty({ type: ReferralDoc, nullable: true }) referral: ReferralDoc | null;
}

@ApiSchema({ name: 'referrals.AccountReferral' })
export class AccountReferralDoc {
  @ApiProperty({ example: 'ADA2026' }) referral_code: string;
  @ApiProperty({ example: 'https://api.crawlora.net/r/ADA2026' }) share_url: string;
  @ApiProperty({
    example: { clicks: 30, signups: 6, qualified: 3, rewarded: 2, capped: 1, credits_earned: 2000 },
    description: 'This account as a referrer, all time.',
  })
  funnel: { clicks: number; signups: number; qualified: number; rewarded: number; capped: number; credits_earned: number };
}
