import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../accounts/accounts.service';
import { AppConfig } from '../../config/app-config';
import { verifyAttribution } from '../clicks/attribution-cookie';
import { ClicksRepository } from '../clicks/clicks.repository';
import { announce } from '../lifecycle/referral-lifecycle.service';
import { WebhooksService } from '../../webhooks/webhooks.service';
import { SignupResponse, toReferralResponse } from '../dto/referral.response';
import { Actor, ReferralsRepository } from '../lifecycle/referrals.repository';
import { ReferralHashing } from '../referral-hashing';
import { BUILT_IN_DISPOSABLE_DOMAINS, evaluateSignup, FraudRuleSettings } from './fraud-rules';
import { ReferralSignupDto } from './referral-signup.dto';

export type AttributionSource = 'cookie' | 'referral_code' | 'none';

interface Attribution {
  source: AttributionSource;
  referrerAccountId: string | null;
  clickId: string | null;
  utmCampaign: string | null;
}

/**
 * Records a new signup: creates its account and, when the signup can be attributed (a valid cookie within
 * the window wins, a referral code otherwise), its referral, judged by the fraud rules. One transaction.
 */
@Injectable()
export class AttributionService {
  private readonly fraudSettings: FraudRuleSettings;

  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly accounts: AccountsService,
    private readonly clicks: ClicksRepository,
    private readonly hashing: ReferralHashing,
    private readonly config: AppConfig,
    private readonly webhooks: WebhooksService,
  ) {
    this.fraudSettings = {
      maxSignupsPerIpPerDay: config.referrals.maxSignupsPerIpPerDay,
      disposableDomains: new Set([...BUILT_IN_DISPOSABLE_DOMAINS, ...config.referrals.extraDisposableDomains]),
    };
  }

  async recordSignup(signup: ReferralSignupDto, actor: Actor): Promise<SignupResponse> {
    const attribution = await this.attribute(signup);
    const ipHash = signup.signup_ip ? this.hashing.ip(signup.signup_ip) : null;
    // One transaction: the account (AccountsService, 409 for a taken email), the referral and its events.
    return this.referrals.transaction(async (tx) => {
      if (ipHash) await tx.lockSignupIp(ipHash);
      const created = await this.accounts.createWithin(tx.context, { email: signup.email.trim(), plan: 'free', signupIpHash: ipHash });
      const account = { id: created.id, email: created.email, plan: created.plan, referral_code: created.referralCode };
      const referrer = attribution.referrerAccountId
        ? await this.accounts.findSignupOrigin(tx.context, attribution.referrerAccountId)
        : null;
      if (!referrer) return { account, attribution: 'none' as const, referral: null };

      const verdict = evaluateSignup(
        {
          refereeEmail: account.email,
          refereeAccountId: account.id,
          referrerEmail: referrer.email,
          referrerAccountId: referrer.id,
          signupIpHash: ipHash,
          referrerIpHash: referrer.signupIpHash,
          signupsFromIpLastDay: ipHash ? await tx.countSignupsFromIp(ipHash) : 0,
        },
        this.fraudSettings,
      );
      const referral = await tx.insertReferral(
        {
          referrerAccountId: referrer.id,
          refereeAccountId: account.id,
          clickId: attribution.clickId,
          utmCampaign: attribution.utmCampaign,
          signupIpHash: ipHash,
          status: verdict.outcome === 'reject' ? 'rejected' : verdict.outcome === 'review' ? 'review_required' : 'signed_up',
          reason: verdict.outcome === 'accept' ? null : verdict.reason,
        },
        actor,
      );
      // Every attributed signup is announced; a signup the fraud rules held or refused also says so.
      await announce(this.webhooks, tx, 'referral.signed_up', referral.id);
      if (referral.status === 'review_required') await announce(this.webhooks, tx, 'referral.review_required', referral.id);
      if (referral.status === 'rejected') await announce(this.webhooks, tx, 'referral.rejected', referral.id);
      return { account, attribution: attribution.source, referral: toReferralResponse(referral) };
    });
  }

  /** The cookie's click when its signature, the cookie's age and the click's own age check out; else the referral code; else nobody. */
  private async attribute(signup: ReferralSignupDto): Promise<Attribution> {
    const { secret, attributionWindowMs } = this.config.referrals;
    const verified = signup.click_token ? verifyAttribution(signup.click_token, secret, attributionWindowMs) : null;
    const click = verified ? await this.clicks.findAttributable(verified.clickId, attributionWindowMs) : null;
    if (click) {
      return {
        source: 'cookie',
        referrerAccountId: click.referrerAccountId,
        clickId: click.clickId,
        utmCampaign: click.utmCampaign,
      };
    }
    const referrer = signup.referral_code ? await this.accounts.findByReferralCode(signup.referral_code) : null;
    if (referrer) return { source: 'referral_code', referrerAccountId: referrer.accountId, clickId: null, utmCampaign: null };
    return { source: 'none', referrerAccountId: null, clickId: null, utmCampaign: null };
  }
}
