import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import type { Plan } from '../plans/plan-registry';
import { AppConfig } from '../config/app-config';
import { nextUtcMidnight, periodEnd, periodStart, utcDate } from './billing-clock';
import { UsageResponse } from './dto/usage.response';
import { overageCostMicros } from '../plans/plan-catalog';
import { UsageRepository } from './usage.repository';

interface AccountPlan {
  readonly accountId: string;
  readonly plan: Plan;
  readonly overageEnabled: boolean;
}

@Injectable()
export class UsageService {
  constructor(
    private readonly repository: UsageRepository,
    private readonly accounts: AccountsService,
    private readonly config: AppConfig,
  ) {}

  /** Any account's usage, for admins; 404 for an unknown account. */
  async usageOfAccount(accountId: string): Promise<UsageResponse> {
    const account = await this.accounts.getById(accountId);
    return this.usageOf({ accountId: account.id, plan: account.plan, overageEnabled: account.overageEnabled });
  }

  /** Usage in the current UTC day and calendar-month period, against the plan's numbers from the catalog. */
  async usageOf(account: AccountPlan): Promise<UsageResponse> {
    const { catalog } = this.config.billing;
    const limits = catalog.limitsOf(account.plan);
    const usage = await this.repository.currentUsage(account.accountId);
    const dayTaken = usage.dayUsed + usage.dayReserved;
    return {
      account_id: account.accountId,
      plan: account.plan,
      period: { start: periodStart(usage.now).toISOString(), end: periodEnd(usage.now).toISOString() },
      credits: {
        included: limits.includedCredits,
        used: usage.includedUsed + usage.overageUsed,
        remaining: Math.max(0, limits.includedCredits - usage.includedUsed - usage.includedReserved),
        overage: usage.overageUsed,
        overage_cost_micros: overageCostMicros(usage.overageUsed, limits.overage),
        overage_allowed: catalog.overageAllowed(account.plan, account.overageEnabled),
      },
      bonus: {
        remaining: usage.bonus.reduce((total, balance) => total + balance.remaining, 0),
        balances: usage.bonus.map((balance) => ({ remaining: balance.remaining, expires_at: balance.expiresAt.toISOString() })),
      },
      today: {
        date: utcDate(usage.now),
        used: usage.dayUsed,
        cap: limits.dailyCap,
        remaining: limits.dailyCap === null ? null : Math.max(0, limits.dailyCap - dayTaken),
        resets_at: nextUtcMidnight(usage.now).toISOString(),
      },
      rate_limit: {
        limit_per_minute: limits.ratePerMinute,
        used_last_minute: usage.minuteCount,
        remaining: Math.max(0, limits.ratePerMinute - usage.minuteCount),
      },
    };
  }
}
