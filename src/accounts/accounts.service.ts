import { Injectable, Logger } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { fieldErrors } from '../common/errors/domain.exception';
import { isUuid } from '../common/validation/uuid';
import type { TransactionContext } from '../database/transaction-context';
import { AccountException, AccountExceptionCode } from './account.exception';
import { AccountsRepository, NewAccount, SignupOrigin } from './accounts.repository';
import { Account } from './entities/account.entity';
import { isPlan, Plan, PLAN_LIST } from '../plans/plan-registry';

const UNIQUE_VIOLATION = '23505';
const MAX_EMAIL_LENGTH = 320;

export interface PlanChange {
  accountId: string;
  from: Plan;
  to: Plan;
}

@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);
  /** Told after a plan change is stored (referrals qualify a referee that starts paying). */
  private readonly planChangeListeners: Array<(change: PlanChange) => Promise<void>> = [];

  constructor(private readonly repository: AccountsRepository) {}

  onPlanChanged(listener: (change: PlanChange) => Promise<void>): void {
    this.planChangeListeners.push(listener);
  }

  /** The account, or null for an unknown or malformed id (never a database error for a bad uuid). */
  findById(id: string): Promise<Account | null> {
    return isUuid(id) ? this.repository.findById(id) : Promise.resolve(null);
  }

  async getById(id: string): Promise<Account> {
    const account = await this.findById(id);
    if (!account) throw AccountException.notFound(id);
    return account;
  }

  list(): Promise<Account[]> {
    return this.repository.list();
  }

  async create(email: string, plan: string, overageEnabled = false): Promise<Account> {
    const checkedPlan = this.checkPlan(plan);
    const checkedEmail = this.checkEmail(email);
    return this.insert({ email: checkedEmail, plan: checkedPlan, overageEnabled });
  }

  /**
   * Creates an account inside the caller's transaction (a signup, with its referral and events; the demo seed),
   * so it stands or falls with the rest. The caller has validated the values (the signup DTO, fixed demo data).
   */
  createWithin(tx: TransactionContext, account: NewAccount): Promise<Account> {
    return this.insert(account, tx);
  }

  /** Locks the account until `tx` ends, serialising changes to what hangs off it (its API keys). False: no such account. */
  lockWithin(tx: TransactionContext, id: string): Promise<boolean> {
    return isUuid(id) ? this.repository.lock(tx, id) : Promise.resolve(false);
  }

  /** Locks out every other account creation until `tx` ends (concurrent seeders), then says whether there are none. */
  lockAndCheckNoAccounts(tx: TransactionContext): Promise<boolean> {
    return this.repository.lockTableAndCheckEmpty(tx);
  }

  /** The email and signup IP hash the referral fraud rules compare a new signup with. */
  findSignupOrigin(tx: TransactionContext, id: string): Promise<SignupOrigin | null> {
    return this.repository.findSignupOrigin(tx, id);
  }

  /** The account that shares this referral code, if any. */
  findByReferralCode(code: string): Promise<{ accountId: string; email: string } | null> {
    return this.repository.findByReferralCode(code);
  }

  async setPlan(id: string, plan: string, overageEnabled?: boolean): Promise<Account> {
    const before = await this.getById(id);
    const updated = await this.repository.update(id, { plan: this.checkPlan(plan), overageEnabled });
    if (!updated) throw AccountException.notFound(id);
    if (updated.plan !== before.plan) await this.notifyPlanChange({ accountId: id, from: before.plan, to: updated.plan });
    return updated;
  }

  /** A second account with the same email (whatever its case) is refused with 409, not answered in SQL terms. */
  private async insert(account: NewAccount, tx?: TransactionContext): Promise<Account> {
    try {
      return await this.repository.insert(account, tx);
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw AccountException.emailTaken(account.email);
      }
      throw error;
    }
  }

  /** The plan change stands whatever a listener does; a listener's failure is logged, not returned. */
  private async notifyPlanChange(change: PlanChange): Promise<void> {
    for (const listener of this.planChangeListeners) {
      await listener(change).catch((error: unknown) =>
        this.logger.error(`after the plan change of account ${change.accountId}: ${String(error)}`),
      );
    }
  }

  /** The same rule as the signup route, checked before the database's own CHECK can answer in SQL terms. */
  private checkEmail(email: string): string {
    const trimmed = email.trim();
    if (trimmed.length > MAX_EMAIL_LENGTH || !isEmail(trimmed)) {
      throw new AccountException(
        AccountExceptionCode.InvalidEmail,
        `Invalid email "${trimmed}": use an address such as ops@example.com`,
        fieldErrors({ field: 'email', message: `email must be an email address of at most ${MAX_EMAIL_LENGTH} characters` }),
      );
    }
    return trimmed;
  }

  private checkPlan(plan: string): Plan {
    if (!isPlan(plan)) {
      throw new AccountException(
        AccountExceptionCode.UnknownPlan,
        `Unknown plan "${plan}": use one of ${PLAN_LIST}`,
        fieldErrors({ field: 'plan', message: `plan must be one of ${PLAN_LIST}` }),
      );
    }
    return plan;
  }
}
