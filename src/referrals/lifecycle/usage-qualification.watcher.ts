import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ReferralLifecycleService } from './referral-lifecycle.service';
import { ReferralsRepository } from './referrals.repository';

/** Accounts found not to be referees are not looked up again for this long. */
const NOT_A_REFEREE_TTL_MS = 60_000;
const MAX_REMEMBERED = 100_000;

/**
 * Qualifies a referral once its referee has been charged the qualifying credits. Runs after each charge,
 * off the request's path; most paying accounts are not referees, so that answer is remembered and costs
 * one indexed lookup per account per minute at most.
 */
@Injectable()
export class UsageQualificationWatcher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(UsageQualificationWatcher.name);
  private readonly notReferees = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly lifecycle: ReferralLifecycleService,
  ) {}

  noteCharge(accountId: string): void {
    const knownAt = this.notReferees.get(accountId);
    if (knownAt !== undefined && Date.now() - knownAt < NOT_A_REFEREE_TTL_MS) return;
    const check = this.check(accountId)
      .catch((error: unknown) => this.logger.error(`qualification check for account ${accountId} failed: ${String(error)}`))
      .finally(() => this.pending.delete(check));
    this.pending.add(check);
  }

  /** Resolves when every check started so far has finished (shutdown, and tests that wait for it). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.settled();
  }

  private async check(accountId: string): Promise<void> {
    const referral = await this.referrals.findByReferee(accountId);
    if (!referral) {
      if (this.notReferees.size >= MAX_REMEMBERED) this.notReferees.clear();
      this.notReferees.set(accountId, Date.now());
      return;
    }
    if (referral.status === 'signed_up') await this.lifecycle.onRefereesCharged([accountId]);
  }
}
