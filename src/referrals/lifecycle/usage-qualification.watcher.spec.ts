import type { ReferralStatus } from '../entities/referral.entity';
import type { ReferralLifecycleService } from './referral-lifecycle.service';
import type { ReferralsRepository } from './referrals.repository';
import { UsageQualificationWatcher } from './usage-qualification.watcher';

/** The watcher over a referee lookup that answers `status` (null: not a referee) and counts its calls. */
function watcherFor(status: ReferralStatus | null) {
  const calls = { lookups: 0, qualificationChecks: 0 };
  let release: () => void = () => undefined;
  let gate: Promise<void> | null = null;
  const referrals = {
    async findByReferee() {
      calls.lookups += 1;
      await gate;
      return status === null ? null : { id: 'referral-1', status };
    },
  } as unknown as ReferralsRepository;
  const lifecycle = {
    async onRefereesCharged() {
      calls.qualificationChecks += 1;
    },
  } as unknown as ReferralLifecycleService;
  return {
    watcher: new UsageQualificationWatcher(referrals, lifecycle),
    calls,
    /** Holds lookups until the returned function is called. */
    holdLookups: () => {
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

describe('UsageQualificationWatcher', () => {
  it.each([null, 'qualified', 'rewarded', 'capped', 'rejected'] as const)(
    'looks an account up once, not per charge, when its charges qualify nothing (referral: %s)',
    async (status) => {
      const { watcher, calls } = watcherFor(status);
      for (let i = 0; i < 50; i++) {
        watcher.noteCharge('account-1');
        await watcher.checksSettled();
      }
      expect(calls).toEqual({ lookups: 1, qualificationChecks: 0 });
    },
  );

  it.each(['signed_up', 'review_required'] as const)('checks again on every later charge while the referral may qualify (%s)', async (status) => {
    const { watcher, calls } = watcherFor(status);
    for (let i = 0; i < 5; i++) {
      watcher.noteCharge('account-1');
      await watcher.checksSettled();
    }
    expect(calls).toEqual({ lookups: 5, qualificationChecks: status === 'signed_up' ? 5 : 0 });
  });

  it('runs one check per account at a time, and one more after it for the charges that arrived meanwhile', async () => {
    const { watcher, calls, holdLookups } = watcherFor('signed_up');
    const releaseLookups = holdLookups();
    for (let i = 0; i < 20; i++) watcher.noteCharge('account-1');
    watcher.noteCharge('account-2');
    expect(calls.lookups).toBe(2);

    releaseLookups();
    await watcher.checksSettled();
    // account-1: the first check, then one for the 19 charges it did not see; account-2: one.
    expect(calls).toEqual({ lookups: 3, qualificationChecks: 3 });
  });
});
