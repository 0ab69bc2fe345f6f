import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ReadReplicas } from '../../database/replicas/read-replicas.service';
import { entityManagerOf, inTransaction, TransactionContext } from '../../database/transaction-context';
import type { ReferralStatus } from '../entities/referral.entity';
import { GenerateSql, SkipSqlSnapshot, SQL_SAMPLE } from '../../database/generate-sql';
import type { Transition } from './referral-state-machine';

/** A referral as the API shows it; timestamps are exact (microseconds) RFC 3339 strings in UTC. */
export interface ReferralRecord {
  id: string;
  status: ReferralStatus;
  referrer_account_id: string;
  referee_account_id: string;
  click_id: string | null;
  utm_campaign: string | null;
  signed_up_at: string;
  review_required_at: string | null;
  qualified_at: string | null;
  rewarded_at: string | null;
  capped_at: string | null;
  rejected_at: string | null;
  review_reason: string | null;
  rejection_reason: string | null;
}

export interface TransitionRecord {
  from_status: ReferralStatus | null;
  to_status: ReferralStatus;
  reason: string | null;
  actor: { kind: ActorKind; id: string | null; account_id: string | null };
  at: string;
}

export const ACTOR_KINDS = ['system', 'api_key', 'jwt'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** A referral_transitions row as selected by transitionsOf. */
interface TransitionRow {
  from_status: ReferralStatus | null;
  to_status: ReferralStatus;
  reason: string | null;
  actor_kind: ActorKind;
  actor_id: string | null;
  actor_account_id: string | null;
  at: string;
}

export interface Actor {
  kind: ActorKind;
  id: string | null;
  accountId: string | null;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null, accountId: null };

export interface NewReferral {
  referrerAccountId: string;
  refereeAccountId: string;
  clickId: string | null;
  utmCampaign: string | null;
  signupIpHash: Buffer | null;
  status: 'signed_up' | 'review_required' | 'rejected';
  reason: string | null;
}

/** A referral of the demo funnel (or any history brought in): its stages' times given, no audit trail. */
export interface PastReferral {
  referrerAccountId: string;
  refereeAccountId: string;
  utmCampaign: string;
  status: ReferralStatus;
  signedUpAt: Date;
  reviewRequiredAt: Date | null;
  qualifiedAt: Date | null;
  rewardedAt: Date | null;
  reviewReason: string | null;
}

export type ReferrerFunnel = Record<'clicks' | 'signups' | 'qualified' | 'rewarded' | 'capped', number>;

export interface ReferralListFilter {
  status?: ReferralStatus;
  campaign?: string;
  from?: string;
  to?: string;
  referrerAccountId?: string;
  /** Continue after this (signed_up_at, id), exclusive; newest first. */
  after?: { signedUpAt: string; id: string };
  limit: number;
}

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const REFERRAL_COLUMNS = `
  r.id, r.status, r.referrer_account_id, r.referee_account_id, r.click_id::text AS click_id, r.utm_campaign,
  ${utc('r.signed_up_at')} AS signed_up_at, ${utc('r.review_required_at')} AS review_required_at,
  ${utc('r.qualified_at')} AS qualified_at, ${utc('r.rewarded_at')} AS rewarded_at,
  ${utc('r.capped_at')} AS capped_at, ${utc('r.rejected_at')} AS rejected_at,
  r.review_reason, r.rejection_reason`;

/** The column each status change stamps (review_required is only ever a signup's first status: insertReferral). */
const STAGE_COLUMN: Partial<Record<ReferralStatus, string>> = {
  qualified: 'qualified_at',
  rewarded: 'rewarded_at',
  capped: 'capped_at',
  rejected: 'rejected_at',
};

/** Every query on referrals, their audit trail and reward counts. Values are always bind parameters. */
@Injectable()
export class ReferralsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReadReplicas,
  ) {}

  /**
   * Runs `work` in one transaction, with the statements that must share it; `tx.context` carries the same
   * transaction to the other modules' services (the account, the bonus grant, the webhook event).
   */
  @SkipSqlSnapshot('runs the work in one transaction: ReferralsTransaction snapshots its statements')
  transaction<T>(work: (tx: ReferralsTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, (context) => work(new ReferralsTransaction(context)));
  }

  /** Review reads (this, transitionsOf, list) may come from a replica on a `@ReadsFromReplica()` route. */
  @GenerateSql({ params: [SQL_SAMPLE.referralId] })
  async findById(id: string): Promise<ReferralRecord | null> {
    const rows = await this.reads.read<ReferralRecord>(`SELECT ${REFERRAL_COLUMNS} FROM referrals r WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  @GenerateSql({ params: [SQL_SAMPLE.referralId] })
  async transitionsOf(id: string): Promise<TransitionRecord[]> {
    const rows = await this.reads.read<TransitionRow>(
      `SELECT from_status, to_status, reason, actor_kind, actor_id, actor_account_id, ${utc('at')} AS at
         FROM referral_transitions WHERE referral_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map((row) => ({
      from_status: row.from_status,
      to_status: row.to_status,
      reason: row.reason,
      actor: { kind: row.actor_kind, id: row.actor_id, account_id: row.actor_account_id },
      at: row.at,
    }));
  }

  /** Newest signups first; keyset pagination on (signed_up_at, id), so pages stay stable under inserts. */
  @GenerateSql({ name: 'no filter', params: [{ limit: 20 }] }, { name: 'every filter', params: [{ status: 'signed_up', campaign: 'spring', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', referrerAccountId: SQL_SAMPLE.accountId, after: { signedUpAt: '2026-01-20T00:00:00Z', id: SQL_SAMPLE.referralId }, limit: 20 }] })
  list(filter: ReferralListFilter): Promise<ReferralRecord[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.status) conditions.push(`r.status = ${bind(filter.status)}`);
    if (filter.campaign !== undefined) conditions.push(`r.utm_campaign = ${bind(filter.campaign)}`);
    if (filter.from) conditions.push(`r.signed_up_at >= ${bind(filter.from)}::timestamptz`);
    if (filter.to) conditions.push(`r.signed_up_at < ${bind(filter.to)}::timestamptz`);
    if (filter.referrerAccountId) conditions.push(`r.referrer_account_id = ${bind(filter.referrerAccountId)}`);
    if (filter.after) {
      conditions.push(
        `(r.signed_up_at, r.id) < (${bind(filter.after.signedUpAt)}::timestamptz, ${bind(filter.after.id)}::uuid)`,
      );
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.reads.read<ReferralRecord>(
      `SELECT ${REFERRAL_COLUMNS} FROM referrals r ${where}
        ORDER BY r.signed_up_at DESC, r.id DESC LIMIT ${bind(filter.limit)}`,
      params,
    );
  }

  /** The referrals of these referees that are still `signed_up` (neither qualified, nor under review, nor final). */
  @GenerateSql({ params: [[SQL_SAMPLE.refereeId]] })
  async signedUpReferralsOf(refereeAccountIds: string[]): Promise<string[]> {
    const rows = await this.dataSource.query(
      `SELECT id FROM referrals WHERE referee_account_id = ANY($1::uuid[]) AND status = 'signed_up'`,
      [refereeAccountIds],
    );
    return rows.map((row: { id: string }) => row.id);
  }

  /** The referral whose referee is this account (there is at most one), if any. */
  @GenerateSql({ params: [SQL_SAMPLE.refereeId] })
  async findByReferee(refereeAccountId: string): Promise<{ id: string; status: ReferralStatus } | null> {
    const rows = await this.dataSource.query(`SELECT id, status FROM referrals WHERE referee_account_id = $1`, [
      refereeAccountId,
    ]);
    return rows[0] ?? null;
  }

  /** A referrer's own funnel, all time. */
  @GenerateSql({ params: [SQL_SAMPLE.accountId] })
  async funnelOfReferrer(accountId: string): Promise<ReferrerFunnel> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM referral_clicks WHERE referrer_account_id = $1) AS clicks,
              count(*) AS signups, count(r.qualified_at) AS qualified, count(r.rewarded_at) AS rewarded,
              count(r.capped_at) AS capped
         FROM referrals r WHERE r.referrer_account_id = $1`,
      [accountId],
    );
    return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])) as ReferrerFunnel;
  }

  /** A past referral as it stands (the demo funnel), attributed to its campaign's last click before the signup. */
  @GenerateSql({
    params: [
      SQL_SAMPLE.transaction,
      {
        referrerAccountId: SQL_SAMPLE.accountId,
        refereeAccountId: SQL_SAMPLE.newAccountId,
        utmCampaign: 'spring',
        status: 'rewarded',
        signedUpAt: SQL_SAMPLE.date,
        reviewRequiredAt: null,
        qualifiedAt: SQL_SAMPLE.date,
        rewardedAt: SQL_SAMPLE.date,
        reviewReason: null,
      },
    ],
  })
  async insertPastReferral(tx: TransactionContext, referral: PastReferral): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO referrals (referrer_account_id, referee_account_id, click_id, utm_campaign, status,
                              signed_up_at, review_required_at, qualified_at, rewarded_at, review_reason)
       VALUES ($1, $2, (SELECT id FROM referral_clicks WHERE utm_campaign = $3 AND created_at < $5
                         ORDER BY created_at DESC LIMIT 1),
               $3, $4, $5, $6, $7, $8, $9)`,
      [
        referral.referrerAccountId,
        referral.refereeAccountId,
        referral.utmCampaign,
        referral.status,
        referral.signedUpAt,
        referral.reviewRequiredAt,
        referral.qualifiedAt,
        referral.rewardedAt,
        referral.reviewReason,
      ],
    );
  }
}

/** The statements of one transaction. Created by ReferralsRepository.transaction only. */
export class ReferralsTransaction {
  private readonly manager: EntityManager;

  /** The transaction, opaque, for other modules' services that must join it. */
  constructor(readonly context: TransactionContext) {
    this.manager = entityManagerOf(context);
  }

  /** Serialises signups from one IP, so the per-IP velocity rule counts concurrent signups exactly. */
  @GenerateSql({ params: [SQL_SAMPLE.hash] })
  async lockSignupIp(ipHash: Buffer): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended(encode($1::bytea, 'hex'), 1))`, [ipHash]);
  }

  @GenerateSql({ params: [SQL_SAMPLE.hash] })
  async countSignupsFromIp(ipHash: Buffer): Promise<number> {
    const [{ count }] = await this.manager.query(
      `SELECT count(*) FROM referrals WHERE signup_ip_hash = $1 AND signed_up_at > now() - interval '24 hours'`,
      [ipHash],
    );
    return Number(count);
  }

  @GenerateSql({ params: [{ referrerAccountId: SQL_SAMPLE.accountId, refereeAccountId: SQL_SAMPLE.newAccountId, clickId: null, utmCampaign: 'spring', signupIpHash: SQL_SAMPLE.hash, status: 'signed_up', reason: null }, { kind: 'system', id: null, accountId: null }] })
  async insertReferral(referral: NewReferral, actor: Actor): Promise<ReferralRecord> {
    const [{ id }] = await this.manager.query(
      `INSERT INTO referrals (referrer_account_id, referee_account_id, click_id, utm_campaign, signup_ip_hash, status,
                              signed_up_at, review_required_at, rejected_at, review_reason, rejection_reason)
       VALUES ($1, $2, $3, $4, $5, $6, now(),
               CASE WHEN $6 = 'review_required' THEN now() END,
               CASE WHEN $6 = 'rejected' THEN now() END,
               CASE WHEN $6 = 'review_required' THEN $7 END,
               CASE WHEN $6 = 'rejected' THEN $7 END)
       RETURNING id`,
      [
        referral.referrerAccountId,
        referral.refereeAccountId,
        referral.clickId,
        referral.utmCampaign,
        referral.signupIpHash,
        referral.status,
        referral.reason,
      ],
    );
    await this.recordTransition(id, null, referral.status, referral.reason, actor);
    return this.findById(id) as Promise<ReferralRecord>;
  }

  /** Locks the referral for the rest of the transaction. */
  @GenerateSql({ params: [SQL_SAMPLE.referralId] })
  async lockById(id: string): Promise<ReferralRecord | null> {
    const rows = await this.manager.query(`SELECT ${REFERRAL_COLUMNS} FROM referrals r WHERE r.id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  @GenerateSql({ params: [SQL_SAMPLE.referralId] })
  async findById(id: string): Promise<ReferralRecord | null> {
    const rows = await this.manager.query(`SELECT ${REFERRAL_COLUMNS} FROM referrals r WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /**
   * The one statement that changes a status: moves a locked referral along `transition` (which only the state
   * machine makes), stamping that stage's time and reason, and records who did it.
   */
  @GenerateSql(
    { name: 'to a stage', params: [{ id: SQL_SAMPLE.referralId, status: 'signed_up', referrer_account_id: SQL_SAMPLE.accountId }, { action: 'qualify', from: 'signed_up', to: 'qualified' }, null, { kind: 'system', id: null, accountId: null }] },
    { name: 'to rejected', params: [{ id: SQL_SAMPLE.referralId, status: 'signed_up', referrer_account_id: SQL_SAMPLE.accountId }, { action: 'reject', from: 'signed_up', to: 'rejected' }, 'sample_reason', { kind: 'system', id: null, accountId: null }] },
    { name: 'back to signed_up', params: [{ id: SQL_SAMPLE.referralId, status: 'signed_up', referrer_account_id: SQL_SAMPLE.accountId }, { action: 'approve', from: 'review_required', to: 'signed_up' }, null, { kind: 'system', id: null, accountId: null }] },
  )
  async moveTo(referral: ReferralRecord, transition: Transition, reason: string | null, actor: Actor): Promise<void> {
    const { from, to } = transition;
    const stage = STAGE_COLUMN[to];
    const reasonColumn = to === 'rejected' ? 'rejection_reason' : null;
    await this.manager.query(
      `UPDATE referrals SET status = $2, updated_at = now()
              ${stage ? `, ${stage} = now()` : ''}${reasonColumn ? `, ${reasonColumn} = $3` : ''}
        WHERE id = $1`,
      reasonColumn ? [referral.id, to, reason] : [referral.id, to],
    );
    await this.recordTransition(referral.id, from, to, reason, actor);
  }

  /**
   * Counts one more reward for the referrer this UTC month, only while under `cap`: the row lock of the
   * conditional upsert is what makes the cap exact under concurrency. True when the reward fits.
   */
  @GenerateSql({ params: [SQL_SAMPLE.accountId, 10] })
  async claimRewardSlot(referrerAccountId: string, cap: number): Promise<boolean> {
    if (cap <= 0) return false;
    const rows = await this.manager.query(
      `INSERT INTO referral_reward_counts AS c (referrer_account_id, month, rewarded)
       VALUES ($1, date_trunc('month', now() AT TIME ZONE 'UTC')::date, 1)
       ON CONFLICT (referrer_account_id, month) DO UPDATE SET rewarded = c.rewarded + 1 WHERE c.rewarded < $2
       RETURNING rewarded`,
      [referrerAccountId, cap],
    );
    return rows.length > 0;
  }

  @GenerateSql({ params: [SQL_SAMPLE.referralId, 'signed_up', 'qualified', null, { kind: 'system', id: null, accountId: null }] })
  private async recordTransition(
    referralId: string,
    from: ReferralStatus | null,
    to: ReferralStatus,
    reason: string | null,
    actor: Actor,
  ): Promise<void> {
    await this.manager.query(
      `INSERT INTO referral_transitions (referral_id, from_status, to_status, reason, actor_kind, actor_id, actor_account_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [referralId, from, to, reason, actor.kind, actor.id, actor.accountId],
    );
  }
}
