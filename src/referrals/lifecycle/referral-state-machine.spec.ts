import { REFERRAL_STATUSES } from '../entities/referral.entity';
import { nextStatus, ReferralAction } from './referral-state-machine';

describe('referral state machine', () => {
  const legal: Array<[string, ReferralAction, string]> = [
    ['review_required', 'approve', 'signed_up'],
    ['review_required', 'reject', 'rejected'],
    ['signed_up', 'reject', 'rejected'],
    ['signed_up', 'qualify', 'qualified'],
    ['qualified', 'reward', 'rewarded'],
    ['qualified', 'cap', 'capped'],
  ];

  it.each(legal)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from as never, action)).toBe(to);
  });

  it('refuses every other transition', () => {
    const actions: ReferralAction[] = ['approve', 'reject', 'qualify', 'reward', 'cap'];
    for (const from of REFERRAL_STATUSES) {
      for (const action of actions) {
        const isLegal = legal.some(([legalFrom, legalAction]) => legalFrom === from && legalAction === action);
        expect(nextStatus(from, action) !== null).toBe(isLegal);
      }
    }
  });
});
