import type { MigrationInterface, QueryRunner } from 'typeorm';
import { METERING_INLINE_FUNCTIONS, METERING_ROUTINES } from '../../billing/metering/metering-routines';
import { createInlineFunctionStatement, dropInlineFunctionStatement, dropRoutineStatement } from '../routines';
import { installHotRoutines } from './1764720000001-hot-statement-routines';

/** Routines of the previous metering code, by signature: gone or renamed (see up()). */
const PREVIOUS_ROUTINES = [
  'billing_admit(uuid, int, int, bigint, bigint, boolean, text, text, text, text, int)',
  'billing_admit_batch(uuid[], int[], int[], bigint[], bigint[], boolean[], text[], text[], text[], text[], int, bigint[])',
  'billing_confirm(bigint[])',
  'billing_refund(bigint)',
  'billing_commit(uuid)',
  'billing_release(uuid)',
];

/**
 * One admission statement (docs/billing.md): the single-request `billing_admit` is gone (the batched admission is
 * the only one, and the one the tests run); a confirmation alone is the batched admission with no request
 * (`billing_confirm` is gone); `billing_admit_batch` takes the rate limiter's verdicts ($13); the settlements are
 * renamed for what they do and shared with the sweeps (`billing_commit` -> `billing_charge_reservation`,
 * `billing_release` -> `billing_return_reservations(uuid[])`, `billing_refund` -> `billing_refund_charges(bigint[])`).
 * The rules those statements share (the counters' rollover, the rate limiter's sliding log) become inlined SQL
 * functions, installed first.
 */
export class OneAdmissionStatement1764810000000 implements MigrationInterface {
  name = 'OneAdmissionStatement1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const signature of PREVIOUS_ROUTINES) await queryRunner.query(`DROP FUNCTION IF EXISTS ${signature}`);
    for (const fn of METERING_INLINE_FUNCTIONS) await queryRunner.query(createInlineFunctionStatement(fn));
    await installHotRoutines(queryRunner);
  }

  /**
   * Drops what up() created. The previous bodies are not kept here: after a revert, the previous release's code
   * re-installs them (its readiness reports them missing until then).
   */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const routine of METERING_ROUTINES) await queryRunner.query(dropRoutineStatement(routine));
    for (const fn of [...METERING_INLINE_FUNCTIONS].reverse()) await queryRunner.query(dropInlineFunctionStatement(fn));
  }
}
