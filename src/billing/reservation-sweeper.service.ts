import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { MeteringRepository } from './metering.repository';

const BATCH_SIZE = 500;

/**
 * Returns the credits of reservations whose process died before settling them (crash, kill -9, lost
 * connection). Every instance runs it; the statement lets one sweep at a time.
 */
@Injectable()
export class ReservationSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReservationSweeper.name);
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

  /** One pass; returns the number of accounts whose credits came back. Never throws (logged instead). */
  async sweepNow(): Promise<number> {
    if (this.running) return 0;
    let accounts = 0;
    this.running = (async () => {
      try {
        accounts = await this.repository.sweepExpired(BATCH_SIZE);
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
