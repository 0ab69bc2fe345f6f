import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { BonusCreditsService } from '../billing/bonus-credits.service';
import { AppConfig } from '../config/app-config';
import type { AccountReferralResponse } from './dto/referral.response';
import { ReferralsRepository } from './lifecycle/referrals.repository';

/** An account's own referral program: its code, its link, and how its referrals are doing. */
@Injectable()
export class AccountReferralService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly referrals: ReferralsRepository,
    private readonly bonusCredits: BonusCreditsService,
    private readonly config: AppConfig,
  ) {}

  async of(accountId: string): Promise<AccountReferralResponse> {
    const account = await this.accounts.getById(accountId);
    const funnel = await this.referrals.funnelOfReferrer(accountId);
    const creditsEarned = await this.bonusCredits.creditsGrantedForReferrals(accountId);
    return {
      referral_code: account.referralCode,
      share_url: `${this.config.referrals.publicBaseUrl}/r/${account.referralCode}`,
      funnel: {
        clicks: funnel.clicks,
        signups: funnel.signups,
        qualified: funnel.qualified,
        rewarded: funnel.rewarded,
        capped: funnel.capped,
        credits_earned: creditsEarned,
      },
    };
  }
}
