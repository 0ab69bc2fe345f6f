import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { ReplicaReadMetrics } from '../database/replicas/replica-read-metrics';

/** What one finished request tells the metrics. */
export interface RequestObservation {
  method: string;
  route: string;
  status: number;
  durationSeconds: number;
  creditsCharged: number;
  /** `data.reason` of an error response (rate_limited, invalid_api_key, database_unavailable…). */
  errorReason?: string;
}

const AUTH_FAILURE_STATUSES = new Set([401, 403]);

/**
 * The service's Prometheus metrics, in a registry of its own (so several apps in one test process do not
 * collide): request counts and latency by route and status, credits charged, 429s by reason, auth
 * failures by reason, the database pool, and Node's process metrics.
 */
@Injectable()
export class MetricsService implements ReplicaReadMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  private readonly credits = new Counter({
    name: 'billing_credits_charged_total',
    help: 'Credits charged for 2xx responses, by route.',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });
  private readonly refusals = new Counter({
    name: 'http_too_many_requests_total',
    help: '429 answers, by reason (rate_limited, daily_cap_reached, credits_exhausted, too_many_failures).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly authFailures = new Counter({
    name: 'auth_failures_total',
    help: 'Failed authentications and authorizations, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  private readonly jwksFetches = new Counter({
    name: 'jwks_fetches_total',
    help: 'JWKS fetches of the admin JWT identity provider, by outcome (ok, error, skipped: refused by JWT_JWKS_COOLDOWN_MS).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly reads = new Counter({
    name: 'db_report_reads_total',
    help: 'Report statements (stats, timeseries, campaigns, referral list/detail), by the server that answered.',
    labelNames: ['source', 'server'] as const,
    registers: [this.registry],
  });
  private replicaLags: () => Array<{ name: string; lagMs: number | null }> = () => [];
  private readonly webhookAttempts = new Counter({
    name: 'webhook_delivery_attempts_total',
    help: 'Webhook delivery attempts, by outcome (succeeded, http_error, network_error, blocked).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly webhookFailures = new Counter({
    name: 'webhook_deliveries_failed_total',
    help: 'Webhook deliveries given up on after their 24 h retry window.',
    registers: [this.registry],
  });
  private webhookOutbox?: () => Promise<{ depth: number; oldestAgeSeconds: number }>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    const replicaLags = () => this.replicaLags();
    new Gauge({
      name: 'db_replica_lag_ms',
      help: 'How stale a read from each replica may be now (measured lag plus the probe age); absent while unreachable.',
      labelNames: ['replica'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { name, lagMs } of replicaLags()) if (lagMs !== null) this.set({ replica: name }, lagMs);
      },
    });
    // Both gauges are collected in one scrape: one query serves them.
    let reading: Promise<{ depth: number; oldestAgeSeconds: number } | undefined> | undefined;
    const outbox = () => {
      reading ??= (this.webhookOutbox?.() ?? Promise.resolve(undefined))
        .catch(() => undefined)
        .finally(() => {
          setTimeout(() => (reading = undefined), 100).unref();
        });
      return reading;
    };
    new Gauge({
      name: 'webhook_outbox_depth',
      help: 'Webhook deliveries not yet succeeded or failed (pending or in flight), read from the database at scrape.',
      registers: [this.registry],
      async collect() {
        const stats = await outbox();
        if (stats) this.set(stats.depth);
      },
    });
    new Gauge({
      name: 'webhook_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest pending webhook delivery (0 when none), read from the database at scrape.',
      registers: [this.registry],
      async collect() {
        const stats = await outbox();
        if (stats) this.set(stats.oldestAgeSeconds);
      },
    });
    const pool = () => (dataSource.driver as unknown as { master?: Pool }).master;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections, by state (total, idle, waiting clients).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const current = pool();
        this.set({ state: 'total' }, current?.totalCount ?? 0);
        this.set({ state: 'idle' }, current?.idleCount ?? 0);
        this.set({ state: 'waiting' }, current?.waitingCount ?? 0);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** An IdP that stays in `error`, or a rising `skipped`, is worth an alert: see docs/console-proxy.md. */
  observeJwksFetch(outcome: 'ok' | 'error' | 'skipped'): void {
    this.jwksFetches.inc({ outcome });
  }

  webhookAttempt(outcome: 'succeeded' | 'http_error' | 'network_error' | 'blocked'): void {
    this.webhookAttempts.inc({ outcome });
  }

  webhookGaveUp(): void {
    this.webhookFailures.inc();
  }

  /** The outbox gauges read their values through `probe` at each scrape. */
  watchWebhookOutbox(probe: () => Promise<{ depth: number; oldestAgeSeconds: number }>): void {
    this.webhookOutbox = probe;
  }

  observe(observation: RequestObservation): void {
    const labels = { method: observation.method, route: observation.route, status: String(observation.status) };
    this.requests.inc(labels);
    this.latency.observe(labels, observation.durationSeconds);
    if (observation.creditsCharged > 0) this.credits.inc({ route: observation.route }, observation.creditsCharged);
    if (observation.status === 429 && observation.errorReason) this.refusals.inc({ reason: observation.errorReason });
    const authReason = observation.errorReason && (AUTH_FAILURE_STATUSES.has(observation.status) || observation.errorReason === 'too_many_failures');
    if (authReason && observation.status !== 400) this.authFailures.inc({ reason: observation.errorReason });
  }

  /** A report statement answered by `server` (`primary`, or a replica's name). */
  countRead(source: 'primary' | 'replica', server: string): void {
    this.reads.inc({ source, server });
  }

  trackReplicas(lags: () => Array<{ name: string; lagMs: number | null }>): void {
    this.replicaLags = lags;
  }
}
