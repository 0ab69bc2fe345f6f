import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

const WINDOW_MS = 60_000;
const MAX_TRACKED_CLIENTS = 50_000;

/**
 * Counts failed authentications per client IP over a rolling minute, so keys and tokens cannot be guessed
 * at speed. Kept in process memory: failures cost no database write, and with N instances behind a load
 * balancer an attacker gets at most N times the limit. A blocked IP is refused before its credentials are
 * even checked, so the block cannot be used to test whether a key is valid.
 */
@Injectable()
export class AuthFailureLimiter {
  /** Per IP, the times of its most recent failures (at most `limit` of them), oldest first. */
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly config: AppConfig) {}

  private get limit(): number {
    return this.config.auth.failuresPerMinute;
  }

  /** Seconds until `ip` may try again, or 0 when it is not blocked. */
  retryAfterSeconds(ip: string, now = Date.now()): number {
    const times = this.failures.get(ip);
    if (!times || times.length < this.limit) return 0;
    const oldest = times[times.length - this.limit];
    return oldest + WINDOW_MS > now ? Math.ceil((oldest + WINDOW_MS - now) / 1000) : 0;
  }

  recordFailure(ip: string, now = Date.now()): void {
    const times = (this.failures.get(ip) ?? []).filter((time) => time > now - WINDOW_MS);
    times.push(now);
    if (times.length > this.limit) times.splice(0, times.length - this.limit);
    this.failures.delete(ip); // re-inserted last, so the map's first entry is the least recently failing IP
    if (this.failures.size >= MAX_TRACKED_CLIENTS) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(ip, times);
  }
}
