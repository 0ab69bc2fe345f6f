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

/**
 * Whether a referral in `status` can still become qualified, by one transition or more: signed_up, and
 * review_required (approval returns it to signed_up). From any other status a referee's charges change nothing.
 */
export function mayStillQualify(status: ReferralStatus, seen = new Set<ReferralStatus>([status])): boolean {
  return (Object.keys(TRANSITIONS) as ReferralAction[]).some((action) => {
    const to = nextStatus(status, action);
    if (to === null) return false;
    if (action === 'qualify') return true;
    if (seen.has(to)) return false;
    seen.add(to);
    return mayStillQualify(to, seen);
  });
}

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
