import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ADMIT_BATCH_ROUTINE } from '../billing/metering/admission.sql';
import { METERING_INLINE_FUNCTIONS } from '../billing/metering/metering-routines';
import { primaryPool } from '../database/pools';
import { callStatement, routineSettings, routineSource } from '../database/routines';
import { GenerateSql } from '../database/generate-sql';
import { HOT_ROUTINES } from './hot-routines';

/**
 * The metering statement itself, with an empty batch: the same call, pool, per-statement bounds and
 * server-side function every metered request uses, with nothing to lock or write. If metered requests cannot
 * run, this fails too (a `SELECT 1` would pass while they 500).
 */
const PROBE_METERING = callStatement(ADMIT_BATCH_ROUTINE);
const EMPTY_BATCH = [[], [], [], [], [], [], [], [], [], [], 1000, [], []];

/** What must match between the code and pg_proc: the source, and the SET clauses (none for an inlined function). */
const installedAs = (source: string, settings: readonly string[]) => JSON.stringify({ source, settings });

const INSTALLED_ROUTINES = `
SELECT proname AS name, prosrc AS source, coalesce(proconfig, '{}') AS settings FROM pg_proc WHERE proname = ANY($1::text[])`;

@Injectable()
export class ReadinessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @GenerateSql()
  async probeMetering(): Promise<void> {
    await primaryPool(this.dataSource).query(PROBE_METERING, EMPTY_BATCH);
  }

  /**
   * Hot routines, and the SQL functions they call, missing from the database or installed from other SQL (or,
   * for a routine, other planner settings) than this code's (a migration is due).
   */
  @GenerateSql()
  async findOutdatedRoutines(): Promise<string[]> {
    const expected = [
      ...HOT_ROUTINES.map((routine) => ({ name: routine.name, installed: installedAs(routineSource(routine), routineSettings(routine)) })),
      ...METERING_INLINE_FUNCTIONS.map((fn) => ({ name: fn.name, installed: installedAs(fn.body, []) })),
    ];
    const { rows } = await primaryPool(this.dataSource).query<{ name: string; source: string; settings: string[] }>(
      INSTALLED_ROUTINES,
      [expected.map((routine) => routine.name)],
    );
    const installed = new Map(rows.map((row) => [row.name, installedAs(row.source, row.settings)]));
    return expected.filter((routine) => installed.get(routine.name) !== routine.installed).map((routine) => routine.name);
  }
}
