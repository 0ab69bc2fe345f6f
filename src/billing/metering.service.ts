import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ApiKeysService } from '../auth/api-keys/api-keys.service';
import { AuthException, AuthFailure } from '../auth/auth.errors';
import type { Principal } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { BillingException } from './billing.exception';
import { meteringHeaders, retryAfterSeconds } from './metering-headers';
import { AccountNotFoundError, AdmissionBatcher } from './metering/admission-batcher';
import { MeteringRepository } from './metering/metering.repository';
import type { AdmissionLimits, AdmissionResult, RefusalReason } from './metering/metering.types';

const REFUSAL_MESSAGES: Record<RefusalReason, string> = {
  rate_limited: 'Plan rate limit exceeded',
  daily_cap_reached: 'Daily credit cap reached',
  credits_exhausted: 'Included credits exhausted for this billing period',
};

/** An admitted request, until it is settled: what was charged or reserved, and against which limits. */
export interface Admission {
  readonly accountId: string;
  readonly credits: number;
  readonly limits: AdmissionLimits;
  readonly result: AdmissionResult;
  /** Headers for the response as admitted (nothing charged); replaced by the settle step's. */
  readonly headers: Record<string, string>;
}

/** A charge stored for a 2xx, as the charge listeners are told of it. */
export interface StoredCharge {
  readonly accountId: string;
  readonly credits: number;
  /**
   * The account's current period may have overage charged: its counters said so as this charge was stored, or
   * they could not tell (a reservation's charge, whose counters do not carry overage). False means none for sure.
   */
  readonly mayHaveOverage: boolean;
}

/** One admission decision, as the usage history counts it (`at` is the database clock's reading). */
export interface AdmissionOutcome {
  readonly accountId: string;
  readonly plan: Principal['plan'];
  readonly refusal: RefusalReason | null;
  readonly at: Date;
}

export interface MeteredCall {
  readonly principal: Principal;
  readonly credits: number;
  readonly requestId: string;
  readonly route: string;
}

/**
 * The metering decisions around one request: admit (or refuse with a 429), then settle it as succeeded or
 * failed. The atomicity lives in the repository's statements; this class chooses limits and shapes headers and
 * errors.
 *
 * Admissions go through the AdmissionBatcher (one statement for the requests that arrive together). Most
 * admissions charge at once (a provisional charge): a success then only queues the charge's confirmation,
 * off the response's path, and a failure refunds it before the error response. Admissions that spend bonus
 * credits reserve instead: a success charges the reservation, a failure returns it.
 */
@Injectable()
export class MeteringService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(MeteringService.name);
  /** Settlements in progress: shutdown waits for them while the connection pool is still open. */
  private readonly settling = new Set<Promise<unknown>>();
  /** Told after each charge is stored (referrals qualify a referee once it has used enough credits). */
  private readonly chargeListeners: Array<(charge: StoredCharge) => void> = [];
  private readonly admissionListeners: Array<(admission: AdmissionOutcome) => void> = [];

  constructor(
    private readonly repository: MeteringRepository,
    private readonly batcher: AdmissionBatcher,
    private readonly config: AppConfig,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** `listener` runs after every stored charge, off the request's path: it must not throw or block. */
  onCharged(listener: (charge: StoredCharge) => void): void {
    this.chargeListeners.push(listener);
  }

  /**
   * `listener` runs for every admission decision (admitted or refused), synchronously on the request's path:
   * it must only record in memory (usage history counts these in batches), never throw or block.
   */
  onAdmission(listener: (admission: AdmissionOutcome) => void): void {
    this.admissionListeners.push(listener);
  }

  /** The plan numbers for this principal, read from the catalog at request time (its plan as stored now). */
  limitsFor(principal: Principal): AdmissionLimits {
    const { catalog } = this.config.billing;
    const plan = catalog.limitsOf(principal.plan);
    return {
      ratePerMinute: plan.ratePerMinute,
      dailyCap: plan.dailyCap,
      includedCredits: plan.includedCredits,
      overageAllowed: catalog.overageAllowed(principal.plan, principal.overageEnabled),
    };
  }

  /** Admits the call and charges or reserves its credits, or throws the BillingException (429, with headers) the filter renders. */
  async admit(call: MeteredCall): Promise<Admission> {
    const limits = this.limitsFor(call.principal);
    const result = await this.batcher
      .admit(
        {
          accountId: call.principal.accountId,
          credits: call.credits,
          requestId: call.requestId,
          credential: call.principal.credential,
          route: call.route,
        },
        limits,
      )
      .catch((error: unknown) => {
        if (!(error instanceof AccountNotFoundError)) throw error;
        // Deleted while its key was cached: the key went with it (ON DELETE CASCADE), so it is now unknown.
        this.apiKeys.forgetAccount(error.accountId);
        throw new AuthException(call.principal.credential.kind === 'jwt' ? AuthFailure.InvalidToken : AuthFailure.InvalidApiKey);
      });
    const outcome: AdmissionOutcome = {
      accountId: call.principal.accountId,
      plan: call.principal.plan,
      refusal: result.refusal,
      at: result.counters.now,
    };
    for (const listener of this.admissionListeners) listener(outcome);
    if (result.refusal !== null) {
      const retryAfter = retryAfterSeconds(result.refusal, result);
      throw new BillingException(result.refusal, REFUSAL_MESSAGES[result.refusal], {
        details: { reason: result.refusal, retry_after_seconds: retryAfter },
        headers: meteringHeaders(limits, result.counters, 0, retryAfter),
      });
    }
    return {
      accountId: call.principal.accountId,
      credits: call.credits,
      limits,
      result,
      get headers() {
        // Only needed when the settle step cannot produce its own (a failed refund or return); built on demand.
        return meteringHeaders(limits, result.counters, 0);
      },
    };
  }

  /**
   * Runs before the pool closes on shutdown. A client that disconnected just before SIGTERM has its refund or
   * return still in flight; letting it finish gives the credits back now instead of at the admission's expiry.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.settling]);
    await this.batcher.drain();
  }

  /** The handler succeeded: confirm the provisional charge, or charge the reservation. Returns the response's headers. */
  settleSucceeded(admission: Admission): Promise<Record<string, string>> {
    const { chargeId } = admission.result;
    if (chargeId) {
      // Charged by the admission already: the ledger and counters hold it. Confirm it after the response.
      this.batcher.confirm(chargeId);
      // The admission's counters are the period's after this charge.
      this.notifyCharged(admission, admission.result.counters.overageUsed > 0);
      return Promise.resolve(meteringHeaders(admission.limits, admission.result.counters, admission.credits));
    }
    return this.track(this.chargeReservation(admission));
  }

  /**
   * The request failed (or the client left): refund the provisional charge, or return the reservation. Returns
   * the response's headers.
   */
  settleFailed(admission: Admission): Promise<Record<string, string>> {
    const { chargeId } = admission.result;
    return this.track(chargeId ? this.refundCharge(admission, chargeId) : this.returnReservation(admission));
  }

  private notifyCharged(admission: Admission, mayHaveOverage: boolean): void {
    const charge: StoredCharge = { accountId: admission.accountId, credits: admission.credits, mayHaveOverage };
    for (const listener of this.chargeListeners) listener(charge);
  }

  private async refundCharge(admission: Admission, chargeId: string): Promise<Record<string, string>> {
    const { counters } = admission.result;
    const settled = await this.repository.refundCharge(chargeId);
    return meteringHeaders(admission.limits, settled ? { ...counters, ...settled } : counters, 0);
  }

  private track<T>(settlement: Promise<T>): Promise<T> {
    this.settling.add(settlement);
    const forget = () => this.settling.delete(settlement);
    settlement.then(forget, forget);
    return settlement;
  }

  private async chargeReservation(admission: Admission): Promise<Record<string, string>> {
    const { reservationId, counters } = admission.result;
    if (reservationId === null) return admission.headers;
    const settled = await this.repository.chargeReservation(reservationId);
    if (settled === null) {
      // Only possible when the request outlived BILLING_RESERVATION_TTL_MS and the sweeper reclaimed it.
      this.logger.warn(`reservation ${reservationId} expired before its request succeeded: not charged`);
      return admission.headers;
    }
    this.notifyCharged(admission, true);
    return meteringHeaders(admission.limits, { ...counters, ...settled }, admission.credits);
  }

  private async returnReservation(admission: Admission): Promise<Record<string, string>> {
    const { reservationId, counters } = admission.result;
    if (reservationId === null) return admission.headers;
    const settled = await this.repository.returnReservation(reservationId);
    return meteringHeaders(admission.limits, settled ? { ...counters, ...settled } : counters, 0);
  }
}
