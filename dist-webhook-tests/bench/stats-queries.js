"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.percentiles = percentiles;
exports.benchStatsQueries = benchStatsQueries;
const core_1 = require("@nestjs/core");
const typeorm_1 = require("typeorm");
const app_module_1 = require("../src/app.module");
const app_config_1 = require("../src/config/app-config");
const rfc3339_1 = require("../src/common/time/rfc3339");
const referral_stats_repository_1 = require("../src/referrals/stats/referral-stats.repository");
const dataset_1 = require("./dataset");
const MICROS_PER_DAY = 86400000000n;
const MICROS_PER_HOUR = 3600000000n;
const floorToHour = (micros) => micros - (micros % MICROS_PER_HOUR);
const END = BigInt(dataset_1.DATASET_END.getTime()) * 1000n;
function percentiles(samples) {
    const sorted = [...samples].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    const round = (ms) => Math.round(ms * 1000) / 1000;
    return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)) };
}
/** A deterministic sequence, so runs compare the same windows. */
function* randomFractions(seed) {
    let state = seed;
    for (;;) {
        state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
        yield state / 2_147_483_648;
    }
}
/**
 * Latency of the stats query as the endpoint runs it (ReferralStatsRepository.countFunnel: hourly rollups
 * plus exact partial hours), beside a plain COUNT of the same window over the raw events, per window class,
 * with and without a campaign. Measured from Node over one pooled connection: database time plus a
 * loopback round trip.
 */
async function benchStatsQueries(url, size, samples) {
    const config = app_config_1.AppConfig.fromEnvironment({ DATABASE_URL: url, LOG_LEVEL: 'error', DB_POOL_SIZE: '2' });
    const app = await core_1.NestFactory.createApplicationContext(app_module_1.AppModule.forRoot(config), { logger: ['error'] });
    try {
        const repository = app.get(referral_stats_repository_1.ReferralStatsRepository);
        const db = app.get(typeorm_1.DataSource);
        const random = randomFractions(42);
        const pick = () => random.next().value;
        const spanDays = BigInt(size.days);
        const startOfData = END - spanDays * MICROS_PER_DAY;
        const at = (fraction) => startOfData + BigInt(Math.floor(fraction * Number(spanDays * MICROS_PER_DAY)));
        const classes = [
            { name: 'all time', window: () => ({ from: null, to: null }) },
            {
                name: '30 days (hour-aligned)',
                window: () => {
                    const from = floorToHour(at(pick() * 0.9));
                    return { from, to: from + 30n * MICROS_PER_DAY };
                },
            },
            {
                name: '1 day (hour-aligned)',
                window: () => {
                    const from = floorToHour(at(pick() * 0.99));
                    return { from, to: from + MICROS_PER_DAY };
                },
            },
            {
                name: '7 days, unaligned edges',
                window: () => {
                    const from = at(pick() * 0.98);
                    return { from, to: from + 7n * MICROS_PER_DAY + 123456789n };
                },
            },
        ];
        const results = [];
        for (const windowClass of classes) {
            for (const withCampaign of [false, true]) {
                const rollup = [];
                const raw = [];
                for (let i = 0; i < samples; i++) {
                    const bounds = windowClass.window();
                    const window = { ...bounds, campaign: withCampaign ? `campaign_${i % size.campaigns}` : null };
                    let started = process.hrtime.bigint();
                    await repository.countFunnel(window);
                    rollup.push(Number(process.hrtime.bigint() - started) / 1e6);
                    // The raw COUNT is slow on the full dataset: a tenth as many samples keeps the run short.
                    if (i % 10 === 0) {
                        started = process.hrtime.bigint();
                        await rawFunnelCount(db, window);
                        raw.push(Number(process.hrtime.bigint() - started) / 1e6);
                    }
                }
                results.push({
                    windowClass: windowClass.name,
                    campaign: withCampaign,
                    samples,
                    rollupMs: percentiles(rollup),
                    rawCountMs: percentiles(raw),
                });
                console.log(`[bench]   ${windowClass.name}${withCampaign ? ', one campaign' : ''}: p95 ${percentiles(rollup).p95} ms`);
            }
        }
        return results;
    }
    finally {
        await app.close();
    }
}
/**
 * The straightforward query the rollups replace: seven COUNTs over the raw events. Bounds are inlined (they
 * are timestamps this bench formats) so PostgreSQL plans it for the actual window, its best case.
 */
async function rawFunnelCount(db, window) {
    const from = window.from === null ? '-infinity' : (0, rfc3339_1.formatEpochMicros)(window.from);
    const to = window.to === null ? 'infinity' : (0, rfc3339_1.formatEpochMicros)(window.to);
    const campaign = window.campaign === null ? '' : ` AND utm_campaign = '${window.campaign}'`;
    const count = (table, column) => `(SELECT count(*) FROM ${table} WHERE ${column} >= '${from}' AND ${column} < '${to}'${campaign})`;
    await db.query(`SELECT ${[
        count('referral_clicks', 'created_at'),
        count('referrals', 'signed_up_at'),
        count('referrals', 'qualified_at'),
        count('referrals', 'review_required_at'),
        count('referrals', 'rewarded_at'),
        count('referrals', 'capped_at'),
        count('referrals', 'rejected_at'),
    ].join(', ')}`);
}
//# sourceMappingURL=stats-queries.js.map