import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Plan } from '../../src/plans/plan-registry';
import { ApiKeysService } from '../../src/auth/api-keys/api-keys.service';

/** An account inserted straight into the database; returns its id. */
export async function createAccount(
  db: DataSource,
  options: { plan: Plan; overageEnabled?: boolean; email?: string },
): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO accounts (email, plan, overage_enabled) VALUES ($1, $2, $3) RETURNING id`,
    [options.email ?? `${options.plan}-${randomUUID()}@example.com`, options.plan, options.overageEnabled ?? false],
  );
  return id;
}

/** A new API key for the account, issued by the real ApiKeysService; returns the raw key. */
export async function createApiKey(
  app: INestApplicationContext,
  accountId: string,
  options: { name?: string; expiresAt?: Date } = {},
): Promise<string> {
  return (await app.get(ApiKeysService).create(accountId, options)).key;
}

/** An account on `plan` and a key for it. */
export async function createAccountWithKey(
  app: INestApplicationContext,
  plan: Plan,
  options: { overageEnabled?: boolean } = {},
): Promise<{ accountId: string; apiKey: string }> {
  const accountId = await createAccount(app.get(DataSource), { plan, ...options });
  return { accountId, apiKey: await createApiKey(app, accountId) };
}
