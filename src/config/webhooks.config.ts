import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigValidationError, DEFAULT_EMBEDDED_PG_DIR, type EnvironmentVariables } from './environment';

export interface WebhooksConfig {
  /** The AES-256 key sealing signing secrets; read (or created) on first use, so routes that never need it never touch the file. */
  readonly secretKey: () => Buffer;
  /** Where the generated key lives when WEBHOOK_SECRET_KEY is unset; undefined when it is set. */
  readonly generatedKeyFile?: string;
  /** WEBHOOK_ALLOWED_HOSTS, one entry each (trimmed, empty ones dropped): the webhooks module builds its AllowedHosts from them. */
  readonly allowedHosts: readonly string[];
  readonly workerEnabled: boolean;
  readonly pollIntervalMs: number;
  readonly timeoutMs: number;
  readonly leaseMs: number;
  readonly retry: { readonly baseDelayMs: number; readonly maxDelayMs: number };
}

/**
 * The development default for WEBHOOK_SECRET_KEY: 32 random bytes kept beside the embedded database's data
 * directory (mode 0600), created by the first process that needs it ('wx': two processes racing both end up
 * reading the winner's key). Survives restarts, so stored secrets stay decryptable.
 */
function keyFromFile(file: string): Buffer {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a base64 32-byte key: delete it or set WEBHOOK_SECRET_KEY`);
  return key;
}

export function webhooksConfigFrom(env: EnvironmentVariables): WebhooksConfig {
  if (env.WEBHOOK_LEASE_MS < env.WEBHOOK_TIMEOUT_MS + 1_000) {
    throw new ConfigValidationError([
      `WEBHOOK_LEASE_MS=${env.WEBHOOK_LEASE_MS}: must exceed WEBHOOK_TIMEOUT_MS (${env.WEBHOOK_TIMEOUT_MS}) by at least 1000, ` +
        'or a slow attempt could be claimed again while it is still being sent',
    ]);
  }
  const generatedKeyFile = env.WEBHOOK_SECRET_KEY ? undefined : `${resolve(env.EMBEDDED_PG_DIR ?? DEFAULT_EMBEDDED_PG_DIR)}.webhook-key`;
  let key: Buffer | undefined = env.WEBHOOK_SECRET_KEY ? Buffer.from(env.WEBHOOK_SECRET_KEY, 'base64') : undefined;
  return {
    secretKey: () => (key ??= keyFromFile(generatedKeyFile!)),
    generatedKeyFile,
    allowedHosts: (env.WEBHOOK_ALLOWED_HOSTS ?? '').split(',').map((entry) => entry.trim()).filter(Boolean),
    workerEnabled: env.WEBHOOK_WORKER_ENABLED,
    pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    leaseMs: env.WEBHOOK_LEASE_MS,
    retry: { baseDelayMs: env.WEBHOOK_RETRY_BASE_MS, maxDelayMs: env.WEBHOOK_RETRY_MAX_DELAY_MS },
  };
}
