import { Client } from 'pg';

export interface DatasetSize {
  clicks: number;
  referrals: number;
  campaigns: number;
  days: number;
  referrers: number;
}

export type DatasetSizeName = 'small' | 'medium' | 'full';

/** medium: a tenth of full, loaded in about a tenth of its time (~1.5 min here), for a shared machine. */
export const DATASET_SIZES: Record<DatasetSizeName, DatasetSize> = {
  small: { clicks: 200_000, referrals: 20_000, campaigns: 200, days: 400, referrers: 200 },
  medium: { clicks: 1_000_000, referrals: 100_000, campaigns: 200, days: 400, referrers: 500 },
  full: { clicks: 10_000_000, referrals: 1_000_000, campaigns: 200, days: 400, referrers: 1_000 },
};

/** The dataset's last instant: fixed, so every run measures the same windows. */
export const DATASET_END = new Date('2026-11-01T00:00:00Z');

/**
 * Fills a migrated, empty database with a referral program's history, entirely in SQL (generate_series):
 * clicks spread over `days` and `campaigns` (a tenth without a campaign), referrals with every funnel
 * outcome. The rollup triggers run as in production, once per statement, so loading in batches also
 * measures how they cope with bulk writes. Returns the seconds taken.
 */
export async function buildDataset(url: string, size: DatasetSize, log: (line: string) => void): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(
      `INSERT INTO accounts (email, plan) SELECT 'referrer-' || i || '@bench.example', 'pro' FROM generate_series(1, $1) i`,
      [size.referrers],
    );
    const params = (batch: number, count: number) => [DATASET_END.toISOString(), size.days, size.campaigns, batch, count];
    const BATCH = 1_000_000;
    for (let done = 0; done < size.clicks; done += BATCH) {
      const count = Math.min(BATCH, size.clicks - done);
      await client.query(
        `WITH referrers AS (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM accounts WHERE email LIKE 'referrer-%')
         INSERT INTO referral_clicks (referral_code, referrer_account_id, utm_source, utm_campaign, created_at)
         SELECT 'BENCH', r.ids[1 + (i % r.n)], 'bench',
                CASE WHEN i % 10 = 0 THEN NULL ELSE 'campaign_' || (i % $3) END,
                $1::timestamptz - random() * ($2 * interval '1 day')
           FROM referrers r, generate_series($4 + 1, $4 + $5) i`,
        params(done, count),
      );
      log(`  clicks: ${done + count} / ${size.clicks}`);
    }
    for (let done = 0; done < size.referrals; done += BATCH) {
      const count = Math.min(BATCH, size.referrals - done);
      // Each referral has its own referee account, created in the same statement.
      await client.query(
        `WITH referrers AS (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM accounts WHERE email LIKE 'referrer-%'),
         referees AS (
           INSERT INTO accounts (email, plan)
           SELECT 'referee-' || i || '@bench.example', 'free' FROM generate_series($4 + 1, $4 + $5) i
           RETURNING id, email
         ),
         draws AS (
           SELECT id AS referee, random() AS outcome, (hashtext(email) & 2147483647) AS h,
                  $1::timestamptz - random() * ($2 * interval '1 day') AS signed_up_at
             FROM referees
         )
         INSERT INTO referrals (referrer_account_id, referee_account_id, utm_campaign, status, signed_up_at,
                                review_required_at, qualified_at, rewarded_at, capped_at, rejected_at, rejection_reason)
         SELECT r.ids[1 + (d.h % r.n)], d.referee,
                CASE WHEN d.h % 10 = 0 THEN NULL ELSE 'campaign_' || (d.h % $3) END,
                CASE WHEN d.outcome < 0.50 THEN 'signed_up' WHEN d.outcome < 0.60 THEN 'review_required'
                     WHEN d.outcome < 0.65 THEN 'rejected' WHEN d.outcome < 0.75 THEN 'qualified'
                     WHEN d.outcome < 0.95 THEN 'rewarded' ELSE 'capped' END,
                d.signed_up_at,
                CASE WHEN d.outcome >= 0.50 AND d.outcome < 0.60 THEN d.signed_up_at END,
                CASE WHEN d.outcome >= 0.65 THEN d.signed_up_at + interval '2 days' END,
                CASE WHEN d.outcome >= 0.75 AND d.outcome < 0.95 THEN d.signed_up_at + interval '2 days' END,
                CASE WHEN d.outcome >= 0.95 THEN d.signed_up_at + interval '2 days' END,
                CASE WHEN d.outcome >= 0.60 AND d.outcome < 0.65 THEN d.signed_up_at + interval '1 day' END,
                CASE WHEN d.outcome >= 0.60 AND d.outcome < 0.65 THEN 'bench' END
           FROM draws d, referrers r`,
        params(done, count),
      );
      log(`  referrals: ${done + count} / ${size.referrals}`);
    }
    // Sets the visibility map too, so counts can be index-only scans, as autovacuum would in production.
    await client.query('VACUUM ANALYZE');
    return (Date.now() - started) / 1000;
  } finally {
    await client.end();
  }
}
