import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { BonusCreditsService } from '../../billing/bonus-credits.service';
import { ChargesService } from '../../billing/charges.service';
import { isUuid } from '../../common/validation/uuid';
import { AppConfig } from '../../config/app-config';
import type { ReferralEventType } from '../../webhooks/webhook-event-types';
import { WebhooksService } from '../../webhooks/webhooks.service';
import { ReferralResponse, toReferralResponse } from '../dto/referral.response';
import { ReferralException, ReferralExceptionCode } from '../referral.exception';
import { ReferralAction, transition } from './referral-state-machine';
import { Actor, ReferralRecord, ReferralsRepository, ReferralsTransaction, SYSTEM_ACTOR } from './referrals.repository';

/** The webhook event each status change announces (in the change's own transaction). */
const ACTION_EVENTS: Record<ReferralAction, ReferralEventType> = {
  approve: 'referral.approved',
  reject: 'referral.rejected',
  qualify: 'referral.qualified',
  reward: 'referral.rewarded',
  cap: 'referral.capped',
};

/** Writes the referral as it now is (inside `tx`) to the webhook outbox as `type`. */
export async function announce(webhooks: WebhooksService, tx: ReferralsTransaction, type: ReferralEventType, id: string): Promise<void> {
  await webhooks.emit(tx.context, type, (await tx.findById(id))!);
}

export function actorOf(principal: Principal): Actor {
  return { kind: principal.credential.kind, id: principal.credential.id, accountId: principal.accountId };
}

/**
 * Moves referrals through the state machine, one locked transaction per change, each change audited.
 * Qualification is followed at once, in the same transaction, by the reward or the cap: every step, the
 * reward and the cap included, is checked against the state machine's table.
 */
@Injectable()
export class ReferralLifecycleService {
  private readonly logger = new Logger(ReferralLifecycleService.name);

  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly bonusCredits: BonusCreditsService,
    private readonly charges: ChargesService,
    private readonly config: AppConfig,
    private readonly webhooks: WebhooksService,
  ) {}

  /** Approves; a referee that has already used the qualifying credits then qualifies at once. */
  async approve(id: string, actor: Actor): Promise<ReferralResponse> {
    const approved = await this.change(id, 'approve', null, actor);
    await this.onRefereesCharged([approved.referee_account_id]);
    return toReferralResponse((await this.referrals.findById(id)) ?? approved);
  }

  async reject(id: string, reason: string, actor: Actor): Promise<ReferralResponse> {
    return toReferralResponse(await this.change(id, 'reject', reason, actor));
  }

  async qualify(id: string, actor: Actor, reason = 'manual'): Promise<ReferralResponse> {
    return toReferralResponse(await this.change(id, 'qualify', reason, actor));
  }

  /** Qualifies the referee's open referral when it has just moved to a paying plan; a no-op otherwise. */
  async onRefereeBecamePaying(refereeAccountId: string): Promise<void> {
    const referral = await this.referrals.findByReferee(refereeAccountId);
    if (referral?.status === 'signed_up') await this.qualifyQuietly(referral.id, 'paid_plan');
  }

  /** Qualifies referrals whose referees have now been charged the qualifying number of credits. */
  async onRefereesCharged(refereeAccountIds: string[]): Promise<void> {
    const charged = await this.charges.accountsChargedAtLeast(refereeAccountIds, this.config.referrals.qualifyingCredits);
    const due = charged.length > 0 ? await this.referrals.signedUpReferralsOf(charged) : [];
    for (const id of due) await this.qualifyQuietly(id, 'credits_used');
  }

  /** System qualification races with admins and other instances: losing the race (an illegal transition) is fine. */
  private async qualifyQuietly(id: string, reason: string): Promise<void> {
    try {
      await this.qualify(id, SYSTEM_ACTOR, reason);
    } catch (error) {
      if (error instanceof ReferralException && error.code === ReferralExceptionCode.IllegalTransition) return;
      throw error;
    }
  }

  private change(id: string, action: ReferralAction, reason: string | null, actor: Actor): Promise<ReferralRecord> {
    if (!isUuid(id)) return Promise.reject(ReferralException.notFound(id));
    return this.referrals.transaction(async (tx) => {
      const referral = await tx.lockById(id);
      if (!referral) throw ReferralException.notFound(id);
      const moved = await this.move(tx, referral, action, reason, actor);
      if (moved.status === 'qualified') await this.rewardOrCap(tx, moved);
      return (await tx.findById(id))!;
    });
  }

  private async rewardOrCap(tx: ReferralsTransaction, referral: ReferralRecord): Promise<void> {
    const { monthlyRewardCap, rewardCredits } = this.config.referrals;
    if (await tx.claimRewardSlot(referral.referrer_account_id, monthlyRewardCap)) {
      await this.move(tx, referral, 'reward', null, SYSTEM_ACTOR);
      // On the same transaction: the reward and its credits commit together or not at all.
      await this.bonusCredits.grantForReferral(tx.context, {
        accountId: referral.referrer_account_id,
        referralId: referral.id,
        credits: rewardCredits,
      });
    } else {
      await this.move(tx, referral, 'cap', `monthly reward cap of ${monthlyRewardCap} reached`, SYSTEM_ACTOR);
      this.logger.log(`referral ${referral.id} capped: referrer reached ${monthlyRewardCap} rewards this month`);
    }
  }

  /**
   * Takes one step of the state machine on the locked `referral` (refused with `illegal_transition` when the
   * table has no such step) and announces it. Answers the referral as moved.
   */
  private async move(
    tx: ReferralsTransaction,
    referral: ReferralRecord,
    action: ReferralAction,
    reason: string | null,
    actor: Actor,
  ): Promise<ReferralRecord> {
    const step = transition(referral.status, action);
    await tx.moveTo(referral, step, reason, actor);
    await announce(this.webhooks, tx, ACTION_EVENTS[action], referral.id);
    return { ...referral, status: step.to };
  }
}
