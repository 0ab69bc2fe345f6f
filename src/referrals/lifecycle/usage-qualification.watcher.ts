import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ReferralLifecycleService } from './referral-lifecycle.service';
import { mayStillQualify } from './referral-state-machine';
import { ReferralsRepository } from './referrals.repository';

/** An account whose charges were found to change no referral is not looked up again for this long. */
const SETTLED_TTL_MS = 60_000;
const MAX_REMEMBERED = 100_000;

/**
 * Qualifies a referral once its referee has been charged the qualifying credits. Runs after each charge, off the
 * request's path. Most paying accounts are not referees, or are referees whose referral has already qualified
 * (or is final): their charges can change nothing, and that answer is remembered, so such an account costs one
 * indexed lookup per minute at most, not one per charge. One check per account runs at a time; charges that
 * arrive meanwhile make one more check after it, so the charge that crosses the threshold is never missed.
 */
@Injectable()
export class UsageQualificationWatcher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(UsageQualificationWatcher.name);
  /** Accounts whose charges qualify nothing, and when that was found. */
  private readonly settled = new Map<string, number>();
  /** The account's check in progress; `again` when a charge arrived after it started. */
  private readonly checking = new Map<string, { again: boolean }>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly lifecycle: ReferralLifecycleService,
  ) {}

  noteCharge(accountId: string): void {
    const settledAt = this.settled.get(accountId);
    if (settledAt !== undefined && Date.now() - settledAt < SETTLED_TTL_MS) return;
    const running = this.checking.get(accountId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    this.checking.set(accountId, state);
    const check = this.check(accountId)
      .catch((error: unknown) => this.logger.error(`qualification check for account ${accountId} failed: ${String(error)}`))
      .finally(() => {
        this.pending.delete(check);
        this.checking.delete(accountId);
        if (state.again) this.noteCharge(accountId);
      });
    this.pending.add(check);
  }

  /** Resolves when every check started so far (and any it started again) has finished: shutdown, and tests. */
  async checksSettled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.checksSettled();
  }

  private async check(accountId: string): Promise<void> {
    const referral = await this.referrals.findByReferee(accountId);
    if (!referral || !mayStillQualify(referral.status)) {
      if (this.settled.size >= MAX_REMEMBERED) this.settled.clear();
      this.settled.set(accountId, Date.now());
      return;
    }
    if (referral.status === 'signed_up') await this.lifecycle.onRefereesCharged([accountId]);
  }
}
