import { Account } from '../accounts/entities/account.entity';
import { Referral } from '../referrals/entities/referral.entity';
import { ReferralClick } from '../referrals/entities/referral-click.entity';
import { InitialSchema1764136800000 } from './migrations/1764136800000-initial-schema';

/**
 * Every entity and migration, listed explicitly rather than globbed, so the server, the TypeORM CLI and
 * jest load exactly the same classes. `npm run migration:generate` writes a file; add its class here.
 */
export const ENTITIES = [Account, ReferralClick, Referral];
export const MIGRATIONS = [InitialSchema1764136800000];
