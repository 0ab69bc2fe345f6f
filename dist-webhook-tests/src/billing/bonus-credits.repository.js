"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.BonusCreditsRepository = void 0;
const common_1 = require("@nestjs/common");
/**
 * Adds a grant to the account's live bonus balance (billing_counters), merging grants that expire together,
 * keeping the arrays sorted by expiry and dropping balances that are spent or expired. The upsert takes the
 * counters row lock, so a grant never races an admission or a charge.
 */
const GRANT = `
INSERT INTO billing_counters AS c (account_id, bonus_expires_at, bonus_remaining)
VALUES ($1, ARRAY[$3::timestamptz], ARRAY[$2::bigint])
ON CONFLICT (account_id) DO UPDATE
   SET (bonus_expires_at, bonus_remaining) = (
         SELECT coalesce(array_agg(e ORDER BY e), '{}'), coalesce(array_agg(r ORDER BY e), '{}')
           FROM (SELECT e, sum(r)::bigint AS r
                   FROM (SELECT * FROM unnest(c.bonus_expires_at, c.bonus_remaining) AS b(e, r)
                         UNION ALL SELECT $3::timestamptz, $2::bigint) AS grants
                  WHERE e > clock_timestamp() AND r > 0
                  GROUP BY e) AS merged)`;
let BonusCreditsRepository = class BonusCreditsRepository {
    /** Runs inside the caller's transaction, so the grant stands or falls with what earned it. */
    async grant(manager, accountId, credits, expiresAt) {
        await manager.query(GRANT, [accountId, credits, expiresAt]);
    }
};
exports.BonusCreditsRepository = BonusCreditsRepository;
exports.BonusCreditsRepository = BonusCreditsRepository = __decorate([
    (0, common_1.Injectable)()
], BonusCreditsRepository);
//# sourceMappingURL=bonus-credits.repository.js.map