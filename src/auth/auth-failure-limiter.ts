import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AuthFailuresRepository, CountedFailure } from './auth-failures.repository';

const WINDOW_SECONDS = 60;
const MAX_TRACKED_CLIENTS = 50_000;
const SWEEP_INTERVAL_MS = 5 * 60_000;

/**
 * Limits failed authentications per client IP, across every instance on the database, so keys and tokens
 * cannot be guessed at speed: AUTH_FAILURES_PER_MINUTE failures are answered 401 within a 60 s window (from the
 * client's first failure); every later request from that IP, on any instance, answers 429 until the window ends.
 *
 * Cheap where it matters: a successful request reads one in-process map and never touches the database. Each
 * failure costs one upsert, which returns the count over all instances. An instance learns of a block from its
 * own next failure (answered 429 then, not 401, since the database count is already past the limit), so across
 * N instances exactly the limit is answered 401; a valid credential from a blocked IP still passes on an
 * instance that has not seen that IP fail. If the database is unreachable, failures are counted in this
 * process alone (the limit is then per instance, as it used to be).
 */
@Injectable()
export class AuthFailureLimiter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AuthFailureLimiter.name);
  /** Per IP, when its block ends (epoch ms), as learned from the database. Entries past it are dropped on read. */
  private readonly blockedUntil = new Map<string, number>();
  /** Fallback count while the database cannot be written: per IP, window start and failures. */
  private readonly local = new Map<string, { startedAt: number; failures: number }>();
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly repository: AuthFailuresRepository,
  ) {}

  private get limit(): number {
    return this.config.auth.failuresPerMinute;
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => {
      this.repository.sweepEnded(WINDOW_SECONDS).catch((error: unknown) => this.logger.warn(`sweeping auth_failures failed: ${String(error)}`));
    }, SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /** Seconds until `ip` may try again, or 0 when it is not blocked. No I/O: runs before every authentication. */
  retryAfterSeconds(ip: string, now = Date.now()): number {
    const until = this.blockedUntil.get(ip);
    if (until === undefined) return 0;
    if (until <= now) {
      this.blockedUntil.delete(ip);
      return 0;
    }
    return Math.ceil((until - now) / 1000);
  }

  /**
   * Counts a failure of `ip`. Returns 0 when it is within the limit (answer it 401), or the seconds until the
   * window ends when it is beyond (answer it 429: the IP was already blocked, this instance just learned it).
   */
  async recordFailure(ip: string, now = Date.now()): Promise<number> {
    let counted: CountedFailure;
    try {
      counted = await this.repository.count(ip, WINDOW_SECONDS);
    } catch (error) {
      this.logger.warn(`counting a failed authentication in the database failed, counting locally: ${String(error)}`);
      counted = this.countLocally(ip, now);
    }
    if (counted.failures < this.limit) return 0;
    const until = counted.windowEndsAt.getTime();
    this.blockedUntil.delete(ip); // re-inserted last, so the map's first entry is the oldest block
    if (this.blockedUntil.size >= MAX_TRACKED_CLIENTS) this.blockedUntil.delete(this.blockedUntil.keys().next().value!);
    this.blockedUntil.set(ip, until);
    return counted.failures > this.limit ? Math.max(1, Math.ceil((until - now) / 1000)) : 0;
  }

  private countLocally(ip: string, now: number): CountedFailure {
    const current = this.local.get(ip);
    const entry = current && current.startedAt > now - WINDOW_SECONDS * 1000 ? current : { startedAt: now, failures: 0 };
    entry.failures++;
    this.local.delete(ip);
    if (this.local.size >= MAX_TRACKED_CLIENTS) this.local.delete(this.local.keys().next().value!);
    this.local.set(ip, entry);
    return { failures: entry.failures, windowEndsAt: new Date(entry.startedAt + WINDOW_SECONDS * 1000) };
  }
}
