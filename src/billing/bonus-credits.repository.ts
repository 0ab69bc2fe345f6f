import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { GenerateSql, SQL_SAMPLE } from '../database/generate-sql';

/**
 * Adds a grant to the account's live bonus balance (billing_counters), merging grants that expire together,
 * keeping the arrays sorted by expiry and dropping balances that are spent or expired. The upsert takes the
 * counters row lock, so a grant never races an admission or a charge.
 */
const GRANT = `
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

@Injectable()
export class BonusCreditsRepository {
  /** Runs inside the caller's transaction, so the grant stands or falls with what earned it. */
  @GenerateSql({ params: [SQL_SAMPLE.transaction, SQL_SAMPLE.accountId, 1000, new Date('2099-01-01T00:00:00.000Z')] })
  async grant(manager: EntityManager, accountId: string, credits: number, expiresAt: Date): Promise<void> {
    await manager.query(GRANT, [accountId, credits, expiresAt]);
  }
}
