import type { ReferralStatus } from '../entities/referral.entity';

/**
 * Every status change a referral may make, and nothing else:
 *
 *   signed_up ──qualify──▶ qualified ──reward──▶ rewarded
 *       │  ▲                    └─────cap─────▶ capped
 *       │  └──approve── review_required
 *       └──reject──▶ rejected ◀──reject──┘
 *
 * Referrals under review or rejected never qualify; rewarded, capped and rejected are final.
 */
export type ReferralAction = 'approve' | 'reject' | 'qualify' | 'reward' | 'cap';

const TRANSITIONS: Record<ReferralAction, Partial<Record<ReferralStatus, ReferralStatus>>> = {
  approve: { review_required: 'signed_up' },
  reject: { review_required: 'rejected', signed_up: 'rejected' },
  qualify: { signed_up: 'qualified' },
  reward: { qualified: 'rewarded' },
  cap: { qualified: 'capped' },
};

/** The status `action` leads to from `from`, or null when the transition is illegal. */
export function nextStatus(from: ReferralStatus, action: ReferralAction): ReferralStatus | null {
  return TRANSITIONS[action][from] ?? null;
}
