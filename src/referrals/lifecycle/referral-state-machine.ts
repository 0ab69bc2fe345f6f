import type { ReferralStatus } from '../entities/referral.entity';
import { ReferralException } from '../referral.exception';

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

declare const checked: unique symbol;

/**
 * A status change the table above allows. Only `transition` makes one (the brand cannot be written elsewhere),
 * and the repository's only status-changing statement takes one: no status change bypasses the table.
 */
export interface Transition {
  readonly action: ReferralAction;
  readonly from: ReferralStatus;
  readonly to: ReferralStatus;
  readonly [checked]: true;
}

/** The status `action` leads to from `from`, or null when the transition is illegal. */
export function nextStatus(from: ReferralStatus, action: ReferralAction): ReferralStatus | null {
  return TRANSITIONS[action][from] ?? null;
}

/** The transition `action` makes from `from`; refused with ReferralException `illegal_transition` (409) otherwise. */
export function transition(from: ReferralStatus, action: ReferralAction): Transition {
  const to = nextStatus(from, action);
  if (!to) throw ReferralException.illegalTransition(action, from);
  return { action, from, to } as Transition;
}
