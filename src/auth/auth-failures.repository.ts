import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GenerateSql } from '../database/generate-sql';

export interface CountedFailure {
  /** Failures of this client in the current window, this one included. */
  failures: number;
  windowEndsAt: Date;
}

/**
 * One failure more for the client: a new window when its last one has ended. Atomic, so concurrent failures on
 * any number of instances each get a distinct count.
 */
const COUNT_FAILURE = `
INSERT INTO auth_failures AS f (client_ip, window_started_at, failures)
VALUES ($1, now(), 1)
ON CONFLICT (client_ip) DO UPDATE
   SET failures          = CASE WHEN f.window_started_at <= now() - make_interval(secs => $2) THEN 1 ELSE f.failures + 1 END,
       window_started_at = CASE WHEN f.window_started_at <= now() - make_interval(secs => $2) THEN now() ELSE f.window_started_at END
RETURNING failures, window_started_at + make_interval(secs => $2) AS window_ends_at`;

/** Windows that have ended: nothing reads them again. */
const SWEEP_ENDED = `DELETE FROM auth_failures WHERE window_started_at <= now() - make_interval(secs => $1)`;

@Injectable()
export class AuthFailuresRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @GenerateSql({ params: ['203.0.113.7', 60] })
  async count(clientIp: string, windowSeconds: number): Promise<CountedFailure> {
    const [row] = (await this.dataSource.query(COUNT_FAILURE, [clientIp, windowSeconds])) as Array<{
      failures: number;
      window_ends_at: Date;
    }>;
    return { failures: row.failures, windowEndsAt: row.window_ends_at };
  }

  @GenerateSql({ params: [60] })
  async sweepEnded(windowSeconds: number): Promise<number> {
    const [, deleted] = (await this.dataSource.query(SWEEP_ENDED, [windowSeconds])) as [unknown, number];
    return deleted;
  }
}
