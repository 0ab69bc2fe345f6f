import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLANS } from '../plans/plan-registry';

/**
 * What `npm run plans:migration` (write-plan-check-migration.ts) does: after a plan is added to (or removed from) src/plans/plan-registry.ts, writes the
 * one migration that makes the database's CHECK on accounts.plan list the registry's plans, and adds it to
 * schema.ts. The migration holds the list literally, like every migration it is frozen once committed: it never
 * imports the registry. Nothing is written when the latest CHECK already lists the registry's plans.
 * test/plans/plan-check.e2e-spec.ts fails while a registry change has no such migration.
 */

/** PostgreSQL's name for the column CHECK of the initial schema, kept by every replacement. */
export const PLAN_CHECK_CONSTRAINT = 'accounts_plan_check';

/** A plan CHECK as migrations write it: `CHECK (plan IN ('free', 'starter', …))`. */
const PLAN_CHECK = /CHECK \(plan IN \(([^)]*)\)\)/;

const list = (plans: readonly string[]) => plans.map((plan) => `'${plan}'`).join(', ');

/** The statement that makes the CHECK list `plans`, whatever it listed before. */
export function planCheckStatement(plans: readonly string[]): string {
  return `ALTER TABLE accounts DROP CONSTRAINT ${PLAN_CHECK_CONSTRAINT}, ADD CONSTRAINT ${PLAN_CHECK_CONSTRAINT} CHECK (plan IN (${list(plans)}))`;
}

/** The plans a migration's first plan CHECK lists (its up(); a generated migration's down() comes after it), or null. */
export function plansInCheck(source: string): string[] | null {
  const match = PLAN_CHECK.exec(source);
  return match ? [...match[1].matchAll(/'([^']+)'/g)].map(([, plan]) => plan) : null;
}

/** The CHECK the migrations leave behind: the one of the latest migration (by timestamp) that writes one. */
export function latestPlanCheck(migrationsDir: string): { file: string; plans: string[] } {
  const files = readdirSync(migrationsDir)
    .filter((name) => /^\d+-.+\.ts$/.test(name))
    .sort((a, b) => Number(a.split('-')[0]) - Number(b.split('-')[0]));
  for (const file of files.reverse()) {
    const plans = plansInCheck(readFileSync(join(migrationsDir, file), 'utf8'));
    if (plans) return { file, plans };
  }
  throw new Error(`No migration in ${migrationsDir} writes a CHECK (plan IN (…))`);
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** The source of the migration from the CHECK on `previous` to one on `plans`. */
export function planCheckMigrationSource(timestamp: number, plans: readonly string[], previous: readonly string[]): string {
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The CHECK on accounts.plan, made to list the plans of src/plans/plan-registry.ts as of this migration.
 * Written by \`npm run plans:migration\`; the list is literal, so later registry changes do not alter it.
 */
export class PlanCheck${timestamp} implements MigrationInterface {
  name = 'PlanCheck${timestamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`${planCheckStatement(plans)}\`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`${planCheckStatement(previous)}\`);
  }
}
`;
}

/** Adds the migration class to the explicit list in schema.ts (an import and the last entry of MIGRATIONS). */
export function registerMigration(schemaSource: string, className: string, fileStem: string): string {
  const lines = schemaSource.split('\n');
  const lastImport = lines.findLastIndex((line) => line.startsWith("import { ") && line.includes("from './migrations/"));
  lines.splice(lastImport + 1, 0, `import { ${className} } from './migrations/${fileStem}';`);
  const source = lines.join('\n');
  const end = source.indexOf('];', source.indexOf('export const MIGRATIONS = ['));
  return `${source.slice(0, end)}  ${className},\n${source.slice(end)}`;
}

export interface WrittenMigration {
  file: string;
  className: string;
  from: string[];
  to: string[];
}

/** Writes the migration when the latest CHECK differs from `plans`; null when there is nothing to do. */
export function writePlanCheckMigration(
  databaseDir: string,
  plans: readonly string[] = PLANS,
  now: number = Date.now(),
): WrittenMigration | null {
  const migrationsDir = join(databaseDir, 'migrations');
  const latest = latestPlanCheck(migrationsDir);
  if (sameSet(latest.plans, plans)) return null;
  const newest = Math.max(...readdirSync(migrationsDir).map((name) => Number(name.split('-')[0])).filter(Number.isFinite));
  const timestamp = Math.max(now, newest + 1);
  const fileStem = `${timestamp}-plan-check`;
  const className = `PlanCheck${timestamp}`;
  const file = join(migrationsDir, `${fileStem}.ts`);
  writeFileSync(file, planCheckMigrationSource(timestamp, plans, latest.plans));
  const schemaFile = join(databaseDir, 'schema.ts');
  writeFileSync(schemaFile, registerMigration(readFileSync(schemaFile, 'utf8'), className, fileStem));
  return { file, className, from: latest.plans, to: [...plans] };
}
