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
exports.ReconciliationRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
/**
 * The counters' current day and period, recomputed: used from the ledger (a charge is in the ledger from its
 * admission until a failed request refunds it), reserved from the reservations still open.
 */
const EXPECTED = `
  SELECT c.account_id, c.usage_day, c.period_start,
         c.day_used, c.day_reserved, c.included_used, c.included_reserved, c.overage_used, c.bonus_reserved,
         coalesce(l.day_used, 0) AS expected_day_used,
         coalesce(l.included_used, 0) AS expected_included_used,
         coalesce(l.overage_used, 0) AS expected_overage_used,
         coalesce(r.day_reserved, 0) AS expected_day_reserved,
         coalesce(r.included_reserved, 0) AS expected_included_reserved,
         coalesce(r.bonus_reserved, 0) AS expected_bonus_reserved
    FROM billing_counters c
    LEFT JOIN LATERAL (
      SELECT sum(credits) FILTER (WHERE usage_day = c.usage_day) AS day_used,
             sum(included_credits) FILTER (WHERE period_start = c.period_start) AS included_used,
             sum(overage_credits) FILTER (WHERE period_start = c.period_start) AS overage_used
        FROM billing_ledger WHERE account_id = c.account_id) l ON true
    LEFT JOIN LATERAL (
      SELECT sum(credits) FILTER (WHERE usage_day = c.usage_day) AS day_reserved,
             sum(included_credits) FILTER (WHERE period_start = c.period_start) AS included_reserved,
             sum(bonus_credits) AS bonus_reserved
        FROM billing_reservations WHERE account_id = c.account_id) r ON true`;
const COLUMNS = ['day_used', 'included_used', 'overage_used', 'day_reserved', 'included_reserved', 'bonus_reserved'];
const DRIFTED = `${COLUMNS.map((column) => `${column} <> expected_${column}`).join(' OR ')}`;
/** Finds and repairs drift between the counters and the ledger (`npm run cli -- billing:reconcile`). */
let ReconciliationRepository = class ReconciliationRepository {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    async findDrift() {
        const rows = await this.dataSource.query(`SELECT * FROM (${EXPECTED}) AS e WHERE ${DRIFTED} ORDER BY account_id`);
        return rows.map(toDrift);
    }
    /**
     * Sets drifted counters to their expected values, each account under its counters row lock (the lock every
     * admission takes), so no request is admitted against a half-repaired row. Returns what was repaired.
     */
    repair() {
        return this.dataSource.transaction(async (manager) => {
            await manager.query(`SELECT account_id FROM billing_counters ORDER BY account_id FOR UPDATE`);
            const rows = await manager.query(`SELECT * FROM (${EXPECTED}) AS e WHERE ${DRIFTED} ORDER BY account_id`);
            for (const row of rows) {
                await manager.query(`UPDATE billing_counters SET ${COLUMNS.map((column, i) => `${column} = $${i + 2}`).join(', ')}
            WHERE account_id = $1`, [row.account_id, ...COLUMNS.map((column) => row[`expected_${column}`])]);
            }
            return rows.map(toDrift);
        });
    }
};
exports.ReconciliationRepository = ReconciliationRepository;
exports.ReconciliationRepository = ReconciliationRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], ReconciliationRepository);
function toDrift(row) {
    return {
        account_id: row.account_id,
        usage_day: String(row.usage_day),
        period_start: String(row.period_start),
        counters: Object.fromEntries(COLUMNS.map((column) => [column, Number(row[column])])),
        expected: Object.fromEntries(COLUMNS.map((column) => [column, Number(row[`expected_${column}`])])),
    };
}
//# sourceMappingURL=reconciliation.repository.js.map