"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.USAGE = exports.UsageError = void 0;
exports.parseTtlSeconds = parseTtlSeconds;
exports.runCommand = runCommand;
const node_util_1 = require("node:util");
const accounts_service_1 = require("../accounts/accounts.service");
const api_key_view_1 = require("../auth/api-keys/api-key.view");
const api_keys_service_1 = require("../auth/api-keys/api-keys.service");
const jwt_minter_1 = require("../auth/jwt/jwt-minter");
const rfc3339_1 = require("../common/time/rfc3339");
const reconciliation_repository_1 = require("../billing/reconciliation.repository");
const app_config_1 = require("../config/app-config");
const referral_stats_repository_1 = require("../referrals/stats/referral-stats.repository");
/** A mistake in the command line: reported to the operator, with usage, and exit code 2. */
class UsageError extends Error {
}
exports.UsageError = UsageError;
exports.USAGE = `Usage: npm run cli -- <command> [options]      (every command prints JSON)

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
function accountView(account) {
    return {
        id: account.id,
        email: account.email,
        plan: account.plan,
        overage_enabled: account.overageEnabled,
        created_at: account.createdAt.toISOString(),
    };
}
/** `30s`, `15m`, `1h`, `7d`, or plain seconds. */
function parseTtlSeconds(text, minimum = 1) {
    const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
    if (!match)
        throw new UsageError(`"${text}": use a number with s, m, h or d, such as 1h`);
    const seconds = Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2]];
    if (seconds < minimum || seconds > 30 * 86_400)
        throw new UsageError(`"${text}" must be between ${minimum} seconds and 30 days`);
    return seconds;
}
function required(value, flag) {
    if (!value)
        throw new UsageError(`${flag} is required`);
    return value;
}
/** Runs one operator command against the app's services and returns what to print as JSON. */
async function runCommand(app, argv) {
    const [command, ...rest] = argv;
    const { values, positionals } = (0, node_util_1.parseArgs)({
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
    const accounts = app.get(accounts_service_1.AccountsService);
    const apiKeys = app.get(api_keys_service_1.ApiKeysService);
    switch (command) {
        case 'accounts:create':
            return accountView(await accounts.create(required(values.email, '--email'), required(values.plan, '--plan'), values.overage ?? false));
        case 'accounts:set-plan':
            return accountView(await accounts.setPlan(required(values.account ?? positionals[0], '--account'), required(values.plan, '--plan'), values.overage));
        case 'accounts:list':
            return (await accounts.list()).map(accountView);
        case 'keys:create': {
            const account = await accounts.getById(required(values.account, '--account'));
            let expiresAt;
            if (values.expires !== undefined) {
                const micros = (0, rfc3339_1.parseRfc3339)(values.expires);
                if (micros === null)
                    throw new UsageError(`--expires "${values.expires}" is not an RFC 3339 date-time`);
                expiresAt = new Date(Number(micros / 1000n));
            }
            const { key, record } = await apiKeys.create(account.id, { name: values.name, expiresAt });
            return { key, ...(0, api_key_view_1.apiKeyView)(record), note: 'This is the only time the key is shown. Store it now.' };
        }
        case 'keys:list': {
            const account = await accounts.getById(required(values.account, '--account'));
            return (await apiKeys.list(account.id)).map(api_key_view_1.apiKeyView);
        }
        case 'keys:revoke':
            return (0, api_key_view_1.apiKeyView)(await apiKeys.revoke(required(positionals[0], 'KEY_ID')));
        case 'keys:rotate': {
            const overlapSeconds = values.overlap === undefined ? undefined : parseTtlSeconds(values.overlap, 0);
            const { key, record, previous } = await apiKeys.rotate(required(positionals[0], 'KEY_ID'), { overlapSeconds });
            return {
                key,
                ...(0, api_key_view_1.apiKeyView)(record),
                previous: (0, api_key_view_1.apiKeyView)(previous),
                note: 'This is the only time the key is shown. Store it now.',
            };
        }
        case 'jwt:mint': {
            const account = await accounts.getById(required(values.account, '--account'));
            const ttlSeconds = parseTtlSeconds(values.ttl ?? '1h');
            const token = (0, jwt_minter_1.mintJwt)(app.get(app_config_1.AppConfig).auth.jwt, account.id, ttlSeconds);
            return { token, account_id: account.id, expires_at: new Date(Date.now() + ttlSeconds * 1000).toISOString() };
        }
        case 'stats:verify': {
            const drift = await app.get(referral_stats_repository_1.ReferralStatsRepository).findDrift();
            return { ok: drift.length === 0, drift };
        }
        case 'stats:rebuild': {
            const stats = app.get(referral_stats_repository_1.ReferralStatsRepository);
            const rows = await stats.rebuild();
            const drift = await stats.findDrift();
            return { ok: drift.length === 0, rows, drift };
        }
        case 'billing:reconcile': {
            const reconciliation = app.get(reconciliation_repository_1.ReconciliationRepository);
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
//# sourceMappingURL=commands.js.map