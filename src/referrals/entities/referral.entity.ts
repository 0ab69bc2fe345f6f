import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const REFERRAL_STATUSES = ['signed_up', 'review_required', 'qualified', 'rewarded', 'capped', 'rejected'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/**
 * A referee's signup attributed to a referrer. `status` is where it is now; each `*_at` records when it
 * reached that stage (kept after it moves on), which is what the funnel counts.
 */
@Entity({ name: 'referrals' })
export class Referral {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referrer_account_id', type: 'uuid' })
  referrerAccountId: string;

  @Column({ name: 'referee_account_id', type: 'uuid' })
  refereeAccountId: string;

  @Column({ name: 'click_id', type: 'bigint', nullable: true })
  clickId: string | null;

  @Column({ name: 'utm_campaign', type: 'text', nullable: true })
  utmCampaign: string | null;

  @Column({ type: 'text' })
  status: ReferralStatus;

  @Column({ name: 'signed_up_at', type: 'timestamptz' })
  signedUpAt: Date;

  @Column({ name: 'review_required_at', type: 'timestamptz', nullable: true })
  reviewRequiredAt: Date | null;

  @Column({ name: 'qualified_at', type: 'timestamptz', nullable: true })
  qualifiedAt: Date | null;

  @Column({ name: 'rewarded_at', type: 'timestamptz', nullable: true })
  rewardedAt: Date | null;

  @Column({ name: 'capped_at', type: 'timestamptz', nullable: true })
  cappedAt: Date | null;

  @Column({ name: 'rejected_at', type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  /** Why it was held for review (a fraud-rule code), if it was. */
  @Column({ name: 'review_reason', type: 'text', nullable: true })
  reviewReason: string | null;

  /** Why it was rejected; required once `rejected_at` is set. */
  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
