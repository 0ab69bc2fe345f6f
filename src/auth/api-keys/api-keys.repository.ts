import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { entityManagerOf, inTransaction, TransactionContext } from '../../database/transaction-context';
import type { Plan } from '../../plans/plan-registry';
import { GenerateSql, SkipSqlSnapshot, SQL_SAMPLE } from '../../database/generate-sql';

/** What verifying a key needs, in one indexed lookup: the key's state and its account's current plan. */
export interface ApiKeyCredential {
  keyId: string;
  accountId: string;
  plan: Plan;
  overageEnabled: boolean;
  expiresAt: Date | null;
  revokedAt: Date | null;
  rotationEndsAt: Date | null;
}

/** A key as its owner and admins see it: never the secret, nor its hash. */
export interface ApiKeyRecord {
  id: string;
  accountId: string;
  name: string;
  displayPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  rotatedFromId: string | null;
  rotatedToId: string | null;
  rotatedAt: Date | null;
  rotationEndsAt: Date | null;
}

export interface NewApiKey {
  accountId: string;
  name: string;
  hash: Buffer;
  displayPrefix: string;
  expiresAt: Date | null;
  rotatedFromId?: string | null;
}

export type KeyChangeAction = 'created' | 'rotated' | 'revoked';
export type KeyChangeActorKind = 'api_key' | 'jwt' | 'cli';

/** Who made a key change and from where: what the audit trail records beside the change itself. */
export interface KeyChangeActor {
  kind: KeyChangeActorKind;
  /** The API key id or the JWT's jti (else its account id); for the CLI, the operating-system user. */
  credentialId: string | null;
  accountId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface KeyChangeEvent {
  id: string;
  occurredAt: Date;
  accountId: string;
  keyId: string;
  keyDisplayPrefix: string;
  action: KeyChangeAction;
  actor: KeyChangeActor;
  details: Record<string, unknown>;
}

export interface KeyChangeEventFilter {
  accountId?: string;
  keyId?: string;
  /** Keyset: only events older than this id. */
  beforeId?: string;
  limit: number;
}

const KEY_COLUMNS = `
  k.id, k.account_id AS "accountId", k.name, k.display_prefix AS "displayPrefix", k.created_at AS "createdAt",
  k.last_used_at AS "lastUsedAt", k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt",
  k.rotated_from_id AS "rotatedFromId", successor.id AS "rotatedToId", k.rotated_at AS "rotatedAt",
  k.rotation_ends_at AS "rotationEndsAt"`;

const FIND_CREDENTIAL_BY_HASH = `
  SELECT k.id AS "keyId", k.account_id AS "accountId", a.plan, a.overage_enabled AS "overageEnabled",
         k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt", k.rotation_ends_at AS "rotationEndsAt"
    FROM api_keys k
    JOIN accounts a ON a.id = k.account_id
   WHERE k.key_hash = $1`;

const FIND_KEY = `
  SELECT ${KEY_COLUMNS}
    FROM api_keys k LEFT JOIN api_keys successor ON successor.rotated_from_id = k.id
   WHERE k.id = $1`;

const LIST_KEYS_OF_ACCOUNT = `
  SELECT ${KEY_COLUMNS}
    FROM api_keys k LEFT JOIN api_keys successor ON successor.rotated_from_id = k.id
   WHERE k.account_id = $1
   ORDER BY k.created_at, k.id`;

/** Live: usable now and not on its way out (a key in its rotation overlap has already been replaced). */
const COUNT_LIVE_KEYS = `
  SELECT count(*)::int AS live
    FROM api_keys
   WHERE account_id = $1 AND revoked_at IS NULL AND rotated_at IS NULL AND (expires_at IS NULL OR expires_at > now())`;

const INSERT_KEY = `
  INSERT INTO api_keys (account_id, name, key_hash, display_prefix, expires_at, rotated_from_id)
  VALUES ($1, $2, $3, $4, $5, $6)
  RETURNING id`;

/** Locks the key for a rotation or revocation: two concurrent rotations of one key cannot both succeed. */
const LOCK_KEY = `SELECT id FROM api_keys WHERE id = $1 FOR UPDATE`;

const MARK_ROTATED = `
  UPDATE api_keys SET rotated_at = now(), rotation_ends_at = now() + make_interval(secs => $2)
   WHERE id = $1 AND rotated_at IS NULL AND revoked_at IS NULL
`;

/** Only a first revocation changes anything (and is audited); a repeat keeps the first time. */
const REVOKE_KEY = `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`;

const TOUCH_LAST_USED = `
  UPDATE api_keys SET last_used_at = now()
   WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`;

const INSERT_EVENT = `
  INSERT INTO api_key_events
    (account_id, key_id, key_display_prefix, action, actor_kind, actor_credential_id, actor_account_id, ip,
     user_agent, request_id, details)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)`;

/** Newest first; every filter optional (a NULL parameter matches all), keyset-paginated on the id. */
const LIST_EVENTS = `
  SELECT e.id::text AS id, e.occurred_at AS "occurredAt", e.account_id AS "accountId", e.key_id AS "keyId",
         e.key_display_prefix AS "keyDisplayPrefix", e.action, e.actor_kind, e.actor_credential_id,
         e.actor_account_id, e.ip, e.user_agent, e.request_id, e.details
    FROM api_key_events e
   WHERE ($1::uuid IS NULL OR e.account_id = $1)
     AND ($2::uuid IS NULL OR e.key_id = $2)
     AND ($3::bigint IS NULL OR e.id < $3)
   ORDER BY e.id DESC
   LIMIT $4`;

/** The statements of one key change, sharing its transaction (and its locks). */
export class ApiKeysTransaction {
  private readonly manager: EntityManager;

  /**
   * The transaction, opaque, for AccountsService.lockWithin: the account's lock serialises key creation per
   * account, so the live-key cap holds under concurrent creates on any instance.
   */
  constructor(readonly context: TransactionContext) {
    this.manager = entityManagerOf(context);
  }

  @GenerateSql({ params: [SQL_SAMPLE.accountId] })
  async countLiveKeys(accountId: string): Promise<number> {
    return (await this.manager.query(COUNT_LIVE_KEYS, [accountId]))[0].live;
  }

  /** The locked key, or null when there is no key with that id. */
  @GenerateSql({ params: [SQL_SAMPLE.apiKeyId] })
  async lockKey(keyId: string): Promise<ApiKeyRecord | null> {
    if ((await this.manager.query(LOCK_KEY, [keyId])).length === 0) return null;
    return this.findKey(keyId);
  }

  @GenerateSql({ params: [SQL_SAMPLE.apiKeyId] })
  async findKey(keyId: string): Promise<ApiKeyRecord | null> {
    return (await this.manager.query(FIND_KEY, [keyId]))[0] ?? null;
  }

  @GenerateSql({ params: [{ accountId: SQL_SAMPLE.accountId, name: 'rotated key', hash: Buffer.alloc(32, 9), displayPrefix: 'crw_rotated', expiresAt: null, rotatedFromId: SQL_SAMPLE.apiKeyId }] })
  async insertKey(key: NewApiKey): Promise<ApiKeyRecord> {
    const [{ id }] = await this.manager.query(INSERT_KEY, [
      key.accountId,
      key.name,
      key.hash,
      key.displayPrefix,
      key.expiresAt,
      key.rotatedFromId ?? null,
    ]);
    return (await this.findKey(id))!;
  }

  // TypeORM answers an UPDATE with [rows, affected row count].
  @GenerateSql({ params: [SQL_SAMPLE.apiKeyId, 3600] })
  async markRotated(keyId: string, overlapSeconds: number): Promise<boolean> {
    const [, affected]: [unknown[], number] = await this.manager.query(MARK_ROTATED, [keyId, overlapSeconds]);
    return affected > 0;
  }

  @GenerateSql({ params: [SQL_SAMPLE.apiKeyId] })
  async revoke(keyId: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await this.manager.query(REVOKE_KEY, [keyId]);
    return affected > 0;
  }

  @GenerateSql({ params: [{ id: SQL_SAMPLE.apiKeyId, accountId: SQL_SAMPLE.accountId, displayPrefix: 'crw_sample' }, 'revoked', { kind: 'cli', credentialId: null, accountId: null, ip: null, userAgent: null, requestId: null }, { reason: 'sample' }] })
  async recordEvent(
    key: Pick<ApiKeyRecord, 'id' | 'accountId' | 'displayPrefix'>,
    action: KeyChangeAction,
    actor: KeyChangeActor,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.manager.query(INSERT_EVENT, [
      key.accountId,
      key.id,
      key.displayPrefix,
      action,
      actor.kind,
      actor.credentialId,
      actor.accountId,
      actor.ip,
      actor.userAgent,
      actor.requestId,
      JSON.stringify(details),
    ]);
  }
}

/** Every query on api_keys and api_key_events. Values are always bind parameters. */
@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @SkipSqlSnapshot('runs the work in one transaction: ApiKeysTransaction snapshots its statements')
  transaction<T>(work: (tx: ApiKeysTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, (context) => work(new ApiKeysTransaction(context)));
  }

  @GenerateSql({ params: [SQL_SAMPLE.hash] })
  async findCredentialByHash(hash: Buffer): Promise<ApiKeyCredential | null> {
    const rows: ApiKeyCredential[] = await this.dataSource.query(FIND_CREDENTIAL_BY_HASH, [hash]);
    return rows[0] ?? null;
  }

  @GenerateSql({ params: [SQL_SAMPLE.apiKeyId] })
  async findKey(keyId: string): Promise<ApiKeyRecord | null> {
    return (await this.dataSource.query(FIND_KEY, [keyId]))[0] ?? null;
  }

  @GenerateSql({ params: [SQL_SAMPLE.accountId] })
  listByAccount(accountId: string): Promise<ApiKeyRecord[]> {
    return this.dataSource.query(LIST_KEYS_OF_ACCOUNT, [accountId]);
  }

  @GenerateSql({ params: [{ accountId: SQL_SAMPLE.accountId, keyId: SQL_SAMPLE.apiKeyId, beforeId: '100', limit: 50 }] })
  async listEvents(filter: KeyChangeEventFilter): Promise<KeyChangeEvent[]> {
    const rows: Array<Record<string, any>> = await this.dataSource.query(LIST_EVENTS, [
      filter.accountId ?? null,
      filter.keyId ?? null,
      filter.beforeId ?? null,
      filter.limit,
    ]);
    return rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurredAt,
      accountId: row.accountId,
      keyId: row.keyId,
      keyDisplayPrefix: row.keyDisplayPrefix,
      action: row.action,
      actor: {
        kind: row.actor_kind,
        credentialId: row.actor_credential_id,
        accountId: row.actor_account_id,
        ip: row.ip,
        userAgent: row.user_agent,
        requestId: row.request_id,
      },
      details: row.details,
    }));
  }

  /** Records use at most once a minute per key, whichever instance served it (the WHERE makes it idempotent). */
  @GenerateSql({ params: [SQL_SAMPLE.apiKeyId] })
  async touchLastUsed(keyId: string): Promise<void> {
    await this.dataSource.query(TOUCH_LAST_USED, [keyId]);
  }
}
