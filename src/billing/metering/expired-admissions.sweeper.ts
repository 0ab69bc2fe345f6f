import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { MeteringRepository } from './metering.repository';

const BATCH_SIZE = 500;

/**
 * Settles what a dead process left (crash, kill -9, lost connection): returns the credits of its expired
 * reservations and refunds its expired provisional charges (their requests were never confirmed). Every instance
 * runs it; each sweep statement lets one instance sweep at a time.
 */
@Injectable()
export class ExpiredAdmissionsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExpiredAdmissionsSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly repository: MeteringRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweepNow(), this.config.billing.sweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * One pass; returns the number of accounts whose expired reservations were returned plus the number whose
   * expired charges were refunded. Never throws (logged instead).
   */
  async sweepNow(): Promise<number> {
    if (this.running) return 0;
    let accounts = 0;
    this.running = (async () => {
      try {
        accounts = (await this.repository.sweepExpiredReservations(BATCH_SIZE)) + (await this.repository.sweepExpiredCharges(BATCH_SIZE));
        if (accounts > 0) this.logger.warn(`returned expired reservations of ${accounts} account(s)`);
      } catch (error) {
        this.logger.error(`sweeping expired reservations failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
    await this.running;
    this.running = undefined;
    return accounts;
  }
}
