import type { PlanLimits } from '../../plans/plan-registry';

export interface PlanRow {
  plan: string;
  limits: PlanLimits;
}

const number = (n: number) => n.toLocaleString('en-US');
const dollars = (cents: number) => (cents === 0 ? '$0' : `$${(cents / 100).toFixed(2)}`);

/** The plans as this deployment enforces them (operators may override the numbers), as a Markdown table. */
function planTable(plans: readonly PlanRow[]): string {
  const rows = plans.map(({ plan, limits }) =>
    [
      plan,
      `${dollars(limits.priceCents)}/month`,
      number(limits.includedCredits),
      limits.dailyCap === null ? 'none' : number(limits.dailyCap),
      `${number(limits.ratePerMinute)}/min`,
      limits.overage === null
        ? 'no'
        : `${dollars(limits.overage.centsPer1000Credits)} per 1,000${limits.overage.requiresOptIn ? ' (opt-in)' : ''}`,
    ].join(' | '),
  );
  return [
    'plan | price | included credits / month | daily cap (credits) | rate limit | overage',
    '---|---|---|---|---|---',
    ...rows,
  ].join('\n');
}

/**
 * The front page of Swagger UI: everything a newcomer needs before the first call, without the README.
 * The plan table is generated from the running configuration, so it cannot drift from what is enforced.
 */
export function apiDescription(plans: readonly PlanRow[], authFailuresPerMinute: number): string {
  return `
Billing and referrals API of the Crawlora web-data platform. Every operation below shows its **credit cost**
in its title, examples for its parameters and responses, and ready-to-run \`curl\` and \`fetch\` samples.
Admins can also look at the referral funnel as a chart at [/console](/console/).

### Getting started
1. Get an API key. On a fresh local start the service prints a demo **admin** key once; operators create
   more with \`npm run -s cli -- keys:create --account <id>\`.
2. Click **Authorize** and paste it under \`x-api-key\`, or paste an admin JWT under \`jwt\` (sent as
   \`Authorization: Bearer …\`). When both are sent, the API key wins.
3. Open an operation, **Try it out**, **Execute**.

### Authentication
Admin routes need an account on the **admin** plan. A valid credential of another plan gets \`403\`
(\`data.reason: "plan_required"\`); a missing or bad one gets \`401\` with \`data.reason\` one of
\`missing_credentials\`, \`invalid_api_key\`, \`revoked_api_key\`, \`expired_api_key\`, \`invalid_token\`,
\`expired_token\`. More than ${authFailuresPerMinute} failed attempts from one IP in any 60 s answer \`429\`
(\`too_many_failures\`) until the minute clears. A rotated key answers \`rotated_api_key\` once its overlap ends.

### API keys
Keys are managed over HTTP: admins for any account (\`/api/v1/admin/accounts/{id}/keys\`,
\`/api/v1/admin/keys/{id}/rotate\`, \`DELETE /api/v1/admin/keys/{id}\`, the audit trail at
\`/api/v1/admin/keys/audit\`), every plan for its own (\`/api/v1/account/keys\`). The secret is in the one
response that creates it, never again (it is stored as its SHA-256 only). **Rotation** issues a replacement and
keeps the old key working for \`overlap_seconds\` (default 24 h, at most 7 days), so deployments switch without an
outage. A revocation reaches every instance within \`API_KEY_CACHE_TTL_MS\` (5 s). An account holds at most 20 live
keys (409 \`api_key_limit_reached\`). Key management is **not metered**: no credits, not counted against the rate
limit, so a leaked key can be rotated or revoked even by an account out of credits.

### Admin JWTs from an identity provider (the console proxy)
The admin console's backend gets an access token from its identity provider (Keycloak, Auth0, Cognito…, e.g. with
the OAuth 2.0 client-credentials grant) and calls this API with \`Authorization: Bearer <token>\`. The service
verifies it against the provider's JWKS (\`JWT_JWKS_URL\`): RS/ES/PS algorithms only, \`iss\` = \`JWT_ISSUER\`,
\`aud\` = \`JWT_AUDIENCE\`, \`exp\` required; the account id comes from \`sub\` (or \`JWT_ACCOUNT_CLAIM\`) and its
plan from the database. Keys are cached; a new \`kid\` (the provider rotated) is fetched at most once per
\`JWT_JWKS_COOLDOWN_MS\`; with the provider down, cached keys keep working and unknown ones are refused.

### The envelope
Every response, success or error, is \`{ "code", "msg", "data" }\`: \`code\` repeats the HTTP status, \`msg\`
is \`"ok"\` or the reason for a failure. Errors carry \`data.request_id\` (also the \`X-Request-Id\` header of
every response; send your own to correlate) and, on 400, \`data.errors\`: one \`{ field, message }\` per problem.

\`\`\`json
{ "code": 200, "msg": "ok", "data": { "clicks": 42, "attributed_signups": 9, "signup_rate": 0.214 } }
\`\`\`

### Credits and plans
Metered routes cost the credits shown on each operation (also \`x-credit-cost\` in the document), **charged only
for 2xx responses**: a 4xx or 5xx costs nothing. Each plan sets a rate limit over any rolling 60 seconds (every
admitted request counts, whatever its outcome), an optional daily cap (UTC day), the credits included each
calendar month (UTC) and what happens past them (overage billed, or refused). Referral bonus credits are spent
before included credits. The plans (also \`GET /api/v1/plans\`):

${planTable(plans)}

### Headers on every metered response
- \`RateLimit-Policy\`: the quotas, e.g. \`"minute";q=15;w=60, "day";q=5000;w=86400\` (the day policy only on
  plans with a daily cap).
- \`RateLimit\`: what is left of each, e.g. \`"minute";r=14;t=60, "day";r=4999;t=41234\` (\`r\` remaining, \`t\`
  seconds until it is restored).
- \`X-Credits-Charged\`: credits charged for this response (the route cost on 2xx, else 0).
- \`X-Credits-Remaining\`: included credits left this month (overage not counted).

### 429: refused by the limits
Nothing is charged. \`data.reason\` says which limit, \`data.retry_after_seconds\` and the \`Retry-After\`
header say when to retry:
- \`rate_limited\`: the plan's per-minute limit; retry within the minute.
- \`daily_cap_reached\`: the plan's daily credit cap; retry after 00:00 UTC.
- \`credits_exhausted\`: the month's included credits, on a plan without overage (Free; Starter and Growth
  unless overage is enabled); retry when the next month starts.
- \`too_many_failures\`: too many failed authentications from your IP (see Authentication).

\`\`\`json
{ "code": 429, "msg": "Plan rate limit exceeded",
  "data": { "request_id": "5b0f6c1e-…", "reason": "rate_limited", "retry_after_seconds": 12 } }
\`\`\`
`.trim();
}
