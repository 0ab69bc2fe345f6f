import { Injectable, Logger } from '@nestjs/common';
import { userInfo } from 'node:os';
import { AccountsService } from '../../accounts/accounts.service';
import { isUuid } from '../../common/validation/uuid';
import { AppConfig } from '../../config/app-config';
import { AuthException, AuthFailure } from '../auth.errors';
import type { Principal } from '../principal';
import { ApiKeyException, ApiKeyExceptionCode } from './api-key.exception';
import { generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key-format';
import {
  ApiKeyCredential,
  ApiKeyRecord,
  ApiKeysRepository,
  ApiKeysTransaction,
  KeyChangeActor,
  KeyChangeEvent,
  KeyChangeEventFilter,
} from './api-keys.repository';

const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_CACHED_KEYS = 10_000;

/** How long a rotated key keeps working when the caller does not say: a day, time enough for any deploy. */
export const DEFAULT_ROTATION_OVERLAP_SECONDS = 86_400;
/** The longest overlap: a leaked key being rotated must not stay valid for long. */
export const MAX_ROTATION_OVERLAP_SECONDS = 7 * 86_400;

export interface CreatedApiKey {
  /** The only time the key exists outside its owner's hands. */
  key: string;
  record: ApiKeyRecord;
}

export interface RotatedApiKey extends CreatedApiKey {
  /** The key that was rotated, now with its rotated_at, rotation_ends_at and rotated_to_id. */
  previous: ApiKeyRecord;
}

/** Changes made from the command line: no HTTP request, the operating-system user as the credential. */
export function cliActor(): KeyChangeActor {
  let user: string | null = null;
  try {
    user = userInfo().username;
  } catch {
    // A container user without a passwd entry: the change is still audited, as an anonymous CLI user.
  }
  return { kind: 'cli', credentialId: user, accountId: null, ip: null, userAgent: 'crawlora-cli', requestId: null };
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
    private readonly accounts: AccountsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Issues a key for the account, unless it already has the maximum number of live keys (409). The count and
   * the insert run under a lock on the account row, so concurrent creates on any instance cannot overshoot.
   */
  async create(
    accountId: string,
    options: { name?: string; expiresAt?: Date | null } = {},
    actor: KeyChangeActor = cliActor(),
  ): Promise<CreatedApiKey> {
    this.assertFuture(options.expiresAt);
    const generated = generateApiKey();
    const record = await this.repository.transaction(async (tx) => {
      if (!(await this.accounts.lockWithin(tx.context, accountId))) {
        throw new ApiKeyException(ApiKeyExceptionCode.AccountNotFound, `No account with id ${accountId}`);
      }
      const limit = this.config.auth.maxLiveApiKeysPerAccount;
      const live = await tx.countLiveKeys(accountId);
      if (live >= limit) {
        throw new ApiKeyException(
          ApiKeyExceptionCode.LimitReached,
          `API key limit reached: an account may hold ${limit} live keys; revoke one first`,
          { details: { reason: 'api_key_limit_reached', limit, live } },
        );
      }
      const created = await tx.insertKey({
        accountId,
        name: options.name ?? 'default',
        hash: generated.hash,
        displayPrefix: generated.displayPrefix,
        expiresAt: options.expiresAt ?? null,
      });
      await tx.recordEvent(created, 'created', actor, { name: created.name, expires_at: created.expiresAt });
      return created;
    });
    return { key: generated.key, record };
  }

  list(accountId: string): Promise<ApiKeyRecord[]> {
    return this.repository.listByAccount(accountId);
  }

  /**
   * Replaces a key with a new one (same name). The old key keeps working for `overlapSeconds`, then answers
   * 401 rotated_api_key. Without `expiresAt`, the new key gets the old key's lifetime (if it had one) from
   * now. `ownerAccountId` limits the change to that account's keys; any other key is "not found".
   */
  async rotate(
    keyId: string,
    options: { overlapSeconds?: number; expiresAt?: Date | null },
    actor: KeyChangeActor = cliActor(),
    ownerAccountId?: string,
  ): Promise<RotatedApiKey> {
    this.assertFuture(options.expiresAt);
    const overlapSeconds = options.overlapSeconds ?? DEFAULT_ROTATION_OVERLAP_SECONDS;
    if (!Number.isInteger(overlapSeconds) || overlapSeconds < 0 || overlapSeconds > MAX_ROTATION_OVERLAP_SECONDS) {
      throw ApiKeyException.invalidRequest({
        field: 'overlap_seconds',
        message: `overlap_seconds must be an integer from 0 to ${MAX_ROTATION_OVERLAP_SECONDS}`,
      });
    }
    const generated = generateApiKey();
    const result = await this.repository.transaction(async (tx) => {
      const old = await this.lockOwnKey(tx, keyId, ownerAccountId);
      this.assertRotatable(old);
      const expiresAt =
        options.expiresAt !== undefined
          ? options.expiresAt
          : old.expiresAt
            ? new Date(Date.now() + (old.expiresAt.getTime() - old.createdAt.getTime()))
            : null;
      const created = await tx.insertKey({
        accountId: old.accountId,
        name: old.name,
        hash: generated.hash,
        displayPrefix: generated.displayPrefix,
        expiresAt,
        rotatedFromId: old.id,
      });
      await tx.markRotated(old.id, overlapSeconds);
      const previous = (await tx.findKey(old.id))!;
      await tx.recordEvent(previous, 'rotated', actor, {
        rotated_to_id: created.id,
        overlap_seconds: overlapSeconds,
        rotation_ends_at: previous.rotationEndsAt,
      });
      await tx.recordEvent(created, 'created', actor, {
        name: created.name,
        expires_at: created.expiresAt,
        rotated_from_id: old.id,
      });
      return { record: created, previous };
    });
    // This instance sees the change at once; the others within API_KEY_CACHE_TTL_MS.
    this.forget((credential) => credential.keyId === keyId);
    return { key: generated.key, ...result };
  }

  /** Revokes at once (every instance within API_KEY_CACHE_TTL_MS). A repeat keeps the first time, unaudited. */
  async revoke(keyId: string, actor: KeyChangeActor = cliActor(), ownerAccountId?: string): Promise<ApiKeyRecord> {
    const revoked = await this.repository.transaction(async (tx) => {
      const key = await this.lockOwnKey(tx, keyId, ownerAccountId);
      if (await tx.revoke(key.id)) await tx.recordEvent(key, 'revoked', actor);
      return (await tx.findKey(key.id))!;
    });
    this.forget((credential) => credential.keyId === keyId);
    return revoked;
  }

  auditTrail(filter: KeyChangeEventFilter): Promise<KeyChangeEvent[]> {
    return this.repository.listEvents(filter);
  }

  /** Resolves a presented key to its principal, or throws the AuthException that says why not. */
  async authenticate(presented: string): Promise<Principal> {
    // Garbage and typos stop here, before any query.
    if (!isWellFormedApiKey(presented)) throw new AuthException(AuthFailure.InvalidApiKey);

    const hash = hashApiKey(presented);
    const credential = await this.lookUp(hash);
    if (!credential) throw new AuthException(AuthFailure.InvalidApiKey);
    if (credential.revokedAt) throw new AuthException(AuthFailure.RevokedApiKey);
    const now = Date.now();
    if (credential.expiresAt && credential.expiresAt.getTime() <= now) throw new AuthException(AuthFailure.ExpiredApiKey);
    if (credential.rotationEndsAt && credential.rotationEndsAt.getTime() <= now) {
      throw new AuthException(AuthFailure.RotatedApiKey);
    }

    this.recordUse(credential.keyId);
    return {
      accountId: credential.accountId,
      plan: credential.plan,
      overageEnabled: credential.overageEnabled,
      credential: { kind: 'api_key', id: credential.keyId },
    };
  }

  private assertFuture(expiresAt: Date | null | undefined): void {
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw ApiKeyException.invalidRequest({ field: 'expires_at', message: 'expires_at must be in the future' });
    }
  }

  /** The locked key; "not found" both for an unknown id and for another account's key (no existence leak). */
  private async lockOwnKey(tx: ApiKeysTransaction, keyId: string, ownerAccountId?: string): Promise<ApiKeyRecord> {
    const key = isUuid(keyId) ? await tx.lockKey(keyId) : null;
    if (!key || (ownerAccountId !== undefined && key.accountId !== ownerAccountId)) throw ApiKeyException.keyNotFound(keyId);
    return key;
  }

  private assertRotatable(key: ApiKeyRecord): void {
    if (key.revokedAt) {
      throw new ApiKeyException(ApiKeyExceptionCode.KeyRevoked, 'A revoked API key cannot be rotated', {
        details: { reason: 'api_key_revoked' },
      });
    }
    if (key.rotatedAt) {
      throw new ApiKeyException(ApiKeyExceptionCode.KeyRotated, 'This API key was already rotated; rotate its replacement instead', {
        details: { reason: 'api_key_rotated', rotated_to_id: key.rotatedToId },
      });
    }
    if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) {
      throw new ApiKeyException(ApiKeyExceptionCode.KeyExpired, 'An expired API key cannot be rotated; create a new one', {
        details: { reason: 'api_key_expired' },
      });
    }
  }

  /**
   * Drops the cached verifications of an account found deleted, so its keys are looked up (and refused) at once.
   * Other instances drop theirs when they find it themselves, or at API_KEY_CACHE_TTL_MS at the latest.
   */
  forgetAccount(accountId: string): void {
    this.forget((credential) => credential.accountId === accountId);
  }

  /** A scan of at most MAX_CACHED_KEYS entries: only on revocation and deletion, never per request. */
  private forget(matches: (credential: ApiKeyCredential) => boolean): void {
    for (const [cacheKey, { credential }] of this.verified) {
      if (matches(credential)) this.verified.delete(cacheKey);
    }
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
