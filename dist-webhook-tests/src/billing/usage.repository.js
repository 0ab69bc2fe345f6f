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
exports.UsageRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
/**
 * A plain read (no lock): usage is informational, and a request in flight may finish a moment later.
 * Counters of a past day or period read as zero, exactly as the admission statement treats them; an account
 * that never made a metered request has no row and reads as zero too.
 */
const CURRENT_USAGE = `
SELECT t.now,
       CASE WHEN c.usage_day = t.today THEN c.day_used ELSE 0 END AS day_used,
       CASE WHEN c.usage_day = t.today THEN c.day_reserved ELSE 0 END AS day_reserved,
       CASE WHEN c.period_start = t.this_period THEN c.included_used ELSE 0 END AS included_used,
       CASE WHEN c.period_start = t.this_period THEN c.included_reserved ELSE 0 END AS included_reserved,
       CASE WHEN c.period_start = t.this_period THEN c.overage_used ELSE 0 END AS overage_used,
       (SELECT count(*)::int FROM unnest(c.recent_admissions) a WHERE a > t.now - interval '60 seconds')
         AS minute_count,
       (SELECT coalesce(json_agg(json_build_object('expiresAt', e, 'remaining', r) ORDER BY e), '[]')
          FROM unnest(bonus_spend(c.bonus_expires_at, c.bonus_remaining, t.now, c.bonus_reserved), c.bonus_expires_at)
               AS b(r, e)
         WHERE e > t.now AND r > 0) AS bonus
  FROM (SELECT now, (now AT TIME ZONE 'UTC')::date AS today,
               date_trunc('month', now AT TIME ZONE 'UTC')::date AS this_period
          FROM (SELECT clock_timestamp() AS now) clock) t
  LEFT JOIN billing_counters c ON c.account_id = $1`;
let UsageRepository = class UsageRepository {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    async currentUsage(accountId) {
        const [row] = (await this.dataSource.query(CURRENT_USAGE, [accountId]));
        return {
            now: row.now,
            dayUsed: Number(row.day_used ?? 0),
            dayReserved: Number(row.day_reserved ?? 0),
            includedUsed: Number(row.included_used ?? 0),
            includedReserved: Number(row.included_reserved ?? 0),
            overageUsed: Number(row.overage_used ?? 0),
            minuteCount: row.minute_count ?? 0,
            bonus: (row.bonus ?? []).map((balance) => ({ expiresAt: new Date(balance.expiresAt), remaining: Number(balance.remaining) })),
        };
    }
};
exports.UsageRepository = UsageRepository;
exports.UsageRepository = UsageRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], UsageRepository);
//# sourceMappingURL=usage.repository.js.map