/**
 * The demo funnel: exactly the contract's example (42 clicks, 9 attributed signups, 3 qualified,
 * 1 review required, 2 rewarded, nothing capped or rejected), spread over the last two weeks and two
 * campaigns, so `GET /api/v1/admin/referrals/stats` shows the documented numbers on a fresh start.
 */
export interface DemoReferral {
  campaign: string;
  /** Days before now of the signup. */
  signedUpDaysAgo: number;
  outcome: 'signed_up' | 'review_required' | 'qualified' | 'rewarded';
}

export const DEMO_REFERRERS = [
  { email: 'ada.referrer@example.com', plan: 'pro', code: 'ADA2026' },
  { email: 'linus.referrer@example.com', plan: 'growth', code: 'LINUS26' },
] as const;

export const DEMO_CAMPAIGNS = { spring: 'spring_launch', partners: 'partner_blog' } as const;

/** Which referrer shares each campaign's link, and its clicks: 30 + 12 = 42. */
export const DEMO_CAMPAIGN_LINKS: Record<string, { referrer: number; clicks: number }> = {
  [DEMO_CAMPAIGNS.spring]: { referrer: 0, clicks: 30 },
  [DEMO_CAMPAIGNS.partners]: { referrer: 1, clicks: 12 },
};

export const DEMO_REFERRALS: readonly DemoReferral[] = [
  { campaign: DEMO_CAMPAIGNS.spring, signedUpDaysAgo: 12, outcome: 'rewarded' },
  { campaign: DEMO_CAMPAIGNS.spring, signedUpDaysAgo: 10, outcome: 'rewarded' },
  { campaign: DEMO_CAMPAIGNS.spring, signedUpDaysAgo: 9, outcome: 'qualified' },
  { campaign: DEMO_CAMPAIGNS.spring, signedUpDaysAgo: 6, outcome: 'review_required' },
  { campaign: DEMO_CAMPAIGNS.spring, signedUpDaysAgo: 5, outcome: 'signed_up' },
  { campaign: DEMO_CAMPAIGNS.spring, signedUpDaysAgo: 3, outcome: 'signed_up' },
  { campaign: DEMO_CAMPAIGNS.partners, signedUpDaysAgo: 8, outcome: 'signed_up' },
  { campaign: DEMO_CAMPAIGNS.partners, signedUpDaysAgo: 4, outcome: 'signed_up' },
  { campaign: DEMO_CAMPAIGNS.partners, signedUpDaysAgo: 1, outcome: 'signed_up' },
];
