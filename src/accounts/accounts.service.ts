import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiException } from '../common/http/api.exception';
import { isUuid } from '../common/validation/uuid';
import { AccountsRepository } from './accounts.repository';
import { Account } from './entities/account.entity';
import { isPlan, Plan, PLANS } from './plan';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class AccountsService {
  constructor(private readonly repository: AccountsRepository) {}

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
    try {
      return await this.repository.insert({ email: email.trim(), plan: checkedPlan, overageEnabled });
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new ApiException(HttpStatus.CONFLICT, `An account with email ${email.trim()} already exists`);
      }
      throw error;
    }
  }

  async setPlan(id: string, plan: string, overageEnabled?: boolean): Promise<Account> {
    if (!isUuid(id)) throw new ApiException(HttpStatus.NOT_FOUND, `No account with id ${id}`);
    const updated = await this.repository.update(id, { plan: this.checkPlan(plan), overageEnabled });
    if (!updated) throw new ApiException(HttpStatus.NOT_FOUND, `No account with id ${id}`);
    return updated;
  }

  private checkPlan(plan: string): Plan {
    if (!isPlan(plan)) {
      throw new ApiException(HttpStatus.BAD_REQUEST, `Unknown plan "${plan}": use one of ${PLANS.join(', ')}`);
    }
    return plan;
  }
}
