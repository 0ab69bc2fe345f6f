"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIGRATIONS = exports.ENTITIES = void 0;
const account_entity_1 = require("../accounts/entities/account.entity");
const api_key_entity_1 = require("../auth/api-keys/api-key.entity");
const referral_entity_1 = require("../referrals/entities/referral.entity");
const referral_click_entity_1 = require("../referrals/entities/referral-click.entity");
const _1764136800000_initial_schema_1 = require("./migrations/1764136800000-initial-schema");
const _1764150000000_api_keys_1 = require("./migrations/1764150000000-api-keys");
const _1764200000000_billing_1 = require("./migrations/1764200000000-billing");
const _1764300000000_referral_lifecycle_1 = require("./migrations/1764300000000-referral-lifecycle");
const _1764400000000_referral_stats_rollups_1 = require("./migrations/1764400000000-referral-stats-rollups");
const _1764500000000_bonus_credits_1 = require("./migrations/1764500000000-bonus-credits");
const _1764600000000_billing_pending_charges_1 = require("./migrations/1764600000000-billing-pending-charges");
const _1764720000001_hot_statement_routines_1 = require("./migrations/1764720000001-hot-statement-routines");
const _1764760000000_api_key_management_1 = require("./migrations/1764760000000-api-key-management");
const _1764770000000_webhooks_and_usage_history_1 = require("./migrations/1764770000000-webhooks-and-usage-history");
/**
 * Every entity and migration, listed explicitly rather than globbed, so the server, the TypeORM CLI and
 * jest load exactly the same classes. `npm run migration:generate` writes a file; add its class here.
 */
exports.ENTITIES = [account_entity_1.Account, referral_click_entity_1.ReferralClick, referral_entity_1.Referral, api_key_entity_1.ApiKey];
exports.MIGRATIONS = [
    _1764136800000_initial_schema_1.InitialSchema1764136800000,
    _1764150000000_api_keys_1.ApiKeys1764150000000,
    _1764200000000_billing_1.Billing1764200000000,
    _1764300000000_referral_lifecycle_1.ReferralLifecycle1764300000000,
    _1764400000000_referral_stats_rollups_1.ReferralStatsRollups1764400000000,
    _1764500000000_bonus_credits_1.BonusCredits1764500000000,
    _1764600000000_billing_pending_charges_1.BillingPendingCharges1764600000000,
    _1764720000001_hot_statement_routines_1.HotStatementRoutines1764720000001,
    _1764760000000_api_key_management_1.ApiKeyManagement1764760000000,
    _1764770000000_webhooks_and_usage_history_1.WebhooksAndUsageHistory1764770000000,
];
//# sourceMappingURL=schema.js.map