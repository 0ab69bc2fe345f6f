import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  latestPlanCheck,
  PLAN_CHECK_CONSTRAINT,
  planCheckStatement,
  writePlanCheckMigration,
} from '../../src/database/plan-check-migration';
import { MIGRATIONS } from '../../src/database/schema';
import { PLANS } from '../../src/plans/plan-registry';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const DATABASE_DIR = join(__dirname, '../../src/database');
const sorted = (plans: readonly string[]) => [...plans].sort();

/** The plan registry and the database's CHECK on accounts.plan: a registry change needs its migration. */
describe('the CHECK on accounts.plan', () => {
  let database: TestDatabase;
  let db: DataSource;

  const installedPlans = async (): Promise<string[]> => {
    const [{ definition }] = await db.query<Array<{ definition: string }>>(
      `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = $1 AND conrelid = 'accounts'::regclass`,
      [PLAN_CHECK_CONSTRAINT],
    );
    return [...definition.matchAll(/'([^']+)'::text/g)].map(([, plan]) => plan);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource({ type: 'postgres', url: database.url, migrations: MIGRATIONS, migrationsTableName: 'typeorm_migrations' }).initialize();
    await db.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it("lists exactly the registry's plans once every migration has run (else: npm run plans:migration)", async () => {
    expect(sorted(await installedPlans())).toEqual(sorted(PLANS));
  });

  it('is found in the migration files as the database has it, so the generator starts from the right list', async () => {
    expect(sorted(latestPlanCheck(join(DATABASE_DIR, 'migrations')).plans)).toEqual(sorted(await installedPlans()));
  });

  it('is replaced by the statement the generated migration runs, and restored by its down()', async () => {
    await db.query(planCheckStatement([...PLANS, 'team']));
    expect(sorted(await installedPlans())).toEqual(sorted([...PLANS, 'team']));
    await db.query(`INSERT INTO accounts (email, plan) VALUES ('team@example.com', 'team')`);
    await db.query(`DELETE FROM accounts WHERE email = 'team@example.com'`);

    await db.query(planCheckStatement(PLANS));
    expect(sorted(await installedPlans())).toEqual(sorted(PLANS));
    await expect(db.query(`INSERT INTO accounts (email, plan) VALUES ('team@example.com', 'team')`)).rejects.toThrow(/accounts_plan_check/);
  });
});

describe('npm run plans:migration', () => {
  let copy: string;

  beforeEach(() => {
    copy = mkdtempSync(join(tmpdir(), 'plan-check-'));
    cpSync(join(DATABASE_DIR, 'migrations'), join(copy, 'migrations'), { recursive: true });
    cpSync(join(DATABASE_DIR, 'schema.ts'), join(copy, 'schema.ts'));
  });

  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  it('writes nothing while the latest CHECK lists the registry', () => {
    const before = readdirSync(join(copy, 'migrations'));

    expect(writePlanCheckMigration(copy)).toBeNull();
    expect(readdirSync(join(copy, 'migrations'))).toEqual(before);
  });

  it('writes one migration holding the new list literally, and lists it in schema.ts', () => {
    const written = writePlanCheckMigration(copy, [...PLANS, 'team'], 1);

    expect(written).not.toBeNull();
    const source = readFileSync(written!.file, 'utf8');
    expect(source).toContain(planCheckStatement([...PLANS, 'team']));
    expect(source).toContain(planCheckStatement(PLANS)); // down()
    expect(source).not.toMatch(/^import .*plans/m); // frozen: the list is literal, the registry is not imported
    expect(sorted(latestPlanCheck(join(copy, 'migrations')).plans)).toEqual(sorted([...PLANS, 'team']));
    const schema = readFileSync(join(copy, 'schema.ts'), 'utf8');
    expect(schema).toContain(`import { ${written!.className} } from './migrations/`);
    expect(schema).toMatch(new RegExp(`  ${written!.className},\\n\\];`));
    // The timestamp follows the newest migration even with a clock behind it.
    expect(Number(written!.className.replace('PlanCheck', ''))).toBeGreaterThan(1_764_770_000_000);
  });
});
