import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PLANS } from '../../plans/plan-registry';
import { REFERRAL_STATUSES } from '../entities/referral.entity';
import { ACTOR_KINDS, type ActorKind, type ReferralRecord, type TransitionRecord } from '../lifecycle/referrals.repository';

@ApiSchema({ name: 'referrals.Referral' })
export class ReferralResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REFERRAL_STATUSES, example: 'signed_up' }) status: string;
  @ApiProperty({ format: 'uuid' }) referrer_account_id: string;
  @ApiProperty({ format: 'uuid' }) referee_account_id: string;
  @ApiProperty({ type: String, nullable: true, example: '1042', description: 'The click the signup was attributed to.' })
  click_id: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'spring_launch' }) utm_campaign: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-02T09:00:00.000000Z' }) signed_up_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) review_required_at: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) qualified_at: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) rewarded_at: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) capped_at: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) rejected_at: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'disposable_email',
    description: 'Fraud rule that held it for review: self_referral, same_ip_as_referrer, ip_signup_velocity, disposable_email.',
  })
  review_reason: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'duplicate of an existing customer' }) rejection_reason: string | null;
}

@ApiSchema({ name: 'referrals.TransitionActor' })
export class TransitionActorResponse {
  @ApiProperty({ enum: ACTOR_KINDS, example: 'api_key', description: 'What made the change.' }) kind: ActorKind;
  @ApiProperty({ type: String, nullable: true, example: '6c1d3a8e-2b4f-4f0e-9a51-0d8f3e2b7a10', description: 'Key id (api_key) or null.' })
  id: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Account of the credential; null for system.' })
  account_id: string | null;
}

@ApiSchema({ name: 'referrals.ReferralTransition' })
export class ReferralTransitionResponse {
  /*
   * A nullable enum as Prism and openapi-typescript read it: `type` + `nullable` + the values, without a
   * literal null in `enum` (Prism adds null itself for `nullable`; a second null makes its schema compiler
   * fail and silently stops validating the whole response). openapi-typescript types it `… | null`.
   */
  @ApiProperty({ type: String, enum: REFERRAL_STATUSES, nullable: true, description: 'null on the first transition (creation).' })
  from_status: string | null;
  @ApiProperty({ enum: REFERRAL_STATUSES }) to_status: string;
  @ApiProperty({ type: String, nullable: true, example: 'disposable_email' }) reason: string | null;
  @ApiProperty({ type: TransitionActorResponse }) actor: TransitionActorResponse;
  @ApiProperty({ format: 'date-time' }) at: string;
}

@ApiSchema({ name: 'referrals.ReferralWithHistory' })
export class ReferralWithHistoryResponse extends ReferralResponse {
  @ApiProperty({ type: [ReferralTransitionResponse], description: 'Every status change, oldest first.' })
  transitions: ReferralTransitionResponse[];
}

@ApiSchema({ name: 'referrals.ReferralPage' })
export class ReferralPageResponse {
  @ApiProperty({ type: [ReferralResponse] }) items: ReferralResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  next_cursor: string | null;
}

@ApiSchema({ name: 'referrals.SignupAccount' })
export class SignupAccountResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'new.user@example.org' }) email: string;
  @ApiProperty({ enum: PLANS, example: 'free' }) plan: string;
  @ApiProperty({ example: 'q8ZtK2pa', description: 'The new account\'s own referral code.' }) referral_code: string;
}

@ApiSchema({ name: 'referrals.Signup' })
export class SignupResponse {
  @ApiProperty({ type: SignupAccountResponse }) account: SignupAccountResponse;
  @ApiProperty({ enum: ['cookie', 'referral_code', 'none'] }) attribution: string;
  @ApiProperty({ type: ReferralResponse, nullable: true }) referral: ReferralResponse | null;
}

@ApiSchema({ name: 'referrals.ReferrerFunnel' })
export class ReferrerFunnelResponse {
  @ApiProperty({ type: 'integer', example: 30 }) clicks: number;
  @ApiProperty({ type: 'integer', example: 6 }) signups: number;
  @ApiProperty({ type: 'integer', example: 3 }) qualified: number;
  @ApiProperty({ type: 'integer', example: 2 }) rewarded: number;
  @ApiProperty({ type: 'integer', example: 1 }) capped: number;
  @ApiProperty({ type: 'integer', example: 2000 }) credits_earned: number;
}

@ApiSchema({ name: 'referrals.AccountReferral' })
export class AccountReferralResponse {
  @ApiProperty({ example: 'ADA2026' }) referral_code: string;
  @ApiProperty({ example: 'https://api.crawlora.net/r/ADA2026' }) share_url: string;
  @ApiProperty({ type: ReferrerFunnelResponse, description: 'This account as a referrer, all time.' })
  funnel: ReferrerFunnelResponse;
}

/**
 * What a client sees of a referral: the fields listed here, picked one by one, so a column the repository starts
 * reading (for a rule or a report) never reaches a response unnoticed.
 */
export function toReferralResponse(referral: ReferralRecord): ReferralResponse {
  return {
    id: referral.id,
    status: referral.status,
    referrer_account_id: referral.referrer_account_id,
    referee_account_id: referral.referee_account_id,
    click_id: referral.click_id,
    utm_campaign: referral.utm_campaign,
    signed_up_at: referral.signed_up_at,
    review_required_at: referral.review_required_at,
    qualified_at: referral.qualified_at,
    rewarded_at: referral.rewarded_at,
    capped_at: referral.capped_at,
    rejected_at: referral.rejected_at,
    review_reason: referral.review_reason,
    rejection_reason: referral.rejection_reason,
  };
}

export function toReferralWithHistoryResponse(referral: ReferralRecord, transitions: TransitionRecord[]): ReferralWithHistoryResponse {
  return {
    ...toReferralResponse(referral),
    transitions: transitions.map((transition) => ({
      from_status: transition.from_status,
      to_status: transition.to_status,
      reason: transition.reason,
      actor: { kind: transition.actor.kind, id: transition.actor.id, account_id: transition.actor.account_id },
      at: transition.at,
    })),
  };
}
