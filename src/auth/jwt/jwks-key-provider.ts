import { Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, customFetch, decodeProtectedHeader } from 'jose';
import { KeyObject } from 'node:crypto';
import { AppConfig, JwksConfig } from '../../config/app-config';
import { MetricsService } from '../../observability/metrics.service';

/** Refused without a network request: the previous JWKS fetch attempt was too recent. */
class JwksCoolingDown extends Error {
  constructor() {
    super('JWKS fetch skipped: the previous attempt was within JWT_JWKS_COOLDOWN_MS');
  }
}

/**
 * The verification key of an admin JWT, from the identity provider's JWKS (JWT_JWKS_URL), for passport-jwt's
 * `secretOrKeyProvider`. jose's createRemoteJWKSet fetches, parses and selects the keys (by `kid`, `alg`,
 * `kty`, `use`); this class adds the policy a paid API needs around it:
 *
 * - **Bounded fetching.** Every fetch goes through `gatedFetch`, which allows at most one attempt per
 *   JWT_JWKS_COOLDOWN_MS, successful or not. jose's own cooldown counts only from the last *successful* fetch,
 *   so with the IdP down every unknown kid would try again; here a flood of forged kids (or a down IdP) costs
 *   at most one request per cooldown, and the tokens that would need a fetch inside it fail closed (401).
 * - **Stale keys keep serving.** jose's cache never expires by itself (`cacheMaxAge: Infinity`: with a finite
 *   age, an unreachable IdP would fail every token once the age passed). Instead, keys older than
 *   JWT_JWKS_CACHE_MAX_AGE_MS are refreshed in the background while still in use, so keys the IdP removed
 *   stop working within that age once it answers, and cached keys keep working while it does not.
 * - **Rotation without restart.** A token whose kid is unknown triggers a refetch (subject to the cooldown).
 * - **Algorithms pinned** before any lookup: a token whose header names another algorithm never costs a fetch.
 */
@Injectable()
export class JwksKeyProvider {
  private readonly logger = new Logger(JwksKeyProvider.name);
  private readonly jwks?: JwksConfig;
  private readonly algorithms: ReadonlySet<string>;
  private readonly remote?: ReturnType<typeof createRemoteJWKSet>;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private lastSuccessAt = Number.NEGATIVE_INFINITY;

  constructor(
    config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.jwks = config.auth.jwt?.jwks;
    this.algorithms = new Set(config.auth.jwt?.algorithms ?? []);
    if (this.jwks) {
      this.remote = createRemoteJWKSet(new URL(this.jwks.url), {
        cacheMaxAge: Number.POSITIVE_INFINITY,
        cooldownDuration: this.jwks.cooldownMs,
        timeoutDuration: this.jwks.timeoutMs,
        [customFetch]: (url: string, init: RequestInit) => this.gatedFetch(url, init),
      });
    }
  }

  get enabled(): boolean {
    return this.remote !== undefined;
  }

  /** The public key that must have signed `rawToken`; rejects when there is none (the token is then a 401). */
  async keyFor(rawToken: string): Promise<KeyObject> {
    if (!this.remote || !this.jwks) throw new Error('JWT_JWKS_URL is not configured');
    const header = decodeProtectedHeader(rawToken);
    if (typeof header.alg !== 'string' || !this.algorithms.has(header.alg)) {
      throw new Error(`JWT algorithm ${String(header.alg)} is not accepted`);
    }
    if (Date.now() - this.lastSuccessAt > this.jwks.cacheMaxAgeMs && !this.remote.reloading && this.remote.jwks()) {
      // Stale but present: refresh for the requests to come, answer this one with what is cached.
      this.remote.reload().catch(() => undefined); // gatedFetch has logged the failure
    }
    const key = await this.remote({ alg: header.alg, kid: header.kid });
    return key instanceof KeyObject ? key : KeyObject.from(key);
  }

  private async gatedFetch(url: string, init: RequestInit): Promise<Response> {
    const now = Date.now();
    if (now - this.lastAttemptAt < this.jwks!.cooldownMs) {
      this.metrics.observeJwksFetch('skipped');
      throw new JwksCoolingDown();
    }
    this.lastAttemptAt = now;
    const cached = this.remote?.jwks()?.keys.length ?? 0;
    try {
      const response = await fetch(url, init);
      if (response.status === 200) {
        this.lastSuccessAt = Date.now();
        this.metrics.observeJwksFetch('ok');
      } else {
        this.metrics.observeJwksFetch('error');
        this.logger.warn(`JWKS fetch answered HTTP ${response.status}; keeping the ${cached} cached keys`);
      }
      return response;
    } catch (error) {
      this.metrics.observeJwksFetch('error');
      this.logger.warn(`JWKS fetch failed (${error instanceof Error ? error.message : String(error)}); keeping the ${cached} cached keys`);
      throw error;
    }
  }
}
