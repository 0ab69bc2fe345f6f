import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One counted visit of a referral link, with the UTM parameters it carried. */
@Entity({ name: 'referral_clicks' })
export class ReferralClick {
  /** bigint: clicks are the largest table. The pg driver returns it as a string. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'referral_code', type: 'text' })
  referralCode: string;

  @Column({ name: 'referrer_account_id', type: 'uuid' })
  referrerAccountId: string;

  @Column({ name: 'utm_source', type: 'text', nullable: true })
  utmSource: string | null;

  @Column({ name: 'utm_medium', type: 'text', nullable: true })
  utmMedium: string | null;

  @Column({ name: 'utm_campaign', type: 'text', nullable: true })
  utmCampaign: string | null;

  @Column({ name: 'utm_term', type: 'text', nullable: true })
  utmTerm: string | null;

  @Column({ name: 'utm_content', type: 'text', nullable: true })
  utmContent: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
