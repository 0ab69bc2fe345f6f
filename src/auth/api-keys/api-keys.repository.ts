import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Plan } from '../../accounts/plan';
import { ApiKey } from './api-key.entity';

/** What verifying a key needs, in one indexed lookup: the key's state and its account's current plan. */
export interface ApiKeyCredential {
  keyId: string;
  accountId: string;
  plan: Plan;
  overageEnabled: boolean;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface NewApiKey {
  accountId: string;
  name: string;
  hash: Buffer;
  displayPrefix: string;
  expiresAt: Date | null;
}

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findCredentialByHash(hash: Buffer): Promise<ApiKeyCredential | null> {
    const rows: ApiKeyCredential[] = await this.dataSource.query(
      `SELECT k.id AS "keyId", k.account_id AS "accountId", a.plan, a.overage_enabled AS "overageEnabled",
              k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt"
         FROM api_keys k
         JOIN accounts a ON a.id = k.account_id
        WHERE k.key_hash = $1`,
      [hash],
    );
    return rows[0] ?? null;
  }

  async insert(key: NewApiKey): Promise<ApiKey> {
    const [row] = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ApiKey)
      .values({
        accountId: key.accountId,
        name: key.name,
        keyHash: key.hash,
        displayPrefix: key.displayPrefix,
        expiresAt: key.expiresAt,
      })
      .returning(['id'])
      .execute()
      .then((result) => result.raw as Array<{ id: string }>);
    return this.dataSource.getRepository(ApiKey).findOneByOrFail({ id: row.id });
  }

  listByAccount(accountId: string): Promise<ApiKey[]> {
    return this.dataSource.getRepository(ApiKey).find({ where: { accountId }, order: { createdAt: 'ASC' } });
  }

  /** Revokes once: a second revocation keeps the first time. Returns null for an unknown id. */
  async revoke(keyId: string): Promise<ApiKey | null> {
    await this.dataSource.query(`UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1`, [keyId]);
    return this.dataSource.getRepository(ApiKey).findOneBy({ id: keyId });
  }

  /** Records use at most once a minute per key, whichever instance served it (the WHERE makes it idempotent). */
  async touchLastUsed(keyId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [keyId],
    );
  }
}
