import type { INestApplicationContext } from '@nestjs/common';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Account } from '../accounts/entities/account.entity';
import { apiKeyView as keyView } from '../auth/api-keys/api-key.view';
import { PLAN_LIST } from '../plans/plan-registry';

/** A mistake in the command line: reported to the operator, with the command's usage, and exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The flag or argument at fault, when there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * What a command needs loaded: `accounts`, `stats` and `billing` are small module sets that start in well
 * under a second; `app` is the whole service (a plan change must reach the referral program's listener).
 */
export type CommandScope = 'accounts' | 'stats' | 'billing' | 'app';

/** The part of a Nest context a command uses; the CLI's own context and a test's app both fit. */
export type CommandContext = Pick<INestApplicationContext, 'get'>;

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

interface Command {
  synopsis: string;
  description: string;
  scope: CommandScope;
  options: Options;
  run(context: CommandContext, values: Values, positionals: string[]): Promise<unknown>;
}

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
export function parseTtlSeconds(text: string, minimum = 1, flag = '--ttl'): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!match) throw new UsageError(`${flag} "${text}": use a number with s, m, h or d, such as 1h`, flag);
  const seconds = Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  if (seconds < minimum || seconds > 30 * 86_400) {
    throw new UsageError(`${flag} "${text}" must be between ${minimum} seconds and 30 days`, flag);
  }
  return seconds;
}

function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`${flag} is required`, flag);
  return value;
}

// Services are loaded when a command runs, not when the CLI starts: `accounts:list` must not pay for the
// stats or JWT code (see docs/cli.md for the timings).
const accountsService = async (context: CommandContext) =>
  context.get((await import('../accounts/accounts.service')).AccountsService);
const apiKeysService = async (context: CommandContext) =>
  context.get((await import('../auth/api-keys/api-keys.service')).ApiKeysService);

export const COMMANDS: Record<string, Command> = {
  'accounts:create': {
    synopsis: 'accounts:create --email EMAIL --plan PLAN [--overage]',
    description: `Creates an account. Plans: ${PLAN_LIST}.`,
    scope: 'accounts',
    options: { email: { type: 'string' }, plan: { type: 'string' }, overage: { type: 'boolean' } },
    async run(context, values) {
      const accounts = await accountsService(context);
      return accountView(await accounts.create(required(values.email, '--email'), required(values.plan, '--plan'), values.overage === true));
    },
  },
  'accounts:set-plan': {
    synopsis: 'accounts:set-plan --account ID --plan PLAN [--overage | --no-overage]',
    description: 'Changes an account\'s plan (a referee moving to a paying plan qualifies its referral).',
    scope: 'app',
    options: { account: { type: 'string' }, plan: { type: 'string' }, overage: { type: 'boolean' } },
    async run(context, values, positionals) {
      const accounts = await accountsService(context);
      const overage = values.overage as boolean | undefined;
      return accountView(await accounts.setPlan(required(values.account ?? positionals[0], '--account'), required(values.plan, '--plan'), overage));
    },
  },
  'accounts:list': {
    synopsis: 'accounts:list',
    description: 'Lists every account.',
    scope: 'accounts',
    options: {},
    async run(context) {
      return (await (await accountsService(context)).list()).map(accountView);
    },
  },
  'keys:create': {
    synopsis: 'keys:create --account ID [--name NAME] [--expires RFC3339]',
    description: 'Creates an API key for an account and prints it once.',
    scope: 'accounts',
    options: { account: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' } },
    async run(context, values) {
      const account = await (await accountsService(context)).getById(required(values.account, '--account'));
      let expiresAt: Date | undefined;
      if (typeof values.expires === 'string') {
        const { parseRfc3339 } = await import('../common/time/rfc3339');
        const micros = parseRfc3339(values.expires);
        if (micros === null) {
          throw new UsageError(`--expires "${values.expires}" is not an RFC 3339 date-time, such as 2027-01-01T00:00:00Z`, '--expires');
        }
        expiresAt = new Date(Number(micros / 1000n));
      }
      const name = typeof values.name === 'string' ? values.name : undefined;
      const { key, record } = await (await apiKeysService(context)).create(account.id, { name, expiresAt });
      return { key, ...keyView(record), note: 'This is the only time the key is shown. Store it now.' };
    },
  },
  'keys:list': {
    synopsis: 'keys:list --account ID',
    description: 'Lists an account\'s keys (never the keys themselves).',
    scope: 'accounts',
    options: { account: { type: 'string' } },
    async run(context, values) {
      const account = await (await accountsService(context)).getById(required(values.account, '--account'));
      return (await (await apiKeysService(context)).list(account.id)).map(keyView);
    },
  },
  'keys:revoke': {
    synopsis: 'keys:revoke KEY_ID',
    description: 'Revokes a key (every instance refuses it within API_KEY_CACHE_TTL_MS).',
    scope: 'accounts',
    options: {},
    async run(context, _values, positionals) {
      return keyView(await (await apiKeysService(context)).revoke(required(positionals[0], 'KEY_ID')));
    },
  },
  'keys:rotate': {
    synopsis: 'keys:rotate KEY_ID [--overlap 24h]',
    description: 'Replaces a key and prints the new one once; the old one works until the overlap ends.',
    scope: 'accounts',
    options: { overlap: { type: 'string' } },
    async run(context, values, positionals) {
      const overlapSeconds = typeof values.overlap === 'string' ? parseTtlSeconds(values.overlap, 0, '--overlap') : undefined;
      const { key, record, previous } = await (await apiKeysService(context)).rotate(required(positionals[0], 'KEY_ID'), {
        overlapSeconds,
      });
      return { key, ...keyView(record), previous: keyView(previous), note: 'This is the only time the key is shown. Store it now.' };
    },
  },
  'jwt:mint': {
    synopsis: 'jwt:mint --account ID [--ttl 1h]',
    description: 'Signs a development JWT with JWT_SECRET.',
    scope: 'accounts',
    options: { account: { type: 'string' }, ttl: { type: 'string' } },
    async run(context, values) {
      const account = await (await accountsService(context)).getById(required(values.account, '--account'));
      const ttlSeconds = parseTtlSeconds(typeof values.ttl === 'string' ? values.ttl : '1h');
      const [{ mintJwt }, { AppConfig }] = await Promise.all([import('../auth/jwt/jwt-minter'), import('../config/app-config')]);
      const token = mintJwt(context.get(AppConfig).auth.jwt, account.id, ttlSeconds);
      return { token, account_id: account.id, expires_at: new Date(Date.now() + ttlSeconds * 1000).toISOString() };
    },
  },
  'stats:verify': {
    synopsis: 'stats:verify',
    description: 'Compares the stats rollups with the raw events.',
    scope: 'stats',
    options: {},
    async run(context) {
      const { ReferralStatsRepository } = await import('../referrals/stats/referral-stats.repository');
      const drift = await context.get(ReferralStatsRepository).findDrift();
      return { ok: drift.length === 0, drift };
    },
  },
  'stats:rebuild': {
    synopsis: 'stats:rebuild',
    description: 'Recomputes the rollups from the raw events, then verifies.',
    scope: 'stats',
    options: {},
    async run(context) {
      const { ReferralStatsRepository } = await import('../referrals/stats/referral-stats.repository');
      const stats = context.get(ReferralStatsRepository);
      const rows = await stats.rebuild();
      const drift = await stats.findDrift();
      return { ok: drift.length === 0, rows, drift };
    },
  },
  'billing:reconcile': {
    synopsis: 'billing:reconcile [--repair]',
    description: 'Compares usage counters with the ledger; --repair fixes drift.',
    scope: 'billing',
    options: { repair: { type: 'boolean' } },
    async run(context, values) {
      const { ReconciliationRepository } = await import('../billing/reconciliation.repository');
      const reconciliation = context.get(ReconciliationRepository);
      if (!values.repair) {
        const drift = await reconciliation.findDrift();
        return { ok: drift.length === 0, drift };
      }
      const repaired = await reconciliation.repair();
      const remaining = await reconciliation.findDrift();
      return { ok: remaining.length === 0, repaired, drift: remaining };
    },
  },
};

export const USAGE = `Usage: npm run -s cli -- <command> [options]      (every command prints JSON; <command> --help for one)

${Object.values(COMMANDS)
  .map((command) => `  ${command.synopsis.padEnd(62)} ${command.description}`)
  .join('\n')}`;

export function commandUsage(name: string): string {
  const command = COMMANDS[name];
  return `Usage: npm run -s cli -- ${command.synopsis}\n\n${command.description}`;
}

/** The command named by argv[0], or a usage error that says what exists. */
export function findCommand(name: string | undefined): Command {
  if (!name) throw new UsageError('No command given');
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`Unknown command "${name}"`, 'command');
  return command;
}

/** Parses a command's flags strictly: an unknown or malformed flag is a UsageError naming it. */
export function parseCommandLine(argv: string[]): { command: Command; values: Values; positionals: string[] } {
  const [name, ...rest] = argv;
  const command = findCommand(name);
  try {
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, allowNegative: true, strict: true, options: command.options });
    return { command, values: values as Values, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(-{1,2}[\w-]+)/.exec(message)?.[1];
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, ''), flag);
  }
}

/** Runs one operator command against the app's services and returns what to print as JSON. */
export async function runCommand(context: CommandContext, argv: string[]): Promise<unknown> {
  const { command, values, positionals } = parseCommandLine(argv);
  return command.run(context, values, positionals);
}
