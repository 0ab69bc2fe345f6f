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
exports.ReferralStatsRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const api_exception_1 = require("../../common/http/api.exception");
const rfc3339_1 = require("../../common/time/rfc3339");
const pools_1 = require("../../database/pools");
const read_replicas_service_1 = require("../../database/replicas/read-replicas.service");
const routines_1 = require("../../database/routines");
const stats_sql_1 = require("./stats-sql");
const window_parts_1 = require("./window-parts");
const INVALID_PARAMETER_VALUE = '22023';
const ROLLUP_UNITS = ['hour', 'day'];
/** Counts arrive as bigint strings; funnel counts stay far below 2^53. */
function countsFrom(row, key) {
    return Object.fromEntries(stats_sql_1.FUNNEL_EVENTS.map(([alias, column]) => [alias, Number(row[key(alias, column)])]));
}
/** What the client sends for each stats statement: a call of its server-side function (see stats-sql.ts). */
const CALL_FUNNEL = (0, routines_1.callStatement)(stats_sql_1.FUNNEL_ROUTINE);
const CALL_FUNNEL_FOR_CAMPAIGN = (0, routines_1.callStatement)(stats_sql_1.FUNNEL_FOR_CAMPAIGN_ROUTINE);
const seriesCall = (interval, withCampaign) => (0, routines_1.callStatement)((0, stats_sql_1.seriesRoutine)(interval, withCampaign));
const campaignsCall = (sort) => (0, routines_1.callStatement)((0, stats_sql_1.campaignsRoutine)(sort));
/**
 * The stats queries. They are hot and fixed, so they run as server-side functions (planned once per backend),
 * and read from a hot standby when one is current enough (ReadReplicas); drift checks and rebuilds stay on the
 * primary.
 */
let ReferralStatsRepository = class ReferralStatsRepository {
    constructor(dataSource, reads) {
        this.dataSource = dataSource;
        this.reads = reads;
    }
    async countFunnel(window) {
        const withCampaign = window.campaign !== null;
        const [row] = await this.reads.read(withCampaign ? CALL_FUNNEL_FOR_CAMPAIGN : CALL_FUNNEL, [window.campaign ?? stats_sql_1.ALL_CAMPAIGNS, ...(0, window_parts_1.windowParameters)((0, window_parts_1.splitWindow)(window.from, window.to))]);
        return countsFrom(row, (alias) => alias);
    }
    /** The funnel per bucket of [from, to) in `timeZone`; bounds are required here. */
    async countSeries(window, interval, timeZone) {
        const withCampaign = window.campaign !== null;
        const rows = await this.reads.read(seriesCall(interval, withCampaign), [window.campaign ?? stats_sql_1.ALL_CAMPAIGNS, (0, rfc3339_1.formatEpochMicros)(window.from), (0, rfc3339_1.formatEpochMicros)(window.to), timeZone]).catch((error) => {
            // A zone the runtime knows but this PostgreSQL's tz database does not: the client's input, not our fault.
            if ((0, pools_1.sqlState)(error) === INVALID_PARAMETER_VALUE) {
                throw api_exception_1.ApiException.validation('Invalid query parameters', [
                    { field: 'timezone', message: `timezone ${timeZone} is not known to the database` },
                ]);
            }
            throw error;
        });
        return rows.map((row) => ({
            from: String(row.from),
            to: String(row.to),
            offsetSeconds: Number(row.offsetSeconds),
            counts: countsFrom(row, (alias) => alias),
        }));
    }
    /** The funnel of each campaign with events in the window, top `limit` by `sort`. */
    async countByCampaign(window, sort, limit) {
        const rows = await this.reads.read(campaignsCall(sort), [
            limit,
            ...(0, window_parts_1.windowParameters)((0, window_parts_1.splitWindow)(window.from, window.to)),
        ]);
        return rows.map((row) => ({ campaign: row.campaign, counts: countsFrom(row, (_alias, column) => column) }));
    }
    /** Rollup rows (hourly and daily) that differ from a recount of the raw events. */
    async findDrift(limit = 100) {
        const drift = [];
        for (const unit of ROLLUP_UNITS) {
            const rows = await this.dataSource.query((0, stats_sql_1.driftQuery)(unit), [limit]);
            drift.push(...rows.map((row) => ({
                unit,
                campaign: row.campaign,
                bucket: row.bucket,
                stored: Object.fromEntries(stats_sql_1.ROLLUP_COLUMNS.map((c) => [c, Number(row[`stored_${c}`])])),
                expected: Object.fromEntries(stats_sql_1.ROLLUP_COLUMNS.map((c) => [c, Number(row[`expected_${c}`])])),
            })));
        }
        return drift;
    }
    /**
     * Recomputes every rollup row from the raw events. Writers to the event tables wait meanwhile (SHARE lock),
     * so the rebuilt rows are exact when the lock is released. Returns the number of rows written.
     */
    rebuild() {
        return this.dataSource.transaction(async (manager) => {
            await manager.query('LOCK TABLE referral_clicks, referrals IN SHARE MODE');
            let written = 0;
            for (const unit of ROLLUP_UNITS) {
                await manager.query(`DELETE FROM ${stats_sql_1.ROLLUP_TABLES[unit]}`);
                written += (await manager.query((0, stats_sql_1.rebuildStatement)(unit))).length;
            }
            return written;
        });
    }
};
exports.ReferralStatsRepository = ReferralStatsRepository;
exports.ReferralStatsRepository = ReferralStatsRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource,
        read_replicas_service_1.ReadReplicas])
], ReferralStatsRepository);
//# sourceMappingURL=referral-stats.repository.js.map