import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GenerateSql, SQL_SAMPLE } from '../database/generate-sql';
import { entityManagerOf, TransactionContext } from '../database/transaction-context';

/**
 * Records a grant in the history of what was granted and why; it stays spendable until the end of the period
 * after next (UTC months). Answers the expiry, for the balance.
 */
const RECORD_GRANT = `
INSERT INTO credit_grants (account_id, referral_id, credits, expires_at)
VALUES ($1, $2, $3, (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '3 months') AT TIME ZONE 'UTC')
RETURNING expires_at`;

/**
 * Adds a grant to the account's live bonus balance (billing_counters), merging grants that expire together,
 * keeping the arrays sorted by expiry and dropping balances that are spent or expired. The upsert takes the
 * counters row lock, so a grant never races an admission or a charge.
 */
const ADD_TO_BALANCE = `
INSERT INTO billing_counters AS c (account_id, bonus_expires_at, bonus_remaining)
VALUES ($1, ARRAY[$3::timestamptz], ARRAY[$2::bigint])
ON CONFLICT (account_id) DO UPDATE
   SET (bonus_expires_at, bonus_remaining) = (
         SELECT coalesce(array_agg(e ORDER BY e), '{}'), coalesce(array_agg(r ORDER BY e), '{}')
           FROM (SELECT e, sum(r)::bigint AS r
                   FROM (SELECT * FROM unnest(c.bonus_expires_at, c.bonus_remaining) AS b(e, r)
                         UNION ALL SELECT $3::timestamptz, $2::bigint) AS grants
                  WHERE e > clock_timestamp() AND r > 0
                  GROUP BY e) AS merged)`;

const CREDITS_GRANTED_FOR_REFERRALS = `
SELECT coalesce(sum(credits), 0)::bigint AS credits FROM credit_grants WHERE account_id = $1 AND referral_id IS NOT NULL`;

/** Bonus credits: the grants' history (credit_grants) and their spendable balance (billing_counters' bonus arrays). */
@Injectable()
export class BonusCreditsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @GenerateSql({ params: [SQL_SAMPLE.transaction, SQL_SAMPLE.accountId, SQL_SAMPLE.referralId, 1000] })
  async recordGrant(tx: TransactionContext, accountId: string, referralId: string | null, credits: number): Promise<Date> {
    const [{ expires_at: expiresAt }] = await entityManagerOf(tx).query(RECORD_GRANT, [accountId, referralId, credits]);
    return expiresAt;
  }

  @GenerateSql({ params: [SQL_SAMPLE.transaction, SQL_SAMPLE.accountId, 1000, new Date('2099-01-01T00:00:00.000Z')] })
  async addToBalance(tx: TransactionContext, accountId: string, credits: number, expiresAt: Date): Promise<void> {
    await entityManagerOf(tx).query(ADD_TO_BALANCE, [accountId, credits, expiresAt]);
  }

  @GenerateSql({ params: [SQL_SAMPLE.accountId] })
  async creditsGrantedForReferrals(accountId: string): Promise<number> {
    const [{ credits }] = await this.dataSource.query(CREDITS_GRANTED_FOR_REFERRALS, [accountId]);
    return Number(credits);
  }
}
