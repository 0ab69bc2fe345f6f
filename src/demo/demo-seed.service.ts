import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApiKeysService } from '../auth/api-keys/api-keys.service';
import { DEMO_CAMPAIGN_LINKS, DEMO_REFERRALS, DEMO_REFERRERS, DemoReferral } from './demo-funnel';
import { GenerateSql, SQL_SAMPLE } from '../database/generate-sql';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const DEMO_ADMIN_EMAIL = 'admin@example.com';

export interface DemoSeedResult {
  /** The demo admin's API key: returned once, to be shown once, stored only as a hash. */
  adminApiKey: string;
  adminAccountId: string;
}

/** Loads the demo funnel and a demo admin (with an API key) into an empty database. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** Returns null (and changes nothing) when the database already holds accounts. */
  @GenerateSql()
  async seedIfEmpty(now = new Date()): Promise<DemoSeedResult | null> {
    const adminAccountId = await this.dataSource.transaction(async (manager) => {
      // Serialises concurrent seeders: only the first to take the lock finds the table empty.
      await manager.query('LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE');
      const [{ exists }] = await manager.query('SELECT EXISTS (SELECT 1 FROM accounts) AS exists');
      if (exists) return null;
      await this.insertFunnel(manager, now.getTime());
      const [{ id }] = await manager.query(`INSERT INTO accounts (email, plan) VALUES ($1, 'admin') RETURNING id`, [
        DEMO_ADMIN_EMAIL,
      ]);
      return id as string;
    });
    if (!adminAccountId) return null;
    const { key } = await this.apiKeys.create(adminAccountId, { name: 'demo admin key' });
    this.logger.log('Loaded the demo referral funnel (42 clicks, 9 signups, 3 qualified, 1 review, 2 rewarded)');
    return { adminApiKey: key, adminAccountId };
  }

  @GenerateSql({ params: [SQL_SAMPLE.transaction, SQL_SAMPLE.date.getTime()] })
  private async insertFunnel(manager: EntityManager, now: number): Promise<void> {
    const referrerIds: string[] = [];
    for (const referrer of DEMO_REFERRERS) {
      const [{ id }] = await manager.query(
        `INSERT INTO accounts (email, plan, referral_code) VALUES ($1, $2, $3) RETURNING id`,
        [referrer.email, referrer.plan, referrer.code],
      );
      referrerIds.push(id);
    }

    // Clicks every 11 hours over the last two weeks.
    for (const [campaign, { referrer, clicks }] of Object.entries(DEMO_CAMPAIGN_LINKS)) {
      await manager.query(
        `INSERT INTO referral_clicks (referral_code, referrer_account_id, utm_source, utm_medium, utm_campaign, created_at)
         SELECT $1, $2, 'newsletter', 'email', $3, to_timestamp($4::double precision / 1000) - make_interval(hours => n * 11)
           FROM generate_series(1, $5::int) AS n`,
        [DEMO_REFERRERS[referrer].code, referrerIds[referrer], campaign, now - DAY_MS / 2, clicks],
      );
    }

    for (const [index, referral] of DEMO_REFERRALS.entries()) {
      const [{ id: refereeId }] = await manager.query(
        `INSERT INTO accounts (email, plan) VALUES ($1, 'free') RETURNING id`,
        [`referee${index + 1}@example.com`],
      );
      // Attributed to the campaign's last click before the signup, as attribution would have done.
      await manager.query(
        `INSERT INTO referrals (referrer_account_id, referee_account_id, click_id, utm_campaign, status,
                                signed_up_at, review_required_at, qualified_at, rewarded_at, review_reason)
         VALUES ($1, $2, (SELECT id FROM referral_clicks WHERE utm_campaign = $3 AND created_at < $5
                           ORDER BY created_at DESC LIMIT 1),
                 $3, $4, $5, $6, $7, $8, $9)`,
        [referrerIds[DEMO_CAMPAIGN_LINKS[referral.campaign].referrer], refereeId, referral.campaign,
          ...stageTimes(referral, now)],
      );
    }
  }
}

function stageTimes(referral: DemoReferral, now: number): unknown[] {
  const signedUpAt = new Date(now - referral.signedUpDaysAgo * DAY_MS);
  const after = (hours: number) => new Date(signedUpAt.getTime() + hours * HOUR_MS);
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
