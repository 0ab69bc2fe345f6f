import type { MigrationInterface, QueryRunner } from 'typeorm';
import { installHotRoutines } from './1764720000001-hot-statement-routines';

/**
 * The admission statement sums a row's unexpired bonus credits in place instead of calling bonus_available().
 * That SQL function has a FROM clause, so the planner never inlined it: PostgreSQL parsed and planned its body
 * on every execution of the admission statement and ran an executor per row, which measured 40-75 µs per
 * statement plus 8-13 µs per admitted request (docs/billing.md, "Metering cost: designs measured", item 8).
 * Nothing else calls the function, so it goes; re-installing the hot routines brings the admission statement in
 * line with this code (readiness reports it outdated until then).
 */
export class BonusSumInPlace1764870000000 implements MigrationInterface {
  name = 'BonusSumInPlace1764870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await installHotRoutines(queryRunner);
    await queryRunner.query(`DROP FUNCTION bonus_available(timestamptz[], bigint[], timestamptz)`);
  }

  /** The function comes back; as for the earlier routine migrations, the previous release's code re-installs its own bodies. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION bonus_available(expires timestamptz[], remaining bigint[], at timestamptz) RETURNS bigint
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(sum(r), 0)::bigint FROM unnest(expires, remaining) AS b(e, r) WHERE e > at
      $$`);
  }
}
