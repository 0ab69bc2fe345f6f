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
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReferralStatsService = void 0;
const common_1 = require("@nestjs/common");
const api_exception_1 = require("../../common/http/api.exception");
const rfc3339_1 = require("../../common/time/rfc3339");
const funnel_1 = require("./funnel");
const referral_stats_repository_1 = require("./referral-stats.repository");
const MICROS_PER_HOUR = 3600000000n;
const MAX_BUCKETS = 1000;
/** Default window of a series ending now, and the shortest a bucket of each interval can be (DST). */
const SERIES_SHAPE = {
    hour: { defaultSpanHours: 48n, minBucketHours: 1n },
    day: { defaultSpanHours: 30n * 24n, minBucketHours: 23n },
    week: { defaultSpanHours: 12n * 7n * 24n, minBucketHours: 7n * 24n - 1n },
    month: { defaultSpanHours: 365n * 24n, minBucketHours: 28n * 24n - 1n },
};
let ReferralStatsService = class ReferralStatsService {
    constructor(repository) {
        this.repository = repository;
    }
    async getStats(query) {
        return toFunnelResponse(await this.repository.countFunnel(toWindow(query)));
    }
    /** The funnel per hour/day/week/month of the zone; without bounds, a recent window ending now. */
    async getTimeseries(query) {
        const interval = query.interval ?? 'day';
        const timezone = query.timezone ?? 'UTC';
        const shape = SERIES_SHAPE[interval];
        const window = toWindow(query);
        const to = window.to ?? BigInt(Date.now()) * 1000n;
        // A default window never reaches back before year 1, which no RFC 3339 timestamp can name.
        const from = window.from ?? maxOf(to - shape.defaultSpanHours * MICROS_PER_HOUR, rfc3339_1.MIN_EPOCH_MICROS);
        if (from >= to) {
            throw api_exception_1.ApiException.validation('Invalid query parameters', [{ field: 'from', message: 'from must be earlier than to' }]);
        }
        if ((to - from) / (shape.minBucketHours * MICROS_PER_HOUR) + 2n > BigInt(MAX_BUCKETS)) {
            throw new api_exception_1.ApiException(common_1.HttpStatus.BAD_REQUEST, 'Invalid query parameters', {
                errors: [{ field: 'interval', message: `at most ${MAX_BUCKETS} buckets: narrow the window or use a longer interval` }],
            });
        }
        const buckets = await this.repository.countSeries({ ...window, from, to }, interval, timezone);
        return {
            interval,
            timezone,
            from: (0, rfc3339_1.formatEpochMicros)(from),
            to: (0, rfc3339_1.formatEpochMicros)(to),
            buckets: buckets.map((bucket, index) => ({
                start: inZone(bucket.from, bucket.offsetSeconds),
                end: inZone(bucket.to, buckets[index + 1]?.offsetSeconds ?? bucket.offsetSeconds),
                ...toFunnelResponse(bucket.counts),
            })),
        };
    }
    async getCampaigns(query) {
        const window = toWindow(query);
        const sort = query.sort ?? 'clicks';
        const rows = await this.repository.countByCampaign(window, sort, query.limit ?? 50);
        return {
            from: window.from === null ? null : (0, rfc3339_1.formatEpochMicros)(window.from),
            to: window.to === null ? null : (0, rfc3339_1.formatEpochMicros)(window.to),
            sort,
            campaigns: rows.map((row) => ({ campaign: row.campaign, ...toFunnelResponse(row.counts) })),
        };
    }
};
exports.ReferralStatsService = ReferralStatsService;
exports.ReferralStatsService = ReferralStatsService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [referral_stats_repository_1.ReferralStatsRepository])
], ReferralStatsService);
const maxOf = (a, b) => (a > b ? a : b);
function toFunnelResponse(counts) {
    return {
        clicks: counts.clicks,
        attributed_signups: counts.attributedSignups,
        qualified_referrals: counts.qualified,
        review_required: counts.reviewRequired,
        rewarded_referrals: counts.rewarded,
        capped_referrals: counts.capped,
        rejected_referrals: counts.rejected,
        signup_rate: (0, funnel_1.conversionRate)(counts.attributedSignups, counts.clicks),
        qualification_rate: (0, funnel_1.conversionRate)(counts.qualified, counts.attributedSignups),
        reward_rate: (0, funnel_1.conversionRate)(counts.rewarded, counts.attributedSignups),
    };
}
/** The query was validated at the edge, so the bounds parse; absent bounds mean "unbounded". */
function toWindow(query) {
    return {
        from: query.from === undefined ? null : (0, rfc3339_1.parseRfc3339)(query.from),
        to: query.to === undefined ? null : (0, rfc3339_1.parseRfc3339)(query.to),
        campaign: query.campaign ?? null,
    };
}
/** `2026-03-29T00:00:00Z` with offset +3600 -> `2026-03-29T01:00:00+01:00` (fraction kept only when non-zero). */
function inZone(utc, offsetSeconds) {
    const micros = (0, rfc3339_1.parseRfc3339)(utc) + BigInt(offsetSeconds) * 1000000n;
    const wall = (0, rfc3339_1.formatEpochMicros)(micros).slice(0, -1).replace(/\.000000$/, '');
    const sign = offsetSeconds < 0 ? '-' : '+';
    const minutes = Math.abs(offsetSeconds) / 60;
    const offset = `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return `${wall}${offset}`;
}
//# sourceMappingURL=referral-stats.service.js.map