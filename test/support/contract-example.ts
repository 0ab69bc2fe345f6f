/** The contract's example response data, all ten fields: what the demo funnel and the funnel tests produce. */
export const CONTRACT_EXAMPLE = {
  clicks: 42,
  attributed_signups: 9,
  qualified_referrals: 3,
  review_required: 1,
  rewarded_referrals: 2,
  capped_referrals: 0,
  rejected_referrals: 0,
  signup_rate: 0.214,
  qualification_rate: 0.333,
  reward_rate: 0.222,
};
