import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ApiException } from '../../common/http/api.exception';
import { isUuid } from '../../common/validation/uuid';
import { AppConfig } from '../../config/app-config';
import { AuthException, AuthFailure } from '../auth.errors';
import type { Principal } from '../principal';
import { generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key-format';
import { ApiKey } from './api-key.entity';
import { ApiKeyCredential, ApiKeysRepository } from './api-keys.repository';

const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_CACHED_KEYS = 10_000;

export interface CreatedApiKey {
  /** The only time the key exists outside its owner's hands. */
  key: string;
  record: ApiKey;
}

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);
  /** Positive verifications by key hash, each kept at most `apiKeyCacheTtlMs`: the bound on revocation delay. */
  private readonly verified = new Map<string, { credential: ApiKeyCredential; cachedAt: number }>();
  /** When this instance last recorded each key's use, so last_used_at costs at most a write a minute a key. */
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly config: AppConfig,
  ) {}

  async create(accountId: string, options: { name?: string; expiresAt?: Date | null } = {}): Promise<CreatedApiKey> {
    if (options.expiresAt && options.expiresAt.getTime() <= Date.now()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, 'expires must be in the future');
    }
    const generated = generateApiKey();
    const record = await this.repository.insert({
      accountId,
      name: options.name ?? 'default',
      hash: generated.hash,
      displayPrefix: generated.displayPrefix,
      expiresAt: options.expiresAt ?? null,
    });
    return { key: generated.key, record };
  }

  list(accountId: string): Promise<ApiKey[]> {
    return this.repository.listByAccount(accountId);
  }

  async revoke(keyId: string): Promise<ApiKey> {
    const revoked = isUuid(keyId) ? await this.repository.revoke(keyId) : null;
    if (!revoked) throw new ApiException(HttpStatus.NOT_FOUND, `No API key with id ${keyId}`);
    return revoked;
  }

  /** Resolves a presented key to its principal, or throws the AuthException that says why not. */
  async authenticate(presented: string): Promise<Principal> {
    // Garbage and typos stop here, before any query.
    if (!isWellFormedApiKey(presented)) throw new AuthException(AuthFailure.InvalidApiKey);

    const hash = hashApiKey(presented);
    const credential = await this.lookUp(hash);
    if (!credential) throw new AuthException(AuthFailure.InvalidApiKey);
    if (credential.revokedAt) throw new AuthException(AuthFailure.RevokedApiKey);
    if (credential.expiresAt && credential.expiresAt.getTime() <= Date.now()) {
      throw new AuthException(AuthFailure.ExpiredApiKey);
    }

    this.recordUse(credential.keyId);
    return {
      accountId: credential.accountId,
      plan: credential.plan,
      overageEnabled: credential.overageEnabled,
      credential: { kind: 'api_key', id: credential.keyId },
    };
  }

  private async lookUp(hash: Buffer): Promise<ApiKeyCredential | null> {
    const ttl = this.config.auth.apiKeyCacheTtlMs;
    const cacheKey = hash.toString('base64');
    const cached = this.verified.get(cacheKey);
    if (cached && Date.now() - cached.cachedAt < ttl) return cached.credential;
    this.verified.delete(cacheKey);

    const credential = await this.repository.findCredentialByHash(hash);
    if (ttl > 0 && credential && !credential.revokedAt) {
      if (this.verified.size >= MAX_CACHED_KEYS) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(cacheKey, { credential, cachedAt: Date.now() });
    }
    return credential;
  }

  /** Off the request path: a failed write only delays last_used_at, it never fails the request. */
  private recordUse(keyId: string): void {
    const now = Date.now();
    if (now - (this.lastTouched.get(keyId) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    if (this.lastTouched.size >= MAX_CACHED_KEYS) this.lastTouched.clear();
    this.lastTouched.set(keyId, now);
    this.repository
      .touchLastUsed(keyId)
      .catch((error: unknown) => this.logger.warn(`Could not record use of API key ${keyId}: ${String(error)}`));
  }
}
