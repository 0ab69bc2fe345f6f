import { MigrationInterface, QueryRunner } from 'typeorm';
import { ALL_EVENT_TYPES, SUBSCRIBABLE_EVENT_TYPES } from '../../webhooks/webhook-event-types';
import { USAGE_COUNTER_KINDS } from '../../usage-history/usage-counter-kinds';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * Webhooks (docs/webhooks.md) and usage history (docs/usage-history.md).
 *
 * - webhook_endpoints: where to send which events; the signing secret sealed with AES-256-GCM (and, during a
 *   rotation's overlap, the previous one), never stored in clear.
 * - webhook_events: the outbox. A row is written in the same transaction as the change it reports, together
 *   with one webhook_deliveries row per subscribed endpoint, so a rolled-back change emits nothing and a
 *   committed one is never lost.
 * - webhook_deliveries: one per (event, endpoint): status, attempts, the next attempt's time, and the lease
 *   of the worker sending it (claimed with FOR UPDATE SKIP LOCKED).
 * - usage_daily_counters: per account, UTC day and kind (admitted, or a refusal reason), how many requests:
 *   written in batches from memory, never a row per request.
 * - usage_overage_periods: the billing periods in which an account has started paying overage (its insert is
 *   the transition that emits billing.overage_started).
 *
 * The CHECKs list the event types and counter kinds of their registries as of this migration; a new type needs
 * a migration that replaces the CHECK.
 */
export class WebhooksAndUsageHistory1764770000000 implements MigrationInterface {
  name = 'WebhooksAndUsageHistory1764770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_endpoints (
        id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url                       text NOT NULL CHECK (length(url) <= 2048),
        description               text CHECK (length(description) <= 500),
        events                    text[] NOT NULL
                                  CHECK (cardinality(events) > 0 AND events <@ ARRAY[${list(SUBSCRIBABLE_EVENT_TYPES)}]::text[]),
        secret_sealed             bytea NOT NULL,
        previous_secret_sealed    bytea,
        previous_secret_expires_at timestamptz,
        created_at                timestamptz NOT NULL DEFAULT now(),
        updated_at                timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX webhook_endpoints_events_idx ON webhook_endpoints USING gin (events)`);
    await queryRunner.query(`
      CREATE TABLE webhook_events (
        id          uuid PRIMARY KEY,
        type        text NOT NULL CHECK (type IN (${list(ALL_EVENT_TYPES)})),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        data        jsonb NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id           uuid NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
        endpoint_id        uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempts           integer NOT NULL DEFAULT 0,
        -- Due when pending and next_attempt_at has passed. A claim moves it to the lease's end, so a crashed
        -- worker's attempt becomes due again by itself.
        next_attempt_at    timestamptz NOT NULL DEFAULT now(),
        lease_token        uuid,
        lease_expires_at   timestamptz,
        retry_window_start timestamptz NOT NULL DEFAULT now(),
        last_attempt_at    timestamptz,
        last_response_code integer,
        last_error         text,
        created_at         timestamptz NOT NULL DEFAULT now(),
        completed_at       timestamptz,
        UNIQUE (event_id, endpoint_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await queryRunner.query(`CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE usage_daily_counters (
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        day        date NOT NULL,
        kind       text NOT NULL CHECK (kind IN (${list(USAGE_COUNTER_KINDS)})),
        count      bigint NOT NULL CHECK (count >= 0),
        PRIMARY KEY (account_id, day, kind)
      )`);
    await queryRunner.query(`
      CREATE TABLE usage_overage_periods (
        account_id   uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        period_start date NOT NULL,
        started_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, period_start)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE usage_overage_periods`);
    await queryRunner.query(`DROP TABLE usage_daily_counters`);
    await queryRunner.query(`DROP TABLE webhook_deliveries`);
    await queryRunner.query(`DROP TABLE webhook_events`);
    await queryRunner.query(`DROP TABLE webhook_endpoints`);
  }
}
