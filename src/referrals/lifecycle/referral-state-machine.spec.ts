import { ErrorKind } from '../../common/errors/domain.exception';
import { toErrorResponse } from '../../common/http/error-response';
import { REFERRAL_STATUSES } from '../entities/referral.entity';
import { ReferralException, ReferralExceptionCode } from '../referral.exception';
import { mayStillQualify, nextStatus, ReferralAction, transition } from './referral-state-machine';

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

  it('tells which statuses a charge can still qualify: signed_up, and review_required (through approval)', () => {
    expect(REFERRAL_STATUSES.filter((status) => mayStillQualify(status)).sort()).toEqual(['review_required', 'signed_up']);
  });
});

describe('transition', () => {
  it('makes the legal step the table allows', () => {
    expect(transition('qualified', 'reward')).toMatchObject({ action: 'reward', from: 'qualified', to: 'rewarded' });
    expect(transition('qualified', 'cap')).toMatchObject({ action: 'cap', from: 'qualified', to: 'capped' });
  });

  it.each([
    ['signed_up', 'reward'],
    ['rewarded', 'reward'],
    ['review_required', 'cap'],
    ['capped', 'cap'],
    ['rejected', 'qualify'],
  ] as const)('refuses %s --%s--> with the domain error illegal_transition, answered 409 (not 500)', (from, action) => {
    let refused: unknown;
    try {
      transition(from, action);
    } catch (error) {
      refused = error;
    }

    expect(refused).toBeInstanceOf(ReferralException);
    expect(refused).toMatchObject({ code: ReferralExceptionCode.IllegalTransition, kind: ErrorKind.Conflict });
    expect(toErrorResponse(refused, 'req-1')).toEqual({
      status: 409,
      body: { code: 409, msg: `Cannot ${action} a referral that is ${from}`, data: { request_id: 'req-1', status: from, action } },
      headers: {},
      unexpected: false,
    });
  });
});
