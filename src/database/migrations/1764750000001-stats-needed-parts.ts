import type { MigrationInterface, QueryRunner } from 'typeorm';
import { statsRoutines } from '../../referrals/stats/stats-sql';
import { createRoutineStatement } from '../routines';
import { installHotRoutines } from './1764720000001-hot-statement-routines';

/**
 * The stats funnel statements skip the parts of a window that are empty (stats-sql.ts, PartsMode): an
 * hour-aligned window no longer runs its 14 raw-event counts. Same signatures, new bodies: re-installing the
 * hot routines brings the database in line with this code (readiness reports it outdated until then).
 */
export class StatsNeededParts1764750000001 implements MigrationInterface {
  name = 'StatsNeededParts1764750000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await installHotRoutines(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const routine of statsRoutines('every-part')) await queryRunner.query(createRoutineStatement(routine));
  }
}
