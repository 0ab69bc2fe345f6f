import type { QueryRunner } from 'typeorm';
import { METERING_ROUTINES } from '../../src/billing/metering/metering-routines';
import { routineSettings, type Routine } from '../../src/database/routines';
import { createTestApp, TestApp } from '../support/test-app';

/** A bind value of each parameter type the metering routines take (EXPLAIN EXECUTE wants literals). */
const SAMPLE_VALUES: Record<string, string> = {
  uuid: `'00000000-0000-0000-0000-000000000000'`,
  int: '0',
  bigint: '0',
};
const sampleValue = (type: string) => (type.endsWith('[]') ? `'{}'` : SAMPLE_VALUES[type]);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  'Tid Cond'?: string;
  Plans?: PlanNode[];
}

/** The scans of tables in a plan that are not key lookups: sequential scans, and index scans without a condition. */
function scansNotByKey(node: PlanNode): string[] {
  const own =
    node['Relation Name'] !== undefined && node['Node Type'] !== 'ModifyTable' && !node['Index Cond'] && !node['Tid Cond']
      ? [`${node['Node Type']} on ${node['Relation Name']}`]
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(scansNotByKey)];
}

/**
 * Each metering routine's plan as PostgreSQL makes it for the routine: generic (the plan a backend keeps), with the
 * routine's own settings, on tables that vacuum has just found empty (a new database; billing_pending_charges
 * between bursts), where a sequential scan or a join reading a whole table is the cheapest plan on paper, and the
 * worst once the table has grown (docs/billing.md, "Metering cost: designs measured").
 */
describe('Metering routines: key lookups whatever the tables held when planned', () => {
  let t: TestApp;
  let runner: QueryRunner;

  async function genericPlan(body: string, parameters: readonly string[], settings: readonly string[]): Promise<PlanNode> {
    await runner.query('BEGIN');
    try {
      for (const setting of settings) {
        const [name, value] = setting.split('=');
        await runner.query(`SELECT set_config($1, $2, true)`, [name, value]);
      }
      await runner.query(`PREPARE planned(${parameters.join(', ')}) AS ${body}`);
      const [{ 'QUERY PLAN': plan }] = await runner.query(
        `EXPLAIN (FORMAT JSON) EXECUTE planned(${parameters.map(sampleValue).join(', ')})`,
      );
      return plan[0].Plan as PlanNode;
    } finally {
      await runner.query('ROLLBACK');
      await runner.query('DEALLOCATE ALL');
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.query('VACUUM ANALYZE billing_counters, billing_ledger, billing_pending_charges, billing_reservations');
  });

  afterAll(async () => {
    await runner.release();
    await t.close();
  });

  it.each(METERING_ROUTINES.map((routine): [string, Routine] => [routine.name, routine]))(
    '%s reaches every table by key',
    async (_name, routine) => {
      const plan = await genericPlan(routine.body, routine.parameters, routineSettings(routine));

      expect(scansNotByKey(plan)).toEqual([]);
    },
  );

  it('flags what the check is for: a semi-join on the markers, planned on an empty table, reads the whole index', async () => {
    const semiJoin = `DELETE FROM billing_pending_charges
                       WHERE ledger_id IN (SELECT ledger_id FROM billing_pending_charges WHERE ledger_id = ANY($1::bigint[])
                                              FOR UPDATE SKIP LOCKED)`;

    const plan = await genericPlan(semiJoin, ['bigint[]'], ['plan_cache_mode=force_generic_plan', 'enable_seqscan=off']);

    expect(scansNotByKey(plan)).toEqual(['Index Scan on billing_pending_charges']);
  });
});
