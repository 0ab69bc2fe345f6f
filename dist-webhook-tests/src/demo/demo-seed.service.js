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
var DemoSeedService_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.DemoSeedService = exports.DEMO_ADMIN_EMAIL = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const api_keys_service_1 = require("../auth/api-keys/api-keys.service");
const demo_funnel_1 = require("./demo-funnel");
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
exports.DEMO_ADMIN_EMAIL = 'admin@example.com';
/** Loads the demo funnel and a demo admin (with an API key) into an empty database. */
let DemoSeedService = DemoSeedService_1 = class DemoSeedService {
    constructor(dataSource, apiKeys) {
        this.dataSource = dataSource;
        this.apiKeys = apiKeys;
        this.logger = new common_1.Logger(DemoSeedService_1.name);
    }
    /** Returns null (and changes nothing) when the database already holds accounts. */
    async seedIfEmpty(now = new Date()) {
        const adminAccountId = await this.dataSource.transaction(async (manager) => {
            // Serialises concurrent seeders: only the first to take the lock finds the table empty.
            await manager.query('LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE');
            const [{ exists }] = await manager.query('SELECT EXISTS (SELECT 1 FROM accounts) AS exists');
            if (exists)
                return null;
            await this.insertFunnel(manager, now.getTime());
            const [{ id }] = await manager.query(`INSERT INTO accounts (email, plan) VALUES ($1, 'admin') RETURNING id`, [
                exports.DEMO_ADMIN_EMAIL,
            ]);
            return id;
        });
        if (!adminAccountId)
            return null;
        const { key } = await this.apiKeys.create(adminAccountId, { name: 'demo admin key' });
        this.logger.log('Loaded the demo referral funnel (42 clicks, 9 signups, 3 qualified, 1 review, 2 rewarded)');
        return { adminApiKey: key, adminAccountId };
    }
    async insertFunnel(manager, now) {
        const referrerIds = [];
        for (const referrer of demo_funnel_1.DEMO_REFERRERS) {
            const [{ id }] = await manager.query(`INSERT INTO accounts (email, plan, referral_code) VALUES ($1, $2, $3) RETURNING id`, [referrer.email, referrer.plan, referrer.code]);
            referrerIds.push(id);
        }
        // Clicks every 11 hours over the last two weeks.
        for (const [campaign, { referrer, clicks }] of Object.entries(demo_funnel_1.DEMO_CAMPAIGN_LINKS)) {
            await manager.query(`INSERT INTO referral_clicks (referral_code, referrer_account_id, utm_source, utm_medium, utm_campaign, created_at)
         SELECT $1, $2, 'newsletter', 'email', $3, to_timestamp($4::double precision / 1000) - make_interval(hours => n * 11)
           FROM generate_series(1, $5::int) AS n`, [demo_funnel_1.DEMO_REFERRERS[referrer].code, referrerIds[referrer], campaign, now - DAY_MS / 2, clicks]);
        }
        for (const [index, referral] of demo_funnel_1.DEMO_REFERRALS.entries()) {
            const [{ id: refereeId }] = await manager.query(`INSERT INTO accounts (email, plan) VALUES ($1, 'free') RETURNING id`, [`referee${index + 1}@example.com`]);
            // Attributed to the campaign's last click before the signup, as attribution would have done.
            await manager.query(`INSERT INTO referrals (referrer_account_id, referee_account_id, click_id, utm_campaign, status,
                                signed_up_at, review_required_at, qualified_at, rewarded_at, review_reason)
         VALUES ($1, $2, (SELECT id FROM referral_clicks WHERE utm_campaign = $3 AND created_at < $5
                           ORDER BY created_at DESC LIMIT 1),
                 $3, $4, $5, $6, $7, $8, $9)`, [referrerIds[demo_funnel_1.DEMO_CAMPAIGN_LINKS[referral.campaign].referrer], refereeId, referral.campaign,
                ...stageTimes(referral, now)]);
        }
    }
};
exports.DemoSeedService = DemoSeedService;
exports.DemoSeedService = DemoSeedService = DemoSeedService_1 = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource,
        api_keys_service_1.ApiKeysService])
], DemoSeedService);
function stageTimes(referral, now) {
    const signedUpAt = new Date(now - referral.signedUpDaysAgo * DAY_MS);
    const after = (hours) => new Date(signedUpAt.getTime() + hours * HOUR_MS);
    switch (referral.outcome) {
        case 'signed_up':
            return ['signed_up', signedUpAt, null, null, null, null];
        case 'review_required':
            return ['review_required', signedUpAt, signedUpAt, null, null, 'signup_ip_matches_referrer'];
        case 'qualified':
            return ['qualified', signedUpAt, null, after(30), null, null];
        case 'rewarded':
            return ['rewarded', signedUpAt, null, after(20), after(20), null];
    }
}
//# sourceMappingURL=demo-seed.service.js.map