import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Plan } from '../plans/plan-registry';
import { periodEnd, utcDate } from '../billing/billing-clock';
import { AdmissionOutcome, MeteringService } from '../billing/metering.service';
import { AppConfig } from '../config/app-config';
import { WebhooksService } from '../webhooks/webhooks.service';
import type { UsageCounterKind } from './usage-counter-kinds';
import { CountEntry, UsageHistoryRepository } from './usage-history.repository';

/** Past this many distinct (account, day, kind) entries the counts are written at once, whatever the timer says. */
const MAX_ENTRIES = 10_000;
/** Accounts remembered as already in overage for their current period (so the check is not repeated per charge). */
const MAX_REMEMBERED = 100_000;

/**
 * Counts admissions and refusals per account, UTC day and kind in memory, and writes them every
 * USAGE_COUNTER_FLUSH_MS (default 1 s) in ONE statement: a flood of refusals costs a map increment per request
 * and one upsert per account per second, never a row per request. A crash (kill -9) loses at most the counts
 * of the last interval (≤ 1 s of traffic) of that instance; the ledger, which the credit figures come from, is
 * unaffected. A failed write keeps the counts for the next one.
 *
 * The same transaction writes the billing webhook events whose transition the counts reveal: the first
 * daily_cap_reached / credits_exhausted refusal of an account's UTC day (the counter row's insert), and the first
 * overage of a billing period (usage_overage_periods' insert, checked for the accounts charged since the last
 * write whose counters showed overage: an account within its included credits costs the write nothing).
 */
@Injectable()
export class UsageCounterRecorder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UsageCounterRecorder.name);
  private counts = new Map<string, CountEntry>();
  private charged = new Set<string>();
  private readonly plans = new Map<string, Plan>();
  private readonly inOverage = new Set<string>();
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  /** Transactions written so far (each one statement for the counts): what a refusal flood costs the database. */
  writes = 0;

  constructor(
    private readonly metering: MeteringService,
    private readonly repository: UsageHistoryRepository,
    private readonly webhooks: WebhooksService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.metering.onAdmission((admission) => this.record(admission));
    // Only a charge whose period may have overage needs the overage check at the next write: most never do.
    this.metering.onCharged(({ accountId, mayHaveOverage }) => {
      if (mayHaveOverage && !this.inOverage.has(`${accountId}|${utcDate(new Date()).slice(0, 7)}`)) this.charged.add(accountId);
    });
    this.timer = setInterval(() => void this.flush(), this.config.usageCounterFlushMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Resolves once every count recorded so far is stored (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.counts.size === 0 && this.charged.size === 0) return;
    this.flushing = this.write().finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private record(admission: AdmissionOutcome): void {
    const kind: UsageCounterKind = admission.refusal ?? 'admitted';
    const day = utcDate(admission.at);
    const key = `${admission.accountId}|${day}|${kind}`;
    const entry = this.counts.get(key);
    if (entry) entry.count += 1;
    else this.counts.set(key, { accountId: admission.accountId, day, kind, count: 1 });
    this.plans.set(admission.accountId, admission.plan);
    if (this.counts.size >= MAX_ENTRIES) void this.flush();
  }

  private async write(): Promise<void> {
    const entries = [...this.counts.values()];
    const charged = [...this.charged];
    this.counts = new Map();
    this.charged = new Set();
    try {
      this.writes += 1;
      await this.repository.transaction(async (tx) => {
        const rows = await this.repository.addCounts(tx, entries);
        for (const row of rows) {
          if (!row.inserted || (row.kind !== 'daily_cap_reached' && row.kind !== 'credits_exhausted')) continue;
          await this.webhooks.emit(tx, `billing.${row.kind}`, this.refusalEvent(row.account_id, row.day, row.kind));
        }
        for (const row of await this.repository.markOverage(tx, charged)) {
          if (this.inOverage.size >= MAX_REMEMBERED) this.inOverage.clear();
          this.inOverage.add(`${row.account_id}|${row.period_start.slice(0, 7)}`);
          if (row.started_now) await this.webhooks.emit(tx, 'billing.overage_started', this.overageEvent(row.account_id, row.period_start));
        }
      });
    } catch (error) {
      this.logger.error(`writing usage counters failed, keeping them for the next write: ${error instanceof Error ? error.message : String(error)}`);
      for (const entry of entries) {
        const key = `${entry.accountId}|${entry.day}|${entry.kind}`;
        const current = this.counts.get(key);
        if (current) current.count += entry.count;
        else if (this.counts.size < MAX_ENTRIES * 10) this.counts.set(key, entry);
      }
      for (const accountId of charged) this.charged.add(accountId);
    }
  }

  private planOf(accountId: string): { plan: Plan | null; limits: ReturnType<AppConfig['billing']['catalog']['limitsOf']> | null } {
    const plan = this.plans.get(accountId) ?? null;
    return { plan, limits: plan ? this.config.billing.catalog.limitsOf(plan) : null };
  }

  private refusalEvent(accountId: string, day: string, kind: 'daily_cap_reached' | 'credits_exhausted'): object {
    const { plan, limits } = this.planOf(accountId);
    const midnight = new Date(`${day}T00:00:00Z`);
    return kind === 'daily_cap_reached'
      ? {
          account_id: accountId,
          plan,
          day,
          daily_cap: limits?.dailyCap ?? null,
          resets_at: new Date(midnight.getTime() + 86_400_000).toISOString(),
        }
      : {
          account_id: accountId,
          plan,
          day,
          included_credits: limits?.includedCredits ?? null,
          period_end: periodEnd(midnight).toISOString(),
        };
  }

  private overageEvent(accountId: string, periodStart: string): object {
    const { plan, limits } = this.planOf(accountId);
    return {
      account_id: accountId,
      plan,
      period_start: new Date(`${periodStart}T00:00:00Z`).toISOString(),
      period_end: periodEnd(new Date(`${periodStart}T00:00:00Z`)).toISOString(),
      included_credits: limits?.includedCredits ?? null,
      overage_cents_per_1000_credits: limits?.overage?.centsPer1000Credits ?? null,
    };
  }
}
