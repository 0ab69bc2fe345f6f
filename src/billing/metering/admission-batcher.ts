import { Inject, Injectable, Logger } from '@nestjs/common';
import { RATE_LIMITER, type RateLimitedRequest, type RateLimiter } from '../rate-limit/rate-limiter';
import { MeteringRepository } from './metering.repository';
import type { AdmissionLimits, AdmissionRequest, AdmissionResult, BatchedAdmission } from './metering.types';

/** A statement's worth: larger batches only lengthen the statement that every queued request waits for. */
const MAX_BATCH = 200;
/**
 * Confirmations go in a statement of their own only when no admission statement has come for this long (an idle
 * service); under load they always ride along with the next admission statement.
 */
const CONFIRM_DELAY_MS = 5;
const CONFIRM_RETRY_MS = 1_000;
/**
 * Admission statements in flight at once. One gives the largest batches; two and three measured more
 * PostgreSQL CPU per 2xx (smaller batches, each paying the statement's fixed cost) and no more throughput on 2
 * cores (docs/billing.md, "Metering cost: designs measured").
 */
const MAX_IN_FLIGHT = 1;

/** The account of an admission does not exist (any more): its credential must be refused. */
export class AccountNotFoundError extends Error {
  constructor(readonly accountId: string) {
    super(`account ${accountId} does not exist`);
    this.name = 'AccountNotFoundError';
  }
}

interface Queued {
  readonly request: AdmissionRequest;
  readonly limits: AdmissionLimits;
  resolve(result: AdmissionResult): void;
  reject(error: unknown): void;
}

/**
 * Groups the admissions of concurrent requests into one statement (micro-batching), and the confirmations of
 * their charges with them.
 *
 * Admissions: while one admission statement is in flight, requests queue; when it returns, the queue goes
 * out as the next statement. A lone request is sent at once (after the current I/O callbacks, so requests
 * that arrived together leave together), so an idle service adds no wait. A statement holds at most one
 * request per account (the statement decides each row from the counters as it found them); further requests
 * of that account stay queued, in order, for the next statements. Each statement is exact on its own and
 * locks its accounts in order, so instances batching side by side stay exact and never deadlock.
 *
 * Rate limit: the RateLimiter (one provider, billing.module.ts) answers for each request of a statement before
 * it is sent: a verdict of its own store, or "decided inside the statement" (PostgreSQL's sliding log).
 *
 * When a statement returns, the next one (the requests queued meanwhile) is sent before this one's requests
 * resume, so their handlers' work does not delay it.
 *
 * Confirmations: a 2xx's charge is made final after its response, in batches. They ride along with the next
 * admission statement; only when no admission statement is in flight or queued for a few milliseconds (an idle
 * service) do they go out in a statement of their own. So under load a 2xx costs no statement of its own, and a
 * batch one synchronous commit. Shutdown flushes them.
 */
@Injectable()
export class AdmissionBatcher {
  private readonly logger = new Logger(AdmissionBatcher.name);
  private queue: Queued[] = [];
  /** The admission statements in flight (they may carry confirmations: shutdown waits for them). */
  private readonly inFlight = new Set<Promise<unknown>>();
  private scheduled = false;

  private confirmations: string[] = [];
  private confirming?: Promise<void>;
  private confirmTimer?: NodeJS.Timeout;

  constructor(
    private readonly repository: MeteringRepository,
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
  ) {}

  admit(request: AdmissionRequest, limits: AdmissionLimits): Promise<AdmissionResult> {
    return new Promise<AdmissionResult>((resolve, reject) => {
      this.queue.push({ request, limits, resolve, reject });
      this.schedule();
    });
  }

  /** Queues a provisional charge for confirmation; never throws (a failed batch is retried). */
  confirm(chargeId: string): void {
    this.confirmations.push(chargeId);
    this.confirmAloneAfter(CONFIRM_DELAY_MS);
  }

  /** Resolves once every confirmation queued so far is stored (or has failed and been logged). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    for (let attempt = 0; attempt < 3 && (this.confirmations.length > 0 || this.confirming); attempt++) {
      clearTimeout(this.confirmTimer);
      this.confirmTimer = undefined;
      await this.confirming;
      if (this.confirmations.length > 0) await this.flushConfirmations();
    }
    if (this.confirmations.length > 0) {
      this.logger.error(`${this.confirmations.length} charge(s) left unconfirmed at shutdown: the sweeper will refund them`);
    }
  }

  private schedule(): void {
    if (this.inFlight.size >= MAX_IN_FLIGHT || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.sendNext();
    });
  }

  private async sendNext(): Promise<void> {
    if (this.inFlight.size >= MAX_IN_FLIGHT || this.queue.length === 0) return;
    const batch: Queued[] = [];
    const rest: Queued[] = [];
    const accounts = new Set<string>();
    for (const item of this.queue) {
      if (batch.length < MAX_BATCH && !accounts.has(item.request.accountId)) {
        accounts.add(item.request.accountId);
        batch.push(item);
      } else {
        rest.push(item);
      }
    }
    this.queue = rest;
    if (rest.length > 0) this.schedule();
    // Confirmations queued since the last statement ride along, unless a confirmation statement is in flight
    // (then they wait for the next one, so no marker is ever in two statements at once).
    const confirmations = this.confirming ? [] : this.confirmations;
    if (!this.confirming) {
      this.confirmations = [];
      clearTimeout(this.confirmTimer);
      this.confirmTimer = undefined;
    }
    const asked: RateLimitedRequest[] = batch.map((item) => ({
      accountId: item.request.accountId,
      ratePerMinute: item.limits.ratePerMinute,
    }));
    try {
      // In flight from the limiter's answer on, so no second statement starts meanwhile (MAX_IN_FLIGHT).
      const statement = this.limiter.decide(asked).then(async (rates) => ({
        rates,
        results: await this.repository.admitBatch(batch.map((item, i) => ({ ...item, rate: rates[i] })), confirmations),
      }));
      this.inFlight.add(statement);
      const { rates, results } = await statement.finally(() => this.inFlight.delete(statement));
      const missing = batch.filter((_, i) => results[i]?.missing);
      // The requests queued meanwhile leave now, before this batch's handlers run (unless some of this batch are
      // retried: they go first, in their accounts' order).
      if (missing.length === 0) void this.sendNext();
      const allowedNotAdmitted: RateLimitedRequest[] = [];
      batch.forEach((item, i) => {
        const result = results[i];
        if (result === undefined) item.reject(new Error(`no admission result for request ${item.request.requestId}`));
        else if (!result.missing) item.resolve(result);
        if (rates[i]?.allowed && (result === undefined || result.missing || result.refusal !== null)) {
          allowedNotAdmitted.push(asked[i]);
        }
      });
      // A limiter that allowed a request the statement then refused (or will retry) gives its place back.
      if (allowedNotAdmitted.length > 0) this.forgetQuietly(allowedNotAdmitted);
      if (missing.length > 0) {
        // First metered request of these accounts: create their counters rows, then admit them first. An
        // account that no longer exists (deleted while its key was cached) is refused on its own.
        const live = await this.repository.ensureCounters(missing.map((item) => item.request.accountId));
        for (const item of missing) {
          if (!live.has(item.request.accountId)) item.reject(new AccountNotFoundError(item.request.accountId));
        }
        this.queue = [...missing.filter((item) => live.has(item.request.accountId)), ...this.queue];
      }
    } catch (error) {
      for (const item of batch) item.reject(error);
      if (confirmations.length > 0) {
        this.confirmations = [...confirmations, ...this.confirmations];
        this.confirmAloneAfter(CONFIRM_RETRY_MS);
      }
    } finally {
      if (this.queue.length > 0) this.schedule();
      else this.confirmAloneAfter(CONFIRM_DELAY_MS);
    }
  }

  /**
   * Confirmations still waiting in `delayMs` go in a statement of their own, unless an admission statement is in
   * flight or queued by then: they ride along with it (or the next), and its return calls this again.
   */
  private confirmAloneAfter(delayMs: number): void {
    if (this.confirmations.length === 0) return;
    this.confirmTimer ??= setTimeout(() => {
      this.confirmTimer = undefined;
      if (this.inFlight.size === 0 && this.queue.length === 0) void this.flushConfirmations();
    }, delayMs);
  }

  private forgetQuietly(requests: readonly RateLimitedRequest[]): void {
    this.limiter.forget(requests).catch((error: unknown) => {
      this.logger.error(`the rate limiter could not forget ${requests.length} refused admission(s): ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private flushConfirmations(): Promise<void> {
    clearTimeout(this.confirmTimer);
    this.confirmTimer = undefined;
    if (this.confirming || this.confirmations.length === 0) return this.confirming ?? Promise.resolve();
    const ids = this.confirmations;
    this.confirmations = [];
    this.confirming = this.repository
      .confirmCharges(ids)
      .catch((error: unknown) => {
        // Kept for another attempt: a charge left unconfirmed past its expiry would be refunded by the sweeper.
        this.logger.error(`confirming ${ids.length} charge(s) failed, retrying: ${error instanceof Error ? error.message : String(error)}`);
        this.confirmations = [...ids, ...this.confirmations];
        this.confirmAloneAfter(CONFIRM_RETRY_MS);
      })
      .finally(() => {
        this.confirming = undefined;
        this.confirmAloneAfter(CONFIRM_DELAY_MS);
      });
    return this.confirming;
  }
}
