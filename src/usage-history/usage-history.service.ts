import { Injectable, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AccountsService } from '../accounts/accounts.service';
import type { Plan } from '../plans/plan-registry';
import { utcDate } from '../billing/billing-clock';
import { overageCostMicros } from '../plans/plan-catalog';
import { AppConfig } from '../config/app-config';
import { addDays, DEFAULT_WINDOW_DAYS, daysInWindow, MAX_WINDOW_DAYS } from './calendar-date';
import { DailyUsageResponse, TopConsumersResponse, UsageDayResponse } from './dto/usage-history.response';
import type { UsageWindowQueryDto } from './dto/usage-window-query.dto';
import { UsageHistoryException } from './usage-history.exception';
import { UsageHistoryRepository } from './usage-history.repository';

/** The CSV's columns, in order: the JSON day's fields, refusals flattened. */
export const CSV_COLUMNS = [
  'date',
  'credits_charged',
  'requests_charged',
  'requests_admitted',
  'included_credits',
  'bonus_credits',
  'overage_credits',
  'overage_cost_micros',
  'refused_rate_limited',
  'refused_daily_cap_reached',
  'refused_credits_exhausted',
] as const;

export interface UsageWindow {
  from: string;
  to: string;
}

@Injectable()
export class UsageHistoryService {
  constructor(
    private readonly repository: UsageHistoryRepository,
    private readonly accounts: AccountsService,
    private readonly config: AppConfig,
  ) {}

  /** Both bounds inclusive UTC days; defaults to the 30 days ending today; 400 for a window over 400 days. */
  window(query: UsageWindowQueryDto): UsageWindow {
    const to = query.to ?? (query.from ? addDays(query.from, DEFAULT_WINDOW_DAYS - 1) : utcDate(new Date()));
    const from = query.from ?? addDays(to, -(DEFAULT_WINDOW_DAYS - 1));
    const days = daysInWindow(from, to);
    if (days < 1) throw UsageHistoryException.invalidWindow({ field: 'to', message: 'to must not be before from' });
    if (days > MAX_WINDOW_DAYS) {
      throw UsageHistoryException.invalidWindow({
        field: 'to',
        message: `the window from ${from} to ${to} is ${days} days; at most ${MAX_WINDOW_DAYS} (both days included)`,
      });
    }
    return { from, to };
  }

  /** 404 for an unknown account (admin route). */
  async dailyOfAccount(accountId: string, window: UsageWindow): Promise<DailyUsageResponse> {
    const account = await this.accounts.getById(accountId);
    return this.daily(account.id, account.plan, window);
  }

  async daily(accountId: string, plan: Plan, window: UsageWindow): Promise<DailyUsageResponse> {
    const pricing = this.config.billing.catalog.limitsOf(plan).overage;
    const rows = await this.repository.dailyUsage(accountId, window.from, window.to);
    const days: UsageDayResponse[] = rows.map((row) => ({
      date: row.day,
      credits_charged: Number(row.credits),
      requests_charged: Number(row.requests),
      requests_admitted: Number(row.admitted),
      included_credits: Number(row.included),
      bonus_credits: Number(row.bonus),
      overage_credits: Number(row.overage),
      overage_cost_micros: overageCostMicros(Number(row.overage), pricing),
      refusals: {
        rate_limited: Number(row.rate_limited),
        daily_cap_reached: Number(row.daily_cap_reached),
        credits_exhausted: Number(row.credits_exhausted),
      },
    }));
    return { account_id: accountId, from: window.from, to: window.to, days };
  }

  async top(window: UsageWindow, limit: number): Promise<TopConsumersResponse> {
    const rows = await this.repository.topConsumers(window.from, window.to, limit);
    const { catalog } = this.config.billing;
    return {
      ...window,
      items: rows.map((row) => ({
        account_id: row.account_id,
        email: row.email,
        plan: row.plan,
        credits_charged: Number(row.credits),
        requests_charged: Number(row.requests),
        overage_credits: Number(row.overage),
        overage_cost_micros: overageCostMicros(Number(row.overage), catalog.limitsOf(row.plan as Plan).overage),
      })),
    };
  }

  /** The same rows as CSV (RFC 4180, header first), streamed line by line. */
  csv(usage: DailyUsageResponse): StreamableFile {
    function* lines(): Generator<string> {
      yield `${CSV_COLUMNS.join(',')}\r\n`;
      for (const day of usage.days) {
        yield [
          day.date,
          day.credits_charged,
          day.requests_charged,
          day.requests_admitted,
          day.included_credits,
          day.bonus_credits,
          day.overage_credits,
          day.overage_cost_micros,
          day.refusals.rate_limited,
          day.refusals.daily_cap_reached,
          day.refusals.credits_exhausted,
        ].join(',') + '\r\n';
      }
    }
    return new StreamableFile(Readable.from(lines()), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="usage-${usage.account_id}-${usage.from}-${usage.to}.csv"`,
    });
  }
}
