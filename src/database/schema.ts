import { InitialSchema1764136800000 } from './migrations/1764136800000-initial-schema';
import { ApiKeys1764150000000 } from './migrations/1764150000000-api-keys';
import { Billing1764200000000 } from './migrations/1764200000000-billing';
import { ReferralLifecycle1764300000000 } from './migrations/1764300000000-referral-lifecycle';
import { ReferralStatsRollups1764400000000 } from './migrations/1764400000000-referral-stats-rollups';
import { BonusCredits1764500000000 } from './migrations/1764500000000-bonus-credits';
import { BillingPendingCharges1764600000000 } from './migrations/1764600000000-billing-pending-charges';
import { AuthFailures1764710000000 } from './migrations/1764710000000-auth-failures';
import { HotStatementRoutines1764720000001 } from './migrations/1764720000001-hot-statement-routines';
import { StatsNeededParts1764750000001 } from './migrations/1764750000001-stats-needed-parts';
import { ApiKeyManagement1764760000000 } from './migrations/1764760000000-api-key-management';
import { WebhooksAndUsageHistory1764770000000 } from './migrations/1764770000000-webhooks-and-usage-history';
import { OneAdmissionStatement1764810000000 } from './migrations/1764810000000-one-admission-statement';
import { CompactSlidingLog1764850000000 } from './migrations/1764850000000-compact-sliding-log';
import { StatsRangeLists1764860000001 } from './migrations/1764860000001-stats-range-lists';
import { BonusSumInPlace1764870000000 } from './migrations/1764870000000-bonus-sum-in-place';

/**
 * Every migration, listed explicitly rather than globbed, so the server, the TypeORM CLI and jest load exactly
 * the same classes. `npm run migration:generate` writes a file; add its class here (`npm run plans:migration`
 * adds its own). Entities are not listed here: each feature module registers its own with
 * TypeOrmModule.forFeature, so the database layer imports no feature.
 */
export const MIGRATIONS = [
  InitialSchema1764136800000,
  ApiKeys1764150000000,
  Billing1764200000000,
  ReferralLifecycle1764300000000,
  ReferralStatsRollups1764400000000,
  BonusCredits1764500000000,
  BillingPendingCharges1764600000000,
  AuthFailures1764710000000,
  HotStatementRoutines1764720000001,
  StatsNeededParts1764750000001,
  ApiKeyManagement1764760000000,
  WebhooksAndUsageHistory1764770000000,
  OneAdmissionStatement1764810000000,
  CompactSlidingLog1764850000000,
  StatsRangeLists1764860000001,
  BonusSumInPlace1764870000000,
];
