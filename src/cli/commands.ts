import type { INestApplicationContext } from '@nestjs/common';
import { parseArgs } from 'node:util';
import { AccountsService } from '../accounts/accounts.service';
import { Account } from '../accounts/entities/account.entity';
import { apiKeyView as keyView } from '../auth/api-keys/api-key.view';
import { ApiKeysService } from '../auth/api-keys/api-keys.service';
import { mintJwt } from '../auth/jwt/jwt-minter';
import { parseRfc3339 } from '../common/time/rfc3339';
import { ReconciliationRepository } from '../billing/reconciliation.repository';
import { AppConfig } from '../config/app-config';
import { ReferralStatsRepository } from '../referrals/stats/referral-stats.repository';

/** A mistake in the command line: reported to the operator, with usage, and exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: npm run cli -- <command> [options]      (every command prints JSON)

  accounts:create --email EMAIL --plan PLAN [--overage]
  accounts:set-plan --account ID --plan PLAN [--overage | --no-overage]
  accounts:list
  keys:create --account ID [--name NAME] [--expires RFC3339]   prints the key once
  keys:list --account ID
  keys:revoke KEY_ID
  keys:rotate KEY_ID [--overlap 24h]                           prints the new key once; the old one works until the overlap ends
  jwt:mint --account ID [--ttl 1h]                             signs with JWT_SECRET (development)
  stats:verify                                                 compares the stats rollups with the raw events
  stats:rebuild                                                recomputes the rollups from the raw events, then verifies
  billing:reconcile [--repair]                                 compares usage counters with the ledger; --repair fixes drift

Plans: free, starter, growth, pro, business, enterprise, admin.`;

function accountView(account: Account) {
  return {
    id: account.id,
    email: account.email,
    plan: account.plan,
    overage_enabled: account.overageEnabled,
    created_at: account.createdAt.toISOString(),
  };
}

/** `30s`, `15m`, `1h`, `7d`, or plain seconds. */
export function parseTtlSeconds(text: string, minimum = 1): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!match) throw new UsageError(`"${text}": use a number with s, m, h or d, such as 1h`);
  const seconds = Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  if (seconds < minimum || seconds > 30 * 86_400) throw new UsageError(`"${text}" must be between ${minimum} seconds and 30 days`);
  return seconds;
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`${flag} is required`);
  return value;
}

/** Runs one operator command against the app's services and returns what to print as JSON. */
export async function runCommand(app: INestApplicationContext, argv: string[]): Promise<unknown> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    allowNegative: true,
    strict: true,
    options: {
      email: { type: 'string' },
      plan: { type: 'string' },
      overage: { type: 'boolean' },
      account: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string' },
      ttl: { type: 'string' },
      overlap: { type: 'string' },
      repair: { type: 'boolean' },
    },
  });
  const accounts = app.get(AccountsService);
  const apiKeys = app.get(ApiKeysService);

  switch (command) {
    case 'accounts:create':
      return accountView(await accounts.create(required(values.email, '--email'), required(values.plan, '--plan'), values.overage ?? false));
    case 'accounts:set-plan':
      return accountView(
        await accounts.setPlan(required(values.account ?? positionals[0], '--account'), required(values.plan, '--plan'), values.overage),
      );
    case 'accounts:list':
      return (await accounts.list()).map(accountView);
    case 'keys:create': {
      const account = await accounts.getById(required(values.account, '--account'));
      let expiresAt: Date | undefined;
      if (values.expires !== undefined) {
        const micros = parseRfc3339(values.expires);
        if (micros === null) throw new UsageError(`--expires "${values.expires}" is not an RFC 3339 date-time`);
        expiresAt = new Date(Number(micros / 1000n));
      }
      const { key, record } = await apiKeys.create(account.id, { name: values.name, expiresAt });
      return { key, ...keyView(record), note: 'This is the only time the key is shown. Store it now.' };
    }
    case 'keys:list': {
      const account = await accounts.getById(required(values.account, '--account'));
      return (await apiKeys.list(account.id)).map(keyView);
    }
    case 'keys:revoke':
      return keyView(await apiKeys.revoke(required(positionals[0], 'KEY_ID')));
    case 'keys:rotate': {
      const overlapSeconds = values.overlap === undefined ? undefined : parseTtlSeconds(values.overlap, 0);
      const { key, record, previous } = await apiKeys.rotate(required(positionals[0], 'KEY_ID'), { overlapSeconds });
      return {
        key,
        ...keyView(record),
        previous: keyView(previous),
        note: 'This is the only time the key is shown. Store it now.',
      };
    }
    case 'jwt:mint': {
      const account = await accounts.getById(required(values.account, '--account'));
      const ttlSeconds = parseTtlSeconds(values.ttl ?? '1h');
      const token = mintJwt(app.get(AppConfig).auth.jwt, account.id, ttlSeconds);
      return { token, account_id: account.id, expires_at: new Date(Date.now() + ttlSeconds * 1000).toISOString() };
    }
    case 'stats:verify': {
      const drift = await app.get(ReferralStatsRepository).findDrift();
      return { ok: drift.length === 0, drift };
    }
    case 'stats:rebuild': {
      const stats = app.get(ReferralStatsRepository);
      const rows = await stats.rebuild();
      const drift = await stats.findDrift();
      return { ok: drift.length === 0, rows, drift };
    }
    case 'billing:reconcile': {
      const reconciliation = app.get(ReconciliationRepository);
      if (!values.repair) {
        const drift = await reconciliation.findDrift();
        return { ok: drift.length === 0, drift };
      }
      const repaired = await reconciliation.repair();
      const remaining = await reconciliation.findDrift();
      return { ok: remaining.length === 0, repaired, drift: remaining };
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}"` : 'No command given');
  }
}
