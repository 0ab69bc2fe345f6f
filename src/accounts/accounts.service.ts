import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { ApiException } from '../common/http/api.exception';
import { isUuid } from '../common/validation/uuid';
import { AccountsRepository } from './accounts.repository';
import { Account } from './entities/account.entity';
import { isPlan, Plan, PLANS } from './plan';

const UNIQUE_VIOLATION = '23505';
const MAX_EMAIL_LENGTH = 320;

export interface PlanChange {
  accountId: string;
  from: Plan;
  to: Plan;
}

/** Plans a customer pays for; a move onto one of them is what "became a paying customer" means. */
export const PAYING_PLANS: readonly Plan[] = ['starter', 'growth', 'pro', 'business', 'enterprise'];

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
    if (!account) throw new ApiException(HttpStatus.NOT_FOUND, `No account with id ${id}`);
    return account;
  }

  list(): Promise<Account[]> {
    return this.repository.list();
  }

  async create(email: string, plan: string, overageEnabled = false): Promise<Account> {
    const checkedPlan = this.checkPlan(plan);
    const checkedEmail = this.checkEmail(email);
    try {
      return await this.repository.insert({ email: checkedEmail, plan: checkedPlan, overageEnabled });
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new ApiException(HttpStatus.CONFLICT, `An account with email ${email.trim()} already exists`);
      }
      throw error;
    }
  }

  async setPlan(id: string, plan: string, overageEnabled?: boolean): Promise<Account> {
    const before = await this.getById(id);
    const updated = await this.repository.update(id, { plan: this.checkPlan(plan), overageEnabled });
    if (!updated) throw new ApiException(HttpStatus.NOT_FOUND, `No account with id ${id}`);
    if (updated.plan !== before.plan) await this.notifyPlanChange({ accountId: id, from: before.plan, to: updated.plan });
    return updated;
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
      throw ApiException.validation(`Invalid email "${trimmed}": use an address such as ops@example.com`, [
        { field: 'email', message: `email must be an email address of at most ${MAX_EMAIL_LENGTH} characters` },
      ]);
    }
    return trimmed;
  }

  private checkPlan(plan: string): Plan {
    if (!isPlan(plan)) {
      throw ApiException.validation(`Unknown plan "${plan}": use one of ${PLANS.join(', ')}`, [
        { field: 'plan', message: `plan must be one of ${PLANS.join(', ')}` },
      ]);
    }
    return plan;
  }
}
