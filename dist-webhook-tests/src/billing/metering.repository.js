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
exports.MeteringRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const pools_1 = require("../database/pools");
const routines_1 = require("../database/routines");
const metering_sql_1 = require("./metering.sql");
/** What the client sends for each hot statement: a call of its server-side function. */
const CALL_ADMIT = (0, routines_1.callStatement)(metering_sql_1.ADMIT_ROUTINE);
const CALL_ADMIT_BATCH = (0, routines_1.callStatement)(metering_sql_1.ADMIT_BATCH_ROUTINE);
const CALL_CONFIRM = (0, routines_1.callStatement)(metering_sql_1.CONFIRM_ROUTINE);
const CALL_REFUND = (0, routines_1.callStatement)(metering_sql_1.REFUND_ROUTINE);
const CALL_COMMIT = (0, routines_1.callStatement)(metering_sql_1.COMMIT_ROUTINE);
const CALL_RELEASE = (0, routines_1.callStatement)(metering_sql_1.RELEASE_ROUTINE);
function toSettled(row) {
    return {
        dayUsed: Number(row.day_used),
        dayReserved: Number(row.day_reserved),
        includedUsed: Number(row.included_used),
        includedReserved: Number(row.included_reserved),
    };
}
/**
 * Every statement of the metering hot path, always on the primary. Admit, commit, confirm, refund and release
 * call server-side functions (planned once per backend: planning the admission costs about as much as
 * executing it). Counters are bigint (strings from pg), far below 2^53.
 */
let MeteringRepository = class MeteringRepository {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    /** Straight on the pool (no TypeORM query runner on the hot path); errors are pg's own, with `code`. */
    run(text, values) {
        return (0, pools_1.primaryPool)(this.dataSource).query(text, values).then((result) => result.rows);
    }
    async admit(request, limits, reservationTtlMs) {
        const params = [
            request.accountId,
            request.credits,
            limits.ratePerMinute,
            limits.dailyCap,
            limits.includedCredits,
            limits.overageAllowed,
            request.requestId,
            request.credential.kind,
            request.credential.id,
            request.route,
            reservationTtlMs,
        ];
        let rows = await this.run(CALL_ADMIT, params);
        if (rows.length === 0) {
            await this.dataSource.query(metering_sql_1.ENSURE_COUNTERS, [request.accountId]);
            rows = await this.run(CALL_ADMIT, params);
        }
        const [row] = rows;
        if (!row)
            throw new Error(`no billing counters for account ${request.accountId} after creating them`);
        return toResult(row, null);
    }
    /**
     * Admits several requests in one statement (ADMIT_BATCH); results in the order of `batch`. The accounts
     * must be distinct: the caller queues a second request of an account for the next statement.
     */
    async admitBatch(batch, reservationTtlMs, confirmChargeIds = []) {
        const column = (pick) => batch.map(pick);
        const rows = await this.run(CALL_ADMIT_BATCH, [
            column((item) => item.request.accountId),
            column((item) => item.request.credits),
            column((item) => item.limits.ratePerMinute),
            column((item) => item.limits.dailyCap),
            column((item) => item.limits.includedCredits),
            column((item) => item.limits.overageAllowed),
            column((item) => item.request.requestId),
            column((item) => item.request.credential.kind),
            column((item) => item.request.credential.id),
            column((item) => item.request.route),
            reservationTtlMs,
            confirmChargeIds,
        ]);
        const results = new Array(batch.length);
        for (const row of rows) {
            results[Number(row.n) - 1] = row.missing ? { missing: true } : { missing: false, ...toResult(row, row.charge_id) };
        }
        return results;
    }
    /** Creates the counters rows of these accounts where missing. */
    async ensureCounters(accountIds) {
        await this.dataSource.query(metering_sql_1.ENSURE_COUNTERS_MANY, [accountIds]);
    }
    /** Makes these provisional charges final (their requests answered 2xx). */
    async confirmCharges(chargeIds) {
        await this.run(CALL_CONFIRM, [chargeIds]);
    }
    /** Refunds a provisional charge. Null when it was already confirmed or swept: then nothing changed. */
    async refund(chargeId) {
        const rows = await this.run(CALL_REFUND, [chargeId]);
        return rows.length > 0 ? toSettled(rows[0]) : null;
    }
    /** Null when the reservation no longer exists (it expired and was swept): then nothing was charged. */
    async commit(reservationId) {
        const rows = await this.run(CALL_COMMIT, [reservationId]);
        return rows.length > 0 ? toSettled(rows[0]) : null;
    }
    async release(reservationId) {
        const rows = await this.run(CALL_RELEASE, [reservationId]);
        return rows.length > 0 ? toSettled(rows[0]) : null;
    }
    /**
     * Returns the number of accounts whose expired reservations were released, plus the number whose expired
     * provisional charges were refunded.
     */
    async sweepExpired(batchSize) {
        const [reserved] = (await this.dataSource.query(metering_sql_1.SWEEP, [batchSize]));
        const [charged] = (await this.dataSource.query(metering_sql_1.SWEEP_PENDING, [batchSize]));
        return reserved.length + charged.length;
    }
};
exports.MeteringRepository = MeteringRepository;
exports.MeteringRepository = MeteringRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], MeteringRepository);
function toResult(row, chargeId) {
    return {
        refusal: row.refusal,
        reservationId: row.reservation_id,
        chargeId,
        blockingAdmission: row.blocking_admission,
        counters: {
            now: row.now,
            dayUsed: Number(row.day_used),
            dayReserved: Number(row.day_reserved),
            includedUsed: Number(row.included_used),
            includedReserved: Number(row.included_reserved),
            overageUsed: Number(row.overage_used),
            minuteCount: row.minute_count,
            minuteOldest: row.minute_oldest,
        },
    };
}
//# sourceMappingURL=metering.repository.js.map