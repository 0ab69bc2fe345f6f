import { DataSource } from 'typeorm';
import type { Plan } from '../../src/plans/plan-registry';

export interface ReferralStages {
  campaign?: string | null;
  signedUpAt: string;
  reviewRequiredAt?: string;
  qualifiedAt?: string;
  rewardedAt?: string;
  cappedAt?: string;
  rejectedAt?: string;
}

/** Rows written straight to the database, so stats tests control every timestamp to the microsecond. */
export class FunnelFixtures {
  private accounts = 0;

  constructor(private readonly db: DataSource) {}

  async account(plan: Plan = 'free'): Promise<string> {
    this.accounts += 1;
    const [{ id }] = await this.db.query(`INSERT INTO accounts (email, plan) VALUES ($1, $2) RETURNING id`, [
      `user${this.accounts}-${Date.now()}@example.com`,
      plan,
    ]);
    return id;
  }

  /** One click per timestamp. */
  async clicks(referrerId: string, createdAt: string[], campaign: string | null = null): Promise<void> {
    await this.db.query(
      `INSERT INTO referral_clicks (referral_code, referrer_account_id, utm_campaign, created_at)
       SELECT 'CODE', $1, $2, t FROM unnest($3::timestamptz[]) AS t`,
      [referrerId, campaign, createdAt],
    );
  }

  /** `count` clicks at the same instant. */
  async clicksAt(referrerId: string, at: string, count: number, campaign: string | null = null): Promise<void> {
    await this.clicks(referrerId, Array.from({ length: count }, () => at), campaign);
  }

  /** A referral with a new referee; its status follows from the stages it reached. */
  async referral(referrerId: string, stages: ReferralStages): Promise<string> {
    const refereeId = await this.account();
    const status = stages.rejectedAt
      ? 'rejected'
      : stages.rewardedAt
        ? 'rewarded'
        : stages.cappedAt
          ? 'capped'
          : stages.qualifiedAt
            ? 'qualified'
            : stages.reviewRequiredAt
              ? 'review_required'
              : 'signed_up';
    const [{ id }] = await this.db.query(
      `INSERT INTO referrals (referrer_account_id, referee_account_id, utm_campaign, status, signed_up_at,
                              review_required_at, qualified_at, rewarded_at, capped_at, rejected_at, rejection_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        referrerId,
        refereeId,
        stages.campaign ?? null,
        status,
        stages.signedUpAt,
        stages.reviewRequiredAt ?? null,
        stages.qualifiedAt ?? null,
        stages.rewardedAt ?? null,
        stages.cappedAt ?? null,
        stages.rejectedAt ?? null,
        stages.rejectedAt ? 'test' : null,
      ],
    );
    return id;
  }
}
