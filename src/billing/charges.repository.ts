import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GenerateSql, SQL_SAMPLE } from '../database/generate-sql';

/** Of these accounts, those whose charges in the ledger add up to at least $2 credits, all time. */
const ACCOUNTS_CHARGED_AT_LEAST = `
SELECT account_id FROM billing_ledger
 WHERE account_id = ANY($1::uuid[])
 GROUP BY account_id
HAVING sum(credits) >= $2`;

/** Reads of the ledger (billing_ledger) for other modules. */
@Injectable()
export class ChargesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @GenerateSql({ params: [[SQL_SAMPLE.accountId, SQL_SAMPLE.refereeId], 100] })
  async accountsChargedAtLeast(accountIds: string[], credits: number): Promise<string[]> {
    const rows: Array<{ account_id: string }> = await this.dataSource.query(ACCOUNTS_CHARGED_AT_LEAST, [accountIds, credits]);
    return rows.map((row) => row.account_id);
  }
}
