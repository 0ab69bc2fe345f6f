import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../accounts/accounts.service';
import { AppConfig } from '../../config/app-config';
import { ReferralHashing } from '../referral-hashing';
import { ReferralException } from '../referral.exception';
import { signAttribution } from './attribution-cookie';
import { isAutomatedAgent } from './bot-detection';
import { ClicksRepository, UtmParameters } from './clicks.repository';

const UTM_PARAMETERS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
const UTM_MAX_LENGTH = 200;
/** A visitor clicking the same link again within this many minutes is counted once. */
const DEDUPE_WINDOW_MINUTES = 30;
/** Query parameters naming a redirect target; honoured only when they stay on the landing page's origin. */
const REDIRECT_PARAMETERS = ['to', 'redirect', 'redirect_uri', 'redirect_url', 'return_to', 'next', 'url'];
const REFERRAL_CODE = /^[A-Za-z0-9_-]{4,32}$/;

export interface ClickVisit {
  code: string;
  query: Record<string, unknown>;
  ip: string;
  userAgent: string | undefined;
}

export interface ClickOutcome {
  location: string;
  /** The attribution cookie's value, when the visit is (or was already) a counted click. */
  attributionToken: string | null;
  counted: boolean;
}

/** Turns a visit of a referral link into a counted click (or not) and the redirect that answers it. */
@Injectable()
export class ClickTrackingService {
  constructor(
    private readonly clicks: ClicksRepository,
    private readonly accounts: AccountsService,
    private readonly hashing: ReferralHashing,
    private readonly config: AppConfig,
  ) {}

  async visit(visit: ClickVisit): Promise<ClickOutcome> {
    const location = this.redirectTarget(visit.query);
    const uncounted = { location, attributionToken: null, counted: false };
    if (!REFERRAL_CODE.test(visit.code) || isAutomatedAgent(visit.userAgent)) return uncounted;

    const referrer = await this.accounts.findByReferralCode(visit.code);
    if (!referrer) return uncounted;

    const click = await this.clicks.record({
      referralCode: visit.code,
      referrerAccountId: referrer.accountId,
      utm: utmParameters(visit.query),
      visitorHash: this.hashing.visitor(visit.ip, visit.userAgent ?? ''),
      ipHash: this.hashing.ip(visit.ip),
      dedupeWindowMinutes: DEDUPE_WINDOW_MINUTES,
      clicksPerIpPerMinute: this.config.referrals.clicksPerIpPerMinute,
    });
    if (!click) return uncounted;
    return {
      location,
      attributionToken: signAttribution(click.clickId, new Date(), this.config.referrals.secret),
      counted: click.counted,
    };
  }

  /** The landing page, or a page on the landing page's origin; any other target is an open redirect: 400. */
  private redirectTarget(query: Record<string, unknown>): string {
    const landing = new URL(this.config.referrals.landingUrl);
    for (const name of REDIRECT_PARAMETERS) {
      const value = query[name];
      if (value === undefined) continue;
      let target: URL | null = null;
      try {
        target = typeof value === 'string' ? new URL(value, landing) : null;
      } catch {
        target = null;
      }
      if (!target || target.origin !== landing.origin) {
        throw ReferralException.invalidQuery({ field: name, message: `${name} must stay on ${landing.origin}` });
      }
      return target.toString();
    }
    return landing.toString();
  }
}

/** First value of each utm_* parameter, trimmed and cut to 200 characters: a long tag never breaks a link. */
function utmParameters(query: Record<string, unknown>): UtmParameters {
  const utm: UtmParameters = {};
  for (const name of UTM_PARAMETERS) {
    const raw = Array.isArray(query[name]) ? (query[name] as unknown[])[0] : query[name];
    if (typeof raw !== 'string') continue;
    const value = raw.replaceAll('\u0000', '').trim().slice(0, UTM_MAX_LENGTH);
    if (value) utm[name] = value;
  }
  return utm;
}
