import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { generateApiKey } from '../../src/auth/api-keys/api-key-format';
import { queryDatabase } from './test-database';

const ROOT = join(__dirname, '..', '..');
// Plain JavaScript shared with scripts/run-built.js (the CLI launcher): one build under one lock for every suite.
const { buildIfStale } = require('../../scripts/build-if-stale.js') as { buildIfStale: () => boolean };

/**
 * Compiles dist/ once when a source is newer than the last build, under dist/.build-lock. Suites that start the
 * built service run in parallel: the first builds, the others wait for it and find dist fresh, so no suite
 * rebuilds dist/ while another starts processes from it.
 */
export function buildServiceOnce(): void {
  buildIfStale();
}

/** The compiled service (`dist/src/main.js`, as deployed) as its own process: its own pool, its own worker, real signals. */
export class ServiceProcess {
  readonly process: ChildProcess;
  private readonly exit: Promise<number | null>;
  output = '';

  constructor(
    readonly port: number,
    env: Record<string, string>,
  ) {
    this.process = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.process.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exit = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Resolves once /health/ready answers 200; fails at once if the process exits first. */
  async ready(): Promise<void> {
    for (let attempt = 0; attempt < 600; attempt++) {
      if (this.process.exitCode !== null || this.process.signalCode !== null) {
        throw new Error(`service exited (${this.process.exitCode ?? this.process.signalCode}) before it was ready:\n${this.output}`);
      }
      // Bounded: a port that accepts and never answers must fail the wait, not hang it.
      const status = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then((response) => response.status, () => 0);
      if (status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`service did not become ready:\n${this.output}`);
  }

  /** The exit code, once the process has exited (null when a signal ended it). */
  exited(): Promise<number | null> {
    return this.exit;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill(signal);
    return this.exit;
  }
}

/** An admin account with one API key, written straight into a database that service processes have migrated. */
export async function insertAdminWithKey(databaseUrl: string, keyName: string): Promise<string> {
  const generated = generateApiKey();
  await queryDatabase(
    databaseUrl,
    `WITH admin AS (INSERT INTO accounts (email, plan) VALUES ('ops@example.com', 'admin') RETURNING id)
     INSERT INTO api_keys (account_id, name, key_hash, display_prefix) SELECT id, $3, $1, $2 FROM admin`,
    [generated.hash, generated.displayPrefix, keyName],
  );
  return generated.key;
}
