import type { MigrationInterface, QueryRunner } from 'typeorm';
import { HOT_ROUTINES } from '../../health/hot-routines';
import { createRoutineStatement, dropRoutineStatement } from '../routines';

/**
 * Installs the metering and stats statements as PL/pgSQL functions, so they keep a plan per backend without
 * named prepared statements (which a transaction-mode pooler cannot keep). The bodies come from the code that
 * calls them; a later change to one needs a migration that runs `installHotRoutines` again (readiness reports
 * an installed body that differs from the code).
 */
export async function installHotRoutines(queryRunner: QueryRunner): Promise<void> {
  for (const routine of HOT_ROUTINES) await queryRunner.query(createRoutineStatement(routine));
}

export class HotStatementRoutines1764720000001 implements MigrationInterface {
  name = 'HotStatementRoutines1764720000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await installHotRoutines(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const routine of HOT_ROUTINES) await queryRunner.query(dropRoutineStatement(routine));
  }
}
