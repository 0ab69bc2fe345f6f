import { Client } from 'pg';

/** 50,000 clicks over 2026 (one every 7 minutes, 20 campaigns) for `referrerId`: something for reports to count. */
const SEED_CLICKS = `
INSERT INTO referral_clicks (referral_code, referrer_account_id, utm_campaign, created_at)
SELECT 'SMOKE', $1, 'campaign_' || (i % 20), timestamptz '2026-01-01' + i * interval '7 minutes'
  FROM generate_series(1, 50000) i`;

export async function seedReportClicks(url: string, referrerId: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(SEED_CLICKS, [referrerId]);
  } finally {
    await client.end();
  }
}
