import { Injectable } from '@nestjs/common';
import type { TransactionContext } from '../database/transaction-context';
import { BonusCreditsRepository } from './bonus-credits.repository';

/** Bonus credits other modules grant (the referral reward) and read back; billing spends them at admission. */
@Injectable()
export class BonusCreditsService {
  constructor(private readonly repository: BonusCreditsRepository) {}

  /**
   * Grants `credits` for a referral inside the caller's transaction, so the grant stands or falls with what
   * earned it: recorded in the history, and added to the spendable balance until the end of the period after next.
   */
  async grantForReferral(tx: TransactionContext, grant: { accountId: string; referralId: string; credits: number }): Promise<void> {
    const expiresAt = await this.repository.recordGrant(tx, grant.accountId, grant.referralId, grant.credits);
    await this.repository.addToBalance(tx, grant.accountId, grant.credits, expiresAt);
  }

  /** Every credit the account has been granted for its referrals, spent or not. */
  creditsGrantedForReferrals(accountId: string): Promise<number> {
    return this.repository.creditsGrantedForReferrals(accountId);
  }
}
