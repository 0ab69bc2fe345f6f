import type { MigrationInterface, QueryRunner } from 'typeorm';
import { METERING_INLINE_FUNCTIONS } from '../../billing/metering/metering-routines';
import { createInlineFunctionStatement, dropInlineFunctionStatement } from '../routines';
import { installHotRoutines } from './1764720000001-hot-statement-routines';

/** The sliding log's functions over the previous timestamptz[] log, by signature (replaced in up()). */
const PREVIOUS_SLIDING_LOG_FUNCTIONS = [
  'billing_rate_blocker(timestamptz[], int)',
  'billing_rate_limited(timestamptz[], int, timestamptz)',
  'billing_rate_log_newest(timestamptz[])',
  'billing_rate_log_admit(timestamptz[], timestamptz, int)',
  'billing_rate_window(timestamptz[], timestamptz)',
];

/**
 * Metering that costs per admission what a few key lookups cost (docs/billing.md, "Metering cost: designs
 * measured"):
 * - the sliding log holds only what can still decide (at most N entries, none 60 s old), as int4 milliseconds
 *   since a per-row epoch instead of timestamptz: 4 bytes an entry, and a row that stays under the table's
 *   toast_tuple_target up to ~2,000 entries, so an account at a high limit is not compressed and moved out of
 *   line on every admission. Existing logs keep the entries that can still decide (those under 60 s older than
 *   the newest), the newest becoming the epoch;
 * - the metering routines are re-installed with KEY_LOOKUPS (no sequential scans) and statements that reach
 *   every table by key, so no backend keeps a plan made on an empty table.
 */
export class CompactSlidingLog1764850000000 implements MigrationInterface {
  name = 'CompactSlidingLog1764850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const signature of PREVIOUS_SLIDING_LOG_FUNCTIONS) await queryRunner.query(`DROP FUNCTION IF EXISTS ${signature}`);
    await queryRunner.query(`
      ALTER TABLE billing_counters
        ADD COLUMN admissions_epoch timestamptz NOT NULL DEFAULT '2000-01-01 00:00:00+00',
        ADD COLUMN admission_offsets int[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`
      UPDATE billing_counters c
         SET admissions_epoch = log.newest,
             admission_offsets = ARRAY(SELECT ceil(extract(epoch FROM a - log.newest) * 1000)::int
                                         FROM unnest(c.recent_admissions) a
                                        WHERE a > log.newest - interval '60 seconds'
                                        ORDER BY a)
        FROM (SELECT account_id, recent_admissions[cardinality(recent_admissions)] AS newest FROM billing_counters) log
       WHERE c.account_id = log.account_id AND log.newest IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE billing_counters DROP COLUMN recent_admissions`);
    await queryRunner.query(`ALTER TABLE billing_counters RENAME COLUMN admission_offsets TO recent_admissions`);
    await queryRunner.query(`
      COMMENT ON COLUMN billing_counters.recent_admissions IS
        'Sliding log of the per-minute limit: admissions in ms since admissions_epoch (rounded up), ascending; at most the plan''s limit, none 60 s old'`);
    // Rows up to ~8 KB stay inline and uncompressed: the log is rewritten on every admission.
    await queryRunner.query(`ALTER TABLE billing_counters SET (toast_tuple_target = 8160)`);
    for (const fn of METERING_INLINE_FUNCTIONS) await queryRunner.query(createInlineFunctionStatement(fn));
    await installHotRoutines(queryRunner);
  }

  /**
   * Back to timestamptz[] (every entry kept). As for the previous migration, the previous bodies of the routines
   * and functions are not kept here: after a revert, the previous release's code re-installs them.
   */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const fn of [...METERING_INLINE_FUNCTIONS].reverse()) await queryRunner.query(dropInlineFunctionStatement(fn));
    await queryRunner.query(`ALTER TABLE billing_counters ADD COLUMN admission_times timestamptz[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`
      UPDATE billing_counters
         SET admission_times = ARRAY(SELECT admissions_epoch + ms * interval '1 millisecond' FROM unnest(recent_admissions) ms ORDER BY ms)`);
    await queryRunner.query(`ALTER TABLE billing_counters DROP COLUMN recent_admissions, DROP COLUMN admissions_epoch`);
    await queryRunner.query(`ALTER TABLE billing_counters RENAME COLUMN admission_times TO recent_admissions`);
    await queryRunner.query(`ALTER TABLE billing_counters RESET (toast_tuple_target)`);
  }
}
