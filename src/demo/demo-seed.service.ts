import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { ApiKeysService } from '../auth/api-keys/api-keys.service';
import { inTransaction, TransactionContext } from '../database/transaction-context';
import type { PastReferral } from '../referrals/lifecycle/referrals.repository';
import { ReferralHistoryService } from '../referrals/referral-history.service';
import { DEMO_CAMPAIGN_LINKS, DEMO_REFERRALS, DEMO_REFERRERS, DemoReferral } from './demo-funnel';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const DEMO_ADMIN_EMAIL = 'admin@example.com';

export interface DemoSeedResult {
  /** The demo admin's API key: returned once, to be shown once, stored only as a hash. */
  adminApiKey: string;
  adminAccountId: string;
}

/**
 * Loads the demo funnel and a demo admin (with an API key) into an empty database, in one transaction, through
 * the services that own the tables (accounts, referral history, API keys).
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly referralHistory: ReferralHistoryService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** Returns null (and changes nothing) when the database already holds accounts. */
  async seedIfEmpty(now = new Date()): Promise<DemoSeedResult | null> {
    const adminAccountId = await inTransaction(this.dataSource, async (tx) => {
      // Serialises concurrent seeders: only the first to take the lock finds the table empty.
      if (!(await this.accounts.lockAndCheckNoAccounts(tx))) return null;
      await this.insertFunnel(tx, now.getTime());
      const admin = await this.accounts.createWithin(tx, { email: DEMO_ADMIN_EMAIL, plan: 'admin' });
      return admin.id;
    });
    if (!adminAccountId) return null;
    const { key } = await this.apiKeys.create(adminAccountId, { name: 'demo admin key' });
    this.logger.log('Loaded the demo referral funnel (42 clicks, 9 signups, 3 qualified, 1 review, 2 rewarded)');
    return { adminApiKey: key, adminAccountId };
  }

  private async insertFunnel(tx: TransactionContext, now: number): Promise<void> {
    const referrerIds: string[] = [];
    for (const referrer of DEMO_REFERRERS) {
      const account = await this.accounts.createWithin(tx, { email: referrer.email, plan: referrer.plan, referralCode: referrer.code });
      referrerIds.push(account.id);
    }

    // Clicks every 11 hours over the last two weeks.
    for (const [campaign, { referrer, clicks }] of Object.entries(DEMO_CAMPAIGN_LINKS)) {
      await this.referralHistory.recordPastClicks(tx, {
        referralCode: DEMO_REFERRERS[referrer].code,
        referrerAccountId: referrerIds[referrer],
        utmSource: 'newsletter',
        utmMedium: 'email',
        utmCampaign: campaign,
        lastAt: new Date(now - DAY_MS / 2),
        everyHours: 11,
        count: clicks,
      });
    }

    for (const [index, referral] of DEMO_REFERRALS.entries()) {
      const referee = await this.accounts.createWithin(tx, { email: `referee${index + 1}@example.com`, plan: 'free' });
      await this.referralHistory.recordPastReferral(tx, {
        referrerAccountId: referrerIds[DEMO_CAMPAIGN_LINKS[referral.campaign].referrer],
        refereeAccountId: referee.id,
        utmCampaign: referral.campaign,
        ...stageTimes(referral, now),
      });
    }
  }
}

type StageTimes = Pick<PastReferral, 'status' | 'signedUpAt' | 'reviewRequiredAt' | 'qualifiedAt' | 'rewardedAt' | 'reviewReason'>;

function stageTimes(referral: DemoReferral, now: number): StageTimes {
  const signedUpAt = new Date(now - referral.signedUpDaysAgo * DAY_MS);
  const after = (hours: number) => new Date(signedUpAt.getTime() + hours * HOUR_MS);
  const none = { reviewRequiredAt: null, qualifiedAt: null, rewardedAt: null, reviewReason: null };
  switch (referral.outcome) {
    case 'signed_up':
      return { ...none, status: 'signed_up', signedUpAt };
    case 'review_required':
      return { ...none, status: 'review_required', signedUpAt, reviewRequiredAt: signedUpAt, reviewReason: 'signup_ip_matches_referrer' };
    case 'qualified':
      return { ...none, status: 'qualified', signedUpAt, qualifiedAt: after(30) };
    case 'rewarded':
      return { ...none, status: 'rewarded', signedUpAt, qualifiedAt: after(20), rewardedAt: after(20) };
  }
}
