import { Injectable } from '@nestjs/common';
import type { TransactionContext } from '../database/transaction-context';
import { ClicksRepository, PastClicks } from './clicks/clicks.repository';
import { PastReferral, ReferralsRepository } from './lifecycle/referrals.repository';

/**
 * Writes referral history as it already stands, with its own times (the demo funnel): past clicks and referrals,
 * inside the caller's transaction. No events, no audit trail: nothing happens now, the past is recorded.
 */
@Injectable()
export class ReferralHistoryService {
  constructor(
    private readonly clicks: ClicksRepository,
    private readonly referrals: ReferralsRepository,
  ) {}

  recordPastClicks(tx: TransactionContext, clicks: PastClicks): Promise<void> {
    return this.clicks.insertPastClicks(tx, clicks);
  }

  /** Attributed to its campaign's last click before the signup, as attribution would have done. */
  recordPastReferral(tx: TransactionContext, referral: PastReferral): Promise<void> {
    return this.referrals.insertPastReferral(tx, referral);
  }
}
