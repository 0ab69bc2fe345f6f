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
exports.ClicksRepository = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
let ClicksRepository = class ClicksRepository {
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    async findReferrerByCode(code) {
        const rows = await this.dataSource.query(`SELECT id AS "accountId", email FROM accounts WHERE referral_code = $1`, [
            code,
        ]);
        return rows[0] ?? null;
    }
    /**
     * Counts the click unless the same visitor clicked the same code within the dedupe window (then that
     * earlier click is returned, uncounted) or its IP is over the per-minute limit (then null). The
     * visitor's advisory lock makes the check and the insert one step for concurrent duplicate clicks.
     */
    record(click) {
        return this.dataSource.transaction(async (manager) => {
            await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended(encode($1::bytea, 'hex'), 0))`, [
                click.visitorHash,
            ]);
            const [recent] = await manager.query(`SELECT id FROM referral_clicks
          WHERE visitor_hash = $1 AND referral_code = $2
            AND created_at > now() - make_interval(mins => $3)
          ORDER BY created_at DESC LIMIT 1`, [click.visitorHash, click.referralCode, click.dedupeWindowMinutes]);
            if (recent)
                return { clickId: String(recent.id), counted: false };
            const inserted = await manager.query(`INSERT INTO referral_clicks (referral_code, referrer_account_id, utm_source, utm_medium, utm_campaign,
                                      utm_term, utm_content, visitor_hash, ip_hash)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
          WHERE (SELECT count(*) FROM referral_clicks
                  WHERE ip_hash = $9 AND created_at > now() - interval '1 minute') < $10
         RETURNING id`, [
                click.referralCode,
                click.referrerAccountId,
                click.utm.utm_source ?? null,
                click.utm.utm_medium ?? null,
                click.utm.utm_campaign ?? null,
                click.utm.utm_term ?? null,
                click.utm.utm_content ?? null,
                click.visitorHash,
                click.ipHash,
                click.clicksPerIpPerMinute,
            ]);
            return inserted.length > 0 ? { clickId: String(inserted[0].id), counted: true } : null;
        });
    }
    async findAttributable(clickId) {
        const rows = await this.dataSource.query(`SELECT id::text AS "clickId", referral_code AS "referralCode", referrer_account_id AS "referrerAccountId",
              utm_campaign AS "utmCampaign"
         FROM referral_clicks WHERE id = $1`, [clickId]);
        return rows[0] ?? null;
    }
};
exports.ClicksRepository = ClicksRepository;
exports.ClicksRepository = ClicksRepository = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], ClicksRepository);
//# sourceMappingURL=clicks.repository.js.map