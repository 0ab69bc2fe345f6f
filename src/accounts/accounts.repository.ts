import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GenerateSql, SQL_SAMPLE } from '../database/generate-sql';
import { entityManagerOf, TransactionContext } from '../database/transaction-context';
import { Account } from './entities/account.entity';
import type { Plan } from '../plans/plan-registry';

export interface NewAccount {
  email: string;
  plan: Plan;
  overageEnabled?: boolean;
  /** Hash of the IP a signup came from (the fraud rules compare a referee's with its referrer's). */
  signupIpHash?: Buffer | null;
  /** Null: the database generates one (new_referral_code()). */
  referralCode?: string | null;
}

/** The account's own fields the referral fraud rules compare a signup with. */
export interface SignupOrigin {
  id: string;
  email: string;
  signupIpHash: Buffer | null;
}

/** The one statement that creates accounts, whoever asks (admin, CLI, signup, demo seed). */
const INSERT_ACCOUNT = `
  INSERT INTO accounts (email, plan, overage_enabled, signup_ip_hash, referral_code)
  VALUES ($1, $2, $3, $4, coalesce($5, new_referral_code()))
  RETURNING id`;

/**
 * Serialises changes to the account's dependents (a second lock waits until the first transaction ends) and holds
 * off the account's deletion meanwhile. No row: no account.
 */
const LOCK_ACCOUNT = `SELECT id FROM accounts WHERE id = $1 FOR NO KEY UPDATE`;

/** Owns the accounts table: every statement that writes it, and the reads other modules ask AccountsService for. */
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

  /** Inside `tx` when given. Read back after the insert: the database fills in the id, referral code and timestamps. */
  @GenerateSql(
    { name: 'admin or CLI', params: [{ email: SQL_SAMPLE.email, plan: 'free', overageEnabled: false }] },
    { name: 'signup, in its transaction', params: [{ email: SQL_SAMPLE.email, plan: 'free', signupIpHash: SQL_SAMPLE.hash }, SQL_SAMPLE.transaction] },
    { name: 'with its referral code', params: [{ email: SQL_SAMPLE.email, plan: 'pro', referralCode: 'DEMO2026' }, SQL_SAMPLE.transaction] },
  )
  async insert(account: NewAccount, tx?: TransactionContext): Promise<Account> {
    const manager = tx ? entityManagerOf(tx) : this.dataSource.manager;
    const [{ id }] = await manager.query(INSERT_ACCOUNT, [
      account.email,
      account.plan,
      account.overageEnabled ?? false,
      account.signupIpHash ?? null,
      account.referralCode ?? null,
    ]);
    return manager.getRepository(Account).findOneByOrFail({ id });
  }

  /** Returns the updated account, or null when there is none with this id. */
  @GenerateSql({ params: [SQL_SAMPLE.accountId, { plan: 'growth', overageEnabled: true }] })
  async update(id: string, changes: { plan?: Plan; overageEnabled?: boolean }): Promise<Account | null> {
    const result = await this.accounts.update({ id }, changes);
    return result.affected ? this.findById(id) : null;
  }

  /** False when there is no such account. */
  @GenerateSql({ params: [SQL_SAMPLE.transaction, SQL_SAMPLE.accountId] })
  async lock(tx: TransactionContext, id: string): Promise<boolean> {
    return (await entityManagerOf(tx).query(LOCK_ACCOUNT, [id])).length > 0;
  }

  /** Holds off every other insert until `tx` ends (concurrent seeders), then says whether the table is empty. */
  @GenerateSql({ params: [SQL_SAMPLE.transaction] })
  async lockTableAndCheckEmpty(tx: TransactionContext): Promise<boolean> {
    const manager = entityManagerOf(tx);
    await manager.query('LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE');
    const [{ exists }] = await manager.query('SELECT EXISTS (SELECT 1 FROM accounts) AS exists');
    return !exists;
  }

  @GenerateSql({ params: [SQL_SAMPLE.transaction, SQL_SAMPLE.accountId] })
  async findSignupOrigin(tx: TransactionContext, id: string): Promise<SignupOrigin | null> {
    const rows = await entityManagerOf(tx).query(
      `SELECT id, email, signup_ip_hash AS "signupIpHash" FROM accounts WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  @GenerateSql({ params: [SQL_SAMPLE.referralCode] })
  async findByReferralCode(code: string): Promise<{ accountId: string; email: string } | null> {
    const rows = await this.dataSource.query(`SELECT id AS "accountId", email FROM accounts WHERE referral_code = $1`, [
      code,
    ]);
    return rows[0] ?? null;
  }
}
