import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { formatEpochMicros } from '../../common/time/rfc3339';
import { sqlState } from '../../database/pools';
import { ReadReplicas } from '../../database/replicas/read-replicas.service';
import { callStatement } from '../../database/routines';
import { ReferralException } from '../referral.exception';
import { FunnelCounts, FunnelWindow } from './funnel';
import type { CampaignSort, SeriesInterval } from './breakdown-options';
import {
  ALL_CAMPAIGNS,
  campaignsRoutine,
  driftQuery,
  FUNNEL_EVENTS,
  FUNNEL_FOR_CAMPAIGN_ROUTINE,
  FUNNEL_ROUTINE,
  rebuildStatement,
  seriesRoutine,
} from './stats-sql';
import { ROLLUP_COLUMNS, ROLLUP_TABLES, type RollupUnit } from './rollups';
import { splitWindow, windowParameters } from './window-parts';
import { GenerateSql } from '../../database/generate-sql';

const INVALID_PARAMETER_VALUE = '22023';
const ROLLUP_UNITS: RollupUnit[] = ['hour', 'day'];

export interface SeriesBucket {
  /** Exact UTC bounds of the bucket, clipped to the window. */
  from: string;
  to: string;
  /** The zone's UTC offset at the bucket's start, in seconds (changes across DST). */
  offsetSeconds: number;
  counts: FunnelCounts;
}

export interface CampaignFunnel {
  campaign: string;
  counts: FunnelCounts;
}

export interface RollupDrift {
  unit: RollupUnit;
  campaign: string;
  bucket: string;
  stored: Record<string, number>;
  expected: Record<string, number>;
}

/** Counts arrive as bigint strings; funnel counts stay far below 2^53. */
function countsFrom(row: Record<string, unknown>, key: (alias: keyof FunnelCounts, column: string) => string): FunnelCounts {
  return Object.fromEntries(FUNNEL_EVENTS.map(([alias, column]) => [alias, Number(row[key(alias, column)])])) as unknown as FunnelCounts;
}

/** What the client sends for each stats statement: a call of its server-side function (see stats-sql.ts). */
const CALL_FUNNEL = callStatement(FUNNEL_ROUTINE);
const CALL_FUNNEL_FOR_CAMPAIGN = callStatement(FUNNEL_FOR_CAMPAIGN_ROUTINE);
const seriesCall = (interval: SeriesInterval, withCampaign: boolean) => callStatement(seriesRoutine(interval, withCampaign));
const campaignsCall = (sort: CampaignSort) => callStatement(campaignsRoutine(sort));

/**
 * The stats queries. They are hot and fixed, so they run as server-side functions (planned once per backend),
 * and read from a hot standby when one is current enough (ReadReplicas); drift checks and rebuilds stay on the
 * primary.
 */
@Injectable()
export class ReferralStatsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReadReplicas,
  ) {}

  @GenerateSql({ name: 'all campaigns', params: [{ from: 1767225600000000n, to: 1769904000000000n, campaign: null }] }, { name: 'one campaign', params: [{ from: 1767225600000000n, to: 1769904000000000n, campaign: 'spring' }] }, { name: 'unbounded', params: [{ from: null, to: null, campaign: null }] })
  async countFunnel(window: FunnelWindow): Promise<FunnelCounts> {
    const withCampaign = window.campaign !== null;
    const [row] = await this.reads.read<Record<string, string>>(
      withCampaign ? CALL_FUNNEL_FOR_CAMPAIGN : CALL_FUNNEL,
      [window.campaign ?? ALL_CAMPAIGNS, ...windowParameters(splitWindow(window.from, window.to))],
    );
    return countsFrom(row, (alias) => alias);
  }

  /** The funnel per bucket of [from, to) in `timeZone`; bounds are required here. */
  @GenerateSql(...(['hour', 'day', 'week', 'month'] as const).flatMap((interval) => [{ name: interval, params: [{ from: 1767225600000000n, to: 1769904000000000n, campaign: null }, interval, 'Europe/Paris'] }, { name: `${interval}, one campaign`, params: [{ from: 1767225600000000n, to: 1769904000000000n, campaign: 'spring' }, interval, 'Europe/Paris'] }]))
  async countSeries(
    window: FunnelWindow & { from: bigint; to: bigint },
    interval: SeriesInterval,
    timeZone: string,
  ): Promise<SeriesBucket[]> {
    const withCampaign = window.campaign !== null;
    const rows = await this.reads.read<Record<string, string | number>>(
      seriesCall(interval, withCampaign),
      [window.campaign ?? ALL_CAMPAIGNS, formatEpochMicros(window.from), formatEpochMicros(window.to), timeZone],
    ).catch((error: unknown) => {
      // A zone the runtime knows but this PostgreSQL's tz database does not: the client's input, not our fault.
      if (sqlState(error) === INVALID_PARAMETER_VALUE) {
        throw ReferralException.invalidQuery({ field: 'timezone', message: `timezone ${timeZone} is not known to the database` });
      }
      throw error;
    });
    return rows.map((row) => ({
      from: String(row.from),
      to: String(row.to),
      offsetSeconds: Number(row.offsetSeconds),
      counts: countsFrom(row, (alias) => alias),
    }));
  }

  /** The funnel of each campaign with events in the window, top `limit` by `sort`. */
  @GenerateSql({ params: [{ from: 1767225600000000n, to: 1769904000000000n }, 'clicks', 10] })
  async countByCampaign(window: Omit<FunnelWindow, 'campaign'>, sort: CampaignSort, limit: number): Promise<CampaignFunnel[]> {
    const rows = await this.reads.read<Record<string, string>>(campaignsCall(sort), [
      limit,
      ...windowParameters(splitWindow(window.from, window.to)),
    ]);
    return rows.map((row) => ({ campaign: row.campaign, counts: countsFrom(row, (_alias, column) => column) }));
  }

  /** Rollup rows (hourly and daily) that differ from a recount of the raw events. */
  @GenerateSql({ params: [100] })
  async findDrift(limit = 100): Promise<RollupDrift[]> {
    const drift: RollupDrift[] = [];
    for (const unit of ROLLUP_UNITS) {
      const rows: Array<Record<string, string>> = await this.dataSource.query(driftQuery(unit), [limit]);
      drift.push(
        ...rows.map((row) => ({
          unit,
          campaign: row.campaign,
          bucket: row.bucket,
          stored: Object.fromEntries(ROLLUP_COLUMNS.map((c) => [c, Number(row[`stored_${c}`])])),
          expected: Object.fromEntries(ROLLUP_COLUMNS.map((c) => [c, Number(row[`expected_${c}`])])),
        })),
      );
    }
    return drift;
  }

  /**
   * Recomputes every rollup row from the raw events. Writers to the event tables wait meanwhile (SHARE lock),
   * so the rebuilt rows are exact when the lock is released. Returns the number of rows written.
   */
  @GenerateSql()
  rebuild(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('LOCK TABLE referral_clicks, referrals IN SHARE MODE');
      let written = 0;
      for (const unit of ROLLUP_UNITS) {
        await manager.query(`DELETE FROM ${ROLLUP_TABLES[unit]}`);
        written += (await manager.query(rebuildStatement(unit))).length;
      }
      return written;
    });
  }
}
