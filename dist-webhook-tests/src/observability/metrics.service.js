"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MetricsService = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const prom_client_1 = require("prom-client");
const typeorm_2 = require("typeorm");
const AUTH_FAILURE_STATUSES = new Set([401, 403]);
/**
 * The service's Prometheus metrics, in a registry of its own (so several apps in one test process do not
 * collide): request counts and latency by route and status, credits charged, 429s by reason, auth
 * failures by reason, the database pool, and Node's process metrics.
 */
let MetricsService = class MetricsService {
    constructor(dataSource) {
        this.registry = new prom_client_1.Registry();
        this.requests = new prom_client_1.Counter({
            name: 'http_requests_total',
            help: 'HTTP requests answered, by method, route pattern and status.',
            labelNames: ['method', 'route', 'status'],
            registers: [this.registry],
        });
        this.latency = new prom_client_1.Histogram({
            name: 'http_request_duration_seconds',
            help: 'Time to answer, by method, route pattern and status.',
            labelNames: ['method', 'route', 'status'],
            buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
            registers: [this.registry],
        });
        this.credits = new prom_client_1.Counter({
            name: 'billing_credits_charged_total',
            help: 'Credits charged for 2xx responses, by route.',
            labelNames: ['route'],
            registers: [this.registry],
        });
        this.refusals = new prom_client_1.Counter({
            name: 'http_too_many_requests_total',
            help: '429 answers, by reason (rate_limited, daily_cap_reached, credits_exhausted, too_many_failures).',
            labelNames: ['reason'],
            registers: [this.registry],
        });
        this.authFailures = new prom_client_1.Counter({
            name: 'auth_failures_total',
            help: 'Failed authentications and authorizations, by reason.',
            labelNames: ['reason'],
            registers: [this.registry],
        });
        this.jwksFetches = new prom_client_1.Counter({
            name: 'jwks_fetches_total',
            help: 'JWKS fetches of the admin JWT identity provider, by outcome (ok, error, skipped: refused by JWT_JWKS_COOLDOWN_MS).',
            labelNames: ['outcome'],
            registers: [this.registry],
        });
        this.reads = new prom_client_1.Counter({
            name: 'db_report_reads_total',
            help: 'Report statements (stats, timeseries, campaigns, referral list/detail), by the server that answered.',
            labelNames: ['source', 'server'],
            registers: [this.registry],
        });
        this.replicaLags = () => [];
        this.webhookAttempts = new prom_client_1.Counter({
            name: 'webhook_delivery_attempts_total',
            help: 'Webhook delivery attempts, by outcome (succeeded, http_error, network_error, blocked).',
            labelNames: ['outcome'],
            registers: [this.registry],
        });
        this.webhookFailures = new prom_client_1.Counter({
            name: 'webhook_deliveries_failed_total',
            help: 'Webhook deliveries given up on after their 24 h retry window.',
            registers: [this.registry],
        });
        const replicaLags = () => this.replicaLags();
        new prom_client_1.Gauge({
            name: 'db_replica_lag_ms',
            help: 'How stale a read from each replica may be now (measured lag plus the probe age); absent while unreachable.',
            labelNames: ['replica'],
            registers: [this.registry],
            collect() {
                this.reset();
                for (const { name, lagMs } of replicaLags())
                    if (lagMs !== null)
                        this.set({ replica: name }, lagMs);
            },
        });
        // Both gauges are collected in one scrape: one query serves them.
        let reading;
        const outbox = () => {
            reading ??= (this.webhookOutbox?.() ?? Promise.resolve(undefined))
                .catch(() => undefined)
                .finally(() => {
                setTimeout(() => (reading = undefined), 100).unref();
            });
            return reading;
        };
        new prom_client_1.Gauge({
            name: 'webhook_outbox_depth',
            help: 'Webhook deliveries not yet succeeded or failed (pending or in flight), read from the database at scrape.',
            registers: [this.registry],
            async collect() {
                const stats = await outbox();
                if (stats)
                    this.set(stats.depth);
            },
        });
        new prom_client_1.Gauge({
            name: 'webhook_outbox_oldest_pending_age_seconds',
            help: 'Age of the oldest pending webhook delivery (0 when none), read from the database at scrape.',
            registers: [this.registry],
            async collect() {
                const stats = await outbox();
                if (stats)
                    this.set(stats.oldestAgeSeconds);
            },
        });
        const pool = () => dataSource.driver.master;
        new prom_client_1.Gauge({
            name: 'db_pool_connections',
            help: 'Database pool connections, by state (total, idle, waiting clients).',
            labelNames: ['state'],
            registers: [this.registry],
            collect() {
                const current = pool();
                this.set({ state: 'total' }, current?.totalCount ?? 0);
                this.set({ state: 'idle' }, current?.idleCount ?? 0);
                this.set({ state: 'waiting' }, current?.waitingCount ?? 0);
            },
        });
        (0, prom_client_1.collectDefaultMetrics)({ register: this.registry });
    }
    /** An IdP that stays in `error`, or a rising `skipped`, is worth an alert: see docs/console-proxy.md. */
    observeJwksFetch(outcome) {
        this.jwksFetches.inc({ outcome });
    }
    webhookAttempt(outcome) {
        this.webhookAttempts.inc({ outcome });
    }
    webhookGaveUp() {
        this.webhookFailures.inc();
    }
    /** The outbox gauges read their values through `probe` at each scrape. */
    watchWebhookOutbox(probe) {
        this.webhookOutbox = probe;
    }
    observe(observation) {
        const labels = { method: observation.method, route: observation.route, status: String(observation.status) };
        this.requests.inc(labels);
        this.latency.observe(labels, observation.durationSeconds);
        if (observation.creditsCharged > 0)
            this.credits.inc({ route: observation.route }, observation.creditsCharged);
        if (observation.status === 429 && observation.errorReason)
            this.refusals.inc({ reason: observation.errorReason });
        const authReason = observation.errorReason && (AUTH_FAILURE_STATUSES.has(observation.status) || observation.errorReason === 'too_many_failures');
        if (authReason && observation.status !== 400)
            this.authFailures.inc({ reason: observation.errorReason });
    }
    /** A report statement answered by `server` (`primary`, or a replica's name). */
    countRead(source, server) {
        this.reads.inc({ source, server });
    }
    trackReplicas(lags) {
        this.replicaLags = lags;
    }
};
exports.MetricsService = MetricsService;
exports.MetricsService = MetricsService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], MetricsService);
//# sourceMappingURL=metrics.service.js.map