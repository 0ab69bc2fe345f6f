import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Account } from './entities/account.entity';
import type { Plan } from './plan';
import { GenerateSql, SQL_SAMPLE } from '../database/generate-sql';

@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get accounts() {
    return this.dataSource.getRepository(Account);
  }

  @GenerateSql({ params: [SQL_SAMPLE.accountId] })
  findById(id: string): Promise<Account | null> {
    return this.accounts.findOneBy({ id });
  }

  @GenerateSql()
  list(): Promise<Account[]> {
    return this.accounts.find({ order: { createdAt: 'ASC' } });
  }

  /** Read back after the insert: the database fills in the id, referral code and timestamps. */
  @GenerateSql({ params: [{ email: SQL_SAMPLE.email, plan: 'free', overageEnabled: false }] })
  async insert(values: { email: string; plan: Plan; overageEnabled: boolean }): Promise<Account> {
    const { id } = await this.accounts.save(this.accounts.create(values));
    return this.accounts.findOneByOrFail({ id });
  }

  /** Returns the updated account, or null when there is none with this id. */
  @GenerateSql({ params: [SQL_SAMPLE.accountId, { plan: 'growth', overageEnabled: true }] })
  async update(id: string, changes: { plan?: Plan; overageEnabled?: boolean }): Promise<Account | null> {
    const result = await this.accounts.update({ id }, changes);
    return result.affected ? this.findById(id) : null;
  }
}
