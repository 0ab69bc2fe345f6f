import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GenerateSql, SQL_SAMPLE } from '../database/generate-sql';
import { entityManagerOf, TransactionContext } from '../database/transaction-context';
import type { WebhookEventType } from './webhook-event-types';

/**
 * The outbox write: the event and one delivery per endpoint subscribed to its type, in ONE statement run on
 * the caller's transaction, so the event commits or rolls back with the change it reports.
 */
const INSERT_EVENT = `
WITH event AS (
  INSERT INTO webhook_events (id, type, data) VALUES ($1, $2, $3::jsonb) RETURNING id
)
INSERT INTO webhook_deliveries (event_id, endpoint_id)
SELECT event.id, e.id FROM event CROSS JOIN webhook_endpoints e WHERE e.events @> ARRAY[$2::text]`;

/** A test ping: an event delivered to one endpoint only. */
const INSERT_TEST_EVENT = `
WITH event AS (
  INSERT INTO webhook_events (id, type, data) VALUES ($1, 'webhook.test', $3::jsonb) RETURNING id
)
INSERT INTO webhook_deliveries (event_id, endpoint_id)
SELECT event.id, e.id FROM event CROSS JOIN webhook_endpoints e WHERE e.id = $2
RETURNING id`;

/**
 * Claims up to $1 due attempts for this worker. SKIP LOCKED: rows another worker is claiming right now are
 * left to it, and a claimed row's next_attempt_at moves to the end of its lease ($3 ms), so no other worker
 * finds it due while this one sends it. If this worker dies, the row is due again when the lease ends.
 */
const CLAIM_DUE = `
WITH due AS (
  SELECT id FROM webhook_deliveries
   WHERE status = 'pending' AND next_attempt_at <= clock_timestamp()
   ORDER BY next_attempt_at
   LIMIT $1
   FOR UPDATE SKIP LOCKED
)
UPDATE webhook_deliveries d
   SET attempts = d.attempts + 1,
       lease_token = $2,
       lease_expires_at = clock_timestamp() + $3 * interval '1 millisecond',
       next_attempt_at = clock_timestamp() + $3 * interval '1 millisecond',
       last_attempt_at = clock_timestamp()
  FROM due, webhook_events ev, webhook_endpoints ep
 WHERE d.id = due.id AND ev.id = d.event_id AND ep.id = d.endpoint_id
RETURNING d.id, d.attempts, d.lease_token, ev.id AS event_id, ev.type, ev.occurred_at, ev.data, ep.id AS endpoint_id, ep.url,
          ep.secret_sealed, CASE WHEN ep.previous_secret_expires_at > now() THEN ep.previous_secret_sealed END
          AS previous_secret_sealed`;

/** Records a 2xx; matches nothing if the lease was lost (then someone else owns the attempt). */
const RECORD_SUCCESS = `
UPDATE webhook_deliveries
   SET status = 'succeeded', last_response_code = $3, last_error = NULL, completed_at = now(),
       lease_token = NULL, lease_expires_at = NULL
 WHERE id = $1 AND lease_token = $2`;

/** Records a failed attempt: due again after $4 ms, or failed once the retry window ($5 ms) is over. */
const RECORD_FAILURE = `
UPDATE webhook_deliveries
   SET status = CASE WHEN now() - retry_window_start >= $5 * interval '1 millisecond' THEN 'failed' ELSE 'pending' END,
       next_attempt_at = now() + $4 * interval '1 millisecond',
       completed_at = CASE WHEN now() - retry_window_start >= $5 * interval '1 millisecond' THEN now() END,
       last_response_code = $3, last_error = $6, lease_token = NULL, lease_expires_at = NULL
 WHERE id = $1 AND lease_token = $2
RETURNING status`;

const INSERT_ENDPOINT = `
INSERT INTO webhook_endpoints (id, url, description, events, secret_sealed)
VALUES ($1, $2, $3, $4::text[], $5)
RETURNING id, url, description, events, created_at, updated_at`;

const ENDPOINT_COLUMNS = `id, url, description, events, created_at, updated_at,
  CASE WHEN previous_secret_expires_at > now() THEN previous_secret_expires_at END AS previous_secret_expires_at`;

const LIST_ENDPOINTS = `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY created_at, id`;

const FIND_ENDPOINT = `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1`;

const DELETE_ENDPOINT = `DELETE FROM webhook_endpoints WHERE id = $1 RETURNING id`;

/** The current secret becomes the previous one, still signing until $3 seconds from now. */
const ROTATE_SECRET = `
UPDATE webhook_endpoints
   SET previous_secret_sealed = secret_sealed,
       previous_secret_expires_at = now() + $3 * interval '1 second',
       secret_sealed = $2,
       updated_at = now()
 WHERE id = $1
RETURNING ${ENDPOINT_COLUMNS}`;

const DELIVERY_COLUMNS = `
  d.id::text AS id, d.event_id, ev.type AS event_type, d.status, d.attempts, d.last_response_code, d.last_error,
  d.last_attempt_at, CASE WHEN d.status = 'pending' THEN d.next_attempt_at END AS next_attempt_at,
  d.lease_expires_at > now() AS in_flight, d.created_at, d.completed_at`;

/** Newest first; keyset pagination on the id. */
const LIST_DELIVERIES = `
SELECT ${DELIVERY_COLUMNS}
  FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id
 WHERE d.endpoint_id = $1 AND ($2::text IS NULL OR d.status = $2) AND ($3::bigint IS NULL OR d.id < $3)
 ORDER BY d.id DESC
 LIMIT $4`;

const FIND_DELIVERY = `
SELECT ${DELIVERY_COLUMNS}
  FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id
 WHERE d.id = $1 AND d.endpoint_id = $2`;

/**
 * A manual redelivery: due now, with a fresh 24 h retry window. Not while an attempt is in flight (its lease
 * is live): that attempt's outcome would overwrite this.
 */
const REDELIVER = `
UPDATE webhook_deliveries
   SET status = 'pending', next_attempt_at = now(), retry_window_start = now(), completed_at = NULL
 WHERE id = $1 AND endpoint_id = $2 AND (lease_expires_at IS NULL OR lease_expires_at <= now())
RETURNING id`;

/** Pending deliveries and the age of the oldest, for the metrics (the partial index holds exactly these rows). */
const OUTBOX_STATS = `
SELECT count(*)::int AS depth, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest_age_seconds
  FROM webhook_deliveries WHERE status = 'pending'`;

export interface EndpointRow {
  id: string;
  url: string;
  description: string | null;
  events: WebhookEventType[];
  created_at: Date;
  updated_at: Date;
  previous_secret_expires_at: Date | null;
}

export interface ClaimedAttempt {
  id: string;
  attempts: number;
  lease_token: string;
  event_id: string;
  type: WebhookEventType;
  occurred_at: Date;
  data: unknown;
  endpoint_id: string;
  url: string;
  secret_sealed: Buffer;
  previous_secret_sealed: Buffer | null;
}

export interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: WebhookEventType;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  last_response_code: number | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  next_attempt_at: Date | null;
  in_flight: boolean | null;
  created_at: Date;
  completed_at: Date | null;
}

/** Every statement on webhook_endpoints, webhook_events and webhook_deliveries. */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** On the caller's transaction (`tx`), so the event shares its fate. */
  @GenerateSql({ params: [SQL_SAMPLE.transaction, SQL_SAMPLE.unknownId, 'referral.rewarded', { sample: true }] })
  async insertEvent(tx: TransactionContext, id: string, type: WebhookEventType, data: unknown): Promise<void> {
    await entityManagerOf(tx).query(INSERT_EVENT, [id, type, JSON.stringify(data)]);
  }

  @GenerateSql({ params: [SQL_SAMPLE.unknownId, SQL_SAMPLE.webhookEndpointId, { sample: true }] })
  async insertTestEvent(id: string, endpointId: string, data: unknown): Promise<string | null> {
    const rows = (await this.dataSource.query(INSERT_TEST_EVENT, [id, endpointId, JSON.stringify(data)])) as Array<{ id: string }>;
    return rows[0]?.id ?? null;
  }

  @GenerateSql({ params: [10, SQL_SAMPLE.unknownId, 60_000] })
  async claimDue(limit: number, leaseToken: string, leaseMs: number): Promise<ClaimedAttempt[]> {
    const [rows] = (await this.dataSource.query(CLAIM_DUE, [limit, leaseToken, leaseMs])) as [ClaimedAttempt[], number];
    return rows.map((row) => ({ ...row, id: String(row.id) }));
  }

  @GenerateSql({ params: ['1', SQL_SAMPLE.unknownId, 200] })
  async recordSuccess(id: string, leaseToken: string, status: number): Promise<void> {
    await this.dataSource.query(RECORD_SUCCESS, [id, leaseToken, status]);
  }

  /** Returns the delivery's status after the failure, or null when the lease had been lost. */
  @GenerateSql({ params: ['1', SQL_SAMPLE.unknownId, { status: 500, error: 'sample', retryInMs: 30_000, retryWindowMs: 86_400_000 }] })
  async recordFailure(
    id: string,
    leaseToken: string,
    failure: { status: number | null; error: string; retryInMs: number; retryWindowMs: number },
  ): Promise<'pending' | 'failed' | null> {
    const [rows] = (await this.dataSource.query(RECORD_FAILURE, [
      id,
      leaseToken,
      failure.status,
      failure.retryInMs,
      failure.retryWindowMs,
      failure.error.slice(0, 500),
    ])) as [Array<{ status: 'pending' | 'failed' }>, number];
    return rows[0]?.status ?? null;
  }

  @GenerateSql({ params: [{ id: SQL_SAMPLE.unknownId, url: 'https://example.com/new', description: null, events: ['referral.rewarded'], secretSealed: SQL_SAMPLE.hash }] })
  async insertEndpoint(endpoint: { id: string; url: string; description: string | null; events: string[]; secretSealed: Buffer }): Promise<EndpointRow> {
    const [row] = (await this.dataSource.query(INSERT_ENDPOINT, [
      endpoint.id,
      endpoint.url,
      endpoint.description,
      endpoint.events,
      endpoint.secretSealed,
    ])) as EndpointRow[];
    return { ...row, previous_secret_expires_at: null };
  }

  @GenerateSql()
  listEndpoints(): Promise<EndpointRow[]> {
    return this.dataSource.query(LIST_ENDPOINTS);
  }

  @GenerateSql({ params: [SQL_SAMPLE.webhookEndpointId] })
  async findEndpoint(id: string): Promise<EndpointRow | null> {
    const rows = (await this.dataSource.query(FIND_ENDPOINT, [id])) as EndpointRow[];
    return rows[0] ?? null;
  }

  @GenerateSql({ params: [SQL_SAMPLE.webhookEndpointId] })
  async deleteEndpoint(id: string): Promise<boolean> {
    const [rows] = (await this.dataSource.query(DELETE_ENDPOINT, [id])) as [unknown[], number];
    return rows.length > 0;
  }

  @GenerateSql({ params: [SQL_SAMPLE.webhookEndpointId, SQL_SAMPLE.hash, 3600] })
  async rotateSecret(id: string, secretSealed: Buffer, overlapSeconds: number): Promise<EndpointRow | null> {
    const [rows] = (await this.dataSource.query(ROTATE_SECRET, [id, secretSealed, overlapSeconds])) as [EndpointRow[], number];
    return rows[0] ?? null;
  }

  @GenerateSql({ params: [SQL_SAMPLE.webhookEndpointId, { status: 'failed', before: '100', limit: 20 }] })
  listDeliveries(endpointId: string, filter: { status?: string; before?: string; limit: number }): Promise<DeliveryRow[]> {
    return this.dataSource.query(LIST_DELIVERIES, [endpointId, filter.status ?? null, filter.before ?? null, filter.limit]);
  }

  @GenerateSql({ params: ['1', SQL_SAMPLE.webhookEndpointId] })
  async findDelivery(id: string, endpointId: string): Promise<DeliveryRow | null> {
    const rows = (await this.dataSource.query(FIND_DELIVERY, [id, endpointId])) as DeliveryRow[];
    return rows[0] ?? null;
  }

  @GenerateSql({ params: ['1', SQL_SAMPLE.webhookEndpointId] })
  async redeliver(id: string, endpointId: string): Promise<boolean> {
    const [rows] = (await this.dataSource.query(REDELIVER, [id, endpointId])) as [unknown[], number];
    return rows.length > 0;
  }

  @GenerateSql()
  async outboxStats(): Promise<{ depth: number; oldestAgeSeconds: number }> {
    const [row] = (await this.dataSource.query(OUTBOX_STATS)) as Array<{ depth: number; oldest_age_seconds: number }>;
    return { depth: row.depth, oldestAgeSeconds: row.oldest_age_seconds };
  }
}
