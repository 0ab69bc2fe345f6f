import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
/**
 * A build of our own: other suites rebuild dist/ while this one runs, and node starting on a main.js that tsc
 * has just truncated exits silently.
 */
export const BUILD_DIR = join(ROOT, 'dist-webhook-tests');

export function buildService(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', BUILD_DIR, '--tsBuildInfoFile', join(BUILD_DIR, '.tsbuildinfo')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

/** The compiled service (`dist/`) as its own process: its own pool, its own worker, real signals. */
export class ServiceProcess {
  readonly process: ChildProcess;
  private readonly exit: Promise<number | null>;
  output = '';

  constructor(
    readonly port: number,
    env: Record<string, string>,
  ) {
    this.process = spawn(process.execPath, [join(BUILD_DIR, 'src', 'main.js')], {
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

  async ready(): Promise<void> {
    for (let attempt = 0; attempt < 600; attempt++) {
      if (this.process.exitCode !== null || this.process.signalCode !== null) {
        throw new Error(`service exited (${this.process.exitCode ?? this.process.signalCode}) before it was ready:\n${this.output}`);
      }
      const status = await fetch(`${this.baseUrl}/health/ready`).then((response) => response.status, () => 0);
      if (status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`service did not become ready:\n${this.output}`);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill(signal);
    await this.exit;
  }
}
