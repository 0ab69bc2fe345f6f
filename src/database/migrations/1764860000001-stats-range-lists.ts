import type { MigrationInterface, QueryRunner } from 'typeorm';
import { statsRoutines } from '../../referrals/stats/stats-sql';
import { createRoutineStatement } from '../routines';
import { installHotRoutines } from './1764720000001-hot-statement-routines';

/**
 * The stats funnel and series statements read each source with one scan over a list of ranges (stats-sql.ts,
 * PartsMode 'range-lists'), and series buckets read their whole UTC days from the daily rollups. Same
 * signatures, new bodies: re-installing the hot routines brings the database in line with this code (readiness
 * reports it outdated until then).
 */
export class StatsRangeLists1764860000001 implements MigrationInterface {
  name = 'StatsRangeLists1764860000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await installHotRoutines(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const routine of statsRoutines('needed-parts')) await queryRunner.query(createRoutineStatement(routine));
  }
}
