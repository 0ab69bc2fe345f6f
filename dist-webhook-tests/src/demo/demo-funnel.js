"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEMO_REFERRALS = exports.DEMO_CAMPAIGN_LINKS = exports.DEMO_CAMPAIGNS = exports.DEMO_REFERRERS = void 0;
exports.DEMO_REFERRERS = [
    { email: 'ada.referrer@example.com', plan: 'pro', code: 'ADA2026' },
    { email: 'linus.referrer@example.com', plan: 'growth', code: 'LINUS26' },
];
exports.DEMO_CAMPAIGNS = { spring: 'spring_launch', partners: 'partner_blog' };
/** Which referrer shares each campaign's link, and its clicks: 30 + 12 = 42. */
exports.DEMO_CAMPAIGN_LINKS = {
    [exports.DEMO_CAMPAIGNS.spring]: { referrer: 0, clicks: 30 },
    [exports.DEMO_CAMPAIGNS.partners]: { referrer: 1, clicks: 12 },
};
exports.DEMO_REFERRALS = [
    { campaign: exports.DEMO_CAMPAIGNS.spring, signedUpDaysAgo: 12, outcome: 'rewarded' },
    { campaign: exports.DEMO_CAMPAIGNS.spring, signedUpDaysAgo: 10, outcome: 'rewarded' },
    { campaign: exports.DEMO_CAMPAIGNS.spring, signedUpDaysAgo: 9, outcome: 'qualified' },
    { campaign: exports.DEMO_CAMPAIGNS.spring, signedUpDaysAgo: 6, outcome: 'review_required' },
    { campaign: exports.DEMO_CAMPAIGNS.spring, signedUpDaysAgo: 5, outcome: 'signed_up' },
    { campaign: exports.DEMO_CAMPAIGNS.spring, signedUpDaysAgo: 3, outcome: 'signed_up' },
    { campaign: exports.DEMO_CAMPAIGNS.partners, signedUpDaysAgo: 8, outcome: 'signed_up' },
    { campaign: exports.DEMO_CAMPAIGNS.partners, signedUpDaysAgo: 4, outcome: 'signed_up' },
    { campaign: exports.DEMO_CAMPAIGNS.partners, signedUpDaysAgo: 1, outcome: 'signed_up' },
];
//# sourceMappingURL=demo-funnel.js.map