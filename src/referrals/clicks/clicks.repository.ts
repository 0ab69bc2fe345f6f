import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GenerateSql, SQL_SAMPLE } from '../../database/generate-sql';
import { entityManagerOf, TransactionContext } from '../../database/transaction-context';

export interface UtmParameters {
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  utm_term?: string;
  utm_content?: string;
}

export interface ClickToRecord {
  referralCode: string;
  referrerAccountId: string;
  utm: UtmParameters;
  visitorHash: Buffer;
  ipHash: Buffer;
  dedupeWindowMinutes: number;
  clicksPerIpPerMinute: number;
}

/** What a recorded (or deduplicated) click resolves to: the click the cookie should carry. */
export interface RecordedClick {
  clickId: string;
  counted: boolean;
}

/** Past clicks on one campaign's link (the demo funnel): `count` of them, one every `everyHours` before `lastAt`. */
export interface PastClicks {
  referralCode: string;
  referrerAccountId: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  lastAt: Date;
  everyHours: number;
  count: number;
}

export interface AttributableClick {
  clickId: string;
  referralCode: string;
  referrerAccountId: string;
  utmCampaign: string | null;
}

@Injectable()
export class ClicksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Counts the click unless the same visitor clicked the same code within the dedupe window (then that
   * earlier click is returned, uncounted) or its IP is over the per-minute limit (then null). The
   * visitor's advisory lock makes the check and the insert one step for concurrent duplicate clicks.
   */
  @GenerateSql({ params: [{ referralCode: SQL_SAMPLE.referralCode, referrerAccountId: SQL_SAMPLE.accountId, utm: { utm_source: 'newsletter', utm_campaign: 'spring' }, visitorHash: SQL_SAMPLE.hash, ipHash: SQL_SAMPLE.hash, dedupeWindowMinutes: 30, clicksPerIpPerMinute: 20 }] })
  record(click: ClickToRecord): Promise<RecordedClick | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended(encode($1::bytea, 'hex'), 0))`, [
        click.visitorHash,
      ]);
      const [recent] = await manager.query(
        `SELECT id FROM referral_clicks
          WHERE visitor_hash = $1 AND referral_code = $2
            AND created_at > now() - make_interval(mins => $3)
          ORDER BY created_at DESC LIMIT 1`,
        [click.visitorHash, click.referralCode, click.dedupeWindowMinutes],
      );
      if (recent) return { clickId: String(recent.id), counted: false };

      const inserted = await manager.query(
        `INSERT INTO referral_clicks (referral_code, referrer_account_id, utm_source, utm_medium, utm_campaign,
                                      utm_term, utm_content, visitor_hash, ip_hash)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
          WHERE (SELECT count(*) FROM referral_clicks
                  WHERE ip_hash = $9 AND created_at > now() - interval '1 minute') < $10
         RETURNING id`,
        [
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
        ],
      );
      return inserted.length > 0 ? { clickId: String(inserted[0].id), counted: true } : null;
    });
  }

  /**
   * The click, when it happened within the attribution window. The cookie's own age is not enough: a repeat
   * click inside the dedupe window gets a fresh cookie for the earlier click, so a visitor returning every
   * half hour would otherwise keep a months-old click attributable.
   */
  @GenerateSql({ params: ['1', 2_592_000_000] })
  async findAttributable(clickId: string, windowMs: number): Promise<AttributableClick | null> {
    const rows = await this.dataSource.query(
      `SELECT id::text AS "clickId", referral_code AS "referralCode", referrer_account_id AS "referrerAccountId",
              utm_campaign AS "utmCampaign"
         FROM referral_clicks WHERE id = $1 AND created_at > now() - make_interval(secs => $2::float8 / 1000)`,
      [clickId, windowMs],
    );
    return rows[0] ?? null;
  }

  @GenerateSql({
    params: [
      SQL_SAMPLE.transaction,
      {
        referralCode: SQL_SAMPLE.referralCode,
        referrerAccountId: SQL_SAMPLE.accountId,
        utmSource: 'newsletter',
        utmMedium: 'email',
        utmCampaign: 'spring',
        lastAt: SQL_SAMPLE.date,
        everyHours: 11,
        count: 3,
      },
    ],
  })
  async insertPastClicks(tx: TransactionContext, clicks: PastClicks): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO referral_clicks (referral_code, referrer_account_id, utm_source, utm_medium, utm_campaign, created_at)
       SELECT $1, $2, $3, $4, $5, $6::timestamptz - make_interval(hours => n * $7::int)
         FROM generate_series(1, $8::int) AS n`,
      [
        clicks.referralCode,
        clicks.referrerAccountId,
        clicks.utmSource,
        clicks.utmMedium,
        clicks.utmCampaign,
        clicks.lastAt,
        clicks.everyHours,
        clicks.count,
      ],
    );
  }
}
