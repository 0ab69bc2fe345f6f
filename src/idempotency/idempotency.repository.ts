import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GenerateSql, SQL_SAMPLE } from '../database/generate-sql';

export type IdempotencyClaim =
  | { kind: 'new' }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' }
  | { kind: 'replay'; status: number; body: unknown };

/** A key is remembered this long; an unfinished claim this long before another request may take it over. */
const KEY_LIFETIME = `interval '24 hours'`;
const ABANDONED_AFTER = `interval '5 minutes'`;

@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims (account, key) for a request with this fingerprint, atomically: the first request gets 'new',
   * a repeat gets the stored response ('replay'), a concurrent repeat 'in_progress', and a different request
   * under the same key 'mismatch'. Expired and abandoned claims are taken over.
   */
  @GenerateSql({ name: 'new key', params: [SQL_SAMPLE.accountId, 'new-key', 'POST /sample', SQL_SAMPLE.hash] }, { name: 'completed key', params: [SQL_SAMPLE.accountId, SQL_SAMPLE.idempotencyKey, 'POST /sample', SQL_SAMPLE.hash] })
  async claim(accountId: string, key: string, route: string, fingerprint: Buffer): Promise<IdempotencyClaim> {
    const claimed = await this.dataSource.query(
      `INSERT INTO idempotency_keys AS k (account_id, key, route, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, key) DO UPDATE
         SET route = EXCLUDED.route, request_hash = EXCLUDED.request_hash, response_status = NULL,
             response_body = NULL, created_at = now()
         WHERE k.created_at < now() - ${KEY_LIFETIME}
            OR (k.response_status IS NULL AND k.created_at < now() - ${ABANDONED_AFTER})
       RETURNING 1`,
      [accountId, key, route, fingerprint],
    );
    if (claimed.length > 0) return { kind: 'new' };

    const [existing] = await this.dataSource.query(
      `SELECT route, request_hash, response_status, response_body FROM idempotency_keys
        WHERE account_id = $1 AND key = $2`,
      [accountId, key],
    );
    if (!existing) return this.claim(accountId, key, route, fingerprint); // released in between: try again
    if (existing.route !== route || !Buffer.from(existing.request_hash).equals(fingerprint)) return { kind: 'mismatch' };
    if (existing.response_status === null) return { kind: 'in_progress' };
    return { kind: 'replay', status: existing.response_status, body: existing.response_body };
  }

  @GenerateSql({ params: [SQL_SAMPLE.accountId, 'new-key', 200, { ok: true }] })
  async complete(accountId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb WHERE account_id = $1 AND key = $2`,
      [accountId, key, status, JSON.stringify(body ?? null)],
    );
  }

  /** A failed request leaves nothing behind: retrying it with the same key runs it again. */
  @GenerateSql({ params: [SQL_SAMPLE.accountId, 'new-key'] })
  async release(accountId: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2 AND response_status IS NULL`,
      [accountId, key],
    );
  }
}
