import type { DataSource } from 'typeorm';
import { SQL_SAMPLE } from '../../database/generate-sql';

/**
 * The rows the samples' ids name (see SQL_SAMPLE), committed once after the migrations and before any sample
 * runs, so a sample can take the paths that need a row (a lock that finds its key, a repair that finds drift,
 * a replayed idempotency key). Not recorded. Each sample then runs in a transaction that is rolled back.
 */
export async function seedSampleData(dataSource: DataSource): Promise<void> {
  const s = SQL_SAMPLE;
  await dataSource.query(
    `INSERT INTO accounts (id, email, plan, referral_code) VALUES
       ($1, 'sample-referrer@example.com', 'pro', $4),
       ($2, 'sample-referee@example.com', 'free', 'SAMPLEREFEREE'),
       ($3, 'sample-new@example.com', 'free', 'SAMPLENEW')`,
    [s.accountId, s.refereeId, s.newAccountId, s.referralCode],
  );
  // Counters for today with 7 credits used and no ledger row behind them: drift for the reconciliation.
  await dataSource.query(
    `INSERT INTO billing_counters (account_id, usage_day, period_start, day_used)
     VALUES ($1, (now() AT TIME ZONE 'UTC')::date, date_trunc('month', now() AT TIME ZONE 'UTC')::date, 7)`,
    [s.accountId],
  );
  await dataSource.query(
    `INSERT INTO api_keys (id, account_id, name, key_hash, display_prefix) VALUES ($1, $2, 'sample key', $3, 'crw_sample')`,
    [s.apiKeyId, s.accountId, s.hash],
  );
  await dataSource.query(
    `INSERT INTO referrals (id, referrer_account_id, referee_account_id, status, signed_up_at)
     VALUES ($1, $2, $3, 'signed_up', now())`,
    [s.referralId, s.accountId, s.refereeId],
  );
  await dataSource.query(
    `INSERT INTO idempotency_keys (account_id, key, route, request_hash, response_status, response_body)
     VALUES ($1, $2, 'POST /sample', $3, 200, '{}')`,
    [s.accountId, s.idempotencyKey, s.hash],
  );
  await dataSource.query(
    `INSERT INTO webhook_endpoints (id, url, events, secret_sealed)
     VALUES ($1, 'https://example.com/hooks', ARRAY['referral.rewarded'], $2)`,
    [s.webhookEndpointId, s.hash],
  );
}
